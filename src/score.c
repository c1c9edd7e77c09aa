/* score.c — items, aspects, principles, totals, ranks and regions (SPEC 4). */
#include "score_int.h"

#include <math.h>
#include <string.h>

#include "diag.h"
#include "evidence.h"
#include "previous.h"
#include "text.h"

/* SPEC 8.12: scores that differ only by floating-point noise compare equal. */
#define SCORE_SLACK 1e-9

static const char *const recommendation_names[] = {
	[REC_NOT_RECOMMENDED] = "not-recommended",
	[REC_RECOMMENDED] = "recommended",
	[REC_RETAINED] = "retained",
};

const char *score_recommendation_name(enum recommendation rec)
{
	return recommendation_names[rec];
}

int score_recommendation_parse(const char *name, enum recommendation *rec)
{
	for (size_t i = 0; i < G_N_ELEMENTS(recommendation_names); i++)
		if (!strcmp(name, recommendation_names[i])) {
			*rec = (enum recommendation)i;
			return 0;
		}
	return -1;
}

static const char *const evidence_names[] = {
	[EVIDENCE_UNCHECKED] = NULL,
	[EVIDENCE_OK] = "ok",
	[EVIDENCE_MISSING] = "missing",
	[EVIDENCE_INSUFFICIENT] = "insufficient",
	[EVIDENCE_REUSED] = "reused",
};

const char *score_evidence_name(enum evidence_status ev)
{
	return evidence_names[ev];
}

int score_at_least(double a, double b)
{
	return a + SCORE_SLACK >= b;
}

void score_verification_code(char out[11], int year, const char *kanwil,
			     const char *unit_name, double total,
			     const char *rubric_id)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char number[32];
	const char *hex;
	char *text;

	/* The total is hashed as printed so that anyone can recompute the
	 * code from summary.xml. */
	text_format_2(number, total);
	text = g_strdup_printf("%d|%s|%s|%s|%s", year, kanwil ? kanwil : "",
			       unit_name ? unit_name : "", number,
			       rubric_id ? rubric_id : "");
	g_checksum_update(sum, (const guchar *)text, (gssize)strlen(text));
	hex = g_checksum_get_string(sum);
	for (int i = 0; i < 10; i++)
		out[i] = g_ascii_toupper(hex[i]);
	out[10] = '\0';
	g_checksum_free(sum);
	g_free(text);
}

static const char *kanwil_of(const struct unit_obs *u)
{
	return u->kanwil ? u->kanwil : "";
}

/*
 * Ids name files and link XML elements, so they must be unique. `taken`
 * holds every id given so far, whether from a name or with a suffix, so a
 * suffix never lands on an earlier unit's id (SPEC 4, 8.11). Its value is
 * the first suffix not yet tried for that id as a base: many names with one
 * id (names of only non-ASCII letters all give "unit") then cost one step
 * each rather than one per earlier unit.
 */
static char *unique_id(GHashTable *taken, const char *name)
{
	char *base = text_make_id(name);
	char *id = g_strdup(base);
	gpointer next;
	unsigned n = 2;

	if (g_hash_table_lookup_extended(taken, base, NULL, &next))
		n = GPOINTER_TO_UINT(next);
	for (; g_hash_table_contains(taken, id); n++) {
		g_free(id);
		id = g_strdup_printf("%s-%u", base, n);
	}
	/* The key stays the earlier unit's string; only the value changes. */
	if (strcmp(id, base) != 0)
		g_hash_table_insert(taken, base, GUINT_TO_POINTER(n));
	g_hash_table_insert(taken, id, GUINT_TO_POINTER(2));
	g_free(base);
	return id;
}

/* The position of `item` in `items`; item->index is tried first because it
 * is almost always right, and the scan keeps a wrong index harmless. */
static int item_slot(const GPtrArray *items, const struct rubric_item *item)
{
	if (item && item->index < items->len &&
	    g_ptr_array_index(items, item->index) == item)
		return (int)item->index;
	for (guint i = 0; i < items->len; i++)
		if (g_ptr_array_index(items, i) == item)
			return (int)i;
	return -1;
}

