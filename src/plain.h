/* plain.h — plain text, fast: the many short texts of long tables. */
#ifndef P2HAM_PLAIN_H
#define P2HAM_PLAIN_H

#include <cairo.h>

#include "draw.h"

/*
 * Shaping a string with Pango and HarfBuzz costs some fifty times what
 * looking its characters up in the font does, and a national report has
 * hundreds of thousands of table cells. Latin text (letters, digits,
 * punctuation, no combining marks) whose characters the style's font has
 * is set here from the font's own advances, without kerning or ligatures,
 * and broken into lines at spaces, or inside a word longer than the line.
 * Other text, text with letter spacing or no_wrap, and text for a cairo_t
 * with a text sink go to draw_text() instead.
 *
 * plain_draw() draws text top-aligned in a box w wide (w <= 0: one line
 * per paragraph), aligned as st says, and returns its height, which
 * plain_height() gives without drawing. Both are deterministic; fonts are
 * looked up once per thread.
 */
double plain_height(cairo_t *cr, const char *text, double w, const struct draw_style *st);

/* The width of the widest line of text set without a width limit. */
double plain_width(cairo_t *cr, const char *text, const struct draw_style *st);
double plain_draw(cairo_t *cr, const char *text, double x, double y, double w,
		  const struct draw_style *st);

#endif
