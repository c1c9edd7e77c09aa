/* svg.c — SVG documents written from a drawing sink, text as shared glyph outlines: charts. */
#include "svg.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "draw.h"
#include "text.h"

/*
 * Glyph outlines are defined at 1000 units per em, once per face (not per
 * size) and document; a run of text is a group scaled to its size and
 * placed at its origin, its glyphs <use>s at offsets in font units.
 */
#define UNITS_PER_EM 1000.0

struct svg {
	cairo_surface_t *surface;       /* what the cairo_t drawn on stands on */
	double w, h;
	GString *defs;          /* glyph <path>s and hatch <pattern>s, in order of first use */
	GString *body;          /* what is drawn, in the order drawn */
	GHashTable *faces;      /* face name -> (glyph -> symbol number + 1) */
	GHashTable *fonts;      /* PangoFont * -> struct svg_font * */
	GHashTable *patterns;   /* a hatch's pattern element -> its number + 1 */
	char *title, *desc;     /* escaped; NULL for none */
	unsigned symbols;
};

/* A font of the document: its face's glyphs and its size. */
struct svg_font {
	GHashTable *ids;        /* the document's symbols of the face, borrowed */
	struct face *face;      /* the thread's outlines of the face, borrowed */
	double em;              /* the font's size in user space */
};

/* Per thread, per face: outlines in font units. */
struct face {
	cairo_scaled_font_t *unit;      /* the face at UNITS_PER_EM, unhinted */
	GHashTable *paths;              /* glyph -> SVG path data */
};

static void face_free(gpointer p)
{
	struct face *fc = p;

	cairo_scaled_font_destroy(fc->unit);
	g_hash_table_destroy(fc->paths);
	g_free(fc);
}

static void faces_free(gpointer p)
{
	g_hash_table_destroy(p);
}

/* Per thread: face name ("Lato Bold") -> struct face. */
static GPrivate faces_key = G_PRIVATE_INIT(faces_free);

