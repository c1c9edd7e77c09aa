/* xmldoc.h — reading XML inputs safely (rubric, template, previous summary). */
#ifndef P2HAM_XMLDOC_H
#define P2HAM_XMLDOC_H

#include <libxml/tree.h>

#include "diag.h"

/*
 * Parse the XML file at `path` with libxml2, never touching the network,
 * never loading a DTD and never substituting entities. A document with a
 * DOCTYPE (and so any entity declaration) is refused, and so is a path that
 * is not a regular file (a FIFO, a device). On any error, report
 * it to `d` with the file and line and return NULL.
 * The caller owns the result; free it with xmlFreeDoc().
 */
xmlDocPtr xmldoc_read(const char *path, struct diag *d);

/*
 * The value of attribute `name` of `node`, or NULL when it is absent.
 * The caller owns the result; free it with xmlFree().
 */
char *xmldoc_attr(xmlNodePtr node, const char *name);

/* True when `node` is an element named `name` (namespace ignored). */
int xmldoc_is(xmlNodePtr node, const char *name);

#endif
