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

/* The faces shipped, for messages; draw_font_shipped() tells whether a
 * Pango font description ("Lato Bold") names one of them. Any other face
 * would be replaced by another family or synthesised by Cairo. */
#define DRAW_SHIPPED_FACES "Lato, Lato Bold, Lato Italic, EB Garamond, " \
	"EB Garamond Italic, DejaVu Sans, DejaVu Sans Bold"
int draw_font_shipped(const char *font);

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

/*
 * The layout that draw_text() shows for `text` in the box w × h (h > 0),
 * fitted as draw_style describes, and the size used in *used_size when it
 * is not NULL: for callers that place or decorate the text themselves.
 * Show it with its top-left corner at the box's; the caller unrefs it.
 */
PangoLayout *draw_layout_fit(cairo_t *cr, const char *text, double w, double h,
			     const struct draw_style *st, double *used_size);

/* The same, vertically centred in the box (h > 0). */
double draw_text_vcenter(cairo_t *cr, const char *text, double x, double y,
			 double w, double h, const struct draw_style *st);

/* The width of `text` set on one line, without a box. */
double draw_text_width(cairo_t *cr, const char *text, const struct draw_style *st);

/*
 * Repeated text. Charts and report pages set the same labels, codes and
 * numbers over and over; draw_cache_attach() gives `cr` the calling
 * thread's cache of layouts, so that draw_text(), draw_text_vcenter(),
 * draw_text_height() and draw_text_width() on it shape each distinct text
 * once per thread. Pages come out the same with or without it. Use cr in
 * the thread that attached the cache; draw_layout() never uses it.
 */
void draw_cache_attach(cairo_t *cr);

/*
 * Lines, boxes and marks, in points, in cr's current transformation. Each
 * paints with Cairo, or goes to cr's drawing sink when it has one (below).
 * Strokes are butt-ended and mitred; a dash is `on` points drawn, `off`
 * left out, from the start (on <= 0: solid).
 */
void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1,
	       double width, struct draw_rgb c);
void draw_dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1,
		      double width, struct draw_rgb c, double on, double off);
void draw_fill_rect(cairo_t *cr, double x, double y, double w, double h,
		    struct draw_rgb c);
void draw_stroke_rect(cairo_t *cr, double x, double y, double w, double h,
		      double width, struct draw_rgb c);
void draw_fill_circle(cairo_t *cr, double cx, double cy, double r, struct draw_rgb c);
/* A closed polygon of n points (xy: x0, y0, x1, y1, ...) filled with
 * `fill` and outlined `width` wide (width <= 0: no outline) in `stroke`. */
void draw_polygon(cairo_t *cr, const double *xy, unsigned n, struct draw_rgb fill,
		  double width, struct draw_rgb stroke);
/* The box crossed by lines rising at 45 degrees, `spacing` apart along x,
 * `width` wide, clipped to the box; one line passes through its top left
 * corner. No outline. */
void draw_hatch_rect(cairo_t *cr, double x, double y, double w, double h,
		     double spacing, double width, struct draw_rgb c);

/* Until draw_unturn(): user space moved to (x, y) and turned by `angle`
 * radians (negative: anticlockwise on the page). Pairs nest. */
void draw_turn(cairo_t *cr, double x, double y, double angle);
void draw_unturn(cairo_t *cr);

/*
 * Sinks. A drawing sink takes, instead of Cairo, everything the primitives
 * above and draw_text()/draw_text_vcenter() would paint on a cairo_t, in
 * the order painted, with the cairo_t's current transformation: svg.c
 * writes them as an SVG document of its own. The cairo_t then carries
 * only the sink and the transformation (its surface may be a recording
 * one that receives nothing). Shapes reach the sink as a draw_shape.
 */
enum draw_shape_kind {
	DRAW_SHAPE_LINE,        /* a: x0, y0, x1, y1 */
	DRAW_SHAPE_RECT,        /* a: x, y, w, h (w, h >= 0) */
	DRAW_SHAPE_CIRCLE,      /* a: cx, cy, r */
	DRAW_SHAPE_POLYGON,     /* xy, n */
	DRAW_SHAPE_HATCH        /* a: x, y, w, h; its lines in `stroke` */
};

