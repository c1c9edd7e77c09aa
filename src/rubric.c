/* rubric.c — loading and checking the scoring rubric (lookups: rubric_query.c). */
#include "rubric.h"

#include <math.h>
#include <string.h>

#include <libxml/tree.h>

#include "text.h"
#include "xmlattr.h"
#include "xmldoc.h"

#define NAME(node) ((const char *)(node)->name)
#define SHOW(s) ((s) ? (s) : "?")

/* What the loader needs besides the rubric it builds; gone once it is built. */
struct loader {
	struct rubric *r;
	struct xmlattr x;       /* path, diagnostics and our own error count */
	GHashTable *scales;     /* id -> struct rubric_scale * */
	GHashTable *principles; /* id -> struct rubric_principle * */
	GHashTable *aspects;    /* id -> struct rubric_aspect * */
	GHashTable *groups;     /* id -> struct rubric_group * */
	GHashTable *types;      /* text_fold(id), owned -> struct rubric_unit_type * */
	GHashTable *prefixes;   /* folded prefix -> struct rubric_unit_type * */
	GHashTable *grade_mins; /* &grade->min -> struct rubric_grade * */
	unsigned seen_aspects, seen_types, seen_awards;
};

static void level_free(gpointer p)
{
	struct rubric_level *lv = p;

	g_free(lv->label);
	g_ptr_array_unref(lv->keys);
	g_free(lv);
}

static void scale_free(gpointer p)
{
	struct rubric_scale *sc = p;

	g_free(sc->id);
	g_hash_table_destroy(sc->by_key);
	g_ptr_array_unref(sc->levels);
	g_free(sc);
}

static void principle_free(gpointer p)
{
	struct rubric_principle *pr = p;

	g_free(pr->id);
	g_free(pr->label);
	g_free(pr->label_en);
	g_free(pr);
}

static void aspect_free(gpointer p)
{
	struct rubric_aspect *a = p;

	g_free(a->id);
	g_free(a->label);
	g_free(a);
}

static void group_free(gpointer p)
{
	struct rubric_group *g = p;

	g_free(g->id);
	g_free(g->label);
	g_free(g);
}

static void grade_free(gpointer p)
{
	struct rubric_grade *g = p;

	g_free(g->label);
	g_free(g);
}

static void item_free(gpointer p)
{
	struct rubric_item *it = p;

	g_free(it->code);
	g_free(it->text);
	g_ptr_array_unref(it->principles);
	g_free(it);
}

static void type_free(gpointer p)
{
	struct rubric_unit_type *t = p;

	g_free(t->id);
	g_free(t->label);
	g_ptr_array_unref(t->prefixes);
	g_ptr_array_unref(t->items);
	g_hash_table_destroy(t->by_code);
	g_free(t);
}

void rubric_free(struct rubric *r)
{
	if (!r)
		return;
	g_free(r->path);
	g_free(r->id);
	g_free(r->version);
	g_free(r->title);
	g_ptr_array_unref(r->scales);
	g_ptr_array_unref(r->principles);
	g_ptr_array_unref(r->aspects);
	g_ptr_array_unref(r->groups);
	g_ptr_array_unref(r->grades);
	g_ptr_array_unref(r->unit_types);
	g_free(r->predicate);
	g_free(r);
}

static int has_key(GPtrArray *keys, const char *key)
{
	return g_ptr_array_find_with_equal_func(keys, key, g_str_equal, NULL);
}

/* Split `list` on any of `seps`, trim and fold each part, drop empty and
 * repeated parts. */
static GPtrArray *folded_list(const char *list, const char *seps)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char **parts = g_strsplit_set(list ? list : "", seps, -1);
	/* A set, not a scan of `out`: a list may be megabytes long. */
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (char **p = parts; *p; p++) {
		char *k = text_fold(*p);

		if (!*k || g_hash_table_contains(seen, k)) {
			g_free(k);
		} else {
			g_ptr_array_add(out, k);
			g_hash_table_add(seen, k);
		}
	}
	g_hash_table_destroy(seen);
	g_strfreev(parts);
	return out;
}

/* The folded label first, then the folded aliases: the level's keys. */
static GPtrArray *level_keys(const char *label, const char *aliases)
{
	GPtrArray *keys = folded_list(aliases, ";");
	char *k = text_fold(label ? label : "");

	if (*k && !has_key(keys, k))
		g_ptr_array_insert(keys, 0, k);
	else
		g_free(k);
	return keys;
}

