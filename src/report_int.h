/* report_int.h — what the files of report.pdf share (report.c,
 * report_summary.c, report_method.c, report_appendix.c). The report borrows the model; flow.h says who owns
 * the strings of a section. */
#ifndef P2HAM_REPORT_INT_H
#define P2HAM_REPORT_INT_H

#include "flow.h"
#include "report.h"

/* The chapters, for the contents on the cover. */
enum chapter {
	CH_SUMMARY,
	CH_RANKING,
	CH_REGIONS,
	CH_UNITS,
	CH_METHOD,
	CH_CONFLICTS,
	CH_REJECTED,
	CH_INPUTS,
	CH_N
};

struct report {
	struct flow f;
	int chapter_page[CH_N];         /* from the measuring pass, for the cover */
	const struct model *m;
	const struct report_info *info;
	char *office;
	char date[32];                  /* "10 Desember 2019" */
	GPtrArray *region_units;        /* per region: GPtrArray of its units */
	GHashTable *conflicts;          /* unit -> GPtrArray of its conflicts */
};

/* A paragraph of body text, formatted, then `after` points of space. */
void report_para(struct report *r, double after, const char *format, ...)
	G_GNUC_PRINTF(3, 4);

/* A chapter starts on a new page, named in the page headers, in the
 * outline and on the cover. Returns its outline id. */
int report_chapter_begin(struct report *r, enum chapter ch, const char *running,
			 int open);

/* The executive summary, on one page, and the ranking of every unit with
 * why those not recommended are not (report_summary.c). */
void report_summary(struct report *r);
void report_ranking(struct report *r);

/* Why u is not recommended, in a few words; "" when it is. A string of
 * f's pool. */
const char *report_reason_words(struct flow *f, const struct scored_unit *u);

/* Appendix A: how the rubric scores, the office's policy (report_method.c). */
void report_method(struct report *r);

/* The other appendices: conflicting answers with the teams and dates on
 * each side, rejected rows with their reasons, the input files by name
 * (report_appendix.c). */
void report_appendix_conflicts(struct report *r);
void report_appendix_rejected(struct report *r);
void report_appendix_inputs(struct report *r);

#endif