/* The unit's observations sorted into one array per item of its type (NULL
 * where there are none), each in input order. */
static GPtrArray **observations_by_item(const struct unit_obs *u)
{
	const GPtrArray *items = u->type->items;
	GPtrArray **by_item = g_new0(GPtrArray *, items->len ? items->len : 1);

	for (guint i = 0; i < u->observations->len; i++) {
		const struct observation *o = g_ptr_array_index(u->observations, i);
		int slot = item_slot(items, o->item);

		/* Ingest only accepts items of the unit's type; anything
		 * else cannot be placed in the rubric and is not scored. */
		if (slot < 0)
			continue;
		if (!by_item[slot])
			by_item[slot] = g_ptr_array_new();
		g_ptr_array_add(by_item[slot], (gpointer)o);
	}
	return by_item;
}

/* SPEC 8.10: when every answer is dated only the latest compete, otherwise
 * all do; the lowest value wins, the first seen on a tie. For a gate (4.8a)
 * the failing level wins among the competitors. */
static const struct observation *pick_answer(const GPtrArray *obs,
					     const struct rubric_level *failing)
{
	const struct observation *best = NULL;
	int all_dated = 1, latest = 0;

	for (guint i = 0; i < obs->len; i++) {
		const struct observation *o = g_ptr_array_index(obs, i);
		if (!o->date)
			all_dated = 0;
		else if (o->date > latest)
			latest = o->date;
	}
	for (guint i = 0; i < obs->len; i++) {
		const struct observation *o = g_ptr_array_index(obs, i);
		if (all_dated && o->date != latest)
			continue;
		if (best && failing && best->level == failing)
			break;
		if (!best || (failing && o->level == failing) ||
		    o->level->value < best->level->value)
			best = o;
	}
	return best;
}

/* Distinct non-empty evidence (or notes) of the observations that gave
 * `level`, in input order, joined by "; "; NULL when there is none. */
static const char *text_of(const struct observation *o, int notes)
{
	return notes ? o->note : o->evidence;
}

/* Whether an observation before the i-th that gave `level` has the text s. */
static int said_before(const GPtrArray *obs, guint i, const struct rubric_level *level,
		       int notes, const char *s)
{
	for (guint j = 0; j < i; j++) {
		const struct observation *o = g_ptr_array_index(obs, j);
		const char *t = text_of(o, notes);

		if (o->level == level && t && strcmp(t, s) == 0)
			return 1;
	}
	return 0;
}

static char *join_distinct(const GPtrArray *obs, const struct rubric_level *level,
			   int notes)
{
	/* An item has one or two observations almost always: looking back is
	 * cheaper than a hash table, which only a long list needs. */
	GHashTable *seen;
	GString *out = NULL;

	if (obs->len == 1) {
		const struct observation *o = g_ptr_array_index(obs, 0);
		const char *s = text_of(o, notes);

		return o->level == level && s && *s ? g_strdup(s) : NULL;
	}
	seen = obs->len > 8 ? g_hash_table_new(g_str_hash, g_str_equal) : NULL;
	for (guint i = 0; i < obs->len; i++) {
		const struct observation *o = g_ptr_array_index(obs, i);
		const char *s = text_of(o, notes);

		if (o->level != level || !s || !*s)
			continue;
		if (seen ? g_hash_table_contains(seen, s) : said_before(obs, i, level, notes, s))
			continue;
		if (seen)
			g_hash_table_add(seen, (gpointer)s);
		if (out)
			g_string_append(g_string_append(out, "; "), s);
		else
			out = g_string_new(s);
	}
	if (seen)
		g_hash_table_destroy(seen);
	return out ? g_string_free(out, FALSE) : NULL;
}

static int same_level(const GPtrArray *obs)
{
	const struct observation *first = g_ptr_array_index(obs, 0);

	for (guint i = 1; i < obs->len; i++) {
		const struct observation *o = g_ptr_array_index(obs, i);
		if (o->level != first->level)
			return 0;
	}
	return 1;
}

