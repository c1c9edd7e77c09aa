/* offices.c — the issuing offices: loading, matching a kanwil, numbering. */
#include "offices.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "image.h"
#include "text.h"
#include "xmlattr.h"
#include "xmldoc.h"

#define NAME(node) ((const char *)(node)->name)
#define SHOW(s) ((s) ? (s) : "?")

#define FOLDER "the offices file's folder"

/* Dropped from the start of a folded kanwil, in any order, before the
 * second look-up: SPEC 6.1's list, and "provinsi", which offices write
 * before the province's name ("Kanwil ... Provinsi Kalimantan Tengah"). */
static const char *const prefixes[] = {
	"kantor wilayah",
	"kanwil",
	"kementerian hukum dan hak asasi manusia",
	"kementerian hukum dan ham",
	"kemenkumham",
	"provinsi",
};

#define NUMBER_SET (PH_BIT(PH_SEQ) | PH_BIT(PH_YEAR) | PH_BIT(PH_OFFICE))
#define VERIFY_SET (PH_BIT(PH_CODE) | PH_BIT(PH_NUMBER) | PH_BIT(PH_YEAR) | PH_BIT(PH_ID))

/* A number pattern given on the root, which offices inherit. */
struct pattern {
	char *text;             /* NULL when not given */
	int ok;                 /* it parsed */
};

/* What the loader needs besides the offices it builds; gone once they are. */
struct loader {
	struct offices *o;
	struct xmlattr x;       /* path, diagnostics and our own error count */
	char *dir;              /* the offices file's folder */
	struct pattern certificate, letter;
	unsigned seen_ministry, seen_national;
};

static void office_free(gpointer p)
{
	struct office *of = p;

	if (!of)
		return;
	g_free(of->id);
	g_free(of->name);
	g_free(of->heading);
	g_free(of->province);
	g_free(of->city);
	g_free(of->code);
	placeholder_clear(&of->certificate_number);
	placeholder_clear(&of->letter_number);
	placeholder_clear(&of->verify_url);
	g_free(of->signatory.title);
	g_free(of->signatory.name);
	g_free(of->signatory.nip);
	if (of->signatory.signature)
		cairo_surface_destroy(of->signatory.signature);
	if (of->signatory.stamp)
		cairo_surface_destroy(of->signatory.stamp);
	g_free(of);
}

void offices_free(struct offices *o)
{
	if (!o)
		return;
	g_free(o->path);
	g_free(o->ministry_name);
	g_free(o->ministry_heading);
	if (o->ministry_logo)
		cairo_surface_destroy(o->ministry_logo);
	office_free(o->national);
	g_ptr_array_unref(o->regional);
	g_hash_table_destroy(o->by_key);
	g_hash_table_destroy(o->by_id);
	g_free(o);
}

/* `key` (folded) without the prefixes above; points into `key`. */
static const char *strip_prefixes(const char *key)
{
	int dropped;

	do {
		dropped = 0;
		for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++) {
			size_t n = strlen(prefixes[i]);

			/* A whole word only: "kanwilayah" keeps its letters. */
			if (strncmp(key, prefixes[i], n) || (key[n] && key[n] != ' '))
				continue;
			key += n;
			while (*key == ' ')
				key++;
			dropped = 1;
		}
	} while (dropped);
	return key;
}

static int valid_id(const char *id)
{
	if (!*id)
		return 0;
	for (const char *p = id; *p; p++)
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
			return 0;
	return 1;
}

/* The attribute, trimmed; NULL when absent or blank. */
static char *opt_nonblank(xmlNodePtr node, const char *name)
{
	char *v = xmlattr_opt(node, name);

	if (v && !*v)
		g_clear_pointer(&v, g_free);
	return v;
}

/* `name` upper-cased, unless `heading` is given. */
static char *heading_of(xmlNodePtr node, const char *name)
{
	char *heading = opt_nonblank(node, "heading");

	if (!heading && name)
		heading = g_utf8_strup(name, -1);
	return heading;
}

/* The image named by optional attribute `name`, or NULL. */
static cairo_surface_t *opt_image(struct loader *ld, xmlNodePtr node, const char *name)
{
	char *src = opt_nonblank(node, name);
	cairo_surface_t *img = NULL;

	if (src)
		img = image_load(&ld->x, node, ld->dir, src, FOLDER);
	g_free(src);
	return img;
}

static int uses(const struct ph_text *t, int ph)
{
	for (guint i = 0; t->pieces && i < t->pieces->len; i++)
		if (g_array_index(t->pieces, struct ph_piece, i).placeholder == ph)
			return 1;
	return 0;
}

