/* svg.h — SVG documents whose text is shared glyph outlines: charts. */
#ifndef P2HAM_SVG_H
#define P2HAM_SVG_H

#include <cairo.h>
#include <stdio.h>

/*
 * An SVG 1.1 document for pictures with much text. Cairo writes the
 * outline of every glyph into each SVG as decimal text, which makes a
 * chart cost several times its drawing. Here the text of draw_text() and
 * draw_text_vcenter() is written instead as <use> of a glyph <path>
 * defined once in the document, and each outline is computed once per
 * thread; everything else is Cairo's. The text lies above all else drawn.
 *
 * svg_open() returns the cairo_t to draw on; svg_close() destroys it,
 * writes the document to fp and frees svg. Returns 0, or -1 when Cairo or
 * the stream failed.
 */
struct svg;

cairo_t *svg_open(double w, double h, struct svg **svg);

/* What the picture is and its alternative text, written as the document's
 * <title> and <desc> (escaped; text XML forbids replaced). Either may be
 * NULL. */
void svg_describe(struct svg *svg, const char *title, const char *desc);
int svg_close(struct svg *svg, cairo_t *cr, FILE *fp);

#endif
