/* cert_int.h — what the certificate's files share: the ornaments and the
 * texts. Nothing here allocates what outlives a call. */
#ifndef P2HAM_CERT_INT_H
#define P2HAM_CERT_INT_H

#include <cairo.h>

#include "placeholder.h"
#include "template.h"

/* The border and ornament elements, drawn as the template gives them. */
void cert_frame(cairo_t *cr, const struct tpl_element *e);
void cert_band(cairo_t *cr, const struct tpl_element *e);
void cert_corners(cairo_t *cr, const struct tpl_element *e);
void cert_rule(cairo_t *cr, const struct tpl_element *e);
void cert_seal(cairo_t *cr, const struct tpl_element *e);

/* Text element e with the placeholder values of its certificate: fitted in
 * its box, or over at most e->lines balanced lines; tagged as e->tag. */
void cert_text(cairo_t *cr, const struct tpl_element *e,
	       const char *const values[PH_COUNT]);

#endif