/* Parse `s` into `out`; an error names `what`. Returns 0 or -1. */
static int parse_pattern(struct loader *ld, xmlNodePtr node, const char *what,
			 const char *s, unsigned allowed, int need_seq,
			 struct ph_text *out)
{
	char *error;

	if (placeholder_parse_only(s, allowed, need_seq, out, &error) == 0)
		return 0;
	xmlattr_fail(&ld->x, node, "%s '%s': %s", what, s, error);
	g_free(error);
	return -1;
}

/* The office's own number pattern, else the root's. */
static void read_number(struct loader *ld, xmlNodePtr node, struct office *of,
			const char *attr, const char *what, const struct pattern *root,
			int need_seq, struct ph_text *out)
{
	char *own = xmlattr_opt(node, attr);

	if (own) {
		parse_pattern(ld, node, what, own, NUMBER_SET, need_seq, out);
	} else if (!root->text) {
		xmlattr_fail(&ld->x, node, "office '%s' has no %s; set '%s' on it or "
			     "on 'offices'", SHOW(of->id), what, attr);
	} else if (root->ok) {
		char *error;

		/* Checked on the root already: this cannot fail. */
		if (placeholder_parse_only(root->text, NUMBER_SET, need_seq, out, &error))
			BUG("a root number pattern parsed once and failed again");
	}
	if (own || root->ok) {
		if (!of->code && uses(out, PH_OFFICE))
			xmlattr_fail(&ld->x, node, "office '%s' has no 'code' for "
				     "{office} in its %s", SHOW(of->id), what);
	}
	g_free(own);
}

static void read_signatory(struct loader *ld, xmlNodePtr node, struct office *of)
{
	struct office_signatory *s = &of->signatory;

	xmlattr_leaf(&ld->x, node, "title name nip signature stamp");
	s->title = xmlattr_need(&ld->x, node, "title");
	s->name = xmlattr_need(&ld->x, node, "name");
	s->nip = opt_nonblank(node, "nip");
	s->signature = opt_image(ld, node, "signature");
	s->stamp = opt_image(ld, node, "stamp");
}

/* Register the office under its id; 0 when the id is bad or taken. */
static int claim_id(struct loader *ld, xmlNodePtr node, struct office *of)
{
	const struct office *first;

	if (!of->id)
		return 0;
	if (!valid_id(of->id)) {
		xmlattr_fail(&ld->x, node, "office id '%s' must be lowercase ASCII "
			     "letters, digits and '-'", of->id);
		return 0;
	}
	first = g_hash_table_lookup(ld->o->by_id, of->id);
	if (first) {
		xmlattr_fail(&ld->x, node, "duplicate office id '%s' (first at line %lu)",
			     of->id, first->line);
		return 0;
	}
	g_hash_table_insert(ld->o->by_id, g_strdup(of->id), of);
	return 1;
}

/*
 * The key that a name or a kanwil is looked up by: folded, without the
 * prefixes, or just folded when nothing else is left ("Kanwil"). Two texts
 * equal once folded have the same key, so one look-up covers both ways of
 * matching. The caller frees the result with g_free().
 */
static char *match_key(const char *s)
{
	char *folded = text_fold(s);
	const char *rest = strip_prefixes(folded);
	char *key;

	if (!*rest || rest == folded)
		return folded;
	key = g_strdup(rest);
	g_free(folded);
	return key;
}

/* Make `name` a key of `of` unless another office holds it. */
static void claim_key(struct loader *ld, xmlNodePtr node, struct office *of,
		      const char *name)
{
	char *key = match_key(name);
	const struct office *owner = g_hash_table_lookup(ld->o->by_key, key);

	if (*key && !owner) {
		g_hash_table_insert(ld->o->by_key, key, of);
		return;
	}
	if (*key && owner != of)
		xmlattr_fail(&ld->x, node, "'%s' of office '%s' would also match "
			     "office '%s' (line %lu)", name, SHOW(of->id), owner->id,
			     owner->line);
	g_free(key);
}

static void claim_keys(struct loader *ld, xmlNodePtr node, struct office *of)
{
	char *aliases = xmlattr_opt(node, "aliases");
	char **parts = g_strsplit(aliases ? aliases : "", ";", -1);

	claim_key(ld, node, of, of->name);
	if (of->province)
		claim_key(ld, node, of, of->province);
	for (char **p = parts; *p; p++)
		claim_key(ld, node, of, *p);
	g_strfreev(parts);
	g_free(aliases);
}

