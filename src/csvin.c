/* csvin.c — CSV records from spreadsheet exports, with physical line numbers. */
#include "csvin.h"
#include "text.h"
#include "utf16.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

/*
 * The tokenizer is written here rather than taken from libcsv because SPEC 8.4
 * fixes readings that libcsv does not give: text after a closing quote is
 * appended to the field (libcsv re-enters the quoted state and swallows the
 * following delimiters and lines), a field is quoted only when its very first
 * character is '"', an unterminated quote rejects one record and reading
 * resumes on the next physical line (libcsv reports it only at csv_fini, after
 * buffering the rest of the file), and every record needs the physical line
 * it starts on, which libcsv does not track.
 */

#define CHUNK (64 * 1024)
/* A record's fields may hold this much in all before it is rejected. */
#define MAX_RECORD (1024 * 1024)
#define MAX_FIELDS 4096

/* Windows-1252 bytes 0x80..0x9F; its five undefined bytes map to U+0080..U+009F (SPEC 8.3). */
static const gunichar cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

enum codec { CODEC_UTF8, CODEC_CP1252, CODEC_ICONV };

/* UTF-16 is decoded to UTF-8 as it is read, before the tokenizer sees it: the
 * tokenizer works on bytes in which delimiters, quotes and line ends are
 * ASCII, which in UTF-16 they are not. */
G_STATIC_ASSERT(UTF16_TEXT_MAX <= CHUNK);

/*
 * A place in the text the reader gives: for bytes read as they are, the
 * file offset of the byte (`skip` 0); for UTF-16, the file offset where the
 * decoding of its chunk began and the place in the chunk's text.
 */
struct place {
	off_t offset;           /* -1: no place */
	size_t skip;
};

struct reader {
	FILE *fp;
	const char *path;
	unsigned char buf[CHUNK];
	size_t len, pos;
	off_t base;             /* file offset of buf[0], or where its UTF-16 starts */
	int eof, failed;
	struct utf16 *u16;      /* NULL: the file's bytes are the text */
};

struct parser {
	struct reader in;
	char delim;
	enum codec codec;
	const char *encoding;
	int valid_utf8;         /* pass 1 found the whole file valid UTF-8 */
	unsigned long line;     /* physical line of the next byte */
	GString *text;          /* the record's fields, raw bytes, each ended by a NUL */
	size_t starts[MAX_FIELDS];      /* where each field starts in text */
	unsigned n_fields;
	GPtrArray *vec;         /* char *: the fields as lent to the callback */
	size_t field_at;        /* where in text the field being read starts */
	GString *raw;
	int raw_overflow;
	int saw_nul;            /* the record has a NUL byte (an error) */
	size_t record_bytes;
	const char *error;
	csvin_record_fn fn;
	void *data;
};

static int is_utf8_name(const char *enc)
{
	return !g_ascii_strcasecmp(enc, "UTF-8") || !g_ascii_strcasecmp(enc, "UTF8");
}

static int is_cp1252_name(const char *enc)
{
	return !g_ascii_strcasecmp(enc, "WINDOWS-1252") ||
	       !g_ascii_strcasecmp(enc, "CP1252") ||
	       !g_ascii_strcasecmp(enc, "WINDOWS1252");
}

/* ---- reader with rewind ------------------------------------------------------ */

/* The next chunk of UTF-16, decoded into buf. */
static int reader_fill_utf16(struct reader *r)
{
	long n = utf16_read(r->u16, r->fp, r->buf, &r->base);

	if (n < 0)
		r->failed = 1;
	r->len = n > 0 ? (size_t)n : 0;
	r->pos = 0;
	r->eof = r->len == 0;
	return r->len > 0;
}

static int reader_fill(struct reader *r)
{
	if (r->eof)
		return 0;
	if (r->u16)
		return reader_fill_utf16(r);
	r->base += (off_t)r->len;
	r->len = fread(r->buf, 1, sizeof(r->buf), r->fp);
	r->pos = 0;
	if (r->len == 0) {
		r->eof = 1;
		r->failed = ferror(r->fp);
	}
	return r->len > 0;
}

