/* plain.c — plain text, fast: the many short texts of long tables. */
#include "plain.h"
#include "shape.h"

#include <math.h>
#include <string.h>

/*
 * A box narrower than this many font sizes breaks words letter by letter,
 * where Pango's choices around ligatures and runs of spaces are its own:
 * Pango sets such text.
 */
#define NARROW 2

struct line {
	int start, end;         /* byte offsets in the text */
	int width;              /* in Pango units, as Pango measures the line */
	int script;             /* of its paragraph */
	int hyphen;             /* ends in a hyphen Pango adds */
	const struct shape_run *run;    /* the paragraph's, when it is one line */
};

/* The characters of a paragraph being broken into lines. */
struct para {
	const char *text;       /* the paragraph, not NUL-terminated */
	int len, n;             /* bytes, characters */
	int script;
	int *offset;            /* n + 1 byte offsets of the characters */
	int *width;             /* n advances of the rest of the paragraph as shaped */
	PangoLogAttr *attrs;    /* n + 1 */
};

/* The advances of each character, set by add_advances() from token glyphs. */
struct advances {
	struct para *para;
	int at;                 /* the next character */
};

static void add_advances(void *data, const char *tok, int len, const PangoGlyphString *g,
			 int kern)
{
	struct advances *a = data;
	int n = (int)g_utf8_strlen(tok, len);

	/* HarfBuzz adds a pair's kerning to the advance of its first glyph. */
	if (a->at > 0)
		a->para->width[a->at - 1] += kern;
	pango_glyph_string_get_logical_widths((PangoGlyphString *)g, tok, len, 0,
					      a->para->width + a->at);
	a->at += n;
}

/* The width of text[start, end) shaped on its own, as Pango shapes a line. */
static int piece_width(struct shape_font *f, const struct para *pa, int start, int end)
{
	int w = 0;

	shape_tokens(f, pa->script, pa->text + pa->offset[start], pa->text + pa->offset[end],
		    shape_add_width, &w);
	return w;
}

/*
 * Where Pango breaks the line that starts at character s (wrap mode
 * PANGO_WRAP_WORD_CHAR, one item): the last break opportunity whose text
 * fits in `limit`, a space before it not counted, or the first if none
 * fits; when that one does not fit either, the last character position
 * that does, one character at least. Widths are those of the rest of the
 * paragraph shaped as a whole.
 */
/* The character before character b. */
static gunichar last_char(const struct para *pa, int b)
{
	return g_utf8_get_char(pa->text + pa->offset[b - 1]);
}

/* What breaking at character k adds to the width of the text before it:
 * the hyphen Pango inserts inside a word, or less the space before it. */
static int break_extra(const struct para *pa, int s, int k, int hyphen)
{
	if (k > s && pa->attrs[k - 1].is_white)
		return -pa->width[k - 1];
	return 0;
}

/*
 * Whether the line from s to b still fits once shaped alone, as Pango
 * checks a break: the space before b counted as the rest of the paragraph
 * had it, or the added hyphen with the line.
 */
static int break_fits(struct shape_font *f, const struct para *pa, int s, int b, int limit)
{
	int w = piece_width(f, pa, s, b);
	gunichar c;

	if (b < pa->n && pa->attrs[b].break_inserts_hyphen) {
		const PangoGlyphString *g = shape_hyphen(f, pa->script, &c);

		w += pango_glyph_string_get_width((PangoGlyphString *)g) +
		     shape_pair_kerning(f, pa->script, last_char(pa, b), c);
	} else if (pa->attrs[b - 1].is_white) {
		w -= pa->width[b - 1];
	}
	return w <= limit;
}

/* The last break opportunity in (s, k), or 0. */
static int break_before(const struct para *pa, int s, int k, int chars)
{
	while (--k > s)
		if (chars ? pa->attrs[k].is_char_break : pa->attrs[k].is_line_break)
			return k;
	return 0;
}