/* Fill `si` from the item's observations (NULL when there are none);
 * `files` maps input files to the model's. */
static void score_item(struct scored_item *si, const struct rubric_item *item,
		       const GPtrArray *obs, GHashTable *files)
{
	const struct observation *chosen;

	si->item = item;
	if (!obs) {
		si->status = ITEM_MISSING;
		return;
	}
	if (same_level(obs)) {
		si->status = ITEM_ASSESSED;
		chosen = g_ptr_array_index(obs, 0);
	} else {
		si->status = ITEM_CONFLICT;
		chosen = pick_answer(obs, item->gate);
	}
	si->chosen = model_obs_new(chosen, files);
	si->level = chosen->level;
	si->score = item->gate ? 0 : si->level->value;
	si->gate_failed = item->gate && si->level == item->gate;
	model_text_own(&si->evidence, join_distinct(obs, si->level, 0));
	model_text_own(&si->note, join_distinct(obs, si->level, 1));
}

static struct conflict *conflict_new(const struct scored_unit *su,
				     const struct scored_item *si, const GPtrArray *obs,
				     GHashTable *files)
{
	struct conflict *c = g_new0(struct conflict, 1);

	c->unit = su;
	c->item = si;
	c->observations = g_ptr_array_new_full(obs->len, model_obs_free);
	for (guint i = 0; i < obs->len; i++)
		g_ptr_array_add(c->observations,
				model_obs_new(g_ptr_array_index(obs, i), files));
	return c;
}

/* Score every item of the unit's type; conflicts go to `conflicts`. */
static void score_items(struct scored_unit *su, const struct unit_obs *u,
			GPtrArray *conflicts, GHashTable *files)
{
	const GPtrArray *items = su->type->items;
	GPtrArray **by_item = observations_by_item(u);

	su->items = g_new0(struct scored_item, items->len ? items->len : 1);
	for (guint i = 0; i < items->len; i++) {
		struct scored_item *si = &su->items[i];

		score_item(si, g_ptr_array_index(items, i), by_item[i], files);
		if (by_item[i] && !si->item->gate)
			su->observed++;
		su->gate_failed |= si->gate_failed;
		if (si->status == ITEM_CONFLICT)
			g_ptr_array_add(conflicts, conflict_new(su, si, by_item[i], files));
		if (by_item[i])
			g_ptr_array_free(by_item[i], TRUE);
	}
	g_free(by_item);
}

/* Turn weighted sums into 0-100 scores; NAN where nothing was weighed. */
static void normalise(double *sums, const double *weights, guint n)
{
	for (guint i = 0; i < n; i++)
		sums[i] = weights[i] > 0 ? 100.0 * sums[i] / weights[i] : NAN;
}

static void add_weighted(double *sums, double *weights, guint n, guint index,
			 double w, double s)
{
	BUG_ON(index >= n);
	sums[index] += w * s;
	weights[index] += w;
}

/* Aspect and principle scores (SPEC 4.3, 4.4). */
static void score_groups(struct scored_unit *su, const struct rubric *r)
{
	const GPtrArray *items = su->type->items;
	guint na = r->aspects->len, np = r->principles->len;
	double *aw = g_new0(double, na + 1), *pw = g_new0(double, np + 1);

	su->aspects = g_new0(double, na + 1);
	su->principles = g_new0(double, np + 1);
	for (guint i = 0; i < items->len; i++) {
		const struct scored_item *si = &su->items[i];
		const struct rubric_item *it = si->item;

		if (it->gate)
			continue;
		add_weighted(su->aspects, aw, na, it->aspect->index, it->weight,
			     si->score);
		for (guint k = 0; it->principles && k < it->principles->len; k++) {
			const struct rubric_principle *p =
				g_ptr_array_index(it->principles, k);
			add_weighted(su->principles, pw, np, p->index, it->weight,
				     si->score);
		}
	}
	normalise(su->aspects, aw, na);
	normalise(su->principles, pw, np);
	g_free(aw);
	g_free(pw);
}

