/* xmldoc.c — reading XML inputs safely: no network, no DTD, no entities, bounded. */
#include "xmldoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

/* Filled in by the SAX hooks; lives in ctxt->_private during one parse. */
struct read_state {
	unsigned long doctype_line;
	int saw_doctype;
	/* SPEC 8.20: the first bound passed, and where. */
	char *refused;
	unsigned long refused_line;
	size_t budget;          /* XMLDOC_MAX_BASE + XMLDOC_MAX_FACTOR * file size */
	size_t used;            /* what the tree built so far needs, counted */
	size_t text;            /* bytes of the text node being read */
	int in_text;            /* 1 in character data, 2 in a CDATA section */
	xmlSAXHandler tree;     /* libxml2's handlers that build the tree */
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
 * SPEC 8.20, checked as libxml2 hands each piece to the tree builder: a
 * piece over a bound is not added, and the parser stops.
 */

/* malloc()'s own cost per block, counted on top of every node and text. */
#define BLOCK_OVERHEAD 16

/* Record the first bound passed; `why` is taken over. */
static void note_refusal(struct read_state *st, char *why, unsigned long line)
{
	if (st->refused) {
		g_free(why);
		return;
	}
	st->refused = why;
	st->refused_line = line;
}

/* Refuse the document and stop the parser, from a SAX handler. */
static void refuse(xmlParserCtxtPtr ctxt, struct read_state *st, char *why)
{
	note_refusal(st, why, (unsigned long)xmlSAX2GetLineNumber(ctxt));
	xmlStopParser(ctxt);
}

/* Count `bytes` more for the tree; 0, or -1 after refusing the document
 * (or when it was refused already). */
static int use(xmlParserCtxtPtr ctxt, struct read_state *st, size_t bytes)
{
	if (st->refused) {
		xmlStopParser(ctxt);
		return -1;
	}
	st->used += bytes;
	if (st->used <= st->budget)
		return 0;
	refuse(ctxt, st, g_strdup_printf("the document needs more than %zu MiB plus %d "
					 "times its size in memory, the limit for XML "
					 "inputs", XMLDOC_MAX_BASE >> 20,
					 XMLDOC_MAX_FACTOR));
	return -1;
}

static char *too_long(const char *what)
{
	return g_strdup_printf("%s longer than %u MiB, the limit for XML inputs",
			       what, XMLDOC_MAX_VALUE >> 20);
}

static void bounded_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			  const xmlChar *uri, int nb_namespaces,
			  const xmlChar **namespaces, int nb_attributes,
			  int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;
	size_t need = sizeof(xmlNode) + BLOCK_OVERHEAD;

	st->in_text = 0;
	/* attributes: localname, prefix, URI, value, end of value. */
	for (int i = 0; i < nb_attributes; i++) {
		size_t len = (size_t)(attributes[5 * i + 4] - attributes[5 * i + 3]);

		if (len > XMLDOC_MAX_VALUE) {
			char *what = g_strdup_printf("attribute '%s' is",
						     (const char *)attributes[5 * i]);
			refuse(ctxt, st, too_long(what));
			g_free(what);
			return;
		}
		/* The attribute, and its value as a text node. */
		need += sizeof(xmlAttr) + sizeof(xmlNode) + len + 1 + 3 * BLOCK_OVERHEAD;
	}
	/* namespaces: prefix, URI; an xmlns attribute. */
	for (int i = 0; i < nb_namespaces; i++) {
		const char *uri_text = (const char *)namespaces[2 * i + 1];
		size_t len = uri_text ? strlen(uri_text) : 0;

		if (len > XMLDOC_MAX_VALUE) {
			refuse(ctxt, st, too_long("a namespace attribute is"));
			return;
		}
		need += sizeof(xmlNs) + len + 1 + 2 * BLOCK_OVERHEAD;
	}
	if (use(ctxt, st, need) < 0)
		return;
	st->tree.startElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
				nb_attributes, nb_defaulted, attributes);
}

static void bounded_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	st->in_text = 0;
	if (use(ctxt, st, 0) == 0)
		st->tree.endElementNs(ctx, localname, prefix, uri);
}

/*
 * Character data comes in pieces, which libxml2 joins into one text node
 * (growing it by doubling: twice its length is counted); so does a CDATA
 * section in pieces. `kind` is 1 for character data, 2 for CDATA.
 */