static void read_home(struct loader *ld, xmlNodePtr node, struct office *of)
{
	static const char *const flags[] = { "false", "true", NULL };
	const struct office *other = ld->o->home;

	of->home = xmlattr_choice(&ld->x, node, "home", flags, 0) == 1;
	if (!of->home)
		return;
	if (other)
		xmlattr_fail(&ld->x, node, "office '%s' is marked home, but office '%s' "
			     "(line %lu) already is; at most one may be", SHOW(of->id),
			     other->id, other->line);
	else
		ld->o->home = of;
}

/* An <office> or the <national> issuer. NULL when it is not kept. */
static struct office *read_office(struct loader *ld, xmlNodePtr node, int national)
{
	struct office *of = g_new0(struct office, 1);
	char *verify;
	unsigned signatories = 0;

	of->national = national;
	of->line = xmlattr_line(node);
	xmlattr_known(&ld->x, node, national ?
		      "id name heading city code certificate-number letter-number "
		      "verify-url" :
		      "id name heading province city code aliases certificate-number "
		      "letter-number verify-url home");
	of->id = xmlattr_need(&ld->x, node, "id");
	of->name = xmlattr_need(&ld->x, node, "name");
	of->heading = heading_of(node, of->name);
	of->province = national ? NULL : opt_nonblank(node, "province");
	of->city = xmlattr_need(&ld->x, node, "city");
	of->code = opt_nonblank(node, "code");

	read_number(ld, node, of, "certificate-number", "certificate number pattern",
		    &ld->certificate, 1, &of->certificate_number);
	read_number(ld, node, of, "letter-number", "letter number pattern",
		    &ld->letter, 0, &of->letter_number);
	verify = opt_nonblank(node, "verify-url");
	if (verify)
		of->has_verify_url = parse_pattern(ld, node, "verification URL pattern",
						   verify, VERIFY_SET, 0,
						   &of->verify_url) == 0;
	g_free(verify);

	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!xmldoc_is(c, "signatory"))
			xmlattr_fail(&ld->x, c, "unknown element '%s' in '%s'", NAME(c),
				     NAME(node));
		else if (signatories++)
			xmlattr_fail(&ld->x, c, "duplicate element 'signatory' in '%s'",
				     NAME(node));
		else
			read_signatory(ld, c, of);
	}
	if (!signatories)
		xmlattr_fail(&ld->x, node, "office '%s' has no 'signatory'",
			     SHOW(of->id));

	if (!claim_id(ld, node, of)) {
		office_free(of);
		return NULL;
	}
	if (!national) {
		if (of->name)
			claim_keys(ld, node, of);
		read_home(ld, node, of);
	}
	return of;
}

static void read_ministry(struct loader *ld, xmlNodePtr node)
{
	struct offices *o = ld->o;

	xmlattr_leaf(&ld->x, node, "name heading logo");
	if (ld->seen_ministry++) {
		xmlattr_fail(&ld->x, node, "duplicate element 'ministry'");
		return;
	}
	o->ministry_name = xmlattr_need(&ld->x, node, "name");
	o->ministry_heading = heading_of(node, o->ministry_name);
	o->ministry_logo = opt_image(ld, node, "logo");
}

/* A number pattern on the root, checked once for all offices that use it. */
static void read_root_pattern(struct loader *ld, xmlNodePtr root, const char *attr,
			      const char *what, int need_seq, struct pattern *out)
{
	struct ph_text t = { 0 };

	out->text = xmlattr_opt(root, attr);
	if (out->text)
		out->ok = parse_pattern(ld, root, what, out->text, NUMBER_SET, need_seq,
					&t) == 0;
	placeholder_clear(&t);
}

static void read_root(struct loader *ld, xmlNodePtr root)
{
	char *version = xmlattr_opt(root, "version");

	xmlattr_known(&ld->x, root, "version certificate-number letter-number");
	if (version && strcmp(version, "1"))
		xmlattr_fail(&ld->x, root, "offices version '%s' is not supported (1)",
			     version);
	g_free(version);
	read_root_pattern(ld, root, "certificate-number", "certificate number pattern",
			  1, &ld->certificate);
	read_root_pattern(ld, root, "letter-number", "letter number pattern", 0,
			  &ld->letter);

	for (xmlNodePtr c = root->children; c; c = c->next) {
		struct office *of;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmldoc_is(c, "ministry")) {
			read_ministry(ld, c);
		} else if (xmldoc_is(c, "national")) {
			if (ld->seen_national++)
				xmlattr_fail(&ld->x, c, "duplicate element 'national'");
			else
				ld->o->national = read_office(ld, c, 1);
		} else if (xmldoc_is(c, "office")) {
			of = read_office(ld, c, 0);
			if (of)
				g_ptr_array_add(ld->o->regional, of);
		} else {
			xmlattr_fail(&ld->x, c, "unknown element '%s'", NAME(c));
		}
	}
	if (!ld->seen_ministry)
		xmlattr_fail(&ld->x, root, "offices file has no 'ministry' element");
	if (!ld->seen_national)
		xmlattr_fail(&ld->x, root, "offices file has no 'national' element");
}

