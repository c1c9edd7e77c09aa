/* workbook_part.c — a workbook's XML parts: streamed out of their ZIP member within bounds,
 * and how they refer to each other. */
#include "workbook_int.h"

#include <libxml/xmlerror.h>

/* libxml2 and libzip speak in capitalised sentences; we do not. */
char *wb_message(const char *msg)
{
	char *s = g_strstrip(g_strdup(msg && *msg ? msg : "unknown error"));

	if (g_ascii_isupper(s[0]) && !g_ascii_isupper(s[1]))
		s[0] = g_ascii_tolower(s[0]);
	return s;
}

/* ---- streamed XML parts ---------------------------------------------- */

/*
 * The prolog of a part is scanned before libxml2 sees it: a DOCTYPE is
 * refused before its internal subset can declare an entity. NUL bytes are
 * passed over so that UTF-16 text is scanned too.
 */
enum prolog {
	PRO_TEXT,       /* between markup */
	PRO_LT,         /* after '<' */
	PRO_PI,         /* in <?...?> */
	PRO_PI_Q,       /* in <?...? */
	PRO_BANG,       /* after "<!" */
	PRO_BANG_DASH,  /* after "<!-" */
	PRO_COMMENT,    /* in <!--...--> */
	PRO_END1,       /* in a comment, after '-' */
	PRO_END2,       /* in a comment, after "--" */
	PRO_DONE,       /* the root element has started */
};

struct wb_part {
	struct wb *wb;
	char *name;
	zip_file_t *zf;
	xmlTextReaderPtr reader;
	unsigned long size;     /* bytes inflated */
	unsigned long used;     /* of those, handed to the parser: counted in
				   wb->inflated when the part is closed */
	zip_uint64_t declared;  /* the size the archive says, 0 if it does not */
	enum prolog prolog;
	char *why;              /* why reading stopped in the I/O callback */
	char *xml_error;        /* libxml2's first error */
	int xml_line;
};

/* Scan `n` bytes of the prolog; -1 on a DOCTYPE (or another "<!" that is
 * not a comment: nothing else may come before the root element). */
static int scan_prolog(struct wb_part *p, const char *buf, size_t n)
{
	for (size_t i = 0; i < n && p->prolog != PRO_DONE; i++) {
		char c = buf[i];

		if (c == '\0')
			continue;
		switch (p->prolog) {
		case PRO_TEXT:
			if (c == '<')
				p->prolog = PRO_LT;
			break;
		case PRO_LT:
			p->prolog = c == '?' ? PRO_PI : c == '!' ? PRO_BANG : PRO_DONE;
			break;
		case PRO_PI:
			if (c == '?')
				p->prolog = PRO_PI_Q;
			break;
		case PRO_PI_Q:
			p->prolog = c == '>' ? PRO_TEXT : c == '?' ? PRO_PI_Q : PRO_PI;
			break;
		case PRO_BANG:
		case PRO_BANG_DASH:
			if (c != '-')
				return -1;
			p->prolog = p->prolog == PRO_BANG ? PRO_BANG_DASH : PRO_COMMENT;
			break;
		case PRO_COMMENT:
			if (c == '-')
				p->prolog = PRO_END1;
			break;
		case PRO_END1:
			p->prolog = c == '-' ? PRO_END2 : PRO_COMMENT;
			break;
		case PRO_END2:
			p->prolog = c == '>' ? PRO_TEXT : c == '-' ? PRO_END2 : PRO_COMMENT;
			break;
		case PRO_DONE:
			break;
		}
	}
	return 0;
}

/* Inflate up to `len` bytes of the part, counting them against the
 * bounds; -1 with p->why set when it must stop. */
static int part_fill(struct wb_part *p, char *buf, int len)
{
	zip_int64_t n;

	if (p->why)
		return -1;
	n = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		char *msg = wb_message(zip_file_strerror(p->zf));
		p->why = g_strdup_printf("cannot inflate part '%s': %s", p->name, msg);
		g_free(msg);
		return -1;
	}
	p->size += (unsigned long)n;
	if (p->size > WORKBOOK_MAX_PART) {
		p->why = g_strdup_printf("part '%s' inflates to more than the 256 MiB "
					 "allowed for a workbook part", p->name);
		return -1;
	}
	if (p->wb->inflated + p->size > WORKBOOK_MAX_TOTAL) {
		p->why = g_strdup_printf("the parts read inflate to more than the 1 GiB "
					 "allowed for a workbook (at part '%s')", p->name);
		return -1;
	}
	if (p->prolog != PRO_DONE && scan_prolog(p, buf, (size_t)n) < 0) {
		p->why = g_strdup_printf("part '%s' has a DOCTYPE or entity declaration: "
					 "not allowed", p->name);
		return -1;
	}
	return (int)n;
}

