/* template.c — loading and checking the certificate template. */
#include "template_int.h"

#include <math.h>
#include <string.h>

#include <libxml/tree.h>

#include "image.h"
#include "text.h"
#include "xmlattr.h"
#include "xmldoc.h"


/* Paper sizes in whole points, portrait (what pdfinfo recognises). */
static const struct {
	const char *name;
	double w, h;
} papers[] = {
	{ "A3", 842, 1191 }, { "A4", 595, 842 }, { "A5", 420, 595 },
	{ "F4", 609, 935 },     /* folio, 215 × 330 mm, common in Indonesia */
	{ "Letter", 612, 792 }, { "Legal", 612, 1008 },
};




static void element_free(gpointer p)
{
	struct tpl_element *e = p;

	g_free(e->id);
	g_free((char *)e->style.font);
	g_free(e->features);
	g_free(e->alt);
	placeholder_clear(&e->text);
	if (e->image)
		cairo_surface_destroy(e->image);
	g_free(e);
}

static void style_free(gpointer p)
{
	struct style *s = p;

	g_free(s->font);
	g_free(s->features);
	g_free(s);
}

void template_free(struct cert_template *t)
{
	if (!t)
		return;
	g_free(t->path);
	if (t->elements)
		g_ptr_array_unref(t->elements);
	g_free(t);
}

/* "#RRGGBB", "#RGB" or a colour defined by <color>. Returns 0 or -1. */
int tpl_parse_color(struct loader *ld, const char *s, struct draw_rgb *out)
{
	const struct draw_rgb *named = g_hash_table_lookup(ld->colors, s);
	size_t n = strlen(s);
	unsigned v = 0;

	if (named) {
		*out = *named;
		return 0;
	}
	if (s[0] != '#' || (n != 4 && n != 7))
		return -1;
	for (size_t i = 1; i < n; i++) {
		int x = g_ascii_xdigit_value(s[i]);

		if (x < 0)
			return -1;
		v = v * 16 + (unsigned)x;
		if (n == 4)
			v = v * 16 + (unsigned)x;
	}
	*out = draw_hex(v);
	return 0;
}

/* A colour attribute; absent takes `dflt`. Returns 1 given, 0 absent, -1 bad. */
int tpl_color_attr(struct loader *ld, xmlNodePtr node, const char *name,
		      struct draw_rgb dflt, struct draw_rgb *out)
{
	char *v = xmlattr_opt(node, name);
	int rc = 1;

	*out = dflt;
	if (!v)
		return 0;
	if (tpl_parse_color(ld, v, out) < 0) {
		fail(ld, node, "unknown colour '%s' in attribute '%s' of '%s'", v, name,
		     NAME(node));
		*out = dflt;
		rc = -1;
	}
	g_free(v);
	return rc;
}

/* A font description naming a shipped face, without a size. Returns a copy
 * or NULL after an error. */
static char *check_font(struct loader *ld, xmlNodePtr node, const char *font)
{
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int sized = pango_font_description_get_set_fields(fd) & PANGO_FONT_MASK_SIZE;

	pango_font_description_free(fd);
	if (sized) {
		fail(ld, node, "font '%s' must not carry a size; use attribute 'size'",
		     font);
		return NULL;
	}
	if (!draw_font_shipped(font)) {
		fail(ld, node, "font '%s' is not shipped (%s)", font, DRAW_SHIPPED_FACES);
		return NULL;
	}
	return g_strdup(font);
}