/* Total over the aspects the unit's type has (SPEC 4.5). */
static double total_of(const struct scored_unit *su, const struct rubric *r)
{
	double sum = 0, weights = 0;

	for (guint a = 0; a < r->aspects->len; a++) {
		const struct rubric_aspect *aspect = g_ptr_array_index(r->aspects, a);

		if (isnan(su->aspects[a]))
			continue;
		sum += aspect->weight * su->aspects[a];
		weights += aspect->weight;
	}
	return weights > 0 ? sum / weights : 0;
}

static void add_reason(struct scored_unit *su, enum reason_kind kind,
		       const struct rubric_aspect *aspect, double value,
		       double limit)
{
	struct reason why = { kind, aspect, NULL, value, limit };

	g_array_append_val(su->reasons, why);
}

/* SPEC 4.8: every failing condition is listed, not just the first. */
static void recommend(struct scored_unit *su, const struct rubric *r)
{
	su->reasons = g_array_new(FALSE, TRUE, sizeof(struct reason));
	if (!score_at_least(su->total, r->threshold))
		add_reason(su, REASON_TOTAL, NULL, su->total, r->threshold);
	for (guint a = 0; a < r->aspects->len; a++) {
		double v = su->aspects[a];

		if (!isnan(v) && !score_at_least(v, r->aspect_floor))
			add_reason(su, REASON_ASPECT,
				   g_ptr_array_index(r->aspects, a), v,
				   r->aspect_floor);
	}
	if (r->require_complete && !score_at_least(su->completeness, 100.0))
		add_reason(su, REASON_COMPLETENESS, NULL, su->completeness, 100.0);
	for (guint i = 0; su->gate_failed && i < su->type->items->len; i++) {
		struct reason why = { REASON_GATE, NULL, su->items[i].item, 0, 0 };

		if (su->items[i].gate_failed)
			g_array_append_val(su->reasons, why);
	}
	su->recommendation = su->reasons->len ? REC_NOT_RECOMMENDED
					      : REC_RECOMMENDED;
}

/* What building the units shares: ids taken, and the model's files by the
 * dataset's (model_inputs_build()). */
struct build {
	GHashTable *ids;
	GHashTable *files;
};

static gint by_date(gconstpointer a, gconstpointer b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The teams and dates of every accepted row of u, for its berita acara:
 * a team whose answers all agree with another's is still a team. */
static void unit_teams(struct scored_unit *su, const struct unit_obs *u)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *days = g_hash_table_new(NULL, NULL);

	su->teams = g_ptr_array_new_with_free_func(g_free);
	su->dates = g_array_new(FALSE, FALSE, sizeof(int));
	for (guint i = 0; i < u->observations->len; i++) {
		const struct observation *o = g_ptr_array_index(u->observations, i);

		if (o->verifier && *o->verifier && g_hash_table_add(seen, o->verifier)) {
			char *shown = text_display_safe(o->verifier);

			g_ptr_array_add(su->teams, shown ? shown : g_strdup(o->verifier));
		}
		if (o->date && g_hash_table_add(days, GINT_TO_POINTER(o->date)))
			g_array_append_val(su->dates, o->date);
	}
	g_array_sort(su->dates, by_date);
	g_hash_table_destroy(seen);
	g_hash_table_destroy(days);
}

/* The unit's name, kanwil, type and first row, resolved from the input. */
static void unit_input(struct scored_unit *su, const struct unit_obs *u,
		       GHashTable *files)
{
	const struct observation *first =
	    u->observations->len ? g_ptr_array_index(u->observations, 0) : NULL;

	model_text_set(&su->name, u->name);
	model_text_set(&su->kanwil, kanwil_of(u));
	su->type = u->type;
	su->first_file = first ? g_hash_table_lookup(files, first->file) : NULL;
	su->first_line = first ? first->line : 0;
	unit_teams(su, u);
}

static struct scored_unit *unit_build(struct model *m, const struct unit_obs *u,
				      struct build *b)
{
	struct scored_unit *su = g_new0(struct scored_unit, 1);
	guint n_items;