static inline int reader_get(struct reader *r)
{
	if (r->pos == r->len && !reader_fill(r))
		return EOF;
	return r->buf[r->pos++];
}

static inline int reader_peek(struct reader *r)
{
	if (r->pos == r->len && !reader_fill(r))
		return EOF;
	return r->buf[r->pos];
}

static struct place reader_tell(const struct reader *r)
{
	if (r->u16)
		return (struct place){ r->base, r->pos };
	return (struct place){ r->base + (off_t)r->pos, 0 };
}

static int reader_seek(struct reader *r, struct place at)
{
	if (fseeko(r->fp, at.offset, SEEK_SET) != 0)
		return -1;
	r->base = at.offset;
	r->len = r->pos = 0;
	r->eof = 0;
	if (r->u16)
		utf16_init(r->u16, r->u16->big_endian, at.offset);
	if (at.skip > 0) {
		reader_fill(r);
		/* Less text than before only if the file changed meanwhile. */
		r->pos = MIN(at.skip, r->len);
	}
	return r->failed ? -1 : 0;
}

/* ---- pass 1: hash, encoding, delimiter ------------------------------------ */

struct sniff {
	/* UTF-8 validation state across chunks: continuation bytes still
	 * expected, and the range the next one must be in. */
	unsigned char need, lo, hi;
	int valid_utf8;
	GString *header;        /* the first non-blank line, while it is collected */
	int header_done;
	int header_later;       /* the header is not on the first physical line */
};

/*
 * Validate UTF-8 across chunk boundaries; NUL bytes are left to the parser.
 * Valid is what g_utf8_validate() accepts: the well-formed sequences of
 * Unicode table 3-7 (no overlong forms, no surrogates, nothing above
 * U+10FFFF). A byte at a time with a state, so that a sequence cut by the
 * chunk end is finished by the next chunk, and ASCII eight bytes at a time,
 * because this runs over every byte of every file.
 */
static void sniff_utf8(struct sniff *s, const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (s->valid_utf8 && i < n) {
		unsigned char c = p[i];

		if (s->need) {
			if (c < s->lo || c > s->hi) {
				s->valid_utf8 = 0;
				break;
			}
			s->need--;
			s->lo = 0x80;
			s->hi = 0xBF;
			i++;
			continue;
		}
		if (c < 0x80) {
			uint64_t w;

			i++;
			while (i + 8 <= n) {
				memcpy(&w, p + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			continue;
		}
		s->lo = 0x80;
		s->hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			s->need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			s->need = 2;
			if (c == 0xE0)
				s->lo = 0xA0;   /* overlong */
			else if (c == 0xED)
				s->hi = 0x9F;   /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			s->need = 3;
			if (c == 0xF0)
				s->lo = 0x90;   /* overlong */
			else if (c == 0xF4)
				s->hi = 0x8F;   /* above U+10FFFF */
		} else {
			s->valid_utf8 = 0;
		}
		i++;
	}
}

static void sniff_header(struct sniff *s, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && !s->header_done; i++) {
		if (p[i] == '\n' || p[i] == '\r') {
			const char *q = s->header->str;
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q) {
				s->header_done = 1;
			} else {
				g_string_truncate(s->header, 0);
				s->header_later = 1;
			}
		} else if (s->header->len < CSVIN_MAX_FIELD) {
			g_string_append_c(s->header, (char)p[i]);
		}
	}
}

/* Whether the first line, `header`, is Excel's "sep=X" (SPEC 8.24). X must
 * be a delimiter the tokenizer can split on: one ASCII byte, not a quote. */
static int is_sep_hint(const GString *header)
{
	unsigned char x = header->len == 5 ? (unsigned char)header->str[4] : 0;

	return x && x < 0x80 && x != '"' && !g_ascii_strncasecmp(header->str, "sep=", 4);
}

