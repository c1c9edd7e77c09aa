/* csvin.c — CSV records from spreadsheet exports: the two passes, and records decoded. */
#include "csvin_int.h"
#include "text.h"

#include <string.h>

/*
 * The tokenizer is written here rather than taken from libcsv because SPEC
 * 8.4 fixes readings that libcsv does not give; README, "Decisions where
 * SPEC is silent", lists them with the measurement behind the choice.
 */

/* Windows-1252 bytes 0x80..0x9F; its five undefined bytes map to U+0080..U+009F (SPEC 8.3). */
static const gunichar cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Decode `len` bytes to a new UTF-8 string; NULL when they do not decode. */
static char *decode(const struct csvin_parser *p, const char *s, size_t len)
{
	GString *out;

	switch (p->dia->codec) {
	case CSVIN_UTF8:
		if (!g_utf8_validate(s, (gssize)len, NULL))
			return NULL;
		return g_strndup(s, len);
	case CSVIN_CP1252:
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
	case CSVIN_ICONV:
		return g_convert(s, (gssize)len, "UTF-8", p->dia->encoding, NULL, NULL, NULL);
	}
	return NULL;
}

/*
 * The raw text of a record of a file known to be valid UTF-8 whose reading
 * found no error, cut in place on a character boundary: what decoding it and
 * text_prefix() give, without the copies. Only its last character can have
 * been cut by raw_add()'s cap, and that lies beyond CSVIN_MAX_RAW bytes.
 */
static const char *raw_valid(struct csvin_parser *p, int *truncated)
{
	size_t len = p->raw.len;

	*truncated = len > CSVIN_MAX_RAW;
	if (len > CSVIN_MAX_RAW) {
		len = CSVIN_MAX_RAW;
		while (len > 0 && ((unsigned char)p->raw.str[len] & 0xC0) == 0x80)
			len--;
		p->raw.len = len;
		p->raw.str[len] = '\0';
	}
	return p->raw.str;
}

/*
 * The record's fields into `fields` (n_fields of them and a NULL): lent
 * from the parser's text when `lend`, else decoded copies, with the record's
 * error when one does not decode. Whether every field is empty.
 */
static int record_fields(struct csvin_parser *p, int lend, char **fields,
			 const char **error)
{
	int blank = 1;

	for (guint i = 0; i < p->n_fields; i++) {
		const char *f = p->text.str + p->starts[i];

		if (*f)
			blank = 0;
		if (lend) {
			fields[i] = (char *)f;
			continue;
		}
		fields[i] = decode(p, f, strlen(f));
		if (!fields[i]) {
			fields[i] = g_strdup("");
			if (!*error)
				*error = p->dia->codec == CSVIN_UTF8 ?
					 "the record is not valid UTF-8" :
					 "the record cannot be converted to UTF-8";
		}
	}
	fields[p->n_fields] = NULL;
	return blank;
}

int csvin_record_emit(struct csvin_parser *p, unsigned long line)
{
	struct csvin_record rec = { .line = line, .error = p->error };
	char **fields;
	char *raw_utf8 = NULL, *raw = NULL;
	int rc = 0;
	/* A record without errors of a valid UTF-8 file holds whole characters
	 * only (it is cut at ASCII bytes): its fields are lent as they are. */
	int lend = p->dia->codec == CSVIN_UTF8 && p->dia->valid_utf8 && !p->error;

	/* Lent fields go in the parser's own vector; decoded ones are owned. */
	if (lend) {
		g_ptr_array_set_size(p->vec, p->n_fields + 1);
		fields = (char **)p->vec->pdata;
	} else {
		fields = g_new0(char *, p->n_fields + 1);
	}
	if (record_fields(p, lend, fields, &rec.error) && !p->error)
		goto out;
	if (lend) {
		rec.raw = raw_valid(p, &rec.raw_truncated);
	} else {
		raw_utf8 = decode(p, p->raw.str, p->raw.len);
		if (!raw_utf8)
			raw_utf8 = g_utf8_make_valid(p->raw.str, (gssize)p->raw.len);
		raw = text_prefix(raw_utf8, CSVIN_MAX_RAW, &rec.raw_truncated);
		rec.raw = raw;
	}
	rec.raw_truncated |= p->raw_overflow;
	rec.n_fields = p->n_fields;
	rec.fields = fields;
	rc = p->fn(&rec, p->data);
out:
	g_free(raw);
	g_free(raw_utf8);
	if (!lend)
		g_strfreev(fields);
	return rc;
}

/* Pass 2: every record of the text, from after the BOM, with the bytes
 * parsed hashed. -1 when the file cannot be read or the callback stops. */
static int parse_all(struct csvin_parser *p, const struct csvin_info *info)
{
	struct csvin_place start = { .offset = 0, .skip = p->dia->bom ? 3 : 0 };
	int rc = 0;

	p->in.hashing = 1;
	sha256_init(&start.sha);
	if (csvin_src_seek(&p->in, &start) != 0)
		return -1;
	if (info->had_sep)
		csvin_skip_line(p);
	while (!p->in.failed && (rc = csvin_parse_record(p)) > 0)
		;
	return p->in.failed || rc < 0 ? -1 : 0;
}

static struct csvin_parser *parser_new(const struct csvin_dialect *dia, char delim,
				       csvin_record_fn fn, void *data)
{
	struct csvin_parser *p = g_new0(struct csvin_parser, 1);

	p->dia = dia;
	p->delim = delim;
	p->line = 1;
	csvin_buf_init(&p->text, 1024);
	csvin_buf_init(&p->raw, CSVIN_MAX_RAW + 8);
	p->vec = g_ptr_array_new();
	p->fn = fn;
	p->data = data;
	return p;
}

static void parser_free(struct csvin_parser *p)
{
	csvin_src_close(&p->in);
	csvin_buf_release(&p->text);
	csvin_buf_release(&p->raw);
	g_ptr_array_free(p->vec, TRUE);
	g_free(p);
}

/*
 * After pass 2: the digest into info, once the file is known to be the one
 * sniffed. When the callback stopped, the rest of the file is hashed too,
 * so that the hash is always of the whole file. -1 after reporting a read
 * error or a change; else `rc`.
 */
static int finish(struct csvin_parser *p, int rc, struct csvin_info *info, struct diag *d)
{
	while (rc < 0 && !p->in.failed && csvin_src_fill(&p->in))
		;
	if (p->in.failed) {
		diag_error(d, p->in.path, 0, "cannot read: %s", g_strerror(p->in.err));
		return -1;
	}
	if (!csvin_src_unchanged(&p->in)) {
		diag_error(d, p->in.path, 0, "cannot read: the file changed while it was read");
		return -1;
	}
	csvin_src_digest(&p->in, info->sha256);
	return rc;
}

int csvin_read(const char *path, const struct csvin_options *opt,
	       csvin_record_fn fn, void *data, struct csvin_info *info,
	       struct diag *d)
{
	struct csvin_dialect dia = { 0 };
	struct csvin_parser *p;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	p = parser_new(&dia, 0, fn, data);
	if (csvin_src_open(&p->in, path, d) == 0 &&
	    csvin_sniff(&p->in, opt, &dia, info, d) == 0) {
		p->delim = info->delimiter;
		rc = finish(p, parse_all(p, info), info, d);
	}
	parser_free(p);
	return rc;
}