/* n in decimal; by hand, like append_num(), for the same reason. */
static void append_uint(GString *out, unsigned long n)
{
	char buf[24];
	size_t i = sizeof buf;

	do {
		buf[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	g_string_append_len(out, buf + i, (gssize)(sizeof buf - i));
}

/* v rounded to `digits` decimals (at most 6), trailing zeros dropped, '.'
 * whatever the locale; by hand, since a chart has thousands of them. */
static void append_num(GString *out, double v, int digits)
{
	static const long scale[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	long n = lround(fabs(v) * scale[digits]), frac;

	if (n == 0) {
		g_string_append_c(out, '0');
		return;
	}
	if (v < 0)
		g_string_append_c(out, '-');
	append_uint(out, (unsigned long)(n / scale[digits]));
	frac = n % scale[digits];
	if (!frac)
		return;
	g_string_append_c(out, '.');
	for (long div = scale[digits] / 10; frac; div /= 10) {
		g_string_append_c(out, (char)('0' + frac / div));
		frac %= div;
	}
}

/* The name of a font's face, without its size. */
static char *face_name(PangoFont *font)
{
	PangoFontDescription *fd = pango_font_describe(font);
	char *name;

	pango_font_description_unset_fields(fd, PANGO_FONT_MASK_SIZE);
	name = pango_font_description_to_string(fd);
	pango_font_description_free(fd);
	return name;
}

/* The thread's outlines of the face of `font`. They come from the face at
 * a fixed size, so that they do not depend on which size asked first. */
static struct face *thread_face(PangoFont *font, const char *name)
{
	GHashTable *faces = g_private_get(&faces_key);
	cairo_scaled_font_t *sf =
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	cairo_font_options_t *fo;
	cairo_matrix_t unit, identity;
	struct face *fc;

	if (!faces) {
		faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, face_free);
		g_private_set(&faces_key, faces);
	}
	fc = g_hash_table_lookup(faces, name);
	if (fc)
		return fc;
	fc = g_new0(struct face, 1);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_matrix_init_scale(&unit, UNITS_PER_EM, UNITS_PER_EM);
	cairo_matrix_init_identity(&identity);
	fc->unit = cairo_scaled_font_create(cairo_scaled_font_get_font_face(sf), &unit,
					    &identity, fo);
	cairo_font_options_destroy(fo);
	fc->paths = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	g_hash_table_insert(faces, g_strdup(name), fc);
	return fc;
}

/* The outline of a glyph as SVG path data, in font units. */
static char *glyph_path_data(cairo_scaled_font_t *unit, PangoGlyph glyph)
{
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	cairo_glyph_t g = { glyph, 0, 0 };
	GString *d = g_string_new(NULL);
	cairo_path_t *path;

	cairo_set_scaled_font(cr, unit);
	cairo_glyph_path(cr, &g, 1);
	path = cairo_copy_path(cr);
	for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
		static const char ops[] = { 'M', 'L', 'C', 'Z' };
		const cairo_path_data_t *p = &path->data[i];

		g_string_append_c(d, ops[p->header.type]);
		for (int k = 1; k < p->header.length; k++) {
			if (k > 1)
				g_string_append_c(d, ' ');
			append_num(d, p[k].point.x, 0);
			g_string_append_c(d, ' ');
			append_num(d, p[k].point.y, 0);
		}
	}
	cairo_path_destroy(path);
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	return g_string_free(d, FALSE);
}

static struct svg_font *document_font(struct svg *svg, PangoFont *font)
{
	struct svg_font *f = g_hash_table_lookup(svg->fonts, font);
	cairo_matrix_t m;
	char *name;

	if (f)
		return f;
	f = g_new0(struct svg_font, 1);
	name = face_name(font);
	f->face = thread_face(font, name);
	f->ids = g_hash_table_lookup(svg->faces, name);
	if (!f->ids) {
		f->ids = g_hash_table_new(NULL, NULL);
		g_hash_table_insert(svg->faces, name, f->ids);
	} else {
		g_free(name);
	}
	cairo_scaled_font_get_font_matrix(
		pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)), &m);
	f->em = hypot(m.xx, m.yx);
	g_hash_table_insert(svg->fonts, font, f);
	return f;
}

/* The number of the document's symbol for a glyph, defining it on first use. */
static unsigned svg_symbol(struct svg *svg, struct svg_font *f, PangoGlyph glyph)
{
	gpointer key = GUINT_TO_POINTER(glyph), n = g_hash_table_lookup(f->ids, key);
	const char *path;

	if (n)
		return GPOINTER_TO_UINT(n) - 1;
	path = g_hash_table_lookup(f->face->paths, key);
	if (!path) {
		path = glyph_path_data(f->face->unit, glyph);
		g_hash_table_insert(f->face->paths, key, (gpointer)path);
	}
	g_string_append(svg->defs, "<path id=\"g");
	append_uint(svg->defs, svg->symbols);
	g_string_append(svg->defs, "\" d=\"");
	g_string_append(svg->defs, path);
	g_string_append(svg->defs, "\"/>\n");
	g_hash_table_insert(f->ids, key, GUINT_TO_POINTER(++svg->symbols));
	return svg->symbols - 1;
}

static void svg_hex(GString *out, struct draw_rgb c)
{
	const double rgb[] = { c.r, c.g, c.b };

	g_string_append_c(out, '#');
	for (int i = 0; i < 3; i++) {
		long v = CLAMP(lround(rgb[i] * 255), 0, 255);

		g_string_append_c(out, "0123456789abcdef"[v >> 4]);
		g_string_append_c(out, "0123456789abcdef"[v & 15]);
	}
}

/* One run: a group at the run's origin, scaled to its size, transformed
 * like the user space it was drawn in. */