/* Collapse every run of XML white space to one space, trim the ends. */
char *tpl_collapse_space(const char *s)
{
	GString *out = g_string_new(NULL);

	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (out->len && out->str[out->len - 1] != ' ')
				g_string_append_c(out, ' ');
		} else {
			g_string_append_c(out, *p);
		}
	}
	if (out->len && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* Parse a text with placeholders; an error names `what`. Returns 0 or -1. */
int tpl_parse_text(struct loader *ld, xmlNodePtr node, const char *what, const char *s,
		      int number, struct ph_text *out)
{
	char *error;

	if (placeholder_parse(s, number, out, &error) == 0)
		return 0;
	fail(ld, node, "%s '%s': %s", what, s, error);
	g_free(error);
	return -1;
}

/* ---- definitions: page, colours, styles ---- */

/*
 * Templates written before the offices file named the issuer and the
 * signatory themselves. Those elements are read no more: every document
 * now takes them from its unit's office, and a template that kept them
 * would otherwise show one office on every certificate without a word.
 */
static void read_legacy(struct loader *ld, xmlNodePtr node)
{
	diag_warning(ld->x.d, ld->x.path, xmlattr_line(node),
		     "element '%s' is ignored: the issuing office and its signatory come "
		     "from the offices file (--offices)", NAME(node));
}

static void read_page(struct loader *ld, xmlNodePtr node)
{
	static const char *const orientations[] = { "landscape", "portrait", NULL };
	struct cert_template *t = ld->t;
	char *size;
	double w = 0, h = 0, margin;
	int orient, gw, gh;

	xmlattr_leaf(&ld->x, node, "size orientation width height margin background");
	if (ld->seen_page++) {
		fail(ld, node, "duplicate element 'page'");
		return;
	}
	size = xmlattr_opt(node, "size");
	if (size) {
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(papers); i++)
			if (!g_ascii_strcasecmp(size, papers[i].name))
				break;
		if (i < G_N_ELEMENTS(papers)) {
			t->width = papers[i].w;
			t->height = papers[i].h;
		} else {
			fail(ld, node, "unknown page size '%s' (A3, A4, A5, F4, Letter, "
			     "Legal)", size);
		}
		g_free(size);
	}
	gw = xmlattr_number(&ld->x, node, "width", 0, 1, 72, 0, &w);
	gh = xmlattr_number(&ld->x, node, "height", 0, 1, 72, 0, &h);
	if ((gw > 0) != (gh > 0) && gw >= 0 && gh >= 0)
		fail(ld, node, "give both 'width' and 'height' of 'page', or neither");
	else if (gw > 0 && gh > 0) {
		t->width = w;
		t->height = h;
	}
	/* Landscape unless said otherwise; a size given in numbers is kept
	 * as it is unless an orientation is given too. */
	orient = xmlattr_choice(&ld->x, node, "orientation", orientations,
				gw > 0 && gh > 0 ? -2 : 0);
	if (orient >= 0 && (orient == 0) != (t->width > t->height)) {
		double tmp = t->width;

		t->width = t->height;
		t->height = tmp;
	}
	if (xmlattr_number(&ld->x, node, "margin", 0, 1, 0, ld->margin, &margin) > 0) {
		if (2 * margin >= fmin(t->width, t->height) - 72)
			fail(ld, node, "margin %g pt leaves less than 1 in of the page",
			     margin);
		else
			ld->margin = margin;
	}
	t->has_background = tpl_color_attr(ld, node, "background", draw_hex(0xffffff),
				       &t->background) > 0;
}

static void read_color(struct loader *ld, xmlNodePtr node)
{
	char *name, *value;
	struct draw_rgb c;

	xmlattr_leaf(&ld->x, node, "name value");
	name = xmlattr_need(&ld->x, node, "name");
	value = xmlattr_need(&ld->x, node, "value");
	if (name && value) {
		if (name[0] == '#')
			fail(ld, node, "colour name '%s' must not start with '#'", name);
		else if (g_hash_table_contains(ld->colors, name))
			fail(ld, node, "duplicate colour '%s'", name);
		else if (tpl_parse_color(ld, value, &c) < 0)
			fail(ld, node, "colour '%s' is not #RRGGBB, #RGB or a defined "
			     "colour: '%s'", name, value);
		else
			g_hash_table_insert(ld->colors, g_strdup(name),
					    g_memdup2(&c, sizeof c));
	}
	g_free(name);
	g_free(value);
}