/*
 * Pass 1, over the file from byte `skip` (its BOM's length) on: the header
 * line, whether it is a sep= hint, and whether the file is valid UTF-8. A
 * UTF-16 file (`u16` not NULL) is decoded first, and `u16` counts what did
 * not decode. Returns 1 for valid UTF-8 (and for UTF-16, which decodes to
 * it), 0 when not, -1 after reporting a read error.
 */
static int sniff_file(FILE *fp, const char *path, size_t skip, struct utf16 *u16,
		      struct csvin_info *info, GString *header, struct diag *d)
{
	unsigned char *buf = g_malloc(CHUNK);
	struct sniff s = { .valid_utf8 = 1, .header = header };
	size_t n;
	long len;
	off_t start;
	int rc = 0;

	if (fseeko(fp, (off_t)skip, SEEK_SET) != 0) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(errno));
		g_free(buf);
		return -1;
	}
	if (u16) {
		while ((len = utf16_read(u16, fp, buf, &start)) > 0)
			sniff_header(&s, buf, (size_t)len);
	} else {
		while ((n = fread(buf, 1, CHUNK, fp)) > 0) {
			sniff_utf8(&s, buf, n);
			sniff_header(&s, buf, n);
		}
	}
	if (ferror(fp)) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(errno));
		rc = -1;
	}
	if (s.need)
		s.valid_utf8 = 0;
	info->had_sep = !s.header_later && is_sep_hint(header);
	g_free(buf);
	return rc < 0 ? -1 : s.valid_utf8;
}

/*
 * The file's SHA-256 is taken on a thread of its own, from the same file
 * descriptor with pread(), while this one checks and parses the file: the
 * two need nothing from each other. Without a thread, the hash is taken
 * before anything else. Nettle computes it rather than GChecksum: it uses
 * the processor's SHA instructions where there are some, about five times
 * GChecksum's speed, which would otherwise cost more than the parse.
 */
struct hasher {
	GThread *thread;
	int fd;
	char hex[65];
	int err;                /* errno of a failed read, or 0 */
};

static gpointer hash_file(gpointer data)
{
	struct hasher *h = data;
	unsigned char *buf = g_malloc(CHUNK);
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE];
	off_t off = 0;

	sha256_init(&sha);

	for (;;) {
		ssize_t n = pread(h->fd, buf, CHUNK, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			h->err = errno;
		if (n <= 0)
			break;
		sha256_update(&sha, (size_t)n, buf);
		off += n;
	}
	sha256_digest(&sha, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		h->hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
		h->hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
	}
	h->hex[2 * sizeof digest] = '\0';
	g_free(buf);
	return NULL;
}

static void hasher_start(struct hasher *h, FILE *fp)
{
	h->fd = fileno(fp);
	h->thread = g_thread_try_new("p2ham-sha256", hash_file, h, NULL);
	if (!h->thread)
		hash_file(h);
}

/* Wait for the hash; the file's digest into info. -1 after reporting a
 * read error that the checking pass did not see. */
static int hasher_finish(struct hasher *h, int rc, struct csvin_info *info,
			 const char *path, struct diag *d)
{
	if (h->thread)
		g_thread_join(h->thread);
	memcpy(info->sha256, h->hex, sizeof(info->sha256));
	if (h->err && rc >= 0) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(h->err));
		return -1;
	}
	return rc;
}