static void svg_run(struct svg *svg, cairo_t *cr, const PangoLayoutRun *run, double x,
		    double y)
{
	struct svg_font *f = document_font(svg, run->item->analysis.font);
	double k = f->em / UNITS_PER_EM, units = 0;
	cairo_matrix_t m;
	double lin[4];

	cairo_get_matrix(cr, &m);
	lin[0] = m.xx * k, lin[1] = m.yx * k, lin[2] = m.xy * k, lin[3] = m.yy * k;
	cairo_user_to_device(cr, &x, &y);
	g_string_append(svg->body, "<g transform=\"matrix(");
	for (int i = 0; i < 4; i++) {
		append_num(svg->body, lin[i], 6);
		g_string_append_c(svg->body, ' ');
	}
	append_num(svg->body, x, 2);
	g_string_append_c(svg->body, ' ');
	append_num(svg->body, y, 2);
	g_string_append(svg->body, ")\">");
	for (int i = 0; i < run->glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
		double gx = units + gi->geometry.x_offset / (PANGO_SCALE * k);
		double gy = gi->geometry.y_offset / (PANGO_SCALE * k);

		units += gi->geometry.width / (PANGO_SCALE * k);
		if (gi->glyph == PANGO_GLYPH_EMPTY ||
		    (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			continue;
		g_string_append(svg->body, "<use xlink:href=\"#g");
		append_uint(svg->body, svg_symbol(svg, f, gi->glyph));
		g_string_append_c(svg->body, '"');
		if (lround(gx)) {
			g_string_append(svg->body, " x=\"");
			append_num(svg->body, gx, 0);
			g_string_append_c(svg->body, '"');
		}
		if (lround(gy)) {
			g_string_append(svg->body, " y=\"");
			append_num(svg->body, gy, 0);
			g_string_append_c(svg->body, '"');
		}
		g_string_append(svg->body, "/>");
	}
	g_string_append(svg->body, "</g>\n");
}

/* The glyphs of a layout whose top left corner is at (x, y) in user space. */
static void svg_layout(struct svg *svg, cairo_t *cr, PangoLayout *layout, double x,
		       double y, struct draw_rgb color)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);

	g_string_append(svg->body, "<g fill=\"");
	svg_hex(svg->body, color);
	g_string_append(svg->body, "\">\n");
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		PangoRectangle logical;

		if (!run)
			continue;
		pango_layout_iter_get_run_extents(it, NULL, &logical);
		svg_run(svg, cr, run, x + (double)logical.x / PANGO_SCALE,
			y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	g_string_append(svg->body, "</g>\n");
}

static void svg_text(void *data, cairo_t *cr, PangoLayout *layout, double x, double y,
		     struct draw_rgb color)
{
	svg_layout(data, cr, layout, x, y, color);
}

/* ` name="v"`, v in points to a hundredth. */
static void attr_num(GString *out, const char *name, double v)
{
	g_string_append_c(out, ' ');
	g_string_append(out, name);
	g_string_append(out, "=\"");
	append_num(out, v, 2);
	g_string_append_c(out, '"');
}

static void attr_rgb(GString *out, const char *name, struct draw_rgb c)
{
	g_string_append_c(out, ' ');
	g_string_append(out, name);
	g_string_append(out, "=\"");
	svg_hex(out, c);
	g_string_append_c(out, '"');
}

/* ` transform="matrix(…)"` for m, nothing for the identity. */
static void attr_matrix(GString *out, const cairo_matrix_t *m)
{
	const double v[6] = { m->xx, m->yx, m->xy, m->yy, m->x0, m->y0 };

	if (v[0] == 1 && v[1] == 0 && v[2] == 0 && v[3] == 1 && v[4] == 0 && v[5] == 0)
		return;
	g_string_append(out, " transform=\"matrix(");
	for (int i = 0; i < 6; i++) {
		if (i)
			g_string_append_c(out, ' ');
		append_num(out, v[i], i < 4 ? 6 : 2);
	}
	g_string_append(out, ")\"");
}

/* The fill and stroke of a shape, as attributes. */
static void attr_paint(GString *out, const struct draw_shape *s)
{
	if (s->fill)
		attr_rgb(out, "fill", *s->fill);
	else if (s->kind != DRAW_SHAPE_LINE)
		g_string_append(out, " fill=\"none\"");
	if (!s->stroke)
		return;
	attr_rgb(out, "stroke", *s->stroke);
	attr_num(out, "stroke-width", s->width);
	if (s->dash[0] > 0) {
		g_string_append(out, " stroke-dasharray=\"");
		append_num(out, s->dash[0], 2);
		g_string_append_c(out, ' ');
		append_num(out, s->dash[1], 2);
		g_string_append_c(out, '"');
	}
}

/*
 * The number of the document's pattern of a hatch, defining it on first
 * use: a tile `spacing` square crossed by the lines x + y = 0, spacing and
 * 2 spacing, each drawn a little past the tile so that no end shows.
 */
static unsigned svg_pattern(struct svg *svg, const struct draw_shape *s)
{
	GString *p = g_string_new("patternUnits=\"userSpaceOnUse\"");
	double k = s->spacing;
	const double ends[] = { -1, 1, 1, -1, -1, k + 1, k + 1, -1, k - 1, 2 * k + 1,
				2 * k + 1, k - 1 };
	gpointer n;

	attr_num(p, "width", k);
	attr_num(p, "height", k);
	g_string_append(p, "><path d=\"");
	for (int i = 0; i < 12; i += 2) {
		g_string_append(p, i % 4 ? "L" : "M");
		append_num(p, ends[i], 2);
		g_string_append_c(p, ' ');
		append_num(p, ends[i + 1], 2);
	}
	g_string_append_c(p, '"');
	attr_rgb(p, "stroke", *s->stroke);
	attr_num(p, "stroke-width", s->width);
	g_string_append(p, "/></pattern>\n");
	n = g_hash_table_lookup(svg->patterns, p->str);
	if (n) {
		g_string_free(p, TRUE);
		return GPOINTER_TO_UINT(n) - 1;
	}
	n = GUINT_TO_POINTER(g_hash_table_size(svg->patterns) + 1);
	g_string_append(svg->defs, "<pattern id=\"h");
	append_uint(svg->defs, GPOINTER_TO_UINT(n) - 1);
	g_string_append(svg->defs, "\" ");
	g_string_append(svg->defs, p->str);
	g_hash_table_insert(svg->patterns, g_string_free(p, FALSE), n);
	return GPOINTER_TO_UINT(n) - 1;
}

/* A hatch: a box filled with its pattern, in a user space whose origin is
 * the box's top left corner, so that a line passes through it. */
static void svg_hatch(struct svg *svg, cairo_t *cr, const struct draw_shape *s)
{
	unsigned id = svg_pattern(svg, s);
	cairo_matrix_t m;

	cairo_get_matrix(cr, &m);
	cairo_matrix_translate(&m, s->a[0], s->a[1]);
	g_string_append(svg->body, "<rect");
	attr_matrix(svg->body, &m);
	attr_num(svg->body, "width", s->a[2]);
	attr_num(svg->body, "height", s->a[3]);
	g_string_append(svg->body, " fill=\"url(#h");
	append_uint(svg->body, id);
	g_string_append(svg->body, ")\"/>\n");
}

/* The element of a shape and its geometry, up to its paint. */
static void svg_outline(GString *out, const struct draw_shape *s)
{
	static const char *const names[][4] = {
		[DRAW_SHAPE_LINE] = { "line", "x1", "y1", "x2" },
		[DRAW_SHAPE_RECT] = { "rect", "x", "y", "width" },
		[DRAW_SHAPE_CIRCLE] = { "circle", "cx", "cy", "r" },
	};

	if (s->kind == DRAW_SHAPE_POLYGON) {
		g_string_append(out, "<polygon points=\"");
		for (unsigned i = 0; i < s->n; i++) {
			if (i)
				g_string_append_c(out, ' ');
			append_num(out, s->xy[2 * i], 2);
			g_string_append_c(out, ',');
			append_num(out, s->xy[2 * i + 1], 2);
		}
		g_string_append_c(out, '"');
		return;
	}
	g_string_append_c(out, '<');
	g_string_append(out, names[s->kind][0]);
	for (int i = 0; i < 3; i++)
		attr_num(out, names[s->kind][i + 1], s->a[i]);
	if (s->kind == DRAW_SHAPE_LINE)
		attr_num(out, "y2", s->a[3]);
	else if (s->kind == DRAW_SHAPE_RECT)
		attr_num(out, "height", s->a[3]);
}

/* The shape sink of an SVG document. */
static void svg_shape(void *data, cairo_t *cr, const struct draw_shape *s)
{
	struct svg *svg = data;
	cairo_matrix_t m;

	if (s->kind == DRAW_SHAPE_HATCH) {
		svg_hatch(svg, cr, s);
		return;
	}
	svg_outline(svg->body, s);
	cairo_get_matrix(cr, &m);
	attr_matrix(svg->body, &m);
	attr_paint(svg->body, s);
	g_string_append(svg->body, "/>\n");
}

static const struct draw_sink_ops svg_ops = { svg_text, svg_shape };

static void font_free(gpointer p)
{
	g_free(p);
}

cairo_t *svg_open(double w, double h, struct svg **svgp)
{
	struct svg *svg = g_new0(struct svg, 1);
	cairo_rectangle_t extents = { 0, 0, w, h };
	cairo_t *cr;

	svg->w = w;
	svg->h = h;
	svg->defs = g_string_new(NULL);
	svg->body = g_string_new(NULL);
	svg->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   (GDestroyNotify)g_hash_table_destroy);
	svg->fonts = g_hash_table_new_full(NULL, NULL, NULL, font_free);
	svg->patterns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	svg->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
	cr = cairo_create(svg->surface);
	draw_set_sink(cr, &svg_ops, svg);
	*svgp = svg;
	return cr;
}