/* The first character break after s. */
static int first_break(const struct para *pa, int s)
{
	int k = s + 1;

	while (k < pa->n && !pa->attrs[k].is_char_break)
		k++;
	return k;
}

static int line_break(struct shape_font *f, const struct para *pa, int s, int limit,
		      int hyphen)
{
	for (int chars = 0; chars < 2; chars++) {
		int brk = pa->n, brk_fit = 0, w = 0;

		for (int k = s; k <= pa->n; k++) {
			int can = chars ? pa->attrs[k].is_char_break : pa->attrs[k].is_line_break;
			int extra = break_extra(pa, s, k, hyphen);

			if (w + extra > limit && brk < pa->n)
				break;
			if (can && k > s) {
				brk = k;
				brk_fit = w + extra <= limit;
			}
			if (k < pa->n)
				w += pa->width[k];
		}
		if (brk_fit && brk < pa->n) {
			for (int b = brk; b; b = break_before(pa, s, b, chars))
				if (break_fits(f, pa, s, b, limit))
					return b;
			brk_fit = 0;
		}
		if (brk_fit)
			return brk;
	}
	/* Nothing fits: one character, as Pango must take one. */
	return first_break(pa, s);
}

/* The advances of characters s.. of pa, the rest shaped as one run. */
static void rest_advances(struct shape_font *f, struct para *pa, int s)
{
	struct advances a = { pa, s };

	shape_tokens(f, pa->script, pa->text + pa->offset[s], pa->text + pa->len,
		    add_advances, &a);
}

static void para_init(struct para *pa, const char *p, const char *end, int script)
{
	int i = 0;

	pa->text = p;
	pa->len = (int)(end - p);
	pa->n = (int)g_utf8_strlen(p, pa->len);
	pa->script = script;
	pa->offset = g_new(int, pa->n + 1);
	pa->width = g_new0(int, pa->n + 1);
	pa->attrs = g_new(PangoLogAttr, pa->n + 1);
	for (const char *q = p; q < end; q = g_utf8_next_char(q))
		pa->offset[i++] = (int)(q - p);
	pa->offset[pa->n] = pa->len;
	pango_get_log_attrs(p, pa->len, -1, NULL, pa->attrs, pa->n + 1);
}

static void para_free(struct para *pa)
{
	g_free(pa->offset);
	g_free(pa->width);
	g_free(pa->attrs);
}

/* The width of a line from character s to b, as Pango measures it. */
static int line_width(struct shape_font *f, const struct para *pa, int s, int b,
		      int hyphen)
{
	int w = piece_width(f, pa, s, b);
	gunichar c;

	if (hyphen) {
		const PangoGlyphString *g = shape_hyphen(f, pa->script, &c);

		w += pango_glyph_string_get_width((PangoGlyphString *)g) +
		     shape_pair_kerning(f, pa->script, last_char(pa, b), c);
	} else if (b < pa->n && pa->attrs[b - 1].is_white) {
		/* Pango zeroes the space a line was broken after. */
		w -= piece_width(f, pa, b - 1, b);
	}
	return w;
}

/*
 * The lines Pango makes of a paragraph too wide for `limit`: each as wide
 * as its text shaped alone, with the hyphen Pango adds inside a word.
 * Returns -1 for a break that would remove a character (soft hyphens),
 * which Pango sets itself.
 */
static int wrap_paragraph(struct shape_font *f, const char *text, const char *p,
			  const char *end, int script, int limit, GArray *lines)
{
	gunichar c;
	int hyphen = pango_glyph_string_get_width(
		(PangoGlyphString *)shape_hyphen(f, script, &c));
	struct para pa;
	int s = 0, rc = 0;

	para_init(&pa, p, end, script);
	while (s < pa.n && rc == 0) {
		struct line l = { 0, 0, 0, script, 0, NULL };
		int b;

		rest_advances(f, &pa, s);
		b = piece_width(f, &pa, s, pa.n) <= limit ? pa.n
							  : line_break(f, &pa, s, limit, hyphen);
		l.start = (int)(p - text) + pa.offset[s];
		l.end = (int)(p - text) + pa.offset[b];
		l.hyphen = b < pa.n && pa.attrs[b].break_inserts_hyphen;
		l.width = line_width(f, &pa, s, b, l.hyphen);
		rc = pa.attrs[b].break_removes_preceding ? -1 : 0;
		g_array_append_val(lines, l);
		s = b;
	}
	para_free(&pa);
	return rc;
}