struct offices *offices_load(const char *path, struct diag *d)
{
	struct offices *o;
	struct loader ld = { 0 };
	xmlDocPtr doc = xmldoc_read(path, d);
	xmlNodePtr root;

	if (!doc)
		return NULL;
	o = g_new0(struct offices, 1);
	o->path = g_strdup(path);
	o->regional = g_ptr_array_new_with_free_func(office_free);
	o->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	o->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	ld.o = o;
	ld.x.path = o->path;
	ld.x.d = d;
	ld.dir = g_path_get_dirname(path);

	root = xmlDocGetRootElement(doc);
	if (xmldoc_is(root, "offices"))
		read_root(&ld, root);
	else
		xmlattr_fail(&ld.x, root, "root element is '%s', expected 'offices'",
			     NAME(root));

	g_free(ld.certificate.text);
	g_free(ld.letter.text);
	g_free(ld.dir);
	xmlFreeDoc(doc);
	if (ld.x.errors) {
		offices_free(o);
		return NULL;
	}
	return o;
}

const struct office *offices_match(const struct offices *o, const char *kanwil)
{
	const struct office *of;
	char *key;

	if (!kanwil || !g_utf8_validate(kanwil, -1, NULL))
		return NULL;
	key = match_key(kanwil);
	of = *key ? g_hash_table_lookup(o->by_key, key) : NULL;
	g_free(key);
	return of;
}

const struct office *offices_find(const struct offices *o, const char *id)
{
	return id ? g_hash_table_lookup(o->by_id, id) : NULL;
}

static char *fill_number(const struct office *of, const struct ph_text *t,
			 unsigned seq, int year)
{
	const char *values[PH_COUNT] = { 0 };
	char y[16];

	snprintf(y, sizeof y, "%d", year);
	values[PH_YEAR] = y;
	values[PH_OFFICE] = of->code;
	return placeholder_expand_seq(t, values, seq);
}

char *office_certificate_number(const struct office *of, unsigned seq, int year)
{
	return fill_number(of, &of->certificate_number, seq, year);
}

char *office_letter_number(const struct office *of, unsigned seq, int year)
{
	return fill_number(of, &of->letter_number, seq, year);
}

char *office_verify_url(const struct office *of, const char *code, const char *number,
			int year, const char *unit_id)
{
	const char *values[PH_COUNT] = { 0 };
	char *escaped[4], *url, y[16];

	if (!of->has_verify_url)
		return NULL;
	snprintf(y, sizeof y, "%d", year);
	/* Percent-encoded: a '/', '&' or '#' in a number must not change the
	 * URL's structure. */
	values[PH_CODE] = escaped[0] = g_uri_escape_string(code ? code : "", NULL, FALSE);
	values[PH_NUMBER] = escaped[1] = g_uri_escape_string(number ? number : "", NULL,
							     FALSE);
	values[PH_YEAR] = escaped[2] = g_strdup(y);
	values[PH_ID] = escaped[3] = g_uri_escape_string(unit_id ? unit_id : "", NULL,
							 FALSE);
	url = placeholder_expand(&of->verify_url, values);
	for (size_t i = 0; i < G_N_ELEMENTS(escaped); i++)
		g_free(escaped[i]);
	return url;
}

int office_is_placeholder(const char *value)
{
	char *t;
	size_t n;
	int yes;

	if (!value)
		return 0;
	t = text_trim(value);
	n = strlen(t);
	yes = n >= 2 && t[0] == '[' && t[n - 1] == ']';
	g_free(t);
	return yes;
}

unsigned office_warn_placeholders(const struct offices *o, const struct office *of,
				  const char *what, struct diag *d)
{
	const int numbered = uses(&of->certificate_number, PH_OFFICE) ||
			     uses(&of->letter_number, PH_OFFICE);
	const struct {
		const char *field;
		const char *value;
	} fields[] = {
		{ "name", of->name },
		{ "heading", of->heading },
		{ "city", of->city },
		{ "code", numbered ? of->code : NULL },
		{ "signatory title", of->signatory.title },
		{ "signatory name", of->signatory.name },
		{ "signatory NIP", of->signatory.nip },
	};
	unsigned n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		if (!office_is_placeholder(fields[i].value))
			continue;
		diag_warning(d, o->path, of->line,
			     "office '%s': %s is a placeholder '%s'; %s would print it",
			     of->id, fields[i].field, fields[i].value, what);
		n++;
	}
	return n;
}
