/* workbook_ods.c — OpenDocument spreadsheets (.ods; ODF 1.2 part 1, chapter 9). */
#include "workbook_int.h"

#include <stdlib.h>
#include <string.h>

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

/* Spaces one <text:s text:c="N"/> may stand for: more is over any cell. */
#define MAX_SPACES (CSVIN_MAX_FIELD + 1)

static int in_ns(xmlTextReaderPtr r, const char *ns)
{
	const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);

	return uri && strcmp((const char *)uri, ns) == 0;
}

static int is_start(xmlTextReaderPtr r, const char *ns, const char *local)
{
	return wb_is_start(r, local) && in_ns(r, ns);
}

static int is_end(xmlTextReaderPtr r, const char *ns, const char *local)
{
	return wb_is_end(r, local) && in_ns(r, ns);
}

/* A repeat count: 1 when absent or bad, at most `max`. */
static unsigned long repeat_of(const char *s, unsigned long max)
{
	char *end;
	unsigned long n;

	if (!s || !g_ascii_isdigit(*s))
		return 1;
	n = strtoul(s, &end, 10);
	if (*end || n == 0)
		return 1;
	return n > max ? max : n;
}

static unsigned long repeat_attr(xmlTextReaderPtr r, const char *local, unsigned long max)
{
	char *v = wb_attr(r, local);
	unsigned long n = repeat_of(v, max);

	g_free(v);
	return n;
}

/* An encrypted document lists encryption data in its manifest (ODF 1.2
 * part 3, 4.8). 1 encrypted, 0 not, -1 reported. */
static int encrypted(struct wb *wb)
{
	struct wb_part *p = wb_part_open(wb, "META-INF/manifest.xml", 0);
	int rc, found = 0;

	if (!p)
		return wb->failed ? -1 : 0;
	while (!found && (rc = wb_part_read(p)) == 1)
		found = wb_is_start(wb_part_reader(p), "encryption-data");
	wb_part_close(p);
	return found ? 1 : rc < 0 ? -1 : 0;
}

struct ods {
	struct wb *wb;
	struct wb_part *part;
	xmlTextReaderPtr r;
	unsigned long line;     /* the next row's number */
	size_t col;             /* the next cell's column */
	GString *text;          /* the cell's paragraphs */
};

/*
 * The text of a cell: its paragraphs joined by line breaks, <text:s>
 * spaces, <text:tab>, <text:line-break>; runs of white space in the XML
 * itself count as one space (ODF 1.2, 6.1.2). Annotations are not part of
 * it. Reads up to the end of the cell. 0, or -1 reported.
 */
static int cell_text(struct ods *o)
{
	xmlTextReaderPtr r = o->r;
	int depth = xmlTextReaderDepth(r), rc, paragraphs = 0, space = 0, have = 0;

	g_string_truncate(o->text, 0);
	for (;;) {
		if (!have && (rc = wb_part_read(o->part)) != 1)
			return rc < 0 ? -1 : 0;
		have = 0;
		if (xmlTextReaderDepth(r) <= depth)
			return 0;
		if (wb_is_text(r)) {
			const char *t = (const char *)xmlTextReaderConstValue(r);

			for (; t && *t && o->text->len <= CSVIN_MAX_FIELD; t++) {
				int white = *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r';

				if (white && space)
					continue;
				g_string_append_c(o->text, white ? ' ' : *t);
				space = white;
			}
			continue;
		}
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		/* wb_part_next() stops on the node after the subtree: that
		 * one is looked at next, without reading on. */
		if (is_start(r, NS_OFFICE, "annotation") || is_start(r, NS_TABLE, "table")) {
			if ((rc = wb_part_next(o->part)) != 1)
				return rc < 0 ? -1 : 0;
			have = 1;
			continue;
		}
		if (!in_ns(r, NS_TEXT))
			continue;
		if (!strcmp(wb_name(r), "p") || !strcmp(wb_name(r), "h")) {
			if (paragraphs++)
				g_string_append_c(o->text, '\n');
			space = 0;
		} else if (!strcmp(wb_name(r), "s")) {
			unsigned long n = repeat_attr(r, "c", MAX_SPACES);
			for (unsigned long i = 0; i < n && o->text->len <= CSVIN_MAX_FIELD; i++)
				g_string_append_c(o->text, ' ');
			space = 0;
		} else if (!strcmp(wb_name(r), "tab")) {
			g_string_append_c(o->text, '\t');
			space = 0;
		} else if (!strcmp(wb_name(r), "line-break")) {
			g_string_append_c(o->text, '\n');
			space = 0;
		}
	}
}

/* What office:value-type says a cell holds (ODF 1.2 part 1, 19.387). */
enum value_type { V_TEXT, V_NUMBER, V_DATE, V_BOOLEAN };

static enum value_type value_type_of(const char *t)
{
	if (!strcmp(t, "float") || !strcmp(t, "percentage") || !strcmp(t, "currency"))
		return V_NUMBER;
	if (!strcmp(t, "date"))
		return V_DATE;
	if (!strcmp(t, "boolean"))
		return V_BOOLEAN;
	return V_TEXT;          /* string, time, void: the text shown */
}

