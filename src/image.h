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
 * The caller owns the result; free it with cairo_surface_destroy().
 */
cairo_surface_t *image_load(struct xmlattr *x, xmlNodePtr node, const char *dir,
			    const char *src, const char *folder);

#endif
