/* template.c — loading and checking the certificate template. */
#include "template.h"

#include <math.h>
#include <qrencode.h>
#include <string.h>

#include <libxml/tree.h>

#include "image.h"
#include "text.h"
#include "xmlattr.h"
#include "xmldoc.h"

#define NAME(node) ((const char *)(node)->name)
#define EPS 1e-6

/* Paper sizes in whole points, portrait (what pdfinfo recognises). */
static const struct {
	const char *name;
	double w, h;
} papers[] = {
	{ "A3", 842, 1191 }, { "A4", 595, 842 }, { "A5", 420, 595 },
	{ "F4", 609, 935 },     /* folio, 215 × 330 mm, common in Indonesia */
	{ "Letter", 612, 792 }, { "Legal", 612, 1008 },
};

/* What the QR code holds unless the template says otherwise. */
#define DEFAULT_QR "P2HAM/{year}/{id}/{code}"

/* A named style: every field optional, text attributes override it. */
struct style {
	char *font;
	char *features;
	double size, min_size, spacing;
	int has_size, has_min_size, has_spacing;
	struct draw_rgb color;
	int has_color;
	int align, valign;      /* -1 when not set */
};

/* What the loader needs besides the template it builds. */
struct loader {
	struct xmlattr x;       /* path, diagnostics, error count */
	struct cert_template *t;
	char *dir;              /* the template's folder */
	GHashTable *colors;     /* name -> struct draw_rgb * */
	GHashTable *styles;     /* name -> struct style * */
	GHashTable *ids;        /* element id -> line, as a pointer */
	double margin;
	unsigned seen_page;
};

/* Report a template error at node's line (xmlattr counts it). */
#define fail(ld, node, ...) xmlattr_fail(&(ld)->x, (node), __VA_ARGS__)

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
static int parse_color(struct loader *ld, const char *s, struct draw_rgb *out)
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
static int color_attr(struct loader *ld, xmlNodePtr node, const char *name,
		      struct draw_rgb dflt, struct draw_rgb *out)
{
	char *v = xmlattr_opt(node, name);
	int rc = 1;