char csvin_sniff_delimiter(const char *line, size_t len)
{
	static const char candidates[] = { ';', ',', '\t', '|' };
	size_t counts[4] = { 0 };
	int quoted = 0, field_start = 1;
	size_t best = 0;

	/* Quotes as SPEC 8.4 reads them: only a '"' that starts a field opens
	 * a quoted part; any candidate may be the delimiter that starts one. */
	for (size_t i = 0; i < len; i++) {
		char c = line[i];

		if (quoted) {
			if (c == '"' && i + 1 < len && line[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0;
			continue;
		}
		if (c == '"' && field_start) {
			quoted = 1;
			field_start = 0;
			continue;
		}
		field_start = 0;
		for (size_t k = 0; k < 4; k++)
			if (c == candidates[k]) {
				counts[k]++;
				field_start = 1;
			}
	}
	for (size_t k = 1; k < 4; k++)
		if (counts[k] > counts[best])
			best = k;
	return candidates[best];
}

/* ---- decoding ------------------------------------------------------------ */

/* Decode `len` bytes to a new UTF-8 string; NULL when they do not decode. */
static char *decode(const struct parser *p, const char *s, size_t len)
{
	GString *out;

	switch (p->codec) {
	case CODEC_UTF8:
		if (!g_utf8_validate(s, (gssize)len, NULL))
			return NULL;
		return g_strndup(s, len);
	case CODEC_CP1252:
		out = g_string_sized_new(len + len / 4);
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x80)
				g_string_append_c(out, (char)c);
			else if (c < 0xA0)
				g_string_append_unichar(out, cp1252_high[c - 0x80]);
			else
				g_string_append_unichar(out, c);
		}
		return g_string_free(out, FALSE);
	case CODEC_ICONV:
		return g_convert(s, (gssize)len, "UTF-8", p->encoding, NULL, NULL, NULL);
	}
	return NULL;
}

/* ---- pass 2: records ------------------------------------------------------- */

/* g_string_append_len() without its checks when there is room: this runs
 * for every span of every field. Not inlined: inlined, GCC copies with
 * `rep movsq`, whose start-up costs more than these short spans. */
__attribute__((noinline))
static void append(GString *s, const void *data, size_t n)
{
	if (s->len + n >= s->allocated_len) {
		g_string_append_len(s, data, (gssize)n);
		return;
	}
	memcpy(s->str + s->len, data, n);
	s->len += n;
	s->str[s->len] = '\0';
}

/* g_string_truncate(s, 0) without the call, once per field. */
static inline void clear(GString *s)
{
	s->len = 0;
	s->str[0] = '\0';
}

static void record_reset(struct parser *p)
{
	clear(p->text);
	p->n_fields = 0;
	p->saw_nul = 0;
	p->field_at = 0;
	clear(p->raw);
	p->record_bytes = 0;
	p->raw_overflow = 0;
	p->error = NULL;
}

static inline void raw_add(struct parser *p, int c)
{
	/* Room for a whole last character after conversion and cutting. */
	if (p->raw->len < CSVIN_MAX_RAW + 4)
		g_string_append_c(p->raw, (char)c);
	else
		p->raw_overflow = 1;
}

static inline void field_add(struct parser *p, int c)
{
	if (c == 0)
		p->saw_nul = 1;
	if (c == 0 && !p->error)
		p->error = "the record contains a NUL byte";
	if (p->text->len - p->field_at >= CSVIN_MAX_FIELD) {
		if (!p->error)
			p->error = "field longer than 64 KiB";
		return;
	}
	g_string_append_c(p->text, (char)c);
}

/* What raw_add() and field_add() do for each of n bytes, a span at a time:
 * the same text, the same caps, the same error. The spans hold no NUL byte
 * (it stops them), so only the field's cap can give one. */
static void bytes_add(struct parser *p, const unsigned char *s, size_t n)
{
	size_t raw_room = p->raw->len < CSVIN_MAX_RAW + 4 ?
			  CSVIN_MAX_RAW + 4 - p->raw->len : 0;
	size_t len = p->text->len - p->field_at;
	size_t room = len < CSVIN_MAX_FIELD ? CSVIN_MAX_FIELD - len : 0;

	if (n == 0)
		return;
	append(p->raw, s, MIN(n, raw_room));
	if (n > raw_room)
		p->raw_overflow = 1;
	if (!p->error && n > room)
		p->error = "field longer than 64 KiB";
	append(p->text, s, MIN(n, room));
}