/* `seen`: folded answer -> the level of `sc` already holding it. */
static void read_level(struct loader *ld, struct rubric_scale *sc,
		       xmlNodePtr node, GHashTable *seen)
{
	struct rubric_level *lv = g_new0(struct rubric_level, 1);
	char *aliases;
	int ok = 1;

	xmlattr_leaf(&ld->x, node, "label value aliases");
	lv->label = xmlattr_need(&ld->x, node, "label");
	if (xmlattr_number(&ld->x, node, "value", 1, 0, -INFINITY, 0, &lv->value) >= 0 &&
	    (lv->value < 0 || lv->value > 1))
		xmlattr_fail(&ld->x, node, "value '%g' of level '%s' is outside [0,1]",
			     lv->value, SHOW(lv->label));
	aliases = xmlattr_opt(node, "aliases");
	lv->keys = level_keys(lv->label, aliases);
	g_free(aliases);

	for (guint i = 0; i < lv->keys->len; i++) {
		const struct rubric_level *owner =
			g_hash_table_lookup(seen, lv->keys->pdata[i]);

		if (owner) {
			xmlattr_fail(&ld->x, node,
				     "answer '%s' of level '%s' already belongs to level '%s' in scale '%s'",
				     (const char *)lv->keys->pdata[i], SHOW(lv->label),
				     SHOW(owner->label), SHOW(sc->id));
			ok = 0;
		}
	}
	if (!ok) {
		level_free(lv);
		return;
	}
	for (guint i = 0; i < lv->keys->len; i++)
		g_hash_table_insert(seen, lv->keys->pdata[i], lv);
	g_ptr_array_add(sc->levels, lv);
}

/*
 * Add `obj` to `list` and to `index` under `id` unless the id is missing or
 * taken. Entries with other faults are added too: the rubric is refused
 * anyway, and items naming them draw no second, misleading error.
 */
static int claim_id(struct loader *ld, xmlNodePtr node, GHashTable *index,
		    GPtrArray *list, const char *what, char *id, gpointer obj)
{
	if (!id)
		return 0;
	if (g_hash_table_contains(index, id)) {
		xmlattr_fail(&ld->x, node, "duplicate %s id '%s'", what, id);
		return 0;
	}
	g_ptr_array_add(list, obj);
	g_hash_table_insert(index, id, obj);
	return 1;
}

static void read_scale(struct loader *ld, xmlNodePtr node)
{
	struct rubric_scale *sc = g_new0(struct rubric_scale, 1);
	int levels = 0;

	xmlattr_known(&ld->x, node, "id");
	sc->id = xmlattr_need(&ld->x, node, "id");
	sc->levels = g_ptr_array_new_with_free_func(level_free);
	sc->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmldoc_is(c, "level")) {
			levels++;
			read_level(ld, sc, c, sc->by_key);
		} else {
			xmlattr_fail(&ld->x, c, "unknown element '%s' in 'scale'", NAME(c));
		}
	}
	if (!levels)
		xmlattr_fail(&ld->x, node, "scale '%s' has no levels", SHOW(sc->id));
	if (!claim_id(ld, node, ld->scales, ld->r->scales, "scale", sc->id, sc))
		scale_free(sc);
}

static void read_principle(struct loader *ld, xmlNodePtr node)
{
	struct rubric_principle *pr = g_new0(struct rubric_principle, 1);

	xmlattr_leaf(&ld->x, node, "id label label-en");
	pr->id = xmlattr_need(&ld->x, node, "id");
	pr->label = xmlattr_need(&ld->x, node, "label");
	pr->label_en = xmlattr_opt(node, "label-en");
	if (pr->label_en && !*pr->label_en)
		g_clear_pointer(&pr->label_en, g_free);
	pr->index = ld->r->principles->len;
	if (!claim_id(ld, node, ld->principles, ld->r->principles, "principle",
		      pr->id, pr))
		principle_free(pr);
}

