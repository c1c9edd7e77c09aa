/* ingest.h — CSV records and workbook rows to validated observations (SPEC 3, 7, 8). */
#ifndef P2HAM_INGEST_H
#define P2HAM_INGEST_H

#include <glib.h>

#include "diag.h"
#include "rubric.h"

/*
 * A dataset owns everything ingest creates: files, units, observations and
 * rejected rows. It borrows the rubric, which must outlive it.
 * Create with dataset_new(), fill with ingest_file(), free with dataset_free().
 */

/*
 * One CSV file, or one sheet of a workbook: a workbook gives one
 * input_file per sheet that holds a table, in the workbook's order, each
 * with the path and SHA-256 of the whole workbook.
 */
struct input_file {
	char *path;             /* as given on the command line */
	char *sheet;            /* the sheet's name; NULL for a CSV file */
	char *name;             /* what locations call it: "PATH" for a CSV
				   file, "PATH[SHEET]" for a sheet */
	char sha256[65];        /* lower-case hex of the file's bytes */
	char *encoding;         /* "UTF-8", "WINDOWS-1252", "UTF-16LE", "UTF-16BE",
				   or the forced name; "XLSX" or "ODS" for a sheet */
	char delimiter;         /* ',' for a sheet, whose cells need none */
	char layout;            /* 'A' or 'B' */
	unsigned long rows_read, rows_accepted, rows_rejected;
};

/* One accepted data row. */
struct observation {
	const struct rubric_item *item;
	const struct rubric_level *level;
	int date;               /* YYYYMMDD, 0 when not given */
	char *evidence;         /* data dukung; NULL when empty */
	char *note;             /* catatan; NULL when empty */
	char *verifier;         /* NULL when empty */
	const struct input_file *file;
	unsigned long line;     /* physical line where the record starts;
				   a sheet's row number (1-based) */
	unsigned long seq;      /* order of acceptance across the whole run */
};

/* A unit, as fixed by its first accepted row (SPEC 8.7, 8.11). */
struct unit_obs {
	char *name;             /* display name: first spelling, trimmed */
	char *key;              /* text_fold(name) */
	char *kanwil;           /* first spelling, trimmed */
	const struct rubric_unit_type *type;
	GPtrArray *observations;        /* struct observation *, in input order */
};

struct rejected_row {
	const struct input_file *file;
	unsigned long line;
	char *reason;
	char *raw;              /* at most 1 KiB of the record's text, UTF-8 */
	int truncated;          /* raw was cut */
};

struct dataset {
	const struct rubric *rubric;
	GPtrArray *files;       /* struct input_file *, in command-line order */
	GPtrArray *units;       /* struct unit_obs *, in order of first appearance */
	GHashTable *unit_by_key;        /* key -> struct unit_obs * */
	GPtrArray *rejected;    /* struct rejected_row *, in input order */
	unsigned long rows_read, rows_accepted, rows_rejected;
	int latest_date;        /* YYYYMMDD of the latest accepted row, 0 if none */
};

struct ingest_options {
	const char *kanwil;     /* --kanwil: for rows without one; may be NULL */
	char delimiter;         /* forced delimiter, 0 to sniff */
	const char *encoding;   /* forced encoding, NULL to sniff */
};

struct dataset *dataset_new(const struct rubric *rubric);
void dataset_free(struct dataset *ds);

/*
 * Limits of one dataset (one run), so that no input grows memory or run
 * time without bound (SPEC 7). They are well above real use: the ministry
 * has about 1,500 units of some 25 items each, and every unit costs a
 * report section, charts and maybe a certificate. Passing one is fatal: the
 * row after the last data row allowed, the first row of unit number
 * INGEST_MAX_UNITS + 1, or rejected row number INGEST_MAX_REJECTED + 1 stops
 * reading with an error, and ingest_file() returns -1. The dataset then
 * holds at most about 100 bytes per data row, 2.5 KiB per unit once scored
 * and 1.5 KiB per rejected row (raw text capped at 1 KiB, reasons quoting
 * at most 100 bytes of a cell), plus the text that accepted rows keep
 * (names, evidence, notes), which is never more than the input's size.
 */
#define INGEST_MAX_ROWS 1000000
#define INGEST_MAX_UNITS 20000
#define INGEST_MAX_REJECTED 10000

/*
 * Read one input file into `ds`: a CSV file, or a workbook (.xlsx, .ods,
 * told by content: workbook_sniff()), each of whose sheets is read as a
 * CSV file would be; the delimiter and encoding options do not apply to
 * workbooks. Every data row is accepted or rejected; each rejection is
 * reported to `d` as an error with its location and kept in ds->rejected.
 * A sheet that holds no table (empty, or its first row neither a layout A
 * header nor the start of a layout B form) is skipped with one warning.
 * Returns 0, or -1 when the file is unreadable input (cannot be opened or
 * read, not a regular file, empty, no recognisable header: SPEC 8.1; a
 * workbook that is damaged, encrypted, a legacy .xls, over the bounds of
 * workbook.h, or without a usable sheet), when a limit above is passed
 * (reading stops there), or when opt->kanwil is not valid UTF-8; each of
 * these is reported to `d` too.
 */
int ingest_file(struct dataset *ds, const char *path,
		const struct ingest_options *opt, struct diag *d);

/*
 * Where a row is, as diagnostics, summary.xml and the report say it:
 * "FILE:LINE" for a CSV file, "FILE[SHEET]:ROW" for a sheet (SPEC 3).
 * The caller owns the result; free it with g_free().
 */
char *ingest_location(const struct input_file *f, unsigned long line);

#endif