/* s as XML character data: legal characters, markup escaped. */
static char *xml_text(const char *s)
{
	char *legal, *out;

	if (!s)
		return NULL;
	legal = text_xml_legal(s);
	out = g_markup_escape_text(legal, -1);
	g_free(legal);
	return out;
}

void svg_describe(struct svg *svg, const char *title, const char *desc)
{
	g_free(svg->title);
	g_free(svg->desc);
	svg->title = xml_text(title);
	svg->desc = xml_text(desc);
}

/* The document: its size, <title> and <desc> first, as SVG wants them,
 * then the definitions and what was drawn. */
static void write_document(const struct svg *svg, FILE *fp)
{
	GString *head = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				     "<svg xmlns=\"http://www.w3.org/2000/svg\" "
				     "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"");

	append_num(head, svg->w, 2);
	g_string_append(head, "pt\" height=\"");
	append_num(head, svg->h, 2);
	g_string_append(head, "pt\" viewBox=\"0 0 ");
	append_num(head, svg->w, 2);
	g_string_append_c(head, ' ');
	append_num(head, svg->h, 2);
	g_string_append(head, "\" version=\"1.1\">\n");
	fwrite(head->str, 1, head->len, fp);
	g_string_free(head, TRUE);
	if (svg->title)
		fprintf(fp, "<title>%s</title>\n", svg->title);
	if (svg->desc)
		fprintf(fp, "<desc>%s</desc>\n", svg->desc);
	if (svg->defs->len)
		fprintf(fp, "<defs>\n%s</defs>\n", svg->defs->str);
	fwrite(svg->body->str, 1, svg->body->len, fp);
	fputs("</svg>\n", fp);
}

int svg_close(struct svg *svg, cairo_t *cr, FILE *fp)
{
	int rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;

	cairo_destroy(cr);
	cairo_surface_destroy(svg->surface);
	if (rc == 0)
		write_document(svg, fp);
	g_string_free(svg->defs, TRUE);
	g_string_free(svg->body, TRUE);
	g_hash_table_destroy(svg->fonts);
	g_hash_table_destroy(svg->faces);
	g_hash_table_destroy(svg->patterns);
	g_free(svg->title);
	g_free(svg->desc);
	g_free(svg);
	return rc == 0 && !ferror(fp) ? 0 : -1;
}