static void read_aspect(struct loader *ld, xmlNodePtr node)
{
	struct rubric_aspect *a = g_new0(struct rubric_aspect, 1);

	ld->seen_aspects++;
	xmlattr_leaf(&ld->x, node, "id label weight");
	a->id = xmlattr_need(&ld->x, node, "id");
	a->label = xmlattr_need(&ld->x, node, "label");
	if (xmlattr_number(&ld->x, node, "weight", 1, 0, -INFINITY, 0, &a->weight) >= 0 &&
	    a->weight <= 0)
		xmlattr_fail(&ld->x, node, "weight '%g' of aspect '%s' must be greater than 0",
			     a->weight, SHOW(a->id));
	a->index = ld->r->aspects->len;
	if (!claim_id(ld, node, ld->aspects, ld->r->aspects, "aspect", a->id, a))
		aspect_free(a);
}

static void read_group(struct loader *ld, xmlNodePtr node)
{
	struct rubric_group *g = g_new0(struct rubric_group, 1);

	xmlattr_leaf(&ld->x, node, "id label");
	g->id = xmlattr_need(&ld->x, node, "id");
	g->label = xmlattr_need(&ld->x, node, "label");
	g->index = ld->r->groups->len;
	if (!claim_id(ld, node, ld->groups, ld->r->groups, "group", g->id, g))
		group_free(g);
}

/* A count of data dukung entries: a whole number from 0 to 100. */
static int evidence_count(struct loader *ld, xmlNodePtr node, const char *name,
			  unsigned dflt, unsigned *out)
{
	double v;
	int rc = xmlattr_number(&ld->x, node, name, 0, 0, -INFINITY, dflt, &v);

	*out = dflt;
	if (rc <= 0)
		return rc;
	if (v < 0 || v > 100 || v != floor(v)) {
		xmlattr_fail(&ld->x, node, "%s '%g' must be a whole number from 0 to 100",
			     name, v);
		return -1;
	}
	*out = (unsigned)v;
	return 1;
}

/* "true" or "false"; absent gives `dflt`. */
static int flag_attr(struct loader *ld, xmlNodePtr node, const char *name, int dflt)
{
	char *flag = xmlattr_opt(node, name);
	int v = dflt;

	if (flag && strcmp(flag, "true") == 0)
		v = 1;
	else if (flag && strcmp(flag, "false") == 0)
		v = 0;
	else if (flag)
		xmlattr_fail(&ld->x, node, "attribute '%s' must be 'true' or 'false', not '%s'",
			     name, flag);
	g_free(flag);
	return v;
}

/* SPEC 4.8b: <evidence min="N" distinct="true|false" effect="flag|zero"/>. */
static void read_evidence(struct loader *ld, xmlNodePtr node)
{
	static const char *const effects[] = { "flag", "zero", NULL };
	struct rubric *r = ld->r;
	int effect;

	xmlattr_leaf(&ld->x, node, "min distinct effect");
	if (r->has_evidence_rule) {
		xmlattr_fail(&ld->x, node, "duplicate element 'evidence'");
		return;
	}
	r->has_evidence_rule = 1;
	if (evidence_count(ld, node, "min", 1, &r->evidence_min) == 0)
		xmlattr_fail(&ld->x, node, "missing attribute 'min'");
	r->evidence_distinct = flag_attr(ld, node, "distinct", 0);
	effect = xmlattr_choice(&ld->x, node, "effect", effects, EVIDENCE_FLAG);
	r->evidence_effect = effect == EVIDENCE_ZERO ? EVIDENCE_ZERO : EVIDENCE_FLAG;
}

/* A score on the 0-100 scale that totals use. */
static void percent_attr(struct loader *ld, xmlNodePtr node, const char *name,
			 double *out)
{
	if (xmlattr_number(&ld->x, node, name, 1, 0, -INFINITY, 0, out) >= 0 &&
	    (*out < 0 || *out > 100))
		xmlattr_fail(&ld->x, node, "%s '%g' is outside [0,100]", name, *out);
}

static void read_award(struct loader *ld, xmlNodePtr node)
{
	xmlattr_leaf(&ld->x, node, "threshold aspect-floor require-complete predicate");
	if (ld->seen_awards++) {
		xmlattr_fail(&ld->x, node, "duplicate element 'award'");
		return;
	}
	percent_attr(ld, node, "threshold", &ld->r->threshold);
	percent_attr(ld, node, "aspect-floor", &ld->r->aspect_floor);
	ld->r->require_complete = flag_attr(ld, node, "require-complete", 0);
	ld->r->predicate = xmlattr_opt(node, "predicate");
	if (ld->r->predicate && !*ld->r->predicate) {
		xmlattr_fail(&ld->x, node, "attribute 'predicate' is blank");
		g_clear_pointer(&ld->r->predicate, g_free);
	}
}

