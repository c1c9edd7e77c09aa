/* workbook_int.h — what workbook.c and workbook_part.c lend workbook_xlsx.c
 * and workbook_ods.c: the archive, streamed XML parts, the row being built,
 * errors. Not for other modules: they use workbook.h. */
#ifndef P2HAM_WORKBOOK_INT_H
#define P2HAM_WORKBOOK_INT_H

#include <glib.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "workbook.h"

/* The row being built: each cell's text in one buffer, NUL-terminated. */
struct wb_row {
	unsigned long line;     /* 1-based row number in the sheet */
	GString *text;
	GArray *starts;         /* size_t per column: offset in text, or WB_EMPTY */
	GArray *lens;           /* size_t per column: its text's length */
	size_t width;           /* 1 + the last non-empty column, 0 when none */
	int solid;              /* a cell has more than white space */
	const char *error;      /* why the row cannot be used, or NULL */
	/* the cell being written */
	size_t col, at;
	int dead;               /* no cell open, or its text is dropped */
	int unchecked;          /* the cell has text not known to be UTF-8 */
};
#define WB_EMPTY ((size_t)-1)

/* One workbook being read. */
struct wb {
	const char *path;
	zip_t *zip;
	const struct workbook_callbacks *cb;
	void *data;
	struct diag *d;
	unsigned long inflated;         /* bytes of all parts read so far */
	int failed;                     /* reported, or a callback stopped */
	char *sheet;                    /* the sheet being read, or NULL */
	int skip;                       /* pass over the rest of the sheet */
	xmlParserCtxtPtr parser;        /* of wb_part_sax(), while it runs */
	int stop_part;                  /* wb_sax_stop() was called */
	struct wb_row row;
	GPtrArray *fields;              /* the record's fields, lent */
	GString *raw;
};

/* Reads from ZIP members and files go this many bytes at a time. */
#define WB_CHUNK (256 * 1024)

/* A library's message as ours are written: a copy, lower-case first
 * letter, no trailing white space; free it with g_free(). */
char *wb_message(const char *msg);

/*
 * Ask for the memory p[0..len), of a buffer that grows large at once, to be
 * backed by 2 MiB pages where the kernel lends them: page faults cost more
 * here than writing the bytes, and a large page takes one where small ones
 * take 512. Nothing changes in what the memory holds.
 */
void wb_advise_huge(void *p, size_t len);

/* Report a problem with the workbook (at "PATH" or, within a sheet,
 * "PATH[SHEET]"); reading stops. */
