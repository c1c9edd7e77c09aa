/* report.h — report.pdf: the scored model as a report for the ministry (SPEC 6). */
#ifndef P2HAM_REPORT_H
#define P2HAM_REPORT_H

#include <stdio.h>

#include "diag.h"
#include "score.h"

struct report_info {
	const char *office;     /* issuing office: PDF author and cover */
	const char *place;      /* place of issue for the cover's date line, may be NULL */
};

/*
 * Write report.pdf to fp (the caller opens and closes it): A4 portrait, in
 * Indonesian, with a cover, the method, the ranking of every unit, a
 * section per region and per unit, and appendices listing every conflict
 * and every rejected row; an outline, links, metadata and tagged
 * structure. The same model and info give the same bytes. It reads the
 * model only and draws in the calling thread (draw_init() must have run).
 * Returns 0, or -1 after reporting to d.
 */
int report_write(const struct model *m, const struct report_info *info, FILE *fp,
		 struct diag *d);

#endif
