/* svg.h — SVG documents written from a drawing sink, text as shared glyph outlines: charts. */
#ifndef P2HAM_SVG_H
#define P2HAM_SVG_H

#include <cairo.h>
#include <stdio.h>

/*
 * An SVG 1.1 document written by p2ham itself: the cairo_t that svg_open()
 * returns carries a drawing sink (draw.h, "Sinks"), and every primitive
 * drawn on it becomes an element, in the order drawn. Text is <use> of a
 * glyph <path> defined once in the document (each outline computed once
 * per thread); hatches fill with a <pattern>. Ids are numbered per
 * document, so the bytes depend only on what is drawn, not on the thread
 * or on other documents. Only draw-level primitives reach the document:
 * raw Cairo drawing on the cairo_t is lost.
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
