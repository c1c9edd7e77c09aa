/* xmldoc.h — reading XML inputs safely and within bounds (rubric, template, previous summary). */
#ifndef P2HAM_XMLDOC_H
#define P2HAM_XMLDOC_H

#include <libxml/tree.h>

#include "diag.h"

/* The bounds of SPEC 8.20: the longest attribute value or text (one text
 * node: character data, or one CDATA section) in bytes of UTF-8, and the
 * memory a document's tree may need: XMLDOC_MAX_BASE plus
 * XMLDOC_MAX_FACTOR times the file's size. */
#define XMLDOC_MAX_VALUE (1u << 20)
#define XMLDOC_MAX_BASE ((size_t)64 << 20)
#define XMLDOC_MAX_FACTOR 20

/*
 * Parse the XML file at `path` with libxml2, never touching the network,
 * never loading a DTD and never substituting entities. A document with a
 * DOCTYPE (and so any entity declaration) is refused, and so is a path that
 * is not a regular file (a FIFO, a device).
 *
 * So is a document over the bounds above, as soon as the parser meets the
 * value, text or node that passes one, before the rest is read: the tree is
 * never built whole. Its memory is counted as the parser builds it, node
 * by node, from the sizes of libxml2's structures and of their text plus
 * malloc's overhead; element and attribute names, which libxml2 keeps
 * once each in a dictionary, are not counted. A document far over the
 * bound therefore costs at most the bound, and the file's size only when
 * a single value is that large (libxml2 reads a value whole first).
 *
 * On any error, report it to `d` with the file and line and return NULL.
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