static int text_piece(xmlParserCtxtPtr ctxt, struct read_state *st, int kind, int len)
{
	size_t need = 2 * (size_t)len;

	if (st->in_text != kind) {
		st->in_text = kind;
		st->text = 0;
		need += sizeof(xmlNode) + 2 * BLOCK_OVERHEAD;
	}
	st->text += (size_t)len;
	if (st->text > XMLDOC_MAX_VALUE) {
		refuse(ctxt, st, too_long(kind == 1 ? "a text is" : "a CDATA section is"));
		return -1;
	}
	return use(ctxt, st, need);
}

static void bounded_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	if (text_piece(ctxt, st, 1, len) == 0)
		st->tree.characters(ctx, ch, len);
}

static void bounded_whitespace(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	if (text_piece(ctxt, st, 1, len) == 0)
		st->tree.ignorableWhitespace(ctx, ch, len);
}

static void bounded_cdata(void *ctx, const xmlChar *value, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	if (text_piece(ctxt, st, 2, len) == 0)
		st->tree.cdataBlock(ctx, value, len);
}

/* Comments and processing instructions are not values, but the tree keeps
 * them: they count for memory. */
static void bounded_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	st->in_text = 0;
	if (use(ctxt, st, sizeof(xmlNode) + strlen((const char *)value) + 1 +
		2 * BLOCK_OVERHEAD) == 0)
		st->tree.comment(ctx, value);
}

static void bounded_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt->_private;

	st->in_text = 0;
	if (use(ctxt, st, sizeof(xmlNode) + (data ? strlen((const char *)data) : 0) + 1 +
		2 * BLOCK_OVERHEAD) == 0)
		st->tree.processingInstruction(ctx, target, data);
}

/* Put the counting handlers in front of libxml2's tree builders. */
static void bound_handlers(xmlSAXHandler *sax, struct read_state *st)
{
	st->tree = *sax;
	sax->startElementNs = bounded_start;
	sax->endElementNs = bounded_end;
	sax->characters = bounded_characters;
	sax->ignorableWhitespace = bounded_whitespace;
	sax->cdataBlock = bounded_cdata;
	sax->comment = bounded_comment;
	sax->processingInstruction = bounded_pi;
}

/*
 * libxml2 records every error in ctxt->lastError before calling these;
 * keeping them silent leaves the reporting to us, in compiler form.
 *
 * One is ours: libxml2 gives up by itself on an attribute value of more
 * than 10 MB (XML_MAX_TEXT_LENGTH) before bounded_start() sees it, and
 * then reads on past it. Such a value is over our bound too, and is
 * reported as such; the next handler called stops the parser (stopping it
 * here, inside libxml2's error path, is not safe).
 */
static void silent_structured(void *ctx, xmlErrorPtr error)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct read_state *st = ctxt ? ctxt->_private : NULL;

	if (st && error && error->code == XML_ERR_ATTRIBUTE_NOT_FINISHED &&
	    error->message && strstr(error->message, "too long"))
		note_refusal(st, too_long("an attribute is"),
			     error->line > 0 ? (unsigned long)error->line : 0);
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
static int check_readable(const char *path, off_t *size, struct diag *d)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		diag_error(d, path, 0, "cannot read: %s",
			   S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
		return -1;
	}
	*size = st.st_size;
	close(fd);
	return 0;
}

xmlDocPtr xmldoc_read(const char *path, struct diag *d)
{
	struct read_state st = { 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlGenericErrorFunc saved;
	void *saved_ctx;
	off_t size;

	if (check_readable(path, &size, d) < 0)
		return NULL;
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_error(d, path, 0, "cannot read: out of memory");
		return NULL;
	}
	/* Saturates rather than wraps for an absurd size. */
	st.budget = (size_t)size > (SIZE_MAX - XMLDOC_MAX_BASE) / XMLDOC_MAX_FACTOR ?
		    SIZE_MAX : XMLDOC_MAX_BASE + XMLDOC_MAX_FACTOR * (size_t)size;
	ctxt->_private = &st;
	bound_handlers(ctxt->sax, &st);
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

	if (st.refused) {
		diag_error(d, path, st.refused_line, "%s", st.refused);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (st.saw_doctype || (doc && (doc->intSubset || doc->extSubset))) {
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
	g_free(st.refused);
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
