/* plain.c — plain text, fast: the many short texts of long tables. */
#include "plain.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define LATIN_END 0x250         /* code points below: a table; above: a hash */

struct plain_glyph {
	unsigned long index;    /* 0: the font has no glyph for it */
	double advance;
	int known;
};

struct font_key {
	const char *font;
	double size;
};

struct plain_font {
	struct font_key key;    /* first: the font is its own key */
	cairo_scaled_font_t *sf;        /* unhinted, identity CTM: advances in points */
	double ascent, height;          /* of a line, as Pango sets it */
	struct plain_glyph latin[LATIN_END];
	GHashTable *other;              /* code point -> struct plain_glyph * */
};

static guint font_hash(gconstpointer p)
{
	const struct font_key *k = p;

	return g_str_hash(k->font) ^ (guint)(k->size * 4096);
}

static gboolean font_equal(gconstpointer a, gconstpointer b)
{
	const struct font_key *x = a, *y = b;

	return x->size == y->size && !strcmp(x->font, y->font);
}

static void font_free(gpointer p)
{
	struct plain_font *f = p;

	cairo_scaled_font_destroy(f->sf);
	g_hash_table_destroy(f->other);
	g_free((char *)f->key.font);
	g_free(f);
}

static void cache_free(gpointer p)
{
	g_hash_table_destroy(p);
}

/* Per thread: the fonts of the styles seen, as keys and values. */
static GPrivate cache_key = G_PRIVATE_INIT(cache_free);

/* The font Pango would use for st, with Pango's line metrics. */
static struct plain_font *font_of(const struct draw_style *st)
{
	GHashTable *cache = g_private_get(&cache_key);
	struct font_key probe = { st->font, st->size };
	cairo_surface_t *scratch;
	cairo_t *scratch_cr;
	struct plain_font *f;
	PangoLayout *layout;
	PangoFont *font;
	PangoRectangle logical;

	if (!cache) {
		cache = g_hash_table_new_full(font_hash, font_equal, NULL, font_free);
		g_private_set(&cache_key, cache);
	}
	f = g_hash_table_lookup(cache, &probe);
	if (f)
		return f;
	f = g_new0(struct plain_font, 1);
	f->key = (struct font_key){ g_strdup(st->font), st->size };
	f->other = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	/* Laid out on a scratch surface, not on cr: the font's advances must
	 * not depend on which surface or transformation asked first. */
	scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	scratch_cr = cairo_create(scratch);
	layout = draw_layout(scratch_cr, "Ag", -1, st);
	font = pango_context_load_font(pango_layout_get_context(layout),
				       pango_layout_get_font_description(layout));
	f->sf = cairo_scaled_font_reference(
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)));
	pango_layout_get_extents(layout, NULL, &logical);
	f->height = (double)logical.height / PANGO_SCALE;
	f->ascent = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	g_object_unref(font);
	g_object_unref(layout);
	cairo_destroy(scratch_cr);
	cairo_surface_destroy(scratch);
	g_hash_table_add(cache, f);
	return f;
}

static const struct plain_glyph *glyph_lookup(struct plain_font *f, gunichar c)
{
	struct plain_glyph *g = c < LATIN_END ? &f->latin[c] :
				g_hash_table_lookup(f->other, GUINT_TO_POINTER(c));
	char utf8[8];
	cairo_glyph_t *glyphs = NULL;
	cairo_text_extents_t ext;
	int n = 0;

	if (g && g->known)
		return g;
	if (!g) {
		g = g_new0(struct plain_glyph, 1);
		g_hash_table_insert(f->other, GUINT_TO_POINTER(c), g);
	}
	g->known = 1;
	if (cairo_scaled_font_text_to_glyphs(f->sf, 0, 0, utf8,
					     g_unichar_to_utf8(c, utf8), &glyphs, &n,
					     NULL, NULL, NULL) == CAIRO_STATUS_SUCCESS &&
	    n == 1) {
		cairo_scaled_font_glyph_extents(f->sf, glyphs, 1, &ext);
		g->index = glyphs[0].index;
		g->advance = ext.x_advance;
	}
	cairo_glyph_free(glyphs);
	return g;
}

/* The glyph of c, looked up in the font the first time. */
static inline const struct plain_glyph *glyph_of(struct plain_font *f, gunichar c)
{
	return c < LATIN_END && f->latin[c].known ? &f->latin[c] : glyph_lookup(f, c);
}

/* Characters set here as Pango would set them: Latin letters,
 * punctuation and symbols, no combining marks. */
static int plain_char(gunichar c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < LATIN_END) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
	       c == 0x20AC || c == 0x2122;
}

struct line {
	int start, end;         /* byte offsets in the text */
	double width;           /* trailing spaces left out */
};

static void add_line(GArray *lines, int start, int end, double width)
{
	struct line l = { start, end, width };

	g_array_append_val(lines, l);
}

/*
 * Break the paragraph text[start, end) into lines no wider than w (w <= 0:
 * one line): after the last space that keeps the line within w, else
 * before the character that would overflow it. Returns -1 when a character
 * is not for this path.
 */
