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
			unsigned long n = repeat_of(wb_attr(r, "c"), MAX_SPACES);
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

/*
 * One <table:table-cell> or <table:covered-table-cell>, repeated. Empty
 * cells only move the column on, so a row's trailing run of 16,000 empty
 * cells costs nothing. 0, or -1 reported.
 */
static int read_cell(struct ods *o)
{
	xmlTextReaderPtr r = o->r;
	unsigned long repeat = repeat_of(wb_attr(r, "number-columns-repeated"),
					 WORKBOOK_MAX_COLS + 1);
	char *type = g_strdup(wb_attr(r, "value-type"));
	char *value = g_strdup(wb_attr(r, type && !strcmp(type, "date") ? "date-value" :
				       type && !strcmp(type, "boolean") ? "boolean-value" : "value"));
	char buf[WORKBOOK_NUMBER_BUF];
	size_t col = o->col;
	double num;
	int rc = 0;

	g_string_truncate(o->text, 0);
	if (!xmlTextReaderIsEmptyElement(r))
		rc = cell_text(o);
	o->col = col + repeat > WORKBOOK_MAX_COLS ? WORKBOOK_MAX_COLS + 1 : col + repeat;
	if (rc < 0)
		goto out;
	wb_cell_begin(o->wb, col);
	if (!type || !value) {
		wb_cell_append(o->wb, o->text->str, o->text->len);
	} else if (!strcmp(type, "float") || !strcmp(type, "percentage") ||
		   !strcmp(type, "currency")) {
		if (wb_parse_number(value, &num)) {
			workbook_format_number(buf, num);
			wb_cell_append(o->wb, buf, strlen(buf));
		} else {
			wb_cell_append(o->wb, o->text->str, o->text->len);
		}
	} else if (!strcmp(type, "date")) {
		if (wb_iso_date(value, buf))
			wb_cell_append(o->wb, buf, strlen(buf));
		else
			wb_cell_append(o->wb, o->text->str, o->text->len);
	} else if (!strcmp(type, "boolean")) {
		const char *b = !strcmp(value, "true") ? "TRUE" : !strcmp(value, "false") ? "FALSE"
											: o->text->str;
		wb_cell_append(o->wb, b, strlen(b));
	} else {
		wb_cell_append(o->wb, o->text->str, o->text->len);
	}
	wb_cell_end(o->wb);
	if (o->wb->row.width == col + 1)        /* the cell has text */
		for (unsigned long i = 1; i < repeat && !o->wb->row.error; i++)
			wb_cell_copy(o->wb, col, col + i);
out:
	g_free(type);
	g_free(value);
	return rc;
}

/*
 * One <table:table-row>, handed over as many times as it is repeated;
 * empty rows only move the row number on. 0, or -1 reported or stopped.
 */
static int read_row(struct ods *o)
{
	xmlTextReaderPtr r = o->r;
	unsigned long repeat = repeat_of(wb_attr(r, "number-rows-repeated"),
					 WORKBOOK_MAX_ROWS + 1);
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
	char *name = g_strdup(wb_attr(r, "name"));
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
