/* summary.h — summary.xml: the machine-readable result (SPEC 6). */
#ifndef P2HAM_SUMMARY_H
#define P2HAM_SUMMARY_H

#include <stdio.h>

#include "score.h"

#define SUMMARY_NAMESPACE "urn:p2ham:summary:1"
#define SUMMARY_VERSION "2"
/* The oldest version that --previous still reads: version 2 only adds. */
#define SUMMARY_VERSION_MIN "1"

/* Write the scored model as summary.xml to `fp` (which stays open).
 * Returns 0, or -1 when libxml2 reports a write error. */
int summary_write(const struct model *m, FILE *fp);

#endif
