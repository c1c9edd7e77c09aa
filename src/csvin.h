/* csvin.h — reading CSV as spreadsheets export it: dialect, encoding, records.
 *
 * The public face of src/csvin*.c (csvin_int.h says which file does what).
 * The reader owns everything it allocates and frees it before csvin_read()
 * returns; records are lent to the callback, csvin_info belongs to the caller. */
#ifndef P2HAM_CSVIN_H
#define P2HAM_CSVIN_H

#include <stddef.h>

#include "diag.h"

/* Longest field kept; a longer one rejects its record (SPEC 3). */
#define CSVIN_MAX_FIELD (64 * 1024)
/* Raw text kept of a record, for rejected rows (SPEC 7). */
#define CSVIN_MAX_RAW 1024

/*
 * One record, as handed to the callback. Everything in it is borrowed and
 * valid only during the call: copy what you keep.
 */
struct csvin_record {
	unsigned long line;     /* physical line where the record starts (1-based) */
	size_t n_fields;
	char **fields;          /* UTF-8, NUL-terminated; unquoted ones trimmed */
	const char *raw;        /* the record's text as UTF-8, at most CSVIN_MAX_RAW bytes */
	int raw_truncated;
	const char *error;      /* NULL, or why the record cannot be used (fields
				   are then incomplete): e.g. an unterminated quote */
};

/* Return 0 to go on, -1 to stop reading (csvin_read then returns -1). */
typedef int (*csvin_record_fn)(const struct csvin_record *rec, void *data);

struct csvin_options {
	char delimiter;         /* forced; 0 to sniff */
	const char *encoding;   /* forced iconv name, or UTF-16LE, UTF-16BE or
				   UTF-16 (byte order from the BOM, else LE),
				   which the reader decodes; NULL to sniff */
};

/* What csvin_read learnt about the file. Owned by the caller. */
struct csvin_info {
	char sha256[65];        /* of the bytes parsed, which are the whole
				   file; "" when it cannot be read or changed */
	char encoding[64];      /* "UTF-8", "WINDOWS-1252", "UTF-16LE", "UTF-16BE"
				   or the forced name */
	char delimiter;
	int had_bom;            /* a UTF-8 or UTF-16 BOM, skipped */
	int had_sep;            /* line 1 was Excel's "sep=X" hint, read as no record */
	int converted;          /* not UTF-8: converted from `encoding` */
};

/*
 * Read the CSV file at `path` (SPEC 3, 8.2-8.5, 8.24), calling `fn` for every
 * record that is not blank or all-empty, in order. A first physical line
 * "sep=X" (any case, X one ASCII character other than '"' and NUL, after the
 * BOM if there is one) sets the delimiter unless one is forced, and is no
 * record; it still counts as line 1. A file that starts with a UTF-16 BOM
 * is UTF-16 of that byte order, decoded as it is read; an unpaired
 * surrogate or an odd last byte reads as U+FFFD, with one warning at the
 * line of the first. The file is read twice and never held in memory: once
 * to sniff the encoding and the header line, once to parse; the SHA-256 is
 * of the bytes parsed, hashed as they are parsed. A file whose size or
 * times changed while it was read is reported ("the file changed while it
 * was read") like a file that cannot be read.
 * Problems with the whole file (cannot open, cannot read, unknown forced
 * encoding) are reported to `d`, and -1 is returned; -1 too when the
 * callback asks to stop, after hashing the rest of the file. A file read as
 * Windows-1252 because it is not valid UTF-8 gets one warning. Returns 0
 * otherwise.
 */
int csvin_read(const char *path, const struct csvin_options *opt,
	       csvin_record_fn fn, void *data, struct csvin_info *info,
	       struct diag *d);

/* Sniff the delimiter of a header line (SPEC 8.2): the most frequent of ; , TAB |
 * outside quotes, ties to the first in that order. */
char csvin_sniff_delimiter(const char *line, size_t len);

#endif
