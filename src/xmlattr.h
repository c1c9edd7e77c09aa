/* xmlattr.h — checked attributes of XML inputs; each problem with file and line. */
#ifndef P2HAM_XMLATTR_H
#define P2HAM_XMLATTR_H

#include <libxml/tree.h>

#include "diag.h"

/*
 * What a loader reports its problems through: the file they are about,
 * the diagnostics sink, and its own error count (`d` may hold earlier
 * ones). Fill in path and d, and set errors to 0.
 * Every function returning `char *` returns a string the caller frees
 * with g_free().
 */
struct xmlattr {
	const char *path;
	struct diag *d;
	unsigned long errors;
};

/* The line `node` starts on, or 0. */
unsigned long xmlattr_line(xmlNodePtr node);

/* Report an error about `node` and count it. */
void xmlattr_fail(struct xmlattr *x, xmlNodePtr node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Warn about each attribute of `node` not among the space-separated
 * `known` names: a typo in an optional one would pass silently. */
void xmlattr_known(struct xmlattr *x, xmlNodePtr node, const char *known);

/* The same, and an error for each child element: for elements that hold
 * none. */
void xmlattr_leaf(struct xmlattr *x, xmlNodePtr node, const char *known);

/* The attribute, trimmed, or NULL when absent. */
char *xmlattr_opt(xmlNodePtr node, const char *name);

/* The attribute, trimmed; an error and NULL when absent or blank. */
char *xmlattr_need(struct xmlattr *x, xmlNodePtr node, const char *name);

/*
 * A finite number of at least `min`, all of the attribute; with `length`
 * set it may end in pt, mm, cm or in and is returned in points. An absent
 * one is an error when `required`, else *out = dflt. Returns 1 when read,
 * 0 when absent, -1 after an error (and *out = dflt).
 */
int xmlattr_number(struct xmlattr *x, xmlNodePtr node, const char *name, int required,
		   int length, double min, double dflt, double *out);

/* The index of the attribute's value in the NULL-terminated `choices`
 * (ignoring ASCII case); `dflt` when absent; -1 after an error. */
int xmlattr_choice(struct xmlattr *x, xmlNodePtr node, const char *name,
		   const char *const *choices, int dflt);

#endif
