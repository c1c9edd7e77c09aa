/* render.h — every output of a build: its file names, and the rendering on worker threads.
 *
 * This module is the one place that names output files and opens them in
 * the output set; the writers (summary, report, cert, chart, tables) only
 * write to the stream or path they are given. It owns nothing past a call.
 */
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
	int profiles;                   /* write profiles/UNIT-ID.pdf */
	int letters;                    /* write letters/OFFICE-ID.pdf */
};

/* Seconds spent on each kind of output. The rendered kinds are summed over
 * their tasks: with one job these are wall times, with more they overlap. */
struct render_times {
	double summary;                 /* summary.xml, before the rest */
	double report, certificates, charts, tables;
	double profiles, letters;       /* profiles/ and letters/ */
	double wall;                    /* the whole rendering stage, summary not included */
};

/* Whether `opt` asks for any output that is drawn (draw_init() needed). */
int render_draws(const struct render_options *opt);

/*
 * Write every output of the model into `o`: summary.xml, then what `opt`
 * asks for:
 *
 *   report.pdf
 *   certificates.pdf, certificates/UNIT-ID.pdf
 *   charts/ranking, charts/region-ID-principles, charts/region-ID-heatmap,
 *   charts/UNIT-ID-aspects, charts/UNIT-ID-principles (.svg, .png)
 *   tables/items.csv, tables/ranking.xlsx, tables/ranking.csv
 *   profiles/UNIT-ID.pdf (every unit), letters/OFFICE-ID.pdf (every office
 *   with a recommended or retained unit)
 *
 * The certificates/, charts/, profiles/ and letters/ folders are swept at commit (outset_sweep())
 * when written. Each rendered file is one task; the report is taken first
 * and the others by their expected cost, largest first, by opt->jobs
 * threads; each file's bytes depend only on the model, never on the thread
 * or the order. draw_init() must have run when render_draws(). Returns 0,
 * or -1 after the failing tasks reported to `d` (the set must then not be
 * committed). `times` may be NULL.
 */
int render_outputs(const struct model *m, const struct render_options *opt,
		   struct outset *o, struct diag *d, struct render_times *times);

#endif
