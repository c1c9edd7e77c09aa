/* reason.h — why a row was rejected, in Indonesian, for the pages people read. */
#ifndef P2HAM_REASON_H
#define P2HAM_REASON_H

#include "rubric.h"

/*
 * The ingest stages give a rejected row its reason in English, for the
 * terminal and summary.xml (SPEC 7). reason_display() says the same in
 * Indonesian for the documents: values quoted from the row are kept, a
 * unit type's id becomes its label in `rb` (may be NULL: the id stays).
 * The result is display-safe (SPEC 8.19). A reason that matches none of
 * the known patterns gets a general Indonesian sentence, never the
 * English, and *known (may be NULL) is set to 0; else to 1.
 * The caller frees the result with g_free().
 */
char *reason_display(const char *english, const struct rubric *rb, int *known);

/* The English patterns reason_display() knows, NULL-terminated, each as
 * the format string the ingest stages write it with: for tests. */
const char *const *reason_patterns(void);

#endif