	BUG_ON(!u->type);
	unit_input(su, u, b->files);
	su->order = m->units->len;
	su->id = unique_id(b->ids, u->name);
	score_items(su, u, m->conflicts, b->files);
	if (m->rubric->has_evidence_rule)
		evidence_check(su, m->rubric);
	score_groups(su, m->rubric);
	su->total = total_of(su, m->rubric);
	/* Completeness is over scored items (SPEC 4.6); a type without any has
	 * nothing missing. */
	n_items = u->type->scored;
	su->completeness = n_items ? 100.0 * su->observed / n_items : 100.0;
	su->grade = rubric_grade(m->rubric, su->total);
	recommend(su, m->rubric);
	score_verification_code(su->code, m->year, kanwil_of(u), u->name,
				su->total, m->rubric->id);
	return su;
}

static void unit_free(struct scored_unit *su)
{
	guint n_items = su->type->items->len;

	for (guint i = 0; i < n_items; i++) {
		model_text_free(&su->items[i].evidence);
		model_text_free(&su->items[i].note);
		model_obs_free((gpointer)su->items[i].chosen);
	}
	model_text_clear(&su->name);
	model_text_clear(&su->kanwil);
	g_free(su->items);
	g_free(su->aspects);
	g_free(su->principles);
	g_array_free(su->reasons, TRUE);
	g_ptr_array_unref(su->teams);
	g_array_unref(su->dates);
	g_free(su->certificate);
	g_free(su->id);
	g_free(su);
}

/*
 * SPEC 4.10, 8.12: ranks compare totals as shown, rounded half-up to two
 * decimals. The key is the printed total read back, so two totals shown
 * alike always share a rank: arithmetic on total * 100 would round 85.005
 * (85.00499... in binary, shown 85.00) up to 85.01.
 */
double score_rank_key(double total)
{
	char shown[32];

	text_format_2(shown, total);
	return g_ascii_strtod(shown, NULL);
}

static gint by_rank(gconstpointer a, gconstpointer b)
{
	const struct scored_unit *x = *(const struct scored_unit *const *)a;
	const struct scored_unit *y = *(const struct scored_unit *const *)b;
	double kx = score_rank_key(x->total), ky = score_rank_key(y->total);

	if (kx != ky)
		return kx > ky ? -1 : 1;
	return strcmp(x->name.raw, y->name.raw);
}

static gint by_unit_then_item(gconstpointer a, gconstpointer b)
{
	const struct conflict *x = *(const struct conflict *const *)a;
	const struct conflict *y = *(const struct conflict *const *)b;

	if (x->unit != y->unit)
		return x->unit->rank < y->unit->rank ? -1 : 1;
	return (x->item > y->item) - (x->item < y->item);
}

static struct region *region_new(const char *kanwil, GHashTable *ids, guint np)
{
	struct region *rg = g_new0(struct region, 1);

	model_text_set(&rg->kanwil, kanwil);
	rg->id = unique_id(ids, kanwil);
	rg->principles = g_new0(double, np + 1);
	return rg;
}

static void region_add(struct region *rg, unsigned *counts,
		       const struct scored_unit *su, guint np)
{
	rg->units++;
	if (su->recommendation != REC_NOT_RECOMMENDED)
		rg->recommended++;
	rg->mean_total += su->total;
	for (guint p = 0; p < np; p++) {
		if (isnan(su->principles[p]))
			continue;
		rg->principles[p] += su->principles[p];
		counts[p]++;
	}
}

/* Sums to means; a principle no unit of the region has stays out (NAN). */
static void region_finish(struct region *rg, const unsigned *counts, guint np)
{
	rg->mean_total /= rg->units;
	for (guint p = 0; p < np; p++)
		rg->principles[p] = counts[p] ? rg->principles[p] / counts[p] : NAN;
}