	*out = dflt;
	if (!v)
		return 0;
	if (parse_color(ld, v, out) < 0) {
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
static char *collapse_space(const char *s)
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
static int parse_text(struct loader *ld, xmlNodePtr node, const char *what, const char *s,
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
	t->has_background = color_attr(ld, node, "background", draw_hex(0xffffff),
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
		else if (parse_color(ld, value, &c) < 0)
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
static const char *const booleans[] = { "false", "true", NULL };

/* The text attributes a style and a text share. */
#define STYLE_ATTRS "font features size min-size color align valign line-spacing"

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

static void read_style_attrs(struct loader *ld, xmlNodePtr node, struct style *s)
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
	if (color_attr(ld, node, "color", s->color, &s->color) > 0)
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
	read_style_attrs(ld, node, s);
	if (name && g_hash_table_contains(ld->styles, name)) {
		fail(ld, node, "duplicate style '%s'", name);
	} else if (name) {
		g_hash_table_insert(ld->styles, name, s);
		return;
	}
	g_free(name);
	style_free(s);
}

/* ---- drawables ---- */

static struct tpl_element *element_new(struct loader *ld, xmlNodePtr node,
				       enum tpl_kind kind)
{
	struct tpl_element *e = g_new0(struct tpl_element, 1);

	e->kind = kind;
	e->line = xmlattr_line(node);
	e->when = TPL_WHEN_ANY;
	e->opacity = 1;
	g_ptr_array_add(ld->t->elements, e);
	return e;
}

/* The optional id (unique) and when of an element. */
static void read_common(struct loader *ld, xmlNodePtr node, struct tpl_element *e,
			int with_when)
{
	static const char *const whens[] = { "recommended", "retained", NULL };
	char *id = xmlattr_opt(node, "id");
	int w;

	if (id && *id) {
		gpointer line = g_hash_table_lookup(ld->ids, id);

		if (line)
			fail(ld, node, "duplicate id '%s' (first at line %lu)", id,
			     (unsigned long)GPOINTER_TO_SIZE(line));
		else
			g_hash_table_insert(ld->ids, g_strdup(id),
					    GSIZE_TO_POINTER((gsize)e->line));
		e->id = id;
	} else {
		g_free(id);
	}
	w = with_when ? xmlattr_choice(&ld->x, node, "when", whens, -1) : -1;
	if (w >= 0)
		e->when = w == 0 ? TPL_WHEN_RECOMMENDED : TPL_WHEN_RETAINED;
}

/* The margin box: where every box must lie. */
static double content_w(const struct loader *ld)
{
	return ld->t->width - 2 * ld->margin;
}

static double content_h(const struct loader *ld)
{
	return ld->t->height - 2 * ld->margin;
}

/* Read x, y, w, h (w defaulting to the rest of the width when `full`),
 * check the box lies inside the margins and move it onto the page. */
static void read_box(struct loader *ld, xmlNodePtr node, struct tpl_element *e,
		     int full_width, int need_h)
{
	double cw = content_w(ld), ch = content_h(ld);
	int bad = 0;

	bad |= xmlattr_number(&ld->x, node, "x", 0, 1, 0, 0, &e->x) < 0;
	bad |= xmlattr_number(&ld->x, node, "y", 1, 1, 0, 0, &e->y) < 0;
	bad |= xmlattr_number(&ld->x, node, "w", !full_width, 1, 1, cw - e->x, &e->w) < 0;
	if (need_h)
		bad |= xmlattr_number(&ld->x, node, "h", 1, 1, 1, 0, &e->h) < 0;
	if (!bad && (e->x + e->w > cw + EPS || e->y + e->h > ch + EPS || e->w <= 0))
		fail(ld, node, "'%s' box (x %g, y %g, w %g, h %g) does not fit inside "
		     "the margins (%g x %g pt)", NAME(node), e->x, e->y, e->w, e->h, cw,
		     ch);
	e->x += ld->margin;
	e->y += ld->margin;
}

static const char *const corners[] = { "square", "notch", "round", NULL };

/* An inset from the margin box, leaving room for `extra` inside it. */
static void read_inset(struct loader *ld, xmlNodePtr node, struct tpl_element *e,
		       double extra)
{
	double inset;

	xmlattr_number(&ld->x, node, "inset", 0, 1, 0, 0, &inset);
	if (2 * (inset + extra) >= fmin(content_w(ld), content_h(ld)))
		fail(ld, node, "'%s' at inset %g does not fit inside the margins",
		     NAME(node), inset);
	e->x = ld->margin + inset;
	e->y = ld->margin + inset;
	e->w = content_w(ld) - 2 * inset;
	e->h = content_h(ld) - 2 * inset;
}

static void read_frame(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_FRAME);
	int c;

	xmlattr_leaf(&ld->x, node, "inset line-width color corner corner-size");
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 1, &e->line_width);
	xmlattr_number(&ld->x, node, "corner-size", 0, 1, 0, 12, &e->size);
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	c = xmlattr_choice(&ld->x, node, "corner", corners, TPL_CORNER_SQUARE);
	e->corner = c < 0 ? TPL_CORNER_SQUARE : (enum tpl_corner)c;
	read_inset(ld, node, e, e->corner == TPL_CORNER_SQUARE ? 0 : e->size);
}

static void read_band(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_BAND);

	xmlattr_leaf(&ld->x, node, "inset width line-width color wave");
	xmlattr_number(&ld->x, node, "width", 1, 1, 2, 10, &e->size);
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 0.5, &e->line_width);
	xmlattr_number(&ld->x, node, "wave", 0, 1, 4, 24, &e->wave);
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	read_inset(ld, node, e, e->size);
}

static void read_corners(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_CORNERS);

	xmlattr_leaf(&ld->x, node, "inset size line-width color");
	xmlattr_number(&ld->x, node, "size", 1, 1, 2, 20, &e->size);
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 0.75, &e->line_width);
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	read_inset(ld, node, e, e->size);
}

static void read_border(struct loader *ld, xmlNodePtr node)
{
	xmlattr_known(&ld->x, node, "");
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmldoc_is(c, "frame"))
			read_frame(ld, c);
		else if (xmldoc_is(c, "band"))
			read_band(ld, c);
		else if (xmldoc_is(c, "corners"))
			read_corners(ld, c);
		else
			fail(ld, c, "unknown element '%s' in 'border'", NAME(c));
	}
}