static void read_grade(struct loader *ld, xmlNodePtr node)
{
	struct rubric_grade *g = g_new0(struct rubric_grade, 1);
	int ok;

	xmlattr_leaf(&ld->x, node, "min label");
	g->label = xmlattr_need(&ld->x, node, "label");
	ok = xmlattr_number(&ld->x, node, "min", 1, 0, -INFINITY, 0, &g->min) >= 0;
	if (ok && (g->min < 0 || g->min > 100))
		xmlattr_fail(&ld->x, node, "min '%g' of grade '%s' is outside [0,100]", g->min,
			     SHOW(g->label));
	g->min += 0.0;          /* -0 is 0, and must hash like it */
	if (ok && g_hash_table_contains(ld->grade_mins, &g->min))
		xmlattr_fail(&ld->x, node, "min '%g' of grade '%s' is used twice", g->min,
			     SHOW(g->label));
	else if (ok)
		g_hash_table_insert(ld->grade_mins, &g->min, g);
	g_ptr_array_add(ld->r->grades, g);
}

static void resolve_principles(struct loader *ld, xmlNodePtr node,
			       struct rubric_item *it, const char *list)
{
	char **ids = g_strsplit_set(list ? list : "", " \t\r\n", -1);
	GHashTable *named = g_hash_table_new(NULL, NULL);

	for (char **p = ids; *p; p++) {
		struct rubric_principle *pr;

		if (!**p)
			continue;
		pr = g_hash_table_lookup(ld->principles, *p);
		if (!pr) {
			xmlattr_fail(&ld->x, node, "item '%s' names unknown principle '%s'",
				     SHOW(it->code), *p);
		} else if (g_hash_table_contains(named, pr)) {
			xmlattr_fail(&ld->x, node, "item '%s' names principle '%s' twice",
				     SHOW(it->code), *p);
		} else {
			g_ptr_array_add(it->principles, pr);
			g_hash_table_add(named, pr);
		}
	}
	g_hash_table_destroy(named);
	g_strfreev(ids);
}

/* A gate (SPEC 4.8a): a yes/no condition, so none of the scoring attributes. */
static void read_gate(struct loader *ld, struct rubric_item *it, xmlNodePtr node,
		      const char *gate)
{
	static const char *const scoring[] = { "aspect", "principles", "weight", "group",
					       "evidence-min" };

	for (size_t i = 0; i < G_N_ELEMENTS(scoring); i++)
		if (xmlHasProp(node, (const xmlChar *)scoring[i]))
			xmlattr_fail(&ld->x, node, "gate item '%s' cannot have '%s'",
				     SHOW(it->code), scoring[i]);
	if (it->scale && !(it->gate = rubric_match_level(it->scale, gate)))
		xmlattr_fail(&ld->x, node, "gate '%s' of item '%s' is not a level of scale '%s'",
			     gate, SHOW(it->code), it->scale->id);
	it->weight = 0;
}

/* The attributes that make an item scored: aspect, principles, weight,
 * group and its own evidence minimum. */
static void read_scored(struct loader *ld, struct rubric_item *it, xmlNodePtr node)
{
	char *aspect = xmlattr_need(&ld->x, node, "aspect");
	char *principles = xmlattr_opt(node, "principles");
	char *group = xmlattr_opt(node, "group");

	if (aspect && !(it->aspect = g_hash_table_lookup(ld->aspects, aspect)))
		xmlattr_fail(&ld->x, node,
			     "item '%s' names unknown aspect '%s'", SHOW(it->code), aspect);
	if (group && !(it->group = g_hash_table_lookup(ld->groups, group)))
		xmlattr_fail(&ld->x, node,
			     "item '%s' names unknown group '%s'", SHOW(it->code), group);
	resolve_principles(ld, node, it, principles);
	if (xmlattr_number(&ld->x, node, "weight", 0, 0, -INFINITY, 1, &it->weight) >= 0 &&
	    it->weight <= 0)
		xmlattr_fail(&ld->x, node, "weight '%g' of item '%s' must be greater than 0",
			     it->weight, SHOW(it->code));
	if (evidence_count(ld, node, "evidence-min", ld->r->evidence_min,
			   &it->evidence_min) > 0 && !ld->r->has_evidence_rule)
		xmlattr_fail(&ld->x, node,
			     "item '%s' has 'evidence-min' but the rubric has no 'evidence' rule",
			     SHOW(it->code));
	g_free(aspect);
	g_free(principles);
	g_free(group);
}