/* Must run while m->units is still in order of first appearance. */
static void build_regions(struct model *m)
{
	GHashTable *slot = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *counts = g_ptr_array_new_with_free_func(g_free);
	guint np = m->rubric->principles->len;

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *su = g_ptr_array_index(m->units, i);
		const char *kanwil = su->kanwil.raw;
		guint k = GPOINTER_TO_UINT(g_hash_table_lookup(slot, kanwil));

		if (!k) {
			struct region *rg = region_new(kanwil, ids, np);

			g_ptr_array_add(m->regions, rg);
			g_ptr_array_add(counts, g_new0(unsigned, np + 1));
			k = m->regions->len;
			g_hash_table_insert(slot, (gpointer)kanwil, GUINT_TO_POINTER(k));
		}
		region_add(g_ptr_array_index(m->regions, k - 1),
			   g_ptr_array_index(counts, k - 1), su, np);
	}
	for (guint k = 0; k < m->regions->len; k++)
		region_finish(g_ptr_array_index(m->regions, k),
			      g_ptr_array_index(counts, k), np);
	g_ptr_array_free(counts, TRUE);
	g_hash_table_destroy(ids);
	g_hash_table_destroy(slot);
}

static void region_free(struct region *rg)
{
	model_text_clear(&rg->kanwil);
	g_free(rg->id);
	g_free(rg->principles);
	g_free(rg);
}

/* SPEC 4.8: a recommended unit that was recommended or retained last year
 * is retained; every unit found last year carries its previous total. */
static void apply_previous(struct model *m, const struct previous *prev)
{
	for (guint i = 0; prev && i < m->units->len; i++) {
		struct scored_unit *su = g_ptr_array_index(m->units, i);
		const struct previous_unit *pu = previous_find(prev, su->id, su->name.raw);

		if (!pu)
			continue;
		su->has_previous = 1;
		su->previous_total = pu->total;
		su->previous_recommendation = pu->recommendation;
		if (su->recommendation == REC_RECOMMENDED &&
		    pu->recommendation != REC_NOT_RECOMMENDED)
			su->recommendation = REC_RETAINED;
	}
}

struct model *model_build(const struct dataset *data, int year, int date,
			  const struct previous *prev)
{
	struct model *m = g_new0(struct model, 1);
	struct build b;

	m->rubric = data->rubric;
	m->year = year;
	m->date = date;
	m->units = g_ptr_array_new();
	m->regions = g_ptr_array_new();
	m->conflicts = g_ptr_array_new();
	b.ids = g_hash_table_new(g_str_hash, g_str_equal);
	b.files = model_inputs_build(m, data);
	for (guint i = 0; i < data->units->len; i++)
		g_ptr_array_add(m->units, unit_build(m, g_ptr_array_index(data->units, i), &b));
	g_hash_table_destroy(b.files);
	g_hash_table_destroy(b.ids);
	apply_previous(m, prev);
	build_regions(m);
	g_ptr_array_sort(m->units, by_rank);
	/* Sorted, a unit's rank is 1 + the units before it with a higher
	 * rounded total: the first unit of its run of equal totals. */
	for (guint i = 0; i < m->units->len; i++) {
		struct scored_unit *su = g_ptr_array_index(m->units, i);
		const struct scored_unit *before = i ? g_ptr_array_index(m->units, i - 1) : NULL;

		su->rank = before && score_rank_key(before->total) == score_rank_key(su->total)
				   ? before->rank : i + 1;
	}
	g_ptr_array_sort(m->conflicts, by_unit_then_item);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (guint i = 0; i < m->conflicts->len; i++) {
		struct conflict *c = g_ptr_array_index(m->conflicts, i);
		g_ptr_array_free(c->observations, TRUE);
		g_free(c);
	}
	for (guint i = 0; i < m->regions->len; i++)
		region_free(g_ptr_array_index(m->regions, i));
	for (guint i = 0; i < m->units->len; i++)
		unit_free(g_ptr_array_index(m->units, i));
	g_ptr_array_free(m->conflicts, TRUE);
	g_ptr_array_free(m->regions, TRUE);
	g_ptr_array_free(m->units, TRUE);
	model_inputs_free(m);
	g_free(m);
}
