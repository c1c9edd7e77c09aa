/* plain.h — text set as Pango sets it, fast: the many texts of long tables. */
#ifndef P2HAM_PLAIN_H
#define P2HAM_PLAIN_H

#include <cairo.h>

#include "draw.h"

/*
 * The text of tables, lists and page furniture, set exactly as draw_text()
 * would set it through a Pango layout, at a fraction of the cost:
 * HarfBuzz's shaping with kerning and ligatures (shape.h), Pango's line
 * breaks for PANGO_WRAP_WORD_CHAR (after spaces and wherever Unicode
 * allows, inside a word only when it cannot fit, with the hyphen Pango
 * adds there), Pango's line widths and metrics. A paragraph's glyphs and
 * its lines for the last box are kept per thread, so that measuring a cell
 * and drawing it shape it once. The golden tests in tests/unit/test_draw.c
 * hold every line's start and width to Pango's, to 0.01 pt, over fixed
 * hard strings and thousands of random ones, and the ink to the pixel.
 *
 * Text that is not for shape.h (other scripts, combining marks, a
 * character the font lacks), a box narrower than two font sizes, spaced
 * out or one-line text, and text on a cairo_t with a drawing sink (SVG)
 * is set by draw_text() itself: the same result by another way.
 *
 * plain_draw() draws text top-aligned in a box w wide (w <= 0: one line
 * per paragraph), aligned as st says, and returns its height, which
 * plain_height() gives without drawing. Both are deterministic.
 *
 * Ownership: nothing returned needs freeing; the kept shapes belong to the
 * calling thread (shape.h).
 */
double plain_height(cairo_t *cr, const char *text, double w, const struct draw_style *st);

/* The width of the widest line of text set without a width limit. */
double plain_width(cairo_t *cr, const char *text, const struct draw_style *st);
double plain_draw(cairo_t *cr, const char *text, double x, double y, double w,
		  const struct draw_style *st);

/*
 * The lines of text in a box w wide, as set here: the first max of them
 * into out, and their number; -1 when draw_text() sets the text instead.
 */
struct plain_line {
	int start, end;         /* byte offsets in text */
	double width;           /* as Pango measures the line */
	int hyphen;             /* ends in a hyphen Pango adds */
};

int plain_lines(cairo_t *cr, const char *text, double w, const struct draw_style *st,
		struct plain_line *out, int max);

#endif
