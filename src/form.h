/* form.h — the blank verification form (layout B) for one unit type. */
#ifndef P2HAM_FORM_H
#define P2HAM_FORM_H

#include <stdio.h>

#include "rubric.h"

/*
 * Write the form for `type` to `out`: metadata lines (Kanwil, Unit, Jenis,
 * Verifikator, Tanggal), a header (Kode, Kriteria, one column per answer
 * label of the type's scales, Data dukung, Catatan) and one row per item.
 * It is written as Excel and LibreOffice in an Indonesian locale open it
 * directly: UTF-8 with a BOM, ';' between fields, CRLF line ends.
 * `unit` and `kanwil` may be NULL (left blank for the team to fill in).
 */
void form_write(const struct rubric *r, const struct rubric_unit_type *type,
		const char *unit, const char *kanwil, FILE *out);

#endif
