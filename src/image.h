/* image.h — PNG images named in XML inputs: kept in their folder, checked, decoded. */
#ifndef P2HAM_IMAGE_H
#define P2HAM_IMAGE_H

#include <cairo.h>
#include <libxml/tree.h>

#include "xmlattr.h"

/*
 * The PNG image `src`, named by an attribute of `node`, read from the
 * folder `dir` and decoded into a new image surface. `src` must stay inside
 * that folder: relative, without '..' or '\'; `folder` names the folder in
 * the error ("the template's folder"). A file that is missing, not a
 * regular file (a FIFO does not block), larger than 16 MiB, wider or taller
 * than 4096 pixels (read from its header, before decoding) or not a PNG
 * that Cairo can read is refused: the problem is reported through `x` at
 * the line of `node` and NULL is returned.
 * The caller owns the result; free it with cairo_surface_destroy(). The
 * surface carries a unique id (CAIRO_MIME_TYPE_UNIQUE_ID) that
 * image_paint() passes on, so that a PDF holds the image once however many
 * pages show it.
 */
cairo_surface_t *image_load(struct xmlattr *x, xmlNodePtr node, const char *dir,
			    const char *src, const char *folder);

/*
 * Paint the image of image_load() centred in the box (x, y, w, h), scaled
 * to fit with its proportions kept, at opacity `alpha`. The image may be
 * painted by several threads at once: each paint goes through a surface
 * of its own over the shared pixels, which are only read. Nothing is
 * allocated that outlives the call.
 */
void image_paint(cairo_t *cr, cairo_surface_t *image, double x, double y, double w,
		 double h, double alpha);

#endif
