/* csvin_token.c — the second pass: bytes to fields and records (SPEC 3, 8.4). */
#include "csvin_int.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Fields are gathered as raw bytes into buffers of the parser's own, which
 * it appends to, cuts and trims in place; decoding comes after, per record
 * (csvin.c). The spans of plain text between the bytes that matter are
 * found 16 bytes at a time with SSE2 where there is SSE2.
 */

void csvin_buf_init(struct csvin_buf *b, size_t cap)
{
	b->str = g_malloc(cap);
	b->cap = cap;
	b->len = 0;
	b->str[0] = '\0';
}

void csvin_buf_release(struct csvin_buf *b)
{
	g_free(b->str);
	b->str = NULL;
	b->len = b->cap = 0;
}

/* Room for n more bytes and the NUL after them. */
static void buf_grow(struct csvin_buf *b, size_t n)
{
	while (b->len + n >= b->cap)
		b->cap *= 2;
	b->str = g_realloc(b->str, b->cap);
}

/* This runs for every span of every field. Not inlined: inlined, GCC
 * copies with `rep movsq`, whose start-up costs more than these short
 * spans. */
__attribute__((noinline))
static void buf_append(struct csvin_buf *b, const void *data, size_t n)
{
	if (b->len + n >= b->cap)
		buf_grow(b, n);
	memcpy(b->str + b->len, data, n);
	b->len += n;
	b->str[b->len] = '\0';
}

static inline void buf_putc(struct csvin_buf *b, int c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->str[b->len++] = (char)c;
	b->str[b->len] = '\0';
}

static inline void buf_cut(struct csvin_buf *b, size_t len)
{
	b->len = len;
	b->str[len] = '\0';
}

static void record_reset(struct csvin_parser *p)
{
	buf_cut(&p->text, 0);
	p->n_fields = 0;
	p->saw_nul = 0;
	p->field_at = 0;
	buf_cut(&p->raw, 0);
	p->record_bytes = 0;
	p->raw_overflow = 0;
	p->error = NULL;
}

static inline void raw_add(struct csvin_parser *p, int c)
{
	/* Room for a whole last character after conversion and cutting. */
	if (p->raw.len < CSVIN_MAX_RAW + 4)
		buf_putc(&p->raw, c);
	else
		p->raw_overflow = 1;
}

static inline void field_add(struct csvin_parser *p, int c)
{
	if (c == 0)
		p->saw_nul = 1;
	if (c == 0 && !p->error)
		p->error = "the record contains a NUL byte";
	if (p->text.len - p->field_at >= CSVIN_MAX_FIELD) {
		if (!p->error)
			p->error = "field longer than 64 KiB";
		return;
	}
	buf_putc(&p->text, c);
}

/* What raw_add() and field_add() do for each of n bytes, a span at a time:
 * the same text, the same caps, the same error. The spans hold no NUL byte
 * (it stops them), so only the field's cap can give one. */
static void bytes_add(struct csvin_parser *p, const unsigned char *s, size_t n)
{
	size_t raw_room = p->raw.len < CSVIN_MAX_RAW + 4 ?
			  CSVIN_MAX_RAW + 4 - p->raw.len : 0;
	size_t len = p->text.len - p->field_at;
	size_t room = len < CSVIN_MAX_FIELD ? CSVIN_MAX_FIELD - len : 0;

	if (n == 0)
		return;
	buf_append(&p->raw, s, MIN(n, raw_room));
	if (n > raw_room)
		p->raw_overflow = 1;
	if (!p->error && n > room)
		p->error = "field longer than 64 KiB";
	buf_append(&p->text, s, MIN(n, room));
}

/* Bytes from the reader's position on, within its buffer, that are plain
 * text of an unquoted field: not the delimiter, a line break or a NUL (which
 * field_add() must see). */
