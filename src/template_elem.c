/* template_elem.c — the certificate template's drawable elements: border,
 * rules, seal, images, texts and the QR code, each checked as it is read. */
#include "template_int.h"

#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "image.h"
#include "text.h"
#include "xmldoc.h"

static const char *const booleans[] = { "false", "true", NULL };

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
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
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
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
	read_inset(ld, node, e, e->size);
}

static void read_corners(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_CORNERS);

	xmlattr_leaf(&ld->x, node, "inset size line-width color");
	xmlattr_number(&ld->x, node, "size", 1, 1, 2, 20, &e->size);
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 0.75, &e->line_width);
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
	read_inset(ld, node, e, e->size);
}

void tpl_read_border(struct loader *ld, xmlNodePtr node)
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

void tpl_read_rule(struct loader *ld, xmlNodePtr node)
{
	static const char *const ornaments[] = { "none", "diamond", NULL };
	struct tpl_element *e = element_new(ld, node, TPL_RULE);

	xmlattr_leaf(&ld->x, node, "id when x y w line-width color ornament");
	read_common(ld, node, e, 1);
	xmlattr_number(&ld->x, node, "line-width", 0, 1, 0.1, 0.75, &e->line_width);
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
	e->ornament = xmlattr_choice(&ld->x, node, "ornament", ornaments, 0) == 1;
	read_box(ld, node, e, 1, 0);
}

void tpl_read_seal(struct loader *ld, xmlNodePtr node)
{
	struct tpl_element *e = element_new(ld, node, TPL_SEAL);
	double cx = 0, cy = 0, r = 0;
	int bad = 0;

	xmlattr_leaf(&ld->x, node, "id when cx cy r color");
	read_common(ld, node, e, 1);
	bad |= xmlattr_number(&ld->x, node, "cx", 1, 1, 0, 0, &cx) < 0;
	bad |= xmlattr_number(&ld->x, node, "cy", 1, 1, 0, 0, &cy) < 0;
	bad |= xmlattr_number(&ld->x, node, "r", 1, 1, 8, 0, &r) < 0;
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
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
void tpl_read_office_image(struct loader *ld, xmlNodePtr node, enum tpl_kind kind)
{
	struct tpl_element *e = element_new(ld, node, kind);

	xmlattr_leaf(&ld->x, node, "id when x y w h opacity");
	read_common(ld, node, e, 1);
	read_box(ld, node, e, 0, 1);
	if (xmlattr_number(&ld->x, node, "opacity", 0, 0, 0, 1, &e->opacity) > 0 &&
	    e->opacity > 1)
		fail(ld, node, "attribute 'opacity' of '%s' must be from 0 to 1", NAME(node));
}

void tpl_read_image(struct loader *ld, xmlNodePtr node)
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

void tpl_read_text(struct loader *ld, xmlNodePtr node)
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
	tpl_read_style_attrs(ld, node, &s);
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
	text = tpl_collapse_space(raw ? raw : "");
	xmlFree(raw);
	if (!*text)
		fail(ld, node, "'text' is empty");
	else
		tpl_parse_text(ld, node, "text", text, 0, &e->text);
	g_free(text);
}

void tpl_read_qr(struct loader *ld, xmlNodePtr node)
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
	tpl_color_attr(ld, node, "color", draw_hex(0), &e->color);
	bg = xmlattr_opt(node, "background");
	if (bg && strcmp(bg, "none")) {
		if (tpl_parse_color(ld, bg, &e->background) < 0)
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
		tpl_parse_text(ld, node, "QR content", content ? content : DEFAULT_QR, 0,
			   &e->text);
	g_free(content);
}

/* ---- the whole document ---- */