/*
 * Append the lines of the paragraph p..end, at byte `at` of its text, in a
 * box `limit` wide (< 0: unbounded). Returns -1 when Pango must set it.
 * A paragraph's run and its lines for the last box are kept.
 */
static int para_lines(struct shape_font *f, int at, const char *p, const char *end,
		      int limit, GArray *lines)
{
	struct shape_run *run = shape_run_of(f, p, end);

	if (!run->ok)
		return -1;
	if (limit < 0 || run->width <= limit) {
		struct line l = { at, at + (int)(end - p), run->width, run->script, 0, run };

		g_array_append_val(lines, l);
		return 0;
	}
	if (limit < NARROW * f->size * PANGO_SCALE)
		return -1;
	if (!run->wrap || run->wrap_limit != limit) {
		if (!run->wrap)
			run->wrap = g_array_new(FALSE, FALSE, sizeof(struct line));
		g_array_set_size(run->wrap, 0);
		run->wrap_limit = limit;
		if (wrap_paragraph(f, p, p, end, run->script, limit, run->wrap) < 0)
			g_array_set_size(run->wrap, 0);
	}
	if (run->wrap->len == 0)
		return -1;
	for (guint i = 0; i < run->wrap->len; i++) {
		struct line l = g_array_index(run->wrap, struct line, i);

		l.start += at;
		l.end += at;
		g_array_append_val(lines, l);
	}
	return 0;
}

/*
 * The lines of text in width w (w <= 0: unbounded), as Pango breaks
 * them; NULL when the text has a character for another font or script,
 * which Pango then sets itself.
 */
static GArray *break_lines(struct shape_font *f, const char *text, double w)
{
	GArray *lines = shape_scratch(f, SHAPE_SCRATCH_LINES, sizeof(struct line));
	int limit = w > 0 ? (int)lround(w * PANGO_SCALE) : -1;
	const char *p = text;

	shape_trim(f);
	for (;;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);

		if (para_lines(f, (int)(p - text), p, end, limit, lines) < 0)
			return NULL;
		if (!nl)
			return lines;
		p = nl + 1;
	}
}

/* Text on a cairo_t with a text sink (svg.c) goes to the sink as Pango
 * layouts; spaced-out and one-line ellipsized text is Pango's too. */
static int usable(cairo_t *cr, const struct draw_style *st)
{
	return st->letter_spacing == 0 && !st->no_wrap && !draw_has_text_sink(cr);
}

/* The lines of text for this path, or NULL for Pango. */
static GArray *lines_of(cairo_t *cr, struct shape_font **f, const char *text, double w,
			const struct draw_style *st)
{
	if (!usable(cr, st))
		return NULL;
	*f = shape_font_of(st);
	return break_lines(*f, text, w);
}

static double lines_height(const struct shape_font *f, const GArray *lines,
			   const struct draw_style *st)
{
	return lines->len * f->height + (lines->len - 1) * st->spacing;
}

static int lines_width(const GArray *lines)
{
	int w = 0;

	for (guint i = 0; i < lines->len; i++)
		w = MAX(w, g_array_index(lines, struct line, i).width);
	return w;
}

int plain_lines(cairo_t *cr, const char *text, double w, const struct draw_style *st,
		struct plain_line *out, int max)
{
	struct shape_font *f;
	GArray *lines = lines_of(cr, &f, text, w, st);
	int n;