/* Bytes from the reader's position on, within its buffer, that are plain
 * text of an unquoted field: not the delimiter, a line break or a NUL (which
 * field_add() must see). */
static inline size_t plain_span(const struct parser *p)
{
	const unsigned char *b = p->in.buf + p->in.pos, *e = p->in.buf + p->in.len;
	const unsigned char *q = b;
	unsigned char d = (unsigned char)p->delim;

#ifdef __SSE2__
	const __m128i vd = _mm_set1_epi8((char)d), vn = _mm_set1_epi8('\n');
	const __m128i vr = _mm_set1_epi8('\r'), v0 = _mm_setzero_si128();

	for (; e - q >= 16; q += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)q);
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vd), _mm_cmpeq_epi8(x, vn)),
				     _mm_or_si128(_mm_cmpeq_epi8(x, vr), _mm_cmpeq_epi8(x, v0))));
		if (m)
			return (size_t)(q - b) + (size_t)__builtin_ctz(m);
	}
#endif
	while (q < e && *q != d && *q != '\n' && *q != '\r' && *q)
		q++;
	return (size_t)(q - b);
}

/* Likewise inside quotes: not a quote, a line break or a NUL. */
static inline size_t quoted_span(const struct parser *p)
{
	const unsigned char *b = p->in.buf + p->in.pos, *e = p->in.buf + p->in.len;
	const unsigned char *q = b;

#ifdef __SSE2__
	const __m128i vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n');
	const __m128i vr = _mm_set1_epi8('\r'), v0 = _mm_setzero_si128();

	for (; e - q >= 16; q += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)q);
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vq), _mm_cmpeq_epi8(x, vn)),
				     _mm_or_si128(_mm_cmpeq_epi8(x, vr), _mm_cmpeq_epi8(x, v0))));
		if (m)
			return (size_t)(q - b) + (size_t)__builtin_ctz(m);
	}
#endif
	while (q < e && *q != '"' && *q != '\n' && *q != '\r' && *q)
		q++;
	return (size_t)(q - b);
}

/* The field being read, at the end of text from field_at on, is trimmed in
 * place and ended with a NUL; or dropped when the record is too long. */
static void field_end(struct parser *p, int quoted, size_t quoted_len)
{
	size_t at = p->field_at;
	char *f = p->text->str + at;
	size_t start = 0, end = p->text->len - at;

	if (!quoted)
		while (start < end && (f[start] == ' ' || f[start] == '\t'))
			start++;
	while (end > (quoted ? quoted_len : start) &&
	       (f[end - 1] == ' ' || f[end - 1] == '\t'))
		end--;
	p->record_bytes += end - start;
	if (p->n_fields >= MAX_FIELDS || p->record_bytes > MAX_RECORD) {
		if (!p->error)
			p->error = "record too long";
		p->text->len = at;
		p->text->str[at] = '\0';
	} else {
		/* Read up to a NUL byte, like the C string it becomes. */
		size_t len = end - start;
		const char *nul = p->saw_nul ? memchr(f + start, '\0', len) : NULL;

		if (nul)
			len = (size_t)(nul - (f + start));
		if (start)
			memmove(f, f + start, len);
		p->text->len = at + len;        /* shorter: no room needed */
		append(p->text, "", 1);
		p->starts[p->n_fields++] = at;
	}
	p->field_at = p->text->len;
}

/* Consume a line break whose first byte `c` was read; count the line. */
static void eat_newline(struct parser *p, int c)
{
	if (c == '\r' && reader_peek(&p->in) == '\n')
		reader_get(&p->in);
	p->line++;
}

/* Pass over the first line, the "sep=" hint: it is no record. */
static void skip_line(struct parser *p)
{
	int c;

	while ((c = reader_get(&p->in)) != EOF && c != '\n' && c != '\r')
		;
	if (c != EOF)
		eat_newline(p, c);
}