void wb_fail(struct wb *wb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- streamed XML parts ------------------------------------------------ */

struct wb_part;

/*
 * Open the archive member `name` (case-insensitive, as OPC part names are)
 * as an XML stream. NULL when there is no such member (then nothing is
 * reported unless `required`) or when it cannot be opened (reported).
 */
struct wb_part *wb_part_open(struct wb *wb, const char *name, int required);

/* The reader; read it with wb_part_read() only. */
xmlTextReaderPtr wb_part_reader(struct wb_part *p);

/* The next node: 1, 0 at the end, -1 after reporting what went wrong
 * (malformed XML, a DOCTYPE, over WORKBOOK_MAX_PART, a damaged member). */
int wb_part_read(struct wb_part *p);

/* Pass over the current element's subtree: as wb_part_read(). */
int wb_part_next(struct wb_part *p);

void wb_part_close(struct wb_part *p);

/*
 * Push member `name` through a SAX2 parser (no DTD, no entities, no
 * network; the same bounds as wb_part_read()), calling `sax`'s
 * startElementNs, endElementNs and characters (which also gets CDATA and
 * white space; all three must be set) with `data`. A callback that reports
 * with wb_fail(), or wants no more of the part, calls wb_sax_stop(). A
 * missing part is nothing to parse unless `required`. 0, or -1 reported.
 */
int wb_part_sax(struct wb *wb, const char *name, int required, const xmlSAXHandler *sax,
		void *data);
void wb_sax_stop(struct wb *wb);

/*
 * Reading ahead (workbook_ahead.c): a thread calls fill(src, buf, len) for
 * chunk after chunk of up to WB_CHUNK bytes, a few ahead of the caller,
 * until fill returns 0 (the end) or -1 (failed). Nothing else may touch
 * `src` until wb_ahead_stop() returns. NULL when no thread can be had.
 */
struct wb_ahead;
struct wb_ahead *wb_ahead_start(int (*fill)(void *src, char *buf, int len), void *src);

/* The next chunk, in the source's order: what fill returned for it, its
 * bytes in *buf until the next call; -1 again after the end. */
int wb_ahead_next(struct wb_ahead *a, const char **buf);

/* Stop the thread (it may have filled chunks that are never taken) and
 * free everything; NULL is nothing to stop. */
void wb_ahead_stop(struct wb_ahead *a);

/* One relationship of a part (ECMA-376 part 2, 9.3). */
struct wb_rel {
	char *id;
	char *type;             /* the last segment of the relationship type */
	char *target;           /* the target part's name in the archive */
};

/*
 * The relationships of `part` ("" for the package's own): struct wb_rel *,
 * free them with g_ptr_array_free(rels, TRUE). Empty when the part has no
 * relationships part; NULL after reporting a malformed one. External
 * targets are left out.
 */
GPtrArray *wb_rels_read(struct wb *wb, const char *part);
const struct wb_rel *wb_rel_by_type(GPtrArray *rels, const char *type);
const struct wb_rel *wb_rel_by_id(GPtrArray *rels, const char *id);

/* Whether archive member `name` exists. */
int wb_has_member(struct wb *wb, const char *name);

/* The size member `name` says it inflates to, at most WORKBOOK_MAX_PART;
 * 0 when it is missing or does not say. Only a hint for sizing buffers:
 * reading counts the bytes that really come. */
size_t wb_member_size(struct wb *wb, const char *name);

/* The first bytes of member `name` (at most `max`), NUL-terminated, in
 * `buf`; -1 when it is missing or cannot be read (not reported). */
int wb_member_head(struct wb *wb, const char *name, char *buf, size_t max);

/* The local name of the current node, "" for none. */
const char *wb_name(xmlTextReaderPtr r);

/* A copy of the value of the current element's attribute with local name
 * `local` (any namespace), or NULL; free it with g_free(). A copy, because
 * the reader may give an attribute's value in a buffer of its own that the
 * next value overwrites. */
char *wb_attr(xmlTextReaderPtr r, const char *local);

/*
 * The attributes of the current element one by one: `*i` starts at 0;
 * returns 1 with the next one's local name and value, valid only until
 * the next call, or 0 after the last (the reader is then back on the
 * element). For the hot paths, which take each value as it comes.
 */
int wb_attr_next(xmlTextReaderPtr r, int *i, const char **name, const char **value);

/* Whether local name `n` is `lit` (not empty): the first byte decides
 * most comparisons. */
static inline int wb_name_is(const char *n, const char *lit)
{
	return n[0] == lit[0] && strcmp(n + 1, lit + 1) == 0;
}

/* Whether the current node is the start (or, with `end`, the end) of an
 * element named `local`. An empty element <a/> has a start only. */
int wb_is_start(xmlTextReaderPtr r, const char *local);
int wb_is_end(xmlTextReaderPtr r, const char *local);

/* Whether the current node is text (text, CDATA or white space). */
int wb_is_text(xmlTextReaderPtr r);

/* ---- rows -------------------------------------------------------------- */

/* Start row `line`: no cells yet. */
void wb_row_begin(struct wb *wb, unsigned long line);

/* Start the cell of 0-based column `col`; append its text; end it. An
 * empty cell leaves nothing behind. A later cell of the same column
 * replaces an earlier one. Text appended with wb_cell_append() is checked
 * to be UTF-8 when the cell ends; wb_cell_append_valid() is for text that
 * was (shared strings) or cannot be otherwise (numbers, dates). */
void wb_cell_begin(struct wb *wb, size_t col);
void wb_cell_append(struct wb *wb, const char *s, size_t len);
void wb_cell_append_valid(struct wb *wb, const char *s, size_t len);
void wb_cell_end(struct wb *wb);

/* Copy the text of column `from` (which must be done) into `to`. */
void wb_cell_copy(struct wb *wb, size_t from, size_t to);

/* Set the row's error, unless it has one. */
void wb_row_error(struct wb *wb, const char *why);

/* Whether the row has a cell with more than white space (or an error). */
int wb_row_used(const struct wb *wb);

/* Hand the row to the record callback when it is used: 0 to go on, -1 to
 * stop (wb->failed set). Sets wb->skip when the callback asks for it. The
 * row stays as it is, for a repeated row to be handed again with
 * wb->row.line changed. */
int wb_row_emit(struct wb *wb);

/* A sheet: sheet_begin(), rows, sheet_end(). -1 to stop. */
int wb_sheet_begin(struct wb *wb, const char *name);
int wb_sheet_end(struct wb *wb);

/* ---- values ------------------------------------------------------------ */

/* A finite double from the whole of `s` (C syntax, no hex, no inf/nan);
 * 0 when `s` is not one. */
int wb_parse_number(const char *s, double *v);

/* Day `days` after 1970-01-01 as "YYYY-MM-DD" into buf (>= 16 bytes). */
void wb_format_days(char *buf, long days);

/* "YYYY-MM-DD" when `s` starts with a valid such date (a time may follow
 * after 'T' or a space): 1 and the date in buf (>= 16 bytes), else 0. */
int wb_iso_date(const char *s, char *buf);

/* The readers of the two formats: 0, or -1 (reported, or stopped). */
int wb_read_xlsx(struct wb *wb);
int wb_read_ods(struct wb *wb);

#endif