static void read_rule(struct loader *ld, xmlNodePtr node)
{
	static const char *const ornaments[] = { "none", "diamond", NULL };
	struct tpl_element *e = element_new(ld, node, TPL_RULE);

	xmlattr_leaf(&ld->x, node, "id when x y w line-width color ornament");
	read_common(ld, node, e, 1);
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 0.75, &e->line_width);
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	e->ornament = xmlattr_choice(&ld->x, node, "ornament", ornaments, 0) == 1;
	read_box(ld, node, e, 1, 0);
}

static void read_seal(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_SEAL);
	double cx = 0, cy = 0, r = 0;
	int bad = 0;

	xmlattr_leaf(&ld->x, node, "id when cx cy r color");
	read_common(ld, node, e, 1);
	bad |= xmlattr_number(&ld->x, node, "cx", 1, 1, 0, 0, &cx) < 0;
	bad |= xmlattr_number(&ld->x, node, "cy", 1, 1, 0, 0, &cy) < 0;
	bad |= xmlattr_number(&ld->x, node, "r", 1, 1, 8, 0, &r) < 0;
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	if (!bad && (cx - r < -EPS || cy - r < -EPS || cx + r > content_w(ld) + EPS ||
		     cy + r > content_h(ld) + EPS))
		fail(ld, node, "'seal' (cx %g, cy %g, r %g) does not fit inside the "
		     "margins", cx, cy, r);
	e->x = ld->margin + cx;
	e->y = ld->margin + cy;
	e->w = r;
}

/* <signature>, <stamp>, <logo>: the office's image (or the ministry's
 * logo) in a box, when it has one. */
static void read_office_image(struct loader *ld, xmlNodePtr node, enum tpl_kind kind)
{
	struct tpl_element *e = element_new(ld, node, kind);

	xmlattr_leaf(&ld->x, node, "id when x y w h opacity");
	read_common(ld, node, e, 1);
	read_box(ld, node, e, 0, 1);
	if (xmlattr_number(&ld->x, node, "opacity", 0, 0, 0, 1, &e->opacity) > 0 &&
	    e->opacity > 1)
		fail(ld, node, "attribute 'opacity' of '%s' must be from 0 to 1", NAME(node));
}

static void read_image(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_IMAGE);
	char *src;

	xmlattr_leaf(&ld->x, node, "id when src x y w h opacity alt");
	read_common(ld, node, e, 1);
	read_box(ld, node, e, 0, 1);
	if (xmlattr_number(&ld->x, node, "opacity", 0, 0, 0, 1, &e->opacity) > 0 &&
	    e->opacity > 1)
		fail(ld, node, "attribute 'opacity' of 'image' must be from 0 to 1");
	e->alt = xmlattr_opt(node, "alt");
	src = xmlattr_need(&ld->x, node, "src");
	if (src)
		e->image = image_load(&ld->x, node, ld->dir, src, "the template's folder");
	g_free(src);
}

/* The structure tag, and the most lines a text is balanced over. */
static void read_text_a11y(struct loader *ld, xmlNodePtr node, struct tpl_element *e)
{
	static const char *const tags[] = { "P", "H1", "H2", NULL };
	double lines;

	e->tag = xmlattr_choice(&ld->x, node, "tag", tags, TPL_TAG_P);
	if (e->tag < 0)
		e->tag = TPL_TAG_P;
	if (xmlattr_number(&ld->x, node, "lines", 0, 0, 1, 0, &lines) > 0 &&
	    (lines > 5 || lines != floor(lines)))
		fail(ld, node, "attribute 'lines' of 'text' must be a whole number from 1 "
		     "to 5");
	e->lines = (unsigned)fmin(5, fmax(0, lines));
}