struct draw_shape {
	enum draw_shape_kind kind;
	double a[4];
	const double *xy;               /* POLYGON: n points, x then y */
	unsigned n;
	const struct draw_rgb *fill;    /* NULL: not filled */
	const struct draw_rgb *stroke;  /* NULL: not stroked */
	double width;                   /* of the stroke */
	double dash[2];                 /* on, off; on <= 0: solid */
	double spacing;                 /* HATCH: between lines, along x */
};

struct draw_sink_ops {
	/* A layout with its top left corner at (x, y). */
	void (*text)(void *data, cairo_t *cr, PangoLayout *layout, double x, double y,
		     struct draw_rgb color);
	void (*shape)(void *data, cairo_t *cr, const struct draw_shape *s);
};

/* Give cr a drawing sink (ops NULL: none); ops and data outlive cr's use. */
void draw_set_sink(cairo_t *cr, const struct draw_sink_ops *ops, void *data);
/* Whether cr has one: its text is then measured and set by Pango only. */
int draw_has_text_sink(cairo_t *cr);
/* Paint a shape on cr, or give it to cr's sink. */
void draw_shape(cairo_t *cr, const struct draw_shape *s);
/* Give a layout to cr's sink: 1, or 0 when cr has none (for draw.c). */
int draw_sink_text(cairo_t *cr, PangoLayout *layout, double x, double y,
		   struct draw_rgb color);

/*
 * Surfaces that write to a stream from outset_open(). Write errors are
 * left on the stream, where outset_close() reports them.
 */
struct draw_pdf_info {
	const char *title;
	const char *author;
	const char *subject;
	const char *keywords;   /* may be NULL */
	int date;               /* YYYYMMDD: creation and modification date */
};

/*
 * A PDF surface of w × h points with its metadata; the dates come from
 * info->date so that two runs give the same bytes. The PDF is kept in
 * memory until draw_pdf_finish(), which adds what SPEC 6 asks of every
 * PDF and Cairo 1.16 does not write: the language (/Lang (id-ID)), the
 * title shown in the window (DisplayDocTitle), the outline open when
 * there is one (/PageMode /UseOutlines), and each figure's /Alt.
 */
cairo_surface_t *draw_pdf_new(FILE *fp, double w, double h,
			      const struct draw_pdf_info *info);

/*
 * Open and close a Figure structure tag whose alternative text is `alt`
 * (a short description in Indonesian of what the figure shows). Only on
 * a surface of draw_pdf_new(): on any other target (SVG, PNG, a recording
 * surface) both do nothing, and draw_figure_begin() returns 0 instead of
 * 1. Figures do not nest.
 */
int draw_figure_begin(cairo_t *cr, const char *alt);
void draw_figure_end(cairo_t *cr);

/* An SVG 1.1 surface of w × h points. */
cairo_surface_t *draw_svg_new(FILE *fp, double w, double h);

/*
 * Finish and destroy a PDF or SVG surface; a PDF of draw_pdf_new() then
 * goes to its stream. Returns 0, or -1 when Cairo failed (out of memory)
 * or the accessibility update could not be added (the PDF is written
 * without it); draw_pdf_finish() then sets *error (when error is not
 * NULL) to a message the caller reports and frees with g_free().
 */
int draw_pdf_finish(cairo_surface_t *s, char **error);
int draw_surface_finish(cairo_surface_t *s);

/*
 * Decode the bytes of a PNG file into a new image surface; NULL when they
 * are not a PNG file that Cairo can read. Check the size in the header
 * first: decoding allocates width × height × 4 bytes.
 */
cairo_surface_t *draw_png_decode(const void *bytes, size_t len);

/*
 * Write an image surface (CAIRO_FORMAT_ARGB32 or RGB24) as PNG with fast
 * compression and a pHYs chunk for `dpi`. Returns 0 or -1.
 */
int draw_write_png(cairo_surface_t *img, double dpi, FILE *fp);

/*
 * Paint a picture of w × h points at `dpi` on white and write it as an
 * opaque PNG, like draw_write_png(). The picture is painted in bands of
 * pixel rows, so that one taller than Cairo's image limit (32767 pixels)
 * works and memory stays small: paint(cr, data) draws in points and is
 * called once per band, with the band as the clip; it may skip whatever
 * lies outside cairo_clip_extents(). Returns 0 or -1.
 */
int draw_png_paint(FILE *fp, double w, double h, double dpi,
		   void (*paint)(cairo_t *cr, void *data), void *data);

#endif
