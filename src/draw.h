/* draw.h — the drawing layer: shipped fonts, text in boxes, PDF/SVG/PNG surfaces. */
#ifndef P2HAM_DRAW_H
#define P2HAM_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "diag.h"

/*
 * Fonts. Every page is set in the fonts shipped in DATA/fonts and nothing
 * else: draw_init() builds a private fontconfig configuration that holds
 * only those files and makes it the current one, so the machine's fonts
 * never change a page. Call it once per process, before any thread draws;
 * draw_done() releases it at exit.
 *
 * The families, for Pango font descriptions:
 */
#define DRAW_SANS  "Lato"               /* report body, labels, charts */
#define DRAW_SERIF "EB Garamond"        /* certificate title and names */
/* DejaVu Sans is shipped as the fallback for characters the two lack. */

/* Returns 0, or -1 after reporting to `d` a missing fonts folder or a
 * family that does not resolve to a shipped file. */
int draw_init(const char *data_dir, struct diag *d);
void draw_done(void);

/* An RGB colour, components in [0,1]. */
struct draw_rgb {
	double r, g, b;
};

/* A colour from 0xRRGGBB. */
struct draw_rgb draw_hex(unsigned rgb);
void draw_set_rgb(cairo_t *cr, struct draw_rgb c);

enum draw_align { DRAW_LEFT, DRAW_CENTER, DRAW_RIGHT };

/*
 * How a piece of text is set. `font` is a Pango font description without
 * a size ("Lato Bold", "EB Garamond Italic"); `size` is in points.
 * Text is always plain text, never Pango markup.
 *
 * Fitting (draw_text with a box height > 0, or min_size > 0): when the text
 * is wider than the box, it first shrinks in steps of 0.5 pt down to
 * `min_size`, then wraps at word boundaries; if the wrapped text is still
 * taller than the box, it shrinks further (down to 4 pt) until it fits.
 * It never overflows its box.
 */
struct draw_style {
	const char *font;
	double size;
	double min_size;        /* 0: never shrink */
	enum draw_align align;
	struct draw_rgb color;
	double spacing;         /* extra space between lines, in points */
	double letter_spacing;  /* extra space between letters, in points */
	int no_wrap;            /* one line; ellipsize at the end if too wide */
};

/*
 * A Pango layout for `text` in a box `w` wide (w <= 0: unbounded), set as
 * `st` says, without fitting. The caller unrefs it.
 */
PangoLayout *draw_layout(cairo_t *cr, const char *text, double w,
			 const struct draw_style *st);

/* The height `text` takes in a box `w` wide, without fitting. */
double draw_text_height(cairo_t *cr, const char *text, double w,
			const struct draw_style *st);

/*
 * Draw `text` in the box (x, y, w, h), top-aligned; h <= 0 means no height
 * limit (and no fitting unless st->min_size is set). Returns the height
 * used, and the size finally used in *used_size when it is not NULL.
 */
double draw_text(cairo_t *cr, const char *text, double x, double y, double w,
		 double h, const struct draw_style *st, double *used_size);

/* The same, vertically centred in the box (h > 0). */
double draw_text_vcenter(cairo_t *cr, const char *text, double x, double y,
			 double w, double h, const struct draw_style *st);

/* Lines and boxes. */
void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1,
	       double width, struct draw_rgb c);
void draw_fill_rect(cairo_t *cr, double x, double y, double w, double h,
		    struct draw_rgb c);
void draw_stroke_rect(cairo_t *cr, double x, double y, double w, double h,
		      double width, struct draw_rgb c);

/*
 * Surfaces that write to a stream from outset_open(). Write errors are
 * kept by Cairo and reported by draw_surface_finish().
 */
struct draw_pdf_info {
	const char *title;
	const char *author;
	const char *subject;
	const char *keywords;   /* may be NULL */
	int date;               /* YYYYMMDD: creation and modification date */
};

/* A PDF surface of w × h points with its metadata; the dates come from
 * info->date so that two runs give the same bytes. */
cairo_surface_t *draw_pdf_new(FILE *fp, double w, double h,
			      const struct draw_pdf_info *info);

/* An SVG 1.1 surface of w × h points. */
cairo_surface_t *draw_svg_new(FILE *fp, double w, double h);

/* Finish and destroy a PDF or SVG surface. Returns 0, or -1 when Cairo
 * failed (a write error, out of memory). */
int draw_surface_finish(cairo_surface_t *s);

/*
 * Write an image surface (CAIRO_FORMAT_ARGB32 or RGB24) as PNG with fast
 * compression and a pHYs chunk for `dpi`. Returns 0 or -1.
 */
int draw_write_png(cairo_surface_t *img, double dpi, FILE *fp);

#endif