/* Append the displayed value of a cell whose text is in o->text. */
static void cell_value(struct ods *o, enum value_type type, const char *const value[3])
{
	char buf[WORKBOOK_NUMBER_BUF];
	const char *v = value[type == V_DATE ? 1 : type == V_BOOLEAN ? 2 : 0];
	double num;

	if (type == V_NUMBER && v && wb_parse_number(v, &num)) {
		workbook_format_number(buf, num);
		wb_cell_append(o->wb, buf, strlen(buf));
	} else if (type == V_DATE && v && wb_iso_date(v, buf)) {
		wb_cell_append(o->wb, buf, strlen(buf));
	} else if (type == V_BOOLEAN && v && (!strcmp(v, "true") || !strcmp(v, "false"))) {
		wb_cell_append(o->wb, *v == 't' ? "TRUE" : "FALSE", *v == 't' ? 4 : 5);
	} else {
		wb_cell_append(o->wb, o->text->str, o->text->len);
	}
}

/*
 * One <table:table-cell> or <table:covered-table-cell>, repeated. Empty
 * cells only move the column on, so a row's trailing run of 16,000 empty
 * cells costs nothing. 0, or -1 reported.
 */
static int read_cell(struct ods *o)
{
	static const char *const value_names[3] = { "value", "date-value", "boolean-value" };
	xmlTextReaderPtr r = o->r;
	unsigned long repeat = 1;
	enum value_type type = V_TEXT;
	char *value[3] = { NULL, NULL, NULL };
	const char *name, *v;
	size_t col = o->col;
	int rc = 0, i = 0;

	/* One pass: the values are copied, the rest taken as they come. */
	while (wb_attr_next(r, &i, &name, &v)) {
		if (!strcmp(name, "number-columns-repeated"))
			repeat = repeat_of(v, WORKBOOK_MAX_COLS + 1);
		else if (!strcmp(name, "value-type"))
			type = value_type_of(v);
		for (int k = 0; k < 3; k++)
			if (!value[k] && !strcmp(name, value_names[k]))
				value[k] = g_strdup(v);
	}
	g_string_truncate(o->text, 0);
	if (!xmlTextReaderIsEmptyElement(r))
		rc = cell_text(o);
	o->col = col + repeat > WORKBOOK_MAX_COLS ? WORKBOOK_MAX_COLS + 1 : col + repeat;
	if (rc == 0) {
		wb_cell_begin(o->wb, col);
		cell_value(o, type, (const char *const *)value);
		wb_cell_end(o->wb);
		if (o->wb->row.width == col + 1)        /* the cell has text */
			for (unsigned long k = 1; k < repeat && !o->wb->row.error; k++)
				wb_cell_copy(o->wb, col, col + k);
	}
	for (int k = 0; k < 3; k++)
		g_free(value[k]);
	return rc;
}

/*
 * One <table:table-row>, handed over as many times as it is repeated;
 * empty rows only move the row number on. 0, or -1 reported or stopped.
 */
static int read_row(struct ods *o)
{
	xmlTextReaderPtr r = o->r;
	unsigned long repeat = repeat_attr(r, "number-rows-repeated", WORKBOOK_MAX_ROWS + 1);
	int depth = xmlTextReaderDepth(r), rc = 1;

	wb_row_begin(o->wb, o->line);
	o->col = 0;
	if (!xmlTextReaderIsEmptyElement(r)) {
		while ((rc = wb_part_read(o->part)) == 1 && xmlTextReaderDepth(r) > depth) {
			if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !in_ns(r, NS_TABLE))
				continue;
			if (!strcmp(wb_name(r), "table-cell") ||
			    !strcmp(wb_name(r), "covered-table-cell")) {
				if (read_cell(o) < 0)
					return -1;
			}
		}
		if (rc < 0)
			return -1;
	}
	for (unsigned long i = 0; i < repeat && wb_row_used(o->wb) && !o->wb->skip; i++) {
		o->wb->row.line = o->line + i;
		if (wb_row_emit(o->wb) < 0)
			return -1;
	}
	o->line = o->line + repeat > WORKBOOK_MAX_ROWS ? WORKBOOK_MAX_ROWS + 1 : o->line + repeat;
	return 0;
}

/* The rows of one <table:table>, wherever they are grouped (header rows,
 * row groups); a table nested in a cell is passed over with its cell. */
static int read_table(struct ods *o)
{
	xmlTextReaderPtr r = o->r;
	char *name = wb_attr(r, "name");
	int depth = xmlTextReaderDepth(r), rc = 0;

	o->line = 1;
	if (wb_sheet_begin(o->wb, name ? name : "") < 0) {
		g_free(name);
		return -1;
	}
	g_free(name);
	if (!xmlTextReaderIsEmptyElement(r)) {
		while ((rc = wb_part_read(o->part)) == 1 && xmlTextReaderDepth(r) > depth) {
			if (o->wb->skip || !is_start(r, NS_TABLE, "table-row"))
				continue;
			if (read_row(o) < 0)
				return -1;
		}
		if (rc < 0)
			return -1;
	}
	return wb_sheet_end(o->wb);
}

int wb_read_ods(struct wb *wb)
{
	struct ods o = { .wb = wb };
	int rc;

	rc = encrypted(wb);
	if (rc != 0) {
		if (rc > 0)
			wb_fail(wb, "an encrypted workbook: save it without a password");
		return -1;
	}
	o.part = wb_part_open(wb, "content.xml", 1);
	if (!o.part)
		return -1;
	o.r = wb_part_reader(o.part);
	o.text = g_string_new(NULL);
	while ((rc = wb_part_read(o.part)) == 1) {
		if (is_start(o.r, NS_TABLE, "table") && read_table(&o) < 0) {
			rc = -1;
			break;
		}
		if (is_end(o.r, NS_OFFICE, "spreadsheet"))
			break;
	}
	g_string_free(o.text, TRUE);
	wb_part_close(o.part);
	return rc < 0 ? -1 : 0;
}
