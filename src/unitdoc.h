/* unitdoc.h — profiles/UNIT-ID.pdf: a unit's own result, issued by its office, with a berita acara. */
#ifndef P2HAM_UNITDOC_H
#define P2HAM_UNITDOC_H

#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "score.h"

/*
 * Write the profile document of unit `u` as a PDF to `fp` (the caller
 * opens and closes it): the letterhead of the unit's office (letter_kop()),
 * the unit's profile as report.pdf has it (profile_write()), and a *berita
 * acara hasil verifikasi* block, kept on one page: the date, the
 * verification dates and teams of its rows, and signature lines for the
 * team leader and the unit head. Later pages repeat the unit's name in
 * the running header; every page is numbered "Halaman X dari Y". It only
 * reads the model, so threads may write different units at once once
 * draw_init() has run. Returns 0, or -1 after reporting to `d` about the
 * file `name`.
 */
int unitdoc_write(const struct model *m, const struct scored_unit *u, FILE *fp,
		  const char *name, struct diag *d);

#endif