static inline size_t plain_span(const struct csvin_parser *p)
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
static inline size_t quoted_span(const struct csvin_parser *p)
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
static void field_end(struct csvin_parser *p, int quoted, size_t quoted_len)
{
	size_t at = p->field_at;
	char *f = p->text.str + at;
	size_t start = 0, end = p->text.len - at;

	if (!quoted)
		while (start < end && (f[start] == ' ' || f[start] == '\t'))
			start++;
	while (end > (quoted ? quoted_len : start) &&
	       (f[end - 1] == ' ' || f[end - 1] == '\t'))
		end--;
	p->record_bytes += end - start;
	if (p->n_fields >= CSVIN_MAX_FIELDS || p->record_bytes > CSVIN_MAX_RECORD) {
		if (!p->error)
			p->error = "record too long";
		buf_cut(&p->text, at);
	} else {
		/* Read up to a NUL byte, like the C string it becomes. */
		size_t len = end - start;
		const char *nul = p->saw_nul ? memchr(f + start, '\0', len) : NULL;

		if (nul)
			len = (size_t)(nul - (f + start));
		if (start)
			memmove(f, f + start, len);
		buf_cut(&p->text, at + len);
		buf_putc(&p->text, '\0');
		p->starts[p->n_fields++] = at;
	}
	p->field_at = p->text.len;
}

/* Consume a line break whose first byte `c` was read; count the line. */
static void eat_newline(struct csvin_parser *p, int c)
{
	if (c == '\r' && csvin_src_peek(&p->in) == '\n')
		csvin_src_get(&p->in);
	p->line++;
}

/* The "sep=" hint is no record. */
void csvin_skip_line(struct csvin_parser *p)
{
	int c;

	while ((c = csvin_src_get(&p->in)) != EOF && c != '\n' && c != '\r')
		;
	if (c != EOF)
		eat_newline(p, c);
}

/* An unterminated quote rejects the record at its first line; reading goes on
 * with the physical line after that one (SPEC 8.4). */
static int record_unterminated(struct csvin_parser *p, unsigned long start_line,
			       const struct csvin_place *resume)
{
	char *nl = strpbrk(p->raw.str, "\r\n");
	int rc;

	if (nl) {
		buf_cut(&p->raw, (size_t)(nl - p->raw.str));
		p->raw_overflow = 0;
	}
	p->error = "unterminated quoted field";
	rc = csvin_record_emit(p, start_line);
	if (resume->offset >= 0) {
		if (csvin_src_seek(&p->in, resume) != 0)
			p->in.failed = 1;
		p->line = start_line + 1;
	}
	return rc;
}

/* Read a quoted field's inside, after its opening quote. Returns 0 when the
 * closing quote was found, -1 at end of file. */
static int read_quoted(struct csvin_parser *p, struct csvin_place *resume)
{
	for (;;) {
		size_t n = quoted_span(p);
		int c;

		bytes_add(p, p->in.buf + p->in.pos, n);
		p->in.pos += n;
		c = csvin_src_get(&p->in);
		if (c == EOF)
			return -1;
		raw_add(p, c);
		if (c == '"') {
			if (csvin_src_peek(&p->in) != '"')
				return 0;
			raw_add(p, csvin_src_get(&p->in));
		} else if (c == '\r' || c == '\n') {
			/* Line breaks inside quotes are kept as written. */
			if (c == '\r' && csvin_src_peek(&p->in) == '\n') {
				field_add(p, c);
				c = csvin_src_get(&p->in);
				raw_add(p, c);
			}
			p->line++;
			if (resume->offset < 0)
				*resume = csvin_src_tell(&p->in);
		}
		field_add(p, c);
	}
}

int csvin_parse_record(struct csvin_parser *p)
{
	unsigned long start_line = p->line;
	struct csvin_place resume = { .offset = -1 };
	int c = csvin_src_get(&p->in);

	if (c == EOF)
		return 0;
	record_reset(p);
	for (;;) {
		int quoted = c == '"';
		size_t quoted_len = 0;

		if (quoted) {
			raw_add(p, c);
			if (read_quoted(p, &resume) < 0)
				return record_unterminated(p, start_line, &resume) < 0 ? -1 : 1;
			quoted_len = p->text.len - p->field_at;
			c = csvin_src_get(&p->in);
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
			c = csvin_src_get(&p->in);
		}
		field_end(p, quoted, quoted_len);
		if (c != p->delim)
			break;
		raw_add(p, c);
		c = csvin_src_get(&p->in);
	}
	if (c != EOF)
		eat_newline(p, c);
	return csvin_record_emit(p, start_line) < 0 ? -1 : 1;
}

