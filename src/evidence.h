/* evidence.h — the rubric's evidence rule on a unit's scored items (SPEC 4.8b). */
#ifndef P2HAM_EVIDENCE_H
#define P2HAM_EVIDENCE_H

#include "rubric.h"
#include "score.h"

/*
 * Give every item of `su` that the rule looks at (assessed, not a gate,
 * answered with a level worth more than 0) its evidence status from its
 * data dukung: too few entries make it insufficient (missing when it has
 * none), which wins over an entry shared with another item of the unit
 * (reused, with `distinct`). Counts the flagged items in su->evidence_flags
 * and, with effect zero, sets their score to 0. Scoring calls it before it
 * sums aspects and principles; nothing is allocated that outlives the call.
 */
void evidence_check(struct scored_unit *su, const struct rubric *r);

#endif