static void read_item(struct loader *ld, struct rubric_unit_type *t, xmlNodePtr node)
{
	struct rubric_item *it = g_new0(struct rubric_item, 1);
	char *scale, *gate, *key;
	xmlChar *content;

	xmlattr_leaf(&ld->x, node,
		     "code aspect scale principles weight group gate evidence-min");
	it->principles = g_ptr_array_new();
	it->code = xmlattr_need(&ld->x, node, "code");
	scale = xmlattr_need(&ld->x, node, "scale");
	gate = xmlattr_opt(node, "gate");
	content = xmlNodeGetContent(node);
	it->text = text_trim(content ? (const char *)content : "");
	xmlFree(content);

	if (!*it->text)
		xmlattr_fail(&ld->x, node, "item '%s' has no text", SHOW(it->code));
	if (scale && !(it->scale = g_hash_table_lookup(ld->scales, scale)))
		xmlattr_fail(&ld->x, node,
			     "item '%s' names unknown scale '%s'", SHOW(it->code), scale);
	if (gate)
		read_gate(ld, it, node, gate);
	else
		read_scored(ld, it, node);
	g_free(scale);
	g_free(gate);

	key = it->code ? text_fold(it->code) : NULL;
	if (key && g_hash_table_contains(t->by_code, key))
		xmlattr_fail(&ld->x, node, "duplicate item code '%s' in unit type '%s'",
			     it->code, SHOW(t->id));
	else if (key) {
		it->index = t->items->len;
		t->scored += !it->gate;
		g_ptr_array_add(t->items, it);
		g_hash_table_insert(t->by_code, key, it);
		return;
	}
	g_free(key);
	item_free(it);
}

/* Prefixes must be unique across types, or a unit name would fit two. */
static int claim_type(struct loader *ld, struct rubric_unit_type *t, xmlNodePtr node)
{
	char *key = text_fold(t->id);
	int ok = 1;

	if (g_hash_table_contains(ld->types, key)) {
		xmlattr_fail(&ld->x, node, "duplicate unit type id '%s'", t->id);
		ok = 0;
	}
	for (guint i = 0; i < t->prefixes->len; i++) {
		const struct rubric_unit_type *o =
			g_hash_table_lookup(ld->prefixes, t->prefixes->pdata[i]);

		if (o) {
			xmlattr_fail(&ld->x, node,
				     "prefix '%s' of unit type '%s' is already used by unit type '%s'",
				     (const char *)t->prefixes->pdata[i], t->id, o->id);
			ok = 0;
		}
	}
	if (!ok) {
		g_free(key);
		return 0;
	}
	g_hash_table_insert(ld->types, key, t);
	for (guint i = 0; i < t->prefixes->len; i++)
		g_hash_table_insert(ld->prefixes, t->prefixes->pdata[i], t);
	return 1;
}

static void read_unit_type(struct loader *ld, xmlNodePtr node)
{
	struct rubric_unit_type *t = g_new0(struct rubric_unit_type, 1);
	char *prefixes;
	int items = 0;

	ld->seen_types++;
	xmlattr_known(&ld->x, node, "id label prefixes");
	t->id = xmlattr_need(&ld->x, node, "id");
	t->label = xmlattr_need(&ld->x, node, "label");
	prefixes = xmlattr_opt(node, "prefixes");
	t->prefixes = folded_list(prefixes, ";");
	g_free(prefixes);
	t->items = g_ptr_array_new_with_free_func(item_free);
	t->by_code = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmldoc_is(c, "item")) {
			items++;
			read_item(ld, t, c);
		} else {
			xmlattr_fail(&ld->x, c, "unknown element '%s' in 'unit-type'", NAME(c));
		}
	}
	if (!items)
		xmlattr_fail(&ld->x, node, "unit type '%s' has no items", SHOW(t->id));
	if (t->id && claim_type(ld, t, node))
		g_ptr_array_add(ld->r->unit_types, t);
	else
		type_free(t);
}

