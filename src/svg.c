/* svg.c — SVG documents whose text is shared glyph outlines: charts. */
#include "svg.h"

#include <cairo-svg.h>
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
	cairo_surface_t *surface;
	GString *doc;           /* what Cairo writes: everything but the text */
	GString *defs;          /* a <path> per glyph used, in order of first use */
	GString *text;          /* the text: groups of <use> */
	GHashTable *faces;      /* face name -> (glyph -> symbol number + 1) */
	GHashTable *fonts;      /* PangoFont * -> struct svg_font * */
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
	g_string_append(svg->text, "<g transform=\"matrix(");
	for (int i = 0; i < 4; i++) {
		append_num(svg->text, lin[i], 6);
		g_string_append_c(svg->text, ' ');
	}
	append_num(svg->text, x, 2);
	g_string_append_c(svg->text, ' ');
	append_num(svg->text, y, 2);
	g_string_append(svg->text, ")\">");
	for (int i = 0; i < run->glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
		double gx = units + gi->geometry.x_offset / (PANGO_SCALE * k);
		double gy = gi->geometry.y_offset / (PANGO_SCALE * k);

		units += gi->geometry.width / (PANGO_SCALE * k);
		if (gi->glyph == PANGO_GLYPH_EMPTY ||
		    (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			continue;
		g_string_append(svg->text, "<use xlink:href=\"#g");
		append_uint(svg->text, svg_symbol(svg, f, gi->glyph));
		g_string_append_c(svg->text, '"');
		if (lround(gx)) {
			g_string_append(svg->text, " x=\"");
			append_num(svg->text, gx, 0);
			g_string_append_c(svg->text, '"');
		}
		if (lround(gy)) {
			g_string_append(svg->text, " y=\"");
			append_num(svg->text, gy, 0);
			g_string_append_c(svg->text, '"');
		}
		g_string_append(svg->text, "/>");
	}
	g_string_append(svg->text, "</g>\n");
}

/* The glyphs of a layout whose top left corner is at (x, y) in user space. */
static void svg_layout(struct svg *svg, cairo_t *cr, PangoLayout *layout, double x,
		       double y, struct draw_rgb color)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);

	g_string_append(svg->text, "<g fill=\"");
	svg_hex(svg->text, color);
	g_string_append(svg->text, "\">\n");
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
	g_string_append(svg->text, "</g>\n");
}

/* The text sink of an SVG document: every layout drawn with draw_text(). */
static void svg_sink(void *data, cairo_t *cr, PangoLayout *layout, double x, double y,
		     struct draw_rgb color)
{
	svg_layout(data, cr, layout, x, y, color);
}

static cairo_status_t write_gstring(void *closure, const unsigned char *data,
				    unsigned int length)
{
	g_string_append_len(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void font_free(gpointer p)
{
	g_free(p);
}

cairo_t *svg_open(double w, double h, struct svg **svgp)
{
	struct svg *svg = g_new0(struct svg, 1);
	cairo_t *cr;

	svg->doc = g_string_new(NULL);
	svg->defs = g_string_new(NULL);
	svg->text = g_string_new(NULL);
	svg->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   (GDestroyNotify)g_hash_table_destroy);
	svg->fonts = g_hash_table_new_full(NULL, NULL, NULL, font_free);
	svg->surface = cairo_svg_surface_create_for_stream(write_gstring, svg->doc, w, h);
	cairo_svg_surface_restrict_to_version(svg->surface, CAIRO_SVG_VERSION_1_1);
	cr = cairo_create(svg->surface);
	draw_set_text_sink(cr, svg_sink, svg);
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

/* The document up to `end` (its closing tag), the <title> and <desc> right
 * after the <svg> start tag, as SVG wants them first. */
static void write_head(const struct svg *svg, const char *doc, const char *end, FILE *fp)
{
	const char *open = strstr(doc, "<svg"), *gt = open ? strchr(open, '>') : NULL;

	if (!gt || gt > end) {
		fwrite(doc, 1, (size_t)(end - doc), fp);
		return;
	}
	gt++;
	fwrite(doc, 1, (size_t)(gt - doc), fp);
	if (svg->title)
		fprintf(fp, "\n<title>%s</title>", svg->title);
	if (svg->desc)
		fprintf(fp, "\n<desc>%s</desc>", svg->desc);
	fwrite(gt, 1, (size_t)(end - gt), fp);
}

/*
 * Cairo names a surface's group "surface" plus a number counted over the
 * whole process (images likewise), so that the same chart drawn after
 * other surfaces, or in another thread, would come out different.
 * Renumber them by order of appearance in the document.
 */
static void renumber_ids(GString *doc)
{
	static const char *const prefixes[] = { "surface", "image" };
	GString *out = g_string_sized_new(doc->len);
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *p = doc->str;

	for (;;) {
		/* Only an 's' or an 'i' can start a name: copy up to the next. */
		const char *q = strpbrk(p, "si"), *d;
		size_t plen = 0;
		char *key;
		gpointer n;

		if (!q) {
			g_string_append(out, p);
			break;
		}
		g_string_append_len(out, p, (gssize)(q - p));
		p = q;
		for (size_t k = 0; k < G_N_ELEMENTS(prefixes) && !plen; k++)
			if (!strncmp(p, prefixes[k], strlen(prefixes[k])) &&
			    g_ascii_isdigit(p[strlen(prefixes[k])]))
				plen = strlen(prefixes[k]);
		if (!plen) {
			g_string_append_c(out, *p++);
			continue;
		}
		for (d = p + plen; g_ascii_isdigit(*d); d++)
			;
		key = g_strndup(p, (gsize)(d - p));
		n = g_hash_table_lookup(ids, key);
		if (!n) {
			n = GUINT_TO_POINTER(g_hash_table_size(ids) + 1);
			g_hash_table_insert(ids, key, n);
		} else {
			g_free(key);
		}
		g_string_append_len(out, p, (gssize)plen);
		append_uint(out, GPOINTER_TO_UINT(n));
		p = d;
	}
	g_string_assign(doc, out->str);
	g_string_free(out, TRUE);
	g_hash_table_destroy(ids);
}

int svg_close(struct svg *svg, cairo_t *cr, FILE *fp)
{
	const char *end;
	int rc;

	cairo_destroy(cr);
	cairo_surface_finish(svg->surface);
	rc = cairo_surface_status(svg->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(svg->surface);
	renumber_ids(svg->doc);
	end = g_strrstr(svg->doc->str, "</svg>");
	if (rc == 0 && end) {
		write_head(svg, svg->doc->str, end, fp);
		fprintf(fp, "<defs>\n%s</defs>\n", svg->defs->str);
		fwrite(svg->text->str, 1, svg->text->len, fp);
		fputs(end, fp);
	} else {
		rc = -1;
	}
	g_string_free(svg->doc, TRUE);
	g_string_free(svg->defs, TRUE);
	g_string_free(svg->text, TRUE);
	g_hash_table_destroy(svg->fonts);
	g_hash_table_destroy(svg->faces);
	g_free(svg->title);
	g_free(svg->desc);
	g_free(svg);
	return rc == 0 && !ferror(fp) ? 0 : -1;
}
