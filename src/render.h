/* render.h — the rendered outputs: report, certificates, charts and tables, on worker threads. */
#ifndef P2HAM_RENDER_H
#define P2HAM_RENDER_H

#include "diag.h"
#include "outfile.h"
#include "report.h"
#include "score.h"
#include "template.h"

struct render_options {
	unsigned jobs;                  /* worker threads, >= 1 */
	int report;                     /* write report.pdf */
	int certificates;               /* write certificates.pdf and certificates/ */
	unsigned chart_formats;         /* enum chart_format bits; 0: no charts */
	int tables;                     /* write tables/ (ranking and items) */
	const struct cert_template *tpl;
	const struct report_info *report_info;
};

/* Seconds spent on each kind of output, summed over its tasks: with one
 * job these are wall times, with more they overlap. */
struct render_times {
	double report, certificates, charts, tables;
	double wall;                    /* the whole rendering stage */
};

/*
 * Render every output `opt` asks for into `o`. Each file is one task; tasks
 * are shared among opt->jobs threads, largest first, and each file's bytes
 * depend only on the model, never on the thread or the order. Returns 0, or
 * -1 after the failing tasks reported to `d` (the set must then not be
 * committed).
 */
int render_outputs(const struct model *m, const struct render_options *opt,
		   struct outset *o, struct diag *d, struct render_times *times);

#endif