static void read_text(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_TEXT);
	struct style s = { .align = -1, .valign = -1 };
	const struct style *base = NULL;
	char *style_name, *raw, *text;

	xmlattr_leaf(&ld->x, node, "id when x y w h style underline tag lines " STYLE_ATTRS);
	read_common(ld, node, e, 1);
	style_name = xmlattr_opt(node, "style");
	if (style_name) {
		base = g_hash_table_lookup(ld->styles, style_name);
		if (!base)
			fail(ld, node, "unknown style '%s'", style_name);
		g_free(style_name);
	}
	if (base) {
		s = *base;
		s.font = g_strdup(base->font);
		s.features = g_strdup(base->features);
	}
	read_style_attrs(ld, node, &s);
	e->style.font = s.font ? s.font : g_strdup(DRAW_SANS);
	e->features = s.features && *s.features ? s.features : NULL;
	if (!e->features)
		g_free(s.features);
	e->style.size = s.has_size ? s.size : 12;
	e->style.min_size = s.has_min_size ? s.min_size : 0;
	e->style.color = s.has_color ? s.color : draw_hex(0);
	e->style.align = s.align >= 0 ? (enum draw_align)s.align : DRAW_CENTER;
	e->style.spacing = s.has_spacing ? s.spacing : 0;
	e->valign = s.valign > 0 ? TPL_MIDDLE : TPL_TOP;
	e->underline = xmlattr_choice(&ld->x, node, "underline", booleans, 0) == 1;
	read_text_a11y(ld, node, e);
	if (e->style.min_size > e->style.size)
		fail(ld, node, "min-size %g is larger than size %g", e->style.min_size,
		     e->style.size);
	read_box(ld, node, e, 1, 1);

	raw = (char *)xmlNodeGetContent(node);
	text = collapse_space(raw ? raw : "");
	xmlFree(raw);
	if (!*text)
		fail(ld, node, "'text' is empty");
	else
		parse_text(ld, node, "text", text, 0, &e->text);
	g_free(text);
}

static void read_qr(struct loader *ld, xmlNodePtr node)
{
	static const char *const levels[] = { "L", "M", "Q", "H", NULL };
	static const QRecLevel qr_levels[] = { QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q,
					       QR_ECLEVEL_H };
	struct tpl_element *e = element_new(ld, node, TPL_QR);
	char *content, *bg;
	double quiet, x = 0, y = 0;
	int level, bad = 0;

	xmlattr_leaf(&ld->x, node, "id x y size content color background level quiet");
	read_common(ld, node, e, 0);
	bad |= xmlattr_number(&ld->x, node, "x", 0, 1, 0, 0, &x) < 0;
	bad |= xmlattr_number(&ld->x, node, "y", 1, 1, 0, 0, &y) < 0;
	bad |= xmlattr_number(&ld->x, node, "size", 1, 1, 36, 0, &e->w) < 0;
	e->h = e->w;
	if (!bad && (x + e->w > content_w(ld) + EPS || y + e->h > content_h(ld) + EPS))
		fail(ld, node, "'qr' box (x %g, y %g, size %g) does not fit inside the "
		     "margins (%g x %g pt)", x, y, e->w, content_w(ld), content_h(ld));
	e->x = ld->margin + x;
	e->y = ld->margin + y;
	color_attr(ld, node, "color", draw_hex(0), &e->color);
	bg = xmlattr_opt(node, "background");
	if (bg && strcmp(bg, "none")) {
		if (parse_color(ld, bg, &e->background) < 0)
			fail(ld, node, "unknown colour '%s' in attribute 'background' of "
			     "'qr'", bg);
		else
			e->has_background = 1;
	}
	g_free(bg);
	level = xmlattr_choice(&ld->x, node, "level", levels, 1);
	e->qr_level = qr_levels[level < 0 ? 1 : level];
	xmlattr_number(&ld->x, node, "quiet", 0, 0, 0, 4, &quiet);
	if (quiet > 10 || quiet != floor(quiet))
		fail(ld, node, "attribute 'quiet' of 'qr' must be a whole number from 0 "
		     "to 10");
	e->qr_quiet = (unsigned)fmin(10, fmax(0, quiet));
	content = xmlattr_opt(node, "content");
	if (content && !*content)
		fail(ld, node, "attribute 'content' of 'qr' is empty");
	else
		parse_text(ld, node, "QR content", content ? content : DEFAULT_QR, 0,
			   &e->text);
	g_free(content);
}

/* ---- the whole document ---- */

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
			read_border(ld, c);
		else if (xmldoc_is(c, "rule"))
			read_rule(ld, c);
		else if (xmldoc_is(c, "seal"))
			read_seal(ld, c);
		else if (xmldoc_is(c, "image"))
			read_image(ld, c);
		else if (xmldoc_is(c, "signature"))
			read_office_image(ld, c, TPL_SIGNATURE);
		else if (xmldoc_is(c, "stamp"))
			read_office_image(ld, c, TPL_STAMP);
		else if (xmldoc_is(c, "logo"))
			read_office_image(ld, c, TPL_LOGO);
		else if (xmldoc_is(c, "text"))
			read_text(ld, c);
		else if (xmldoc_is(c, "qr"))
			read_qr(ld, c);
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