/* Inflate the next bytes for the parser. */
static int part_io(void *ctx, char *buf, int len)
{
	struct wb_part *p = ctx;
	int n = part_fill(p, buf, len);

	if (n > 0)
		p->used += (unsigned long)n;
	return n;
}

/* Inflate the next bytes on the thread that reads ahead: what the parser
 * takes of them is counted as it takes them. */
static int part_ahead(void *ctx, char *buf, int len)
{
	return part_fill(ctx, buf, len);
}

static int part_io_close(void *ctx)
{
	return 0;
}

static void part_xml_error(void *ctx, xmlErrorPtr err)
{
	struct wb_part *p = ctx;

	if (p->xml_error || !err || err->level < XML_ERR_ERROR)
		return;
	p->xml_error = wb_message(err->message);
	p->xml_line = err->line;
}

static zip_int64_t locate(struct wb *wb, const char *name)
{
	return zip_name_locate(wb->zip, name, ZIP_FL_NOCASE);
}

int wb_has_member(struct wb *wb, const char *name)
{
	return locate(wb, name) >= 0;
}

/* The member `name`, opened for inflating; NULL when it is missing (then
 * reported only when `required`) or cannot be opened (reported). */
static struct wb_part *member_open(struct wb *wb, const char *name, int required)
{
	zip_int64_t idx = locate(wb, name);
	struct wb_part *p;
	zip_stat_t st;

	if (idx < 0) {
		if (required)
			wb_fail(wb, "part '%s' is missing", name);
		return NULL;
	}
	if (zip_stat_index(wb->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > WORKBOOK_MAX_PART) {
		wb_fail(wb, "part '%s' inflates to %llu bytes, more than the 256 MiB "
			"allowed for a workbook part", name, (unsigned long long)st.size);
		return NULL;
	}
	p = g_new0(struct wb_part, 1);
	p->wb = wb;
	p->name = g_strdup(name);
	p->declared = st.valid & ZIP_STAT_SIZE ? st.size : 0;
	p->zf = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
	if (!p->zf) {
		char *msg = wb_message(zip_strerror(wb->zip));
		wb_fail(wb, "cannot open part '%s': %s", name, msg);
		g_free(msg);
		wb_part_close(p);
		return NULL;
	}
	return p;
}

struct wb_part *wb_part_open(struct wb *wb, const char *name, int required)
{
	struct wb_part *p = member_open(wb, name, required);

