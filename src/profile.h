/* profile.h — the profile of one unit, in report.pdf and in its own profiles/UNIT-ID.pdf.
 *
 * The model and the conflicts are borrowed; what the profile allocates
 * lives in the flow's pool until flow_release(). */
#ifndef P2HAM_PROFILE_H
#define P2HAM_PROFILE_H

#include <glib.h>

#include "flow.h"
#include "score.h"

/*
 * The section of report.pdf about unit u, flowed into f: its heading (the
 * link destination "unit-ID", an outline entry under `parent`), key
 * figures, aspect and principle charts, the aspect score table, the items
 * not met as "rekomendasi perbaikan", why it is not recommended, its
 * conflicts (`conflicts`, the model's conflicts of u, may be NULL), the
 * evidence of every item, and the items scored without evidence. It
 * starts on a new page, whose running header names the unit; the pages it
 * continues on name it with "(lanjutan)".
 */
void profile_write(struct flow *f, const struct model *m, const struct scored_unit *u,
		   const GPtrArray *conflicts, int parent);

/* The observations of a conflict, one per line: "Ada · Tim Verifikasi 1
 * · 3 Oktober 2019 · tim1.csv:12" (the team and date when given, the
 * file by its name only); a string of f's pool. */
const char *profile_observations(struct flow *f, const struct conflict *c);

#endif