static int grade_cmp(gconstpointer a, gconstpointer b)
{
	const struct rubric_grade *ga = *(const struct rubric_grade *const *)a;
	const struct rubric_grade *gb = *(const struct rubric_grade *const *)b;

	return (ga->min < gb->min) - (ga->min > gb->min);
}

/*
 * Unit types are read in a second pass so that an item may name an aspect,
 * scale or principle declared further down the file.
 */
static void read_root(struct loader *ld, xmlNodePtr root)
{
	struct rubric *r = ld->r;

	xmlattr_known(&ld->x, root, "id version title");
	r->id = xmlattr_need(&ld->x, root, "id");
	r->version = xmlattr_need(&ld->x, root, "version");
	r->title = xmlattr_need(&ld->x, root, "title");
	/* The evidence rule first: items take its minimum as their default. */
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (xmldoc_is(c, "evidence"))
			read_evidence(ld, c);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xmldoc_is(c, "unit-type") ||
		    xmldoc_is(c, "evidence"))
			continue;
		if (xmldoc_is(c, "scale"))
			read_scale(ld, c);
		else if (xmldoc_is(c, "principle"))
			read_principle(ld, c);
		else if (xmldoc_is(c, "aspect"))
			read_aspect(ld, c);
		else if (xmldoc_is(c, "award"))
			read_award(ld, c);
		else if (xmldoc_is(c, "grade"))
			read_grade(ld, c);
		else if (xmldoc_is(c, "group"))
			read_group(ld, c);
		else
			xmlattr_fail(&ld->x, c, "unknown element '%s'", NAME(c));
	}
	if (!ld->seen_aspects)
		xmlattr_fail(&ld->x, root, "rubric '%s' has no aspects", SHOW(r->id));
	if (!ld->seen_awards)
		xmlattr_fail(&ld->x, root, "rubric '%s' has no 'award' element", SHOW(r->id));
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (xmldoc_is(c, "unit-type"))
			read_unit_type(ld, c);
	if (!ld->seen_types)
		xmlattr_fail(&ld->x, root, "rubric '%s' has no unit types", SHOW(r->id));
	g_ptr_array_sort(r->grades, grade_cmp);
}

struct rubric *rubric_load(const char *path, struct diag *d)
{
	struct rubric *r;
	struct loader ld = { 0 };
	xmlDocPtr doc = xmldoc_read(path, d);
	xmlNodePtr root;

	if (!doc)
		return NULL;
	r = g_new0(struct rubric, 1);
	r->path = g_strdup(path);
	r->scales = g_ptr_array_new_with_free_func(scale_free);
	r->principles = g_ptr_array_new_with_free_func(principle_free);
	r->aspects = g_ptr_array_new_with_free_func(aspect_free);
	r->grades = g_ptr_array_new_with_free_func(grade_free);
	r->groups = g_ptr_array_new_with_free_func(group_free);
	r->unit_types = g_ptr_array_new_with_free_func(type_free);

	ld.r = r;
	ld.x.path = r->path;
	ld.x.d = d;
	ld.scales = g_hash_table_new(g_str_hash, g_str_equal);
	ld.principles = g_hash_table_new(g_str_hash, g_str_equal);
	ld.aspects = g_hash_table_new(g_str_hash, g_str_equal);
	ld.groups = g_hash_table_new(g_str_hash, g_str_equal);
	ld.types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ld.prefixes = g_hash_table_new(g_str_hash, g_str_equal);
	ld.grade_mins = g_hash_table_new(g_double_hash, g_double_equal);

	root = xmlDocGetRootElement(doc);
	if (xmldoc_is(root, "rubric"))
		read_root(&ld, root);
	else
		xmlattr_fail(&ld.x, root, "root element is '%s', expected 'rubric'", NAME(root));

	g_hash_table_destroy(ld.scales);
	g_hash_table_destroy(ld.principles);
	g_hash_table_destroy(ld.aspects);
	g_hash_table_destroy(ld.groups);
	g_hash_table_destroy(ld.types);
	g_hash_table_destroy(ld.prefixes);
	g_hash_table_destroy(ld.grade_mins);
	xmlFreeDoc(doc);
	if (ld.x.errors) {
		rubric_free(r);
		return NULL;
	}
	return r;
}
