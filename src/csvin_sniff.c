/* csvin_sniff.c — the first pass: BOM, encoding, header line, sep= hint, delimiter. */
#include "csvin_int.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

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

/* The encoding to read the text in, from the option or the first pass;
 * one warning for a file read as Windows-1252, one for broken UTF-16. */
static int choose_codec(const struct csvin_src *r, const struct csvin_options *opt,
			struct csvin_dialect *dia, struct csvin_info *info, struct diag *d)
{
	const struct utf16 *u16 = r->u16;
	const char *enc = opt->encoding;

	if (u16) {
		/* The source gives UTF-8; what the file held is said here. */
		g_strlcpy(info->encoding, u16->big_endian ? "UTF-16BE" : "UTF-16LE",
			  sizeof(info->encoding));
		dia->codec = CSVIN_UTF8;
		info->converted = 1;
		if (u16->bad)
			diag_warning(d, r->path, u16->first_bad_line,
				     "not valid UTF-16 in %lu place%s (an unpaired surrogate "
				     "or an odd last byte), read as U+FFFD; the first is here",
				     u16->bad, u16->bad == 1 ? "" : "s");
		return 0;
	}
	if (!enc) {
		enc = dia->valid_utf8 ? "UTF-8" : "WINDOWS-1252";
		if (!dia->valid_utf8)
			diag_warning(d, r->path, 1, "not valid UTF-8; read as Windows-1252");
	}
	if (is_utf8_name(enc)) {
		dia->codec = CSVIN_UTF8;
		enc = "UTF-8";
	} else if (is_cp1252_name(enc)) {
		dia->codec = CSVIN_CP1252;
		enc = "WINDOWS-1252";
	} else {
		GIConv cd = g_iconv_open("UTF-8", enc);
		if (cd == (GIConv)-1) {
			diag_error(d, r->path, 0, "unknown encoding '%s'", enc);
			return -1;
		}
		g_iconv_close(cd);
		dia->codec = CSVIN_ICONV;
	}
	g_strlcpy(info->encoding, enc, sizeof(info->encoding));
	dia->encoding = info->encoding;
	info->converted = dia->codec != CSVIN_UTF8;
	return 0;
}

/*
 * The BOM, from the file's first bytes: a UTF-16 one (or a forced UTF-16
 * encoding) gives the source a decoder. A BOM is 3 bytes of text either
 * way: EF BB BF, or U+FEFF decoded from UTF-16.
 */
static int sniff_bom(struct csvin_src *r, const struct csvin_options *opt,
		     struct csvin_dialect *dia, struct diag *d)
{
	unsigned char head[3];
	ssize_t got = csvin_src_pread(r, head, sizeof head, 0);

	if (got < 0) {
		diag_error(d, r->path, 0, "cannot read: %s", g_strerror(r->err));
		return -1;
	}
	dia->utf16 = utf16_order(head, (size_t)got, opt->encoding, &dia->bom);
	if (!dia->utf16 && got == 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
		dia->bom = 3;
	if (dia->utf16) {
		/* One decoder for both passes: csvin_src_seek() starts it again. */
		r->u16 = g_new(struct utf16, 1);
		utf16_init(r->u16, dia->utf16 == 'B', 0);
	}
	return 0;
}

/* Pass 1 over the text after the BOM: the header line, and whether the
 * text is valid UTF-8. -1 after reporting a read error. */
static int sniff_text(struct csvin_src *r, struct csvin_dialect *dia,
		      struct csvin_info *info, GString *header, struct diag *d)
{
	struct sniff s = { .valid_utf8 = 1, .header = header };
	struct csvin_place start = { 0, dia->bom ? 3 : 0, r->sha };

	if (csvin_src_seek(r, &start) == 0) {
		/* The BOM's text is skipped: the chunk goes on after it. */
		for (;;) {
			const unsigned char *p = r->buf + r->pos;
			size_t n = r->len - r->pos;

			if (!r->u16)
				sniff_utf8(&s, p, n);
			sniff_header(&s, p, n);
			r->pos = r->len;
			if (!csvin_src_fill(r))
				break;
		}
	}
	if (r->failed) {
		diag_error(d, r->path, 0, "cannot read: %s", g_strerror(r->err));
		return -1;
	}
	dia->valid_utf8 = s.valid_utf8 && !s.need;
	info->had_sep = !s.header_later && is_sep_hint(header);
	return 0;
}

int csvin_sniff(struct csvin_src *r, const struct csvin_options *opt,
		struct csvin_dialect *dia, struct csvin_info *info, struct diag *d)
{
	GString *header = g_string_new(NULL);
	int rc = -1;

	if (sniff_bom(r, opt, dia, d) == 0 && sniff_text(r, dia, info, header, d) == 0 &&
	    choose_codec(r, opt, dia, info, d) == 0) {
		info->had_bom = dia->bom > 0;
		if (opt->delimiter)
			info->delimiter = opt->delimiter;
		else if (info->had_sep)
			info->delimiter = header->str[4];
		else
			info->delimiter = csvin_sniff_delimiter(header->str, header->len);
		rc = 0;
	}
	g_string_free(header, TRUE);
	return rc;
}
