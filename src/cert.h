/* cert.h — the award certificates (SPEC 6): a PDF per awarded unit, and all in one. */
#ifndef P2HAM_CERT_H
#define P2HAM_CERT_H

#include <cairo.h>
#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "score.h"
#include "template.h"

/*
 * Certificates go to the units whose recommendation is recommended or
 * retained, in rank order; the k-th of them (from 0) has sequence number
 * k + 1, which the template's number pattern turns into its certificate
 * number. Every function here only reads the model and the template, so
 * any number of threads may call them at once for different units, once
 * draw_init() has run. Output is the same bytes for the same inputs.
 */

/* The awarded units, in rank order: element k has seq k + 1. The array
 * borrows its elements from `m`; free it with g_ptr_array_unref(). */
GPtrArray *cert_units(const struct model *m);

/* Write the certificate of awarded unit `k` (from 0), one page, as a PDF
 * to `fp`; the caller opens and closes it. Returns 0, or -1 after
 * reporting the problem to `d` about the file `name`. */
int cert_write_unit(const struct model *m, const struct cert_template *t, unsigned k,
		    FILE *fp, const char *name, struct diag *d);

/* Write every certificate, in seq order, as one PDF to `fp` (the caller
 * opens and closes it), with a bookmark per unit.
 * Returns 0, or -1 after reporting the problem to `d`. */
int cert_write_all(const struct model *m, const struct cert_template *t, FILE *fp,
		   struct diag *d);

/* Draw the certificate of awarded unit `k` (seq k + 1) onto `cr`, a
 * surface of the template's page size: for previews and tests. Returns 0,
 * or -1 after reporting the problem (a QR content too long) to `d`. */
int cert_draw(cairo_t *cr, const struct model *m, const struct cert_template *t,
	      unsigned k, struct diag *d);

#endif
