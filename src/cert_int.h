/* cert_int.h — what the certificate's files share: the ornaments. */
#ifndef P2HAM_CERT_INT_H
#define P2HAM_CERT_INT_H

#include <cairo.h>

#include "template.h"

/* The border and ornament elements, drawn as the template gives them. */
void cert_frame(cairo_t *cr, const struct tpl_element *e);
void cert_band(cairo_t *cr, const struct tpl_element *e);
void cert_corners(cairo_t *cr, const struct tpl_element *e);
void cert_rule(cairo_t *cr, const struct tpl_element *e);
void cert_seal(cairo_t *cr, const struct tpl_element *e);

#endif