	if (!p)
		return NULL;
	p->reader = xmlReaderForIO(part_io, part_io_close, p, name, NULL,
				   XML_PARSE_NONET | XML_PARSE_NOERROR |
				   XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (!p->reader) {
		wb_fail(wb, "cannot read part '%s'%s%s", name, p->why ? ": " : "",
			p->why ? p->why : "");
		wb_part_close(p);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(p->reader, part_xml_error, p);
	return p;
}


xmlTextReaderPtr wb_part_reader(struct wb_part *p)
{
	return p->reader;
}

static int part_result(struct wb_part *p, int rc)
{
	if (rc >= 0 && !p->why)
		return rc;
	if (p->why)
		wb_fail(p->wb, "%s", p->why);
	else if (p->xml_error)
		wb_fail(p->wb, "malformed XML in part '%s' at line %d: %s", p->name,
			p->xml_line, p->xml_error);
	else
		wb_fail(p->wb, "malformed XML in part '%s'", p->name);
	return -1;
}

int wb_part_read(struct wb_part *p)
{
	return part_result(p, xmlTextReaderRead(p->reader));
}

int wb_part_next(struct wb_part *p)
{
	return part_result(p, xmlTextReaderNext(p->reader));
}

void wb_part_close(struct wb_part *p)
{
	if (!p)
		return;
	if (p->reader)
		xmlFreeTextReader(p->reader);
	if (p->zf)
		zip_fclose(p->zf);
	p->wb->inflated += p->used;
	g_free(p->why);
	g_free(p->xml_error);
	g_free(p->name);
	g_free(p);
}

/* ---- parts pushed through a SAX parser ---------------------------------- */

/* What the SAX callbacks of wb_part_sax() get as their user data. */
struct sax_run {
	struct wb_part *part;
	void *data;
	const xmlSAXHandler *user;
};

static void sax_error(void *ctx, xmlErrorPtr err)
{
	struct sax_run *run = ctx;

	part_xml_error(run->part, err);
}

/* Never reached while the prolog scan refuses DOCTYPEs; kept so that no
 * path leads to a declaration being parsed. */
static void sax_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
			       const xmlChar *system_id)
{
	struct sax_run *run = ctx;

	g_free(run->part->why);
	run->part->why = g_strdup_printf("part '%s' has a DOCTYPE or entity declaration: "
					 "not allowed", run->part->name);
	xmlStopParser(run->part->wb->parser);
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
		      const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
		      int nb_defaulted, const xmlChar **attrs)
{
	struct sax_run *run = ctx;

	run->user->startElementNs(run->data, local, prefix, uri, nb_ns, ns, nb_attrs,
				  nb_defaulted, attrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		    const xmlChar *uri)
{
	struct sax_run *run = ctx;

	run->user->endElementNs(run->data, local, prefix, uri);
}

static void sax_text(void *ctx, const xmlChar *text, int len)
{
	struct sax_run *run = ctx;

	run->user->characters(run->data, text, len);
}

/* Parts inflating to more than this are inflated by a thread ahead of the
 * parser (see workbook_ahead.c); for smaller ones a thread is not worth its
 * start. */
#define AHEAD_FROM (4 * WB_CHUNK)

static void sax_handler_init(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	sax->characters = sax_text;
	sax->cdataBlock = sax_text;
	sax->ignorableWhitespace = sax_text;
	sax->internalSubset = sax_refuse_doctype;
	sax->serror = sax_error;
}

/* Push the rest of part p through the parser, chunk by chunk, until its
 * end, a failure or a stop. What the last read returned. */
static int sax_push(struct wb_part *p, xmlParserCtxtPtr ctxt, char *buf)
{
	struct wb *wb = p->wb;
	struct wb_ahead *ahead = p->declared > AHEAD_FROM ? wb_ahead_start(part_ahead, p) : NULL;
	const char *chunk;
	int n = 0;

	while (!wb->failed && !wb->stop_part) {
		chunk = buf;
		n = ahead ? wb_ahead_next(ahead, &chunk) : part_fill(p, buf, WB_CHUNK);
		if (n < 0)
			break;
		p->used += (unsigned long)n;
		if (xmlParseChunk(ctxt, chunk, n, n == 0) != 0 || n == 0)
			break;
	}
	wb_ahead_stop(ahead);
	/* The thread may have read on past where the parser stopped, into a
	 * failure the parser never came to: not this part's story. */
	if (n >= 0 && p->why) {
		g_free(p->why);
		p->why = NULL;
	}
	return n;
}

int wb_part_sax(struct wb *wb, const char *name, int required, const xmlSAXHandler *user,
		void *data)
{
	struct wb_part *p = member_open(wb, name, required);
	struct sax_run run = { p, data, user };
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	char *buf;
	int n, rc = 0;

	if (!p)
		return wb->failed ? -1 : 0;
	sax_handler_init(&sax);
	buf = g_malloc(WB_CHUNK);
	/* The first bytes tell the parser the encoding. */
	n = part_io(p, buf, 4);
	ctxt = xmlCreatePushParserCtxt(&sax, &run, buf, n > 0 ? n : 0, name);
	if (!ctxt) {
		wb_fail(wb, "cannot read part '%s': out of memory", name);
		g_free(buf);
		wb_part_close(p);
		return -1;
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	wb->parser = ctxt;
	if (n >= 0)
		n = sax_push(p, ctxt, buf);
	if (!wb->failed && !wb->stop_part && (n < 0 || !ctxt->wellFormed || p->why))
		rc = part_result(p, -1);
	else if (wb->failed)
		rc = -1;
	wb->parser = NULL;
	wb->stop_part = 0;
	xmlFreeParserCtxt(ctxt);
	g_free(buf);
	wb_part_close(p);
	return rc;
}

void wb_sax_stop(struct wb *wb)
{
	if (wb->parser) {
		wb->stop_part = 1;
		xmlStopParser(wb->parser);
	}
}

size_t wb_member_size(struct wb *wb, const char *name)
{
	zip_int64_t idx = locate(wb, name);
	zip_stat_t st;

	if (idx < 0 || zip_stat_index(wb->zip, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE))
		return 0;
	return st.size < WORKBOOK_MAX_PART ? (size_t)st.size : WORKBOOK_MAX_PART;
}

int wb_member_head(struct wb *wb, const char *name, char *buf, size_t max)
{
	zip_int64_t idx = locate(wb, name), n;
	zip_file_t *zf;

	if (idx < 0 || !(zf = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0)))
		return -1;
	n = zip_fread(zf, buf, max);
	zip_fclose(zf);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

const char *wb_name(xmlTextReaderPtr r)
{
	const xmlChar *s = xmlTextReaderConstLocalName(r);

	return s ? (const char *)s : "";
}

int wb_attr_next(xmlTextReaderPtr r, int *i, const char **name, const char **value)
{
	if ((*i)++ ? xmlTextReaderMoveToNextAttribute(r) != 1
		   : xmlTextReaderMoveToFirstAttribute(r) != 1) {
		if (*i > 1)
			xmlTextReaderMoveToElement(r);
		return 0;
	}
	*name = (const char *)xmlTextReaderConstLocalName(r);
	*value = (const char *)xmlTextReaderConstValue(r);
	if (!*name)
		*name = "";
	if (!*value)
		*value = "";
	return 1;
}

char *wb_attr(xmlTextReaderPtr r, const char *local)
{
	const char *name, *value;
	char *found = NULL;
	int i = 0;

	while (wb_attr_next(r, &i, &name, &value))
		if (!found && strcmp(name, local) == 0)
			found = g_strdup(value);
	return found;
}

int wb_is_start(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       wb_name_is(wb_name(r), local);
}

int wb_is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       wb_name_is(wb_name(r), local);
}

int wb_is_text(xmlTextReaderPtr r)
{
	switch (xmlTextReaderNodeType(r)) {
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		return 1;
	default:
		return 0;
	}
}

/* ---- relationships between parts (ECMA-376 part 2, 9) ------------------- */

/* `target` relative to the folder of part `base`, as an archive member name:
 * "/" at the start means the archive's root; "." and ".." are resolved. */
static char *resolve(const char *base, const char *target)
{
	GPtrArray *segs = g_ptr_array_new_with_free_func(g_free);
	char *joined, *out;
	char **parts;

	if (target[0] == '/') {
		joined = g_strdup(target + 1);
	} else {
		const char *slash = strrchr(base, '/');
		joined = g_strdup_printf("%.*s%s", slash ? (int)(slash - base + 1) : 0, base,
					 target);
	}
	parts = g_strsplit(joined, "/", -1);
	for (char **p = parts; *p; p++) {
		if (!**p || !strcmp(*p, "."))
			continue;
		if (!strcmp(*p, "..")) {
			if (segs->len)
				g_ptr_array_remove_index(segs, segs->len - 1);
			continue;
		}
		g_ptr_array_add(segs, g_strdup(*p));
	}
	g_ptr_array_add(segs, NULL);
	out = g_strjoinv("/", (char **)segs->pdata);
	g_strfreev(parts);
	g_free(joined);
	g_ptr_array_free(segs, TRUE);
	return out;
}

/* The relationships part of `part`: "xl/workbook.xml" has
 * "xl/_rels/workbook.xml.rels". */
static char *rels_of(const char *part)
{
	const char *slash = strrchr(part, '/');

	if (!slash)
		return g_strdup_printf("_rels/%s.rels", part);
	return g_strdup_printf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
}

static void rel_free(gpointer p)
{
	struct wb_rel *r = p;

	g_free(r->id);
	g_free(r->type);
	g_free(r->target);
	g_free(r);
}

GPtrArray *wb_rels_read(struct wb *wb, const char *part)
{
	char *name = rels_of(part);
	struct wb_part *p = wb_part_open(wb, name, 0);
	GPtrArray *rels = g_ptr_array_new_with_free_func(rel_free);
	xmlTextReaderPtr r;
	int rc = 0;

	g_free(name);
	if (!p)
		return wb->failed ? (g_ptr_array_free(rels, TRUE), NULL) : rels;
	r = wb_part_reader(p);
	while ((rc = wb_part_read(p)) == 1) {
		char *id, *type, *target, *mode;
		const char *slash;

		if (!wb_is_start(r, "Relationship"))
			continue;
		id = wb_attr(r, "Id");
		type = wb_attr(r, "Type");
		target = wb_attr(r, "Target");
		mode = wb_attr(r, "TargetMode");
		if (id && type && target && !(mode && !strcmp(mode, "External"))) {
			struct wb_rel *rel = g_new0(struct wb_rel, 1);

			slash = strrchr(type, '/');
			rel->id = g_strdup(id);
			rel->type = g_strdup(slash ? slash + 1 : type);
			rel->target = resolve(part, target);
			g_ptr_array_add(rels, rel);
		}
		g_free(id);
		g_free(type);
		g_free(target);
		g_free(mode);
	}
	wb_part_close(p);
	if (rc < 0) {
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	return rels;
}

const struct wb_rel *wb_rel_by_type(GPtrArray *rels, const char *type)
{
	for (guint i = 0; i < rels->len; i++) {
		const struct wb_rel *r = g_ptr_array_index(rels, i);
		if (!strcmp(r->type, type))
			return r;
	}
	return NULL;
}

const struct wb_rel *wb_rel_by_id(GPtrArray *rels, const char *id)
{
	for (guint i = 0; i < rels->len; i++) {
		const struct wb_rel *r = g_ptr_array_index(rels, i);
		if (!strcmp(r->id, id))
			return r;
	}
	return NULL;
}
