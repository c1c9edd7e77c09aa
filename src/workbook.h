/* workbook.h — reading .xlsx and .ods workbooks as rows of text cells (SPEC 3, 8.21). */
#ifndef P2HAM_WORKBOOK_H
#define P2HAM_WORKBOOK_H

#include "csvin.h"
#include "diag.h"

/*
 * A workbook is read sheet by sheet, row by row, and handed over as
 * csvin_records, so that ingest reads a sheet the way it reads a CSV file.
 * Nothing is held in memory beyond one row, the shared strings and the
 * date styles of an .xlsx: sheet XML is streamed out of the ZIP container.
 *
 * What a cell shows (its "displayed value"):
 *   - text as written, line breaks kept (rich text runs joined; an .xlsx
 *     _xHHHH_ escape gives its character; .ods spaces and tabs expanded);
 *   - a number as the shortest decimal that reads back to the same double,
 *     written the way ECMAScript's Number.prototype.toString writes it:
 *     plain digits from 1e-7 to below 1e21 (0.1, 3, 100000000000000000000),
 *     otherwise an exponent (1e+21, 1e-7); -0 shows as 0; a percentage or
 *     currency cell shows its number (0.5, not 50%);
 *   - a boolean as TRUE or FALSE;
 *   - a date (an .xlsx number under a date format, 1900 or 1904 system; an
 *     .xlsx "d" cell; an .ods date-value) as YYYY-MM-DD, any time dropped;
 *   - a formula by its cached result; an error value as written (#N/A);
 *   - anything else (a merged range's other cells, an empty cell) as "".
 *
 * Record fields: record.line is the 1-based row number in the sheet;
 * fields are the row's cells from column A to its last non-empty cell;
 * raw is the cells joined by ',' (at most CSVIN_MAX_RAW bytes). A cell over
 * CSVIN_MAX_FIELD bytes, a row over 1 MiB of text or a cell beyond column
 * WORKBOOK_MAX_COLS sets record.error, as an over-long CSV field does.
 * Rows without a cell that holds more than white space (spaces, tabs, line
 * breaks, NBSP: what ingest reads as an empty cell) are not handed over, as
 * a CSV file's blank lines are not; their numbers are skipped.
 */

/* Bounds (SPEC 7): a workbook part inflating beyond WORKBOOK_MAX_PART, or
 * all the parts read beyond WORKBOOK_MAX_TOTAL, is unreadable input; so is
 * a row number beyond WORKBOOK_MAX_ROWS that holds anything. */
#define WORKBOOK_MAX_PART (256UL * 1024 * 1024)
#define WORKBOOK_MAX_TOTAL (1024UL * 1024 * 1024)
#define WORKBOOK_MAX_ROWS 1048576UL
#define WORKBOOK_MAX_COLS 16384UL
/* A row's cells may hold this much text in all before the row is refused. */
#define WORKBOOK_MAX_ROW_TEXT (1024 * 1024)

enum workbook_kind {
	WORKBOOK_NONE,          /* not a workbook: read it as CSV */
	WORKBOOK_XLSX,          /* a ZIP archive; workbook_read() tells whether
				   it is an .xlsx, an .ods or something else */
	WORKBOOK_ODS,           /* a ZIP archive that says it is an .ods */
	WORKBOOK_XLS,           /* an OLE2 file: a legacy .xls or an encrypted
				   .xlsx; either way refused */
};

/*
 * What the first bytes of the file at `path` say it is. A file that cannot
 * be opened, is not a regular file or is shorter than the magic numbers
 * is WORKBOOK_NONE: the CSV reader then says what is wrong with it.
 */
enum workbook_kind workbook_sniff(const char *path);

/*
 * The callbacks of workbook_read(); `data` is the caller's. Each returns
 * 0 to go on, -1 to stop reading (workbook_read() then returns -1 and
 * reports nothing more). sheet_begin() and record() may also return
 * WORKBOOK_SKIP_SHEET: the rest of the sheet is passed over and its
 * sheet_end() comes next. Names are borrowed for the duration of the call.
 */
#define WORKBOOK_SKIP_SHEET 1
struct workbook_callbacks {
	int (*sheet_begin)(const char *name, void *data);
	int (*record)(const struct csvin_record *rec, void *data);
	int (*sheet_end)(const char *name, void *data);
};

/* What workbook_read() learnt about the file. Owned by the caller; filled
 * in before the first callback, so the callbacks may read it. */
struct workbook_info {
	enum workbook_kind kind;        /* WORKBOOK_XLSX or WORKBOOK_ODS once read */
	char sha256[65];                /* lower-case hex of the file's bytes */
};

/*
 * Read the workbook at `path`: every sheet in the workbook's order, hidden
 * ones too, each as sheet_begin(), its records in row order, sheet_end().
 * The XML parts are read without DTDs, entities or network; a part with a
 * DOCTYPE is refused.
 *
 * Returns 0, or -1 when a callback stopped the reading or the workbook is
 * unreadable: cannot be read, a legacy .xls ("save it as .xlsx or CSV"),
 * encrypted, a ZIP archive that is neither an .xlsx nor an .ods, a part
 * over the bounds above, malformed XML. Those are reported to `d` (at
 * "PATH" or, within a sheet, "PATH[SHEET]"), possibly after some sheets
 * and records were handed over already.
 */
int workbook_read(const char *path, const struct workbook_callbacks *cb, void *data,
		  struct workbook_info *info, struct diag *d);

/* The name of a kind as summary.xml gives it for a file's encoding:
 * "XLSX", "ODS", or "" for the others. */
const char *workbook_kind_name(enum workbook_kind kind);

/*
 * The shortest decimal text of finite `v` that reads back as `v`, written
 * as described above; buf holds at least WORKBOOK_NUMBER_BUF bytes.
 * Exposed for the tests.
 */
#define WORKBOOK_NUMBER_BUF 40
void workbook_format_number(char *buf, double v);

#endif