/*
 * The raw text of a record of a file known to be valid UTF-8 whose reading
 * found no error, cut in place on a character boundary: what decoding it and
 * text_prefix() give, without the copies. Only its last character can have
 * been cut by raw_add()'s cap, and that lies beyond CSVIN_MAX_RAW bytes.
 */
static const char *raw_valid(struct parser *p, int *truncated)
{
	size_t len = p->raw->len;

	*truncated = len > CSVIN_MAX_RAW;
	if (len > CSVIN_MAX_RAW) {
		len = CSVIN_MAX_RAW;
		while (len > 0 && ((unsigned char)p->raw->str[len] & 0xC0) == 0x80)
			len--;
		g_string_truncate(p->raw, len);
	}
	return p->raw->str;
}

/* Hand a finished record to the callback, decoded; skip blank ones. */
static int record_emit(struct parser *p, unsigned long line)
{
	struct csvin_record rec = { .line = line, .error = p->error };
	guint n_fields = p->n_fields;
	char **fields;
	char *raw_utf8 = NULL, *raw = NULL;
	int blank = 1, rc;
	/* A record without errors of a valid UTF-8 file holds whole characters
	 * only (it is cut at ASCII bytes): its fields are lent as they are. */
	int lend = p->codec == CODEC_UTF8 && p->valid_utf8 && !p->error;

	/* Lent fields go in the parser's own vector; decoded ones are owned. */
	if (lend) {
		g_ptr_array_set_size(p->vec, n_fields + 1);
		fields = (char **)p->vec->pdata;
		fields[n_fields] = NULL;
	} else {
		fields = g_new0(char *, n_fields + 1);
	}
	for (guint i = 0; i < n_fields; i++) {
		const char *f = p->text->str + p->starts[i];
		if (*f)
			blank = 0;
		if (lend) {
			fields[i] = (char *)f;
			continue;
		}
		fields[i] = decode(p, f, strlen(f));
		if (!fields[i]) {
			fields[i] = g_strdup("");
			if (!rec.error)
				rec.error = p->codec == CODEC_UTF8 ?
					"the record is not valid UTF-8" :
					"the record cannot be converted to UTF-8";
		}
	}
	if (blank && !p->error) {
		if (!lend)
			g_strfreev(fields);
		return 0;
	}
	if (lend) {
		rec.raw = raw_valid(p, &rec.raw_truncated);
	} else {
		raw_utf8 = decode(p, p->raw->str, p->raw->len);
		if (!raw_utf8)
			raw_utf8 = g_utf8_make_valid(p->raw->str, (gssize)p->raw->len);
		raw = text_prefix(raw_utf8, CSVIN_MAX_RAW, &rec.raw_truncated);
		rec.raw = raw;
	}
	rec.raw_truncated |= p->raw_overflow;
	rec.n_fields = n_fields;
	rec.fields = fields;
	rc = p->fn(&rec, p->data);
	g_free(raw);
	g_free(raw_utf8);
	if (!lend)
		g_strfreev(fields);
	return rc;
}

/* An unterminated quote rejects the record at its first line; reading goes on
 * with the physical line after that one (SPEC 8.4). */
static int record_unterminated(struct parser *p, unsigned long start_line,
			       struct place resume)
{
	char *nl = strpbrk(p->raw->str, "\r\n");
	int rc;

	if (nl) {
		g_string_truncate(p->raw, (gsize)(nl - p->raw->str));
		p->raw_overflow = 0;
	}
	p->error = "unterminated quoted field";
	rc = record_emit(p, start_line);
	if (resume.offset >= 0) {
		if (reader_seek(&p->in, resume) != 0)
			p->in.failed = 1;
		p->line = start_line + 1;
	}
	return rc;
}

/* Read a quoted field's inside, after its opening quote. Returns 0 when the
 * closing quote was found, -1 at end of file. */
