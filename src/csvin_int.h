/* csvin_int.h — inside the CSV reader: its source, sniffing, tokenizer and records.
 *
 * Private to src/csvin*.c. The reader is split by job:
 *   csvin_src.c    the file: opening, reading a chunk at a time (UTF-16
 *                  decoded to UTF-8), going back to a place, and the SHA-256
 *                  of exactly the bytes the parser consumed;
 *   csvin_sniff.c  the first pass: BOM, UTF-8 validity, header line, sep=
 *                  hint, delimiter, and the encoding chosen from them;
 *   csvin_token.c  the second pass: bytes to fields and records (SPEC 8.4);
 *   csvin.c        csvin_read(), and records decoded and handed on.
 * Every struct here is owned by the csvin_read() call that creates it.
 */
#ifndef P2HAM_CSVIN_INT_H
#define P2HAM_CSVIN_INT_H

#include <glib.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "csvin.h"
#include "utf16.h"

#define CSVIN_CHUNK (64 * 1024)

/* UTF-16 is decoded to UTF-8 as it is read, before the tokenizer sees it: the
 * tokenizer works on bytes in which delimiters, quotes and line ends are
 * ASCII, which in UTF-16 they are not. */
G_STATIC_ASSERT(UTF16_TEXT_MAX <= CSVIN_CHUNK);

/* ---- csvin_src.c --------------------------------------------------------- */

/*
 * A place in the text the source gives: the file offset where its chunk
 * starts, the place in the chunk's text, and the hash of the bytes before
 * the chunk, so that going back there hashes the bytes read again instead of
 * the ones left behind.
 */
struct csvin_place {
	off_t offset;           /* -1: no place */
	size_t skip;
	struct sha256_ctx sha;
};

/*
 * The file as text, a chunk at a time. With `hashing` set, every byte of
 * the file that the text comes from is hashed once, in order, as it is
 * consumed: after a csvin_src_seek() back, the bytes read again replace the
 * ones read before in the hash. So the digest is of the bytes parsed, even
 * when the file changes while it is read.
 */
struct csvin_src {
	int fd;
	const char *path;       /* borrowed */
	struct stat st;         /* as opened, to notice a change */
	unsigned char buf[CSVIN_CHUNK];
	size_t len, pos;
	off_t base;             /* file offset where buf's text starts */
	off_t next;             /* file offset of the next read */
	int eof, failed;
	int err;                /* errno of a failed read */
	struct utf16 *u16;      /* NULL: the file's bytes are the text */
	int hashing;
	struct sha256_ctx sha;  /* the bytes consumed so far */
	struct sha256_ctx at_base;      /* the bytes before buf's chunk */
};

/* Open `path` if it is a regular file; the source reads nothing yet.
 * -1 after reporting why not. */
int csvin_src_open(struct csvin_src *r, const char *path, struct diag *d);
void csvin_src_close(struct csvin_src *r);
/* Read up to n bytes at file offset `at` into out, past EINTR; -1 on error. */
ssize_t csvin_src_pread(struct csvin_src *r, void *out, size_t n, off_t at);
/* The next chunk of text into buf; 0 at the end of the file or on error. */
int csvin_src_fill(struct csvin_src *r);
struct csvin_place csvin_src_tell(const struct csvin_src *r);
/* Go to `at`; -1 when the file cannot be read there. */
int csvin_src_seek(struct csvin_src *r, const struct csvin_place *at);
/* The lower-case hex SHA-256 of the bytes consumed, into hex[65]. */
void csvin_src_digest(struct csvin_src *r, char *hex);
/* Whether the file is still the one opened: same size and times. */
int csvin_src_unchanged(const struct csvin_src *r);

static inline int csvin_src_get(struct csvin_src *r)
{
	if (r->pos == r->len && !csvin_src_fill(r))
		return EOF;
	return r->buf[r->pos++];
}

static inline int csvin_src_peek(struct csvin_src *r)
{
	if (r->pos == r->len && !csvin_src_fill(r))
		return EOF;
	return r->buf[r->pos];
}

/* ---- csvin_sniff.c ------------------------------------------------------- */

enum csvin_codec { CSVIN_UTF8, CSVIN_CP1252, CSVIN_ICONV };

/* What the first pass decides for the second. */
struct csvin_dialect {
	size_t bom;             /* bytes of BOM at the start of the file */
	int utf16;              /* 0, or 'L' or 'B': the file is UTF-16 */
	int valid_utf8;         /* the whole text is valid UTF-8 */
	enum csvin_codec codec;
	const char *encoding;   /* the iconv name, for CSVIN_ICONV */
};

/*
 * The first pass over the source, from its start: BOM, UTF-8 validity,
 * header line, sep= hint, delimiter and encoding, into `dia` and `info`.
 * Leaves a UTF-16 decoder in r->u16 (owned by the source) when the file is
 * UTF-16. -1 after reporting an unreadable file or an unknown encoding.
 */
int csvin_sniff(struct csvin_src *r, const struct csvin_options *opt,
		struct csvin_dialect *dia, struct csvin_info *info, struct diag *d);

/* ---- csvin_token.c and csvin.c ------------------------------------------- */

/* A byte buffer owned by the parser: text that grows, NUL-terminated. */
struct csvin_buf {
	char *str;
	size_t len, cap;
};

/* A record's fields may hold this much in all before it is rejected. */
#define CSVIN_MAX_RECORD (1024 * 1024)
#define CSVIN_MAX_FIELDS 4096

struct csvin_parser {
	struct csvin_src in;
	const struct csvin_dialect *dia;
	char delim;
	unsigned long line;     /* physical line of the next byte */
	struct csvin_buf text;  /* the record's fields, raw bytes, each ended by a NUL */
	size_t starts[CSVIN_MAX_FIELDS];        /* where each field starts in text */
	unsigned n_fields;
	GPtrArray *vec;         /* char *: the fields as lent to the callback */
	size_t field_at;        /* where in text the field being read starts */
	struct csvin_buf raw;
	int raw_overflow;
	int saw_nul;            /* the record has a NUL byte (an error) */
	size_t record_bytes;
	const char *error;
	csvin_record_fn fn;
	void *data;
};

void csvin_buf_init(struct csvin_buf *b, size_t cap);
void csvin_buf_release(struct csvin_buf *b);

/* Pass over the first physical line (the sep= hint). */
void csvin_skip_line(struct csvin_parser *p);
/* Read the record at the current position. Returns 1 when one was read
 * (and handed on unless blank), 0 at end of file, -1 when the callback
 * asked to stop. */
int csvin_parse_record(struct csvin_parser *p);
/* Hand a finished record to the callback, decoded; skip blank ones. The
 * callback's result. */
int csvin_record_emit(struct csvin_parser *p, unsigned long line);

#endif