static const char *const aligns[] = { "left", "center", "right", NULL };
static const char *const valigns[] = { "top", "middle", NULL };

/* OpenType features as Pango takes them: "lnum", "liga=0, onum". */
static int valid_features(const char *s)
{
	char **parts = g_strsplit(s, ",", -1);
	int ok = 1;

	for (char **p = parts; *p && ok; p++) {
		char *f = g_strstrip(*p);
		size_t i = 0;

		while (i < 4 && g_ascii_isalnum(f[i]))
			i++;
		if (i != 4)
			ok = 0;
		else if (f[4] == '=' && f[5])
			for (i = 5; f[i] && ok; i++)
				ok = g_ascii_isdigit(f[i]);
		else if (f[4])
			ok = 0;
	}
	g_strfreev(parts);
	return ok;
}

void tpl_read_style_attrs(struct loader *ld, xmlNodePtr node, struct style *s)
{
	char *font = xmlattr_opt(node, "font");
	char *features = xmlattr_opt(node, "features");

	if (font) {
		g_free(s->font);
		s->font = check_font(ld, node, font);
		g_free(font);
	}
	if (features && !valid_features(features)) {
		fail(ld, node, "attribute 'features' must be OpenType feature tags "
		     "such as 'lnum' or 'liga=0', separated by commas: '%s'", features);
		g_free(features);
	} else if (features) {
		g_free(s->features);
		s->features = features;
	}
	/* Absent attributes keep what the style gave. */
	if (xmlattr_number(&ld->x, node, "size", 0, 1, 1, s->size, &s->size) > 0)
		s->has_size = 1;
	if (xmlattr_number(&ld->x, node, "min-size", 0, 1, 4, s->min_size,
			   &s->min_size) > 0)
		s->has_min_size = 1;
	if (xmlattr_number(&ld->x, node, "line-spacing", 0, 1, 0, s->spacing,
			   &s->spacing) > 0)
		s->has_spacing = 1;
	if (tpl_color_attr(ld, node, "color", s->color, &s->color) > 0)
		s->has_color = 1;
	if (xmlHasProp(node, (const xmlChar *)"align"))
		s->align = xmlattr_choice(&ld->x, node, "align", aligns, -1);
	if (xmlHasProp(node, (const xmlChar *)"valign"))
		s->valign = xmlattr_choice(&ld->x, node, "valign", valigns, -1);
}

static struct style *style_new(void)
{
	struct style *s = g_new0(struct style, 1);

	s->align = s->valign = -1;
	return s;
}

static void read_style(struct loader *ld, xmlNodePtr node)
{
	struct style *s = style_new();
	char *name;

	xmlattr_leaf(&ld->x, node, "name " STYLE_ATTRS);
	name = xmlattr_need(&ld->x, node, "name");
	tpl_read_style_attrs(ld, node, s);
	if (name && g_hash_table_contains(ld->styles, name)) {
		fail(ld, node, "duplicate style '%s'", name);
	} else if (name) {
		g_hash_table_insert(ld->styles, name, s);
		return;
	}
	g_free(name);
	style_free(s);
}

static int boxes_overlap(const struct tpl_element *a, const struct tpl_element *b)
{
	return a->x < b->x + b->w - EPS && b->x < a->x + a->w - EPS &&
	       a->y < b->y + b->h - EPS && b->y < a->y + a->h - EPS;
}

/* Text never leaves its box, so boxes that do not overlap keep texts apart.
 * Boxes for different awards (recommended, retained) never share a page. */