static int break_paragraph(struct plain_font *f, const char *text, int start, int end,
			   double w, GArray *lines)
{
	int brk = -1;
	double line_w = 0, trail = 0, brk_w = 0, brk_full = 0;

	for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const struct plain_glyph *g;
		int at = (int)(p - text);

		if (!plain_char(c) || !(g = glyph_of(f, c))->index)
			return -1;
		if (c == ' ') {
			trail += g->advance;
			line_w += g->advance;
			continue;
		}
		if (trail > 0 && at > start) {
			brk = at;
			brk_w = line_w - trail;
			brk_full = line_w;
		}
		trail = 0;
		while (w > 0 && line_w + g->advance > w && at > start) {
			if (brk > start) {
				add_line(lines, start, brk, brk_w);
				line_w -= brk_full;
				start = brk;
			} else {
				add_line(lines, start, at, line_w);
				line_w = 0;
				start = at;
			}
		}
		line_w += g->advance;
	}
	add_line(lines, start, end, line_w - trail);
	return 0;
}

/* The lines of text in width w, or NULL when Pango must set it. */
static GArray *break_lines(struct plain_font *f, const char *text, double w)
{
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct line));
	int start = 0;

	for (;;) {
		const char *nl = strchr(text + start, '\n');
		int end = nl ? (int)(nl - text) : (int)strlen(text);

		if (break_paragraph(f, text, start, end, w, lines) < 0) {
			g_array_free(lines, TRUE);
			return NULL;
		}
		if (!nl)
			return lines;
		start = end + 1;
	}
}

static int usable(cairo_t *cr, const struct draw_style *st)
{
	return st->letter_spacing == 0 && !st->no_wrap && !draw_has_text_sink(cr);
}

static double lines_height(const struct plain_font *f, const GArray *lines,
			   const struct draw_style *st)
{
	return lines->len * f->height + (lines->len - 1) * st->spacing;
}

double plain_height(cairo_t *cr, const char *text, double w, const struct draw_style *st)
{
	struct plain_font *f;
	GArray *lines;
	double h;

	if (!usable(cr, st))
		return draw_text_height(cr, text, w, st);
	f = font_of(st);
	lines = break_lines(f, text, w);
	if (!lines)
		return draw_text_height(cr, text, w, st);
	h = lines_height(f, lines, st);
	g_array_free(lines, TRUE);
	return h;
}

double plain_width(cairo_t *cr, const char *text, const struct draw_style *st)
{
	GArray *lines;
	double w = 0;

	if (!usable(cr, st) || !(lines = break_lines(font_of(st), text, 0)))
		return draw_text_width(cr, text, st);
	for (guint i = 0; i < lines->len; i++)
		w = fmax(w, g_array_index(lines, struct line, i).width);
	g_array_free(lines, TRUE);
	return w;
}

/* One line at (x, baseline): glyphs and clusters, so that the text copies
 * out of a PDF as it was written. */
static void show_line(cairo_t *cr, struct plain_font *f, const char *text,
		      const struct line *l, double x, double baseline)
{
	int n = (int)g_utf8_strlen(text + l->start, l->end - l->start), i = 0;
	cairo_glyph_t *glyphs;
	cairo_text_cluster_t *clusters;

	if (n == 0)
		return;
	glyphs = g_new(cairo_glyph_t, n);
	clusters = g_new(cairo_text_cluster_t, n);
	for (const char *p = text + l->start; p < text + l->end;
	     p = g_utf8_next_char(p), i++) {
		const struct plain_glyph *g = glyph_of(f, g_utf8_get_char(p));

		glyphs[i] = (cairo_glyph_t){ g->index, x, baseline };
		clusters[i] = (cairo_text_cluster_t){ (int)(g_utf8_next_char(p) - p), 1 };
		x += g->advance;
	}
	cairo_show_text_glyphs(cr, text + l->start, l->end - l->start, glyphs, n,
			       clusters, n, 0);
	g_free(glyphs);
	g_free(clusters);
}

double plain_draw(cairo_t *cr, const char *text, double x, double y, double w,
		  const struct draw_style *st)
{
	struct plain_font *f;
	cairo_matrix_t fm;
	GArray *lines;
	double h;

	if (!usable(cr, st))
		return draw_text(cr, text, x, y, w, 0, st, NULL);
	f = font_of(st);
	lines = break_lines(f, text, w);
	if (!lines)
		return draw_text(cr, text, x, y, w, 0, st, NULL);
	cairo_save(cr);
	draw_set_rgb(cr, st->color);
	cairo_set_font_face(cr, cairo_scaled_font_get_font_face(f->sf));
	cairo_scaled_font_get_font_matrix(f->sf, &fm);
	cairo_set_font_matrix(cr, &fm);
	for (guint i = 0; i < lines->len; i++) {
		const struct line *l = &g_array_index(lines, struct line, i);
		double lx = x + (w <= 0 || st->align == DRAW_LEFT ? 0
				 : st->align == DRAW_CENTER	  ? (w - l->width) / 2
								  : w - l->width);

		show_line(cr, f, text, l, lx,
			  y + i * (f->height + st->spacing) + f->ascent);
	}
	cairo_restore(cr);
	h = lines_height(f, lines, st);
	g_array_free(lines, TRUE);
	return h;
}
