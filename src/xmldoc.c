/* xmldoc.c — reading XML inputs safely: no network, no DTD, no entities. */
#include "xmldoc.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

/* Filled in by the SAX hook; lives in ctxt->_private during one parse. */
struct read_state {
	unsigned long doctype_line;
	int saw_doctype;
};

/*
 * Called as soon as "<!DOCTYPE name ..." has been read and before any
 * declaration inside "[...]" is parsed, so entity declarations (billion
 * laughs, external entities) are never even seen, let alone expanded.
 */
static void refuse_doctype(void *ctx, const xmlChar *name,
			   const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	st->saw_doctype = 1;
	st->doctype_line = (unsigned long)xmlSAX2GetLineNumber(ctx);
	xmlStopParser(ctxt);
}

/*
 * libxml2 records every error in ctxt->lastError before calling these;
 * keeping them silent leaves the reporting to us, in compiler form.
 */
static void silent_structured(void *ctx, xmlErrorPtr error)
{
}

static void silent_generic(void *ctx, const char *msg, ...)
{
}

/* libxml2 speaks in capitalised sentences ending in '\n'; we do not. */
static char *error_message(const xmlError *err)
{
	char *msg = g_strstrip(g_strdup(err->message ? err->message : ""));

	if (!*msg) {
		g_free(msg);
		return g_strdup("malformed XML");
	}
	if (g_ascii_isupper(msg[0]) && g_ascii_islower(msg[1]))
		msg[0] = g_ascii_tolower(msg[0]);
	return msg;
}

/* Open and close the file once so that the usual reasons (missing, no
 * permission, a folder) come out as strerror() text. Only a regular file
 * is read: a FIFO without a writer would block forever (O_NONBLOCK keeps
 * this open() from waiting) and a device may never end. */
static int check_readable(const char *path, struct diag *d)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		diag_error(d, path, 0, "cannot read: %s",
			   S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
		return -1;
	}
	close(fd);
	return 0;
}

xmlDocPtr xmldoc_read(const char *path, struct diag *d)
{
	struct read_state st = { 0, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlGenericErrorFunc saved;
	void *saved_ctx;

	if (check_readable(path, d) < 0)
		return NULL;
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_error(d, path, 0, "cannot read: out of memory");
		return NULL;
	}
	ctxt->_private = &st;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->serror = silent_structured;
	ctxt->sax->error = silent_generic;
	ctxt->sax->warning = silent_generic;

	/* Encoding errors bypass the context's handlers and go to libxml2's
	 * generic handler, which prints them on stderr itself. */
	saved = xmlGenericError;
	saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent_generic);
	doc = xmlCtxtReadFile(ctxt, path, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR |
			      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	xmlSetGenericErrorFunc(saved_ctx, saved);

	if (st.saw_doctype || (doc && (doc->intSubset || doc->extSubset))) {
		diag_error(d, path, st.doctype_line,
			   "DOCTYPE and entity declarations are not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc || !ctxt->wellFormed) {
		const xmlError *err = &ctxt->lastError;
		char *msg = error_message(err);

		diag_error(d, path, err->line > 0 ? (unsigned long)err->line : 0,
			   "%s", msg);
		g_free(msg);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!xmlDocGetRootElement(doc)) {
		diag_error(d, path, 0, "document has no root element");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

char *xmldoc_attr(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

int xmldoc_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->name &&
	       strcmp((const char *)node->name, name) == 0;
}