static void check_overlaps(struct loader *ld)
{
	GPtrArray *els = ld->t->elements;

	for (guint i = 0; i < els->len; i++) {
		const struct tpl_element *a = els->pdata[i];

		if (a->kind != TPL_TEXT && a->kind != TPL_QR)
			continue;
		for (guint j = 0; j < i; j++) {
			const struct tpl_element *b = els->pdata[j];

			if ((b->kind != TPL_TEXT && b->kind != TPL_QR) ||
			    !(a->when & b->when) || !boxes_overlap(a, b))
				continue;
			diag_error(ld->x.d, ld->x.path, a->line,
				   "'%s' box overlaps the '%s' box at line %lu",
				   a->kind == TPL_QR ? "qr" : "text",
				   b->kind == TPL_QR ? "qr" : "text", b->line);
			ld->x.errors++;
		}
	}
}

static int is_definition(xmlNodePtr c)
{
	return xmldoc_is(c, "issuer") || xmldoc_is(c, "signatory") ||
	       xmldoc_is(c, "page") || xmldoc_is(c, "color") || xmldoc_is(c, "style");
}

static void read_root(struct loader *ld, xmlNodePtr root)
{
	char *version = xmlattr_opt(root, "version");

	xmlattr_known(&ld->x, root, "version");
	if (version && strcmp(version, "1") && strcmp(version, "2"))
		fail(ld, root, "template version '%s' is not supported (1 or 2)", version);
	g_free(version);

	/* Definitions first, so that colours, styles and the page hold
	 * wherever they are written; colours before all that uses them. */
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (xmldoc_is(c, "color"))
			read_color(ld, c);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (xmldoc_is(c, "page"))
			read_page(ld, c);
		else if (xmldoc_is(c, "issuer") || xmldoc_is(c, "signatory"))
			read_legacy(ld, c);
		else if (xmldoc_is(c, "style"))
			read_style(ld, c);
	}
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_definition(c))
			continue;
		if (xmldoc_is(c, "border"))
			tpl_read_border(ld, c);
		else if (xmldoc_is(c, "rule"))
			tpl_read_rule(ld, c);
		else if (xmldoc_is(c, "seal"))
			tpl_read_seal(ld, c);
		else if (xmldoc_is(c, "image"))
			tpl_read_image(ld, c);
		else if (xmldoc_is(c, "signature"))
			tpl_read_office_image(ld, c, TPL_SIGNATURE);
		else if (xmldoc_is(c, "stamp"))
			tpl_read_office_image(ld, c, TPL_STAMP);
		else if (xmldoc_is(c, "logo"))
			tpl_read_office_image(ld, c, TPL_LOGO);
		else if (xmldoc_is(c, "text"))
			tpl_read_text(ld, c);
		else if (xmldoc_is(c, "qr"))
			tpl_read_qr(ld, c);
		else
			fail(ld, c, "unknown element '%s'", NAME(c));
	}
	check_overlaps(ld);
}

struct cert_template *template_load(const char *path, struct diag *d)
{
	struct cert_template *t;
	struct loader ld = { 0 };
	xmlDocPtr doc = xmldoc_read(path, d);
	xmlNodePtr root;

	if (!doc)
		return NULL;
	t = g_new0(struct cert_template, 1);
	t->path = g_strdup(path);
	t->width = 842;
	t->height = 595;
	t->elements = g_ptr_array_new_with_free_func(element_free);

	ld.t = t;
	ld.x = (struct xmlattr){ t->path, d, 0 };
	ld.dir = g_path_get_dirname(path);
	ld.colors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	ld.styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, style_free);
	ld.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ld.margin = 20;

	root = xmlDocGetRootElement(doc);
	if (xmldoc_is(root, "certificate"))
		read_root(&ld, root);
	else
		fail(&ld, root, "root element is '%s', expected 'certificate'",
		     NAME(root));

	g_hash_table_destroy(ld.colors);
	g_hash_table_destroy(ld.styles);
	g_hash_table_destroy(ld.ids);
	g_free(ld.dir);
	xmlFreeDoc(doc);
	if (ld.x.errors) {
		template_free(t);
		return NULL;
	}
	return t;
}