static int read_quoted(struct parser *p, struct place *resume)
{
	for (;;) {
		size_t n = quoted_span(p);
		int c;

		bytes_add(p, p->in.buf + p->in.pos, n);
		p->in.pos += n;
		c = reader_get(&p->in);
		if (c == EOF)
			return -1;
		raw_add(p, c);
		if (c == '"') {
			if (reader_peek(&p->in) != '"')
				return 0;
			raw_add(p, reader_get(&p->in));
		} else if (c == '\r' || c == '\n') {
			/* Line breaks inside quotes are kept as written. */
			if (c == '\r' && reader_peek(&p->in) == '\n') {
				field_add(p, c);
				c = reader_get(&p->in);
				raw_add(p, c);
			}
			p->line++;
			if (resume->offset < 0)
				*resume = reader_tell(&p->in);
		}
		field_add(p, c);
	}
}

/* Read the record at the current position. Returns 1 when one was read
 * (and handed on unless blank), 0 at end of file, -1 when the callback
 * asked to stop. */
static int parse_record(struct parser *p)
{
	unsigned long start_line = p->line;
	struct place resume = { -1, 0 };
	int c = reader_get(&p->in);

	if (c == EOF)
		return 0;
	record_reset(p);
	for (;;) {
		int quoted = c == '"';
		size_t quoted_len = 0;

		if (quoted) {
			raw_add(p, c);
			if (read_quoted(p, &resume) < 0)
				return record_unterminated(p, start_line, resume) < 0 ? -1 : 1;
			quoted_len = p->text->len - p->field_at;
			c = reader_get(&p->in);
		}
		/* Unquoted text, or text after a closing quote: appended. */
		while (c != EOF && c != p->delim && c != '\n' && c != '\r') {
			size_t n;

			/* c was the last byte read and is still in the buffer:
			 * scan it with the span that follows. */
			p->in.pos--;
			n = plain_span(p);
			if (n == 0) {
				p->in.pos++;    /* a NUL: field_add() reports it */
				raw_add(p, c);
				field_add(p, c);
			} else {
				bytes_add(p, p->in.buf + p->in.pos, n);
				p->in.pos += n;
			}
			c = reader_get(&p->in);
		}
		field_end(p, quoted, quoted_len);
		if (c != p->delim)
			break;
		raw_add(p, c);
		c = reader_get(&p->in);
	}
	if (c != EOF)
		eat_newline(p, c);
	return record_emit(p, start_line) < 0 ? -1 : 1;
}

static int choose_codec(struct parser *p, const struct csvin_options *opt,
			int valid_utf8, const struct utf16 *u16,
			struct csvin_info *info, const char *path, struct diag *d)
{
	const char *enc = opt->encoding;

	if (u16) {
		/* The reader gives UTF-8; what the file held is said here. */
		g_strlcpy(info->encoding, u16->big_endian ? "UTF-16BE" : "UTF-16LE",
			  sizeof(info->encoding));
		p->codec = CODEC_UTF8;
		p->encoding = info->encoding;
		info->converted = 1;
		if (u16->bad)
			diag_warning(d, path, u16->first_bad_line,
				     "not valid UTF-16 in %lu place%s (an unpaired surrogate "
				     "or an odd last byte), read as U+FFFD; the first is here",
				     u16->bad, u16->bad == 1 ? "" : "s");
		return 0;
	}
	if (!enc) {
		enc = valid_utf8 ? "UTF-8" : "WINDOWS-1252";
		if (!valid_utf8)
			diag_warning(d, path, 1, "not valid UTF-8; read as Windows-1252");
	}
	if (is_utf8_name(enc)) {
		p->codec = CODEC_UTF8;
		enc = "UTF-8";
	} else if (is_cp1252_name(enc)) {
		p->codec = CODEC_CP1252;
		enc = "WINDOWS-1252";
	} else {
		GIConv cd = g_iconv_open("UTF-8", enc);
		if (cd == (GIConv)-1) {
			diag_error(d, path, 0, "unknown encoding '%s'", enc);
			return -1;
		}
		g_iconv_close(cd);
		p->codec = CODEC_ICONV;
	}
	g_strlcpy(info->encoding, enc, sizeof(info->encoding));
	p->encoding = info->encoding;
	info->converted = p->codec != CODEC_UTF8;
	return 0;
}

