/* previous.h — last year's summary.xml: retained awards and change (SPEC 4.8). */
#ifndef P2HAM_PREVIOUS_H
#define P2HAM_PREVIOUS_H

#include "diag.h"
#include "score.h"

struct previous_unit {
	char *id;
	char *key;              /* text_fold() of the name */
	double total;
	enum recommendation recommendation;
};

/*
 * Last year's units, read from a summary.xml of this program (namespace
 * urn:p2ham:summary:1, version 1) through xmldoc_read(): no DTD, no
 * entities, no network. Free with previous_free().
 */
struct previous;

/* Load `path`; NULL after reporting to `d` a file that is not a readable
 * summary of the right namespace and version, or has a malformed unit. */
struct previous *previous_load(const char *path, struct diag *d);
void previous_free(struct previous *p);

/* Last year's entry for a unit: by id, then by folded name (SPEC 8.14). */
const struct previous_unit *previous_find(const struct previous *p,
					  const char *id, const char *name);

#endif