	if (!lines)
		return -1;
	n = (int)lines->len;
	for (int i = 0; i < n && i < max; i++) {
		const struct line *l = &g_array_index(lines, struct line, i);

		out[i] = (struct plain_line){ l->start, l->end,
					      (double)l->width / PANGO_SCALE, l->hyphen };
	}
	return n;
}

double plain_height(cairo_t *cr, const char *text, double w, const struct draw_style *st)
{
	struct shape_font *f;
	GArray *lines = lines_of(cr, &f, text, w, st);
	double h;

	if (!lines)
		return draw_text_height(cr, text, w, st);
	h = lines_height(f, lines, st);
	return h;
}

double plain_width(cairo_t *cr, const char *text, const struct draw_style *st)
{
	struct shape_font *f;
	GArray *lines = lines_of(cr, &f, text, 0, st);
	double w;

	if (!lines)
		return draw_text_width(cr, text, st);
	w = (double)lines_width(lines) / PANGO_SCALE;
	return w;
}

/* The offset of a line in a box `box` wide (Pango units), as Pango aligns. */
static int align_offset(enum draw_align align, int box, int width)
{
	return align == DRAW_CENTER ? (box - width) / 2 : align == DRAW_RIGHT ? box - width : 0;
}

/* One line with its left end at x and its baseline at y. */
static void show_line(cairo_t *cr, struct shape_font *f, const char *text,
		      const struct line *l, double x, double y, GArray *glyphs)
{
	struct shape_run tmp = { 0 };
	const struct shape_run *run = l->run;

	if (!run) {
		shape_run_build(f, l->script, text + l->start, text + l->end,
				l->hyphen ? g_utf8_get_char(g_utf8_prev_char(text + l->end)) : 0,
				&tmp);
		run = &tmp;
	}
	g_array_set_size(glyphs, (guint)run->nglyphs);
	for (int i = 0; i < run->nglyphs; i++)
		g_array_index(glyphs, cairo_glyph_t, i) = (cairo_glyph_t){
			run->glyphs[i].index, x + (double)run->glyphs[i].x / PANGO_SCALE,
			y + (double)run->glyphs[i].y / PANGO_SCALE };
	if (run->nglyphs)
		cairo_show_text_glyphs(cr, text + l->start, l->end - l->start,
				       (cairo_glyph_t *)(void *)glyphs->data, run->nglyphs,
				       run->clusters, run->nclusters, 0);
	shape_run_clear(&tmp);
}

static void show_lines(cairo_t *cr, struct shape_font *f, const char *text,
		       const GArray *lines, double x, double y, double w,
		       const struct draw_style *st)
{
	int box = w > 0 ? (int)lround(w * PANGO_SCALE) : lines_width(lines);
	GArray *glyphs = shape_scratch(f, SHAPE_SCRATCH_DRAWN, sizeof(cairo_glyph_t));
	cairo_matrix_t fm;

	cairo_save(cr);
	draw_set_rgb(cr, st->color);
	cairo_set_font_face(cr, cairo_scaled_font_get_font_face(f->sf));
	cairo_scaled_font_get_font_matrix(f->sf, &fm);
	cairo_set_font_matrix(cr, &fm);
	cairo_set_font_options(cr, f->options);
	for (guint i = 0; i < lines->len; i++) {
		const struct line *l = &g_array_index(lines, struct line, i);

		show_line(cr, f, text, l,
			  x + (double)align_offset(st->align, box, l->width) / PANGO_SCALE,
			  y + i * (f->height + st->spacing) + f->ascent, glyphs);
	}
	cairo_restore(cr);
}

double plain_draw(cairo_t *cr, const char *text, double x, double y, double w,
		  const struct draw_style *st)
{
	struct shape_font *f;
	GArray *lines = lines_of(cr, &f, text, w, st);
	double h;

	if (!lines)
		return draw_text(cr, text, x, y, w, 0, st, NULL);
	show_lines(cr, f, text, lines, x, y, w, st);
	h = lines_height(f, lines, st);
	return h;
}