/*
 * Open `path` for reading if it is a regular file. Anything else is refused
 * up front: the file is read twice, which a pipe cannot do, and a device such
 * as /dev/zero would never end. O_NONBLOCK keeps open() from waiting for the
 * writer of a FIFO.
 */
static FILE *open_regular(const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st = { 0 };
	FILE *fp;

	if (fd < 0) {
		diag_error(d, path, 0, "cannot open: %s", g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		const char *why = "not a regular file";

		if (st.st_mode == 0)
			why = g_strerror(errno);
		else if (S_ISDIR(st.st_mode))
			why = g_strerror(EISDIR);
		diag_error(d, path, 0, "cannot read: %s", why);
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	fp = fdopen(fd, "rb");
	if (!fp) {
		diag_error(d, path, 0, "cannot open: %s", g_strerror(errno));
		close(fd);
	}
	return fp;
}

int csvin_read(const char *path, const struct csvin_options *opt,
	       csvin_record_fn fn, void *data, struct csvin_info *info,
	       struct diag *d)
{
	struct parser *p;
	struct hasher hash = { 0 };
	struct utf16 *u16 = NULL;
	unsigned char head[3];
	GString *header;
	FILE *fp;
	size_t bom;
	ssize_t got;
	int form, valid, rc = 0;

	memset(info, 0, sizeof(*info));
	fp = open_regular(path, d);
	if (!fp)
		return -1;
	hasher_start(&hash, fp);
	header = g_string_new(NULL);
	p = g_new0(struct parser, 1);
	/* pread(): the file's offset is left to pass 1, which starts after the BOM. */
	while ((got = pread(fileno(fp), head, sizeof head, 0)) < 0 && errno == EINTR)
		;
	if (got < 0) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(errno));
		rc = -1;
		goto out;
	}
	form = utf16_order(head, (size_t)got, opt->encoding, &bom);
	if (!form && got == 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
		bom = 3;
	if (form) {
		/* One decoder for both passes: reader_seek() starts it again. */
		u16 = g_new(struct utf16, 1);
		utf16_init(u16, form == 'B', (off_t)bom);
	}
	info->had_bom = bom > 0;
	valid = sniff_file(fp, path, bom, u16, info, header, d);
	if (valid < 0 || choose_codec(p, opt, valid, u16, info, path, d) < 0) {
		rc = -1;
		goto out;
	}
	if (opt->delimiter)
		info->delimiter = opt->delimiter;
	else if (info->had_sep)
		info->delimiter = header->str[4];
	else
		info->delimiter = csvin_sniff_delimiter(header->str, header->len);
	p->in.fp = fp;
	p->in.path = path;
	p->in.u16 = u16;
	p->delim = info->delimiter;
	p->valid_utf8 = valid == 1;
	p->line = 1;
	p->text = g_string_sized_new(1024);
	p->vec = g_ptr_array_new();
	p->raw = g_string_sized_new(CSVIN_MAX_RAW + 8);
	p->fn = fn;
	p->data = data;
	if (reader_seek(&p->in, (struct place){ (off_t)bom, 0 }) != 0)
		p->in.failed = 1;
	if (info->had_sep && !p->in.failed)
		skip_line(p);
	while (!p->in.failed && (rc = parse_record(p)) > 0)
		;
	if (p->in.failed) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(errno));
		rc = -1;
	}
	g_string_free(p->text, TRUE);
	g_ptr_array_free(p->vec, TRUE);
	g_string_free(p->raw, TRUE);
out:
	rc = hasher_finish(&hash, rc, info, path, d);
	g_free(u16);
	g_free(p);
	g_string_free(header, TRUE);
	fclose(fp);
	return rc < 0 ? -1 : 0;
}
