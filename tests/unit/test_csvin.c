/* test_csvin.c — the CSV reader: dialect, quoting, line numbers, limits, encodings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "testutil.h"

#include "csvin.h"
#include "utf16.h"

/* Where the reader's internal chunk ends: a multi-byte character may straddle it. */
#define CHUNK_END (64 * 1024)

/* ---- scratch files ---- */

static int setup(void **state)
{
	struct scratch *fx = g_new0(struct scratch, 1);

	*state = fx;
	return scratch_open(fx, "p2ham-csvin");
}

static int teardown(void **state)
{
	scratch_close(*state);
	g_free(*state);
	return 0;
}

/* ---- reading into copies ---- */

/* A record as the callback saw it, copied. */
struct rec {
	unsigned long line;
	GPtrArray *fields;      /* char * */
	char *raw;
	int raw_truncated;
	char *error;            /* NULL when the record is fine */
};

/* What one csvin_read call gave. */
struct reading {
	int rc;
	GPtrArray *recs;        /* struct rec * */
	struct csvin_info info;
	struct diag d;
	char *diag;             /* every diagnostic printed */
	size_t diag_len;
	guint stop_after;       /* the callback asks to stop after this many; 0: never */
};

static void rec_free(gpointer p)
{
	struct rec *r = p;

	g_ptr_array_free(r->fields, TRUE);
	g_free(r->raw);
	g_free(r->error);
	g_free(r);
}

static int copy_record(const struct csvin_record *in, void *data)
{
	struct reading *rd = data;
	struct rec *r = g_new0(struct rec, 1);

	r->line = in->line;
	r->fields = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < in->n_fields; i++)
		g_ptr_array_add(r->fields, g_strdup(in->fields[i]));
	r->raw = g_strdup(in->raw);
	r->raw_truncated = in->raw_truncated;
	r->error = g_strdup(in->error);
	g_ptr_array_add(rd->recs, r);
	return rd->stop_after && rd->recs->len >= rd->stop_after ? -1 : 0;
}

static struct reading *reading_new(void)
{
	struct reading *rd = g_new0(struct reading, 1);

	rd->recs = g_ptr_array_new_with_free_func(rec_free);
	return rd;
}

static void reading_free(struct reading *rd)
{
	g_ptr_array_free(rd->recs, TRUE);
	free(rd->diag);
	g_free(rd);
}

/* Read `path` into `rd` with a forced delimiter and encoding (0/NULL: sniff). */
static void read_into(struct reading *rd, const char *path, char delimiter,
		      const char *encoding)
{
	struct csvin_options opt = { delimiter, encoding };

	rd->d.out = open_memstream(&rd->diag, &rd->diag_len);
	assert_non_null(rd->d.out);
	rd->rc = csvin_read(path, &opt, copy_record, rd, &rd->info, &rd->d);
	fclose(rd->d.out);
	rd->d.out = NULL;
}

static struct reading *read_file_as(const char *path, char delimiter, const char *encoding)
{
	struct reading *rd = reading_new();

	read_into(rd, path, delimiter, encoding);
	return rd;
}

static struct reading *read_bytes_as(struct scratch *fx, const void *bytes, size_t len,
				     char delimiter, const char *encoding)
{
	return read_file_as(scratch_write(fx, bytes, len), delimiter, encoding);
}

/* Read text (no NUL inside) with everything sniffed; the read must succeed. */
static struct reading *read_text(struct scratch *fx, const char *text)
{
	struct reading *rd = read_bytes_as(fx, text, strlen(text), 0, NULL);

	if (rd->rc != 0)
		fail_msg("csvin_read failed:\n%s", rd->diag);
	return rd;
}

static const struct rec *rec_at(const struct reading *rd, guint i)
{
	if (i >= rd->recs->len)
		fail_msg("no record %u: only %u were read", i, rd->recs->len);
	return rd->recs->pdata[i];
}

static const char *field_at(const struct rec *r, guint i)
{
	if (i >= r->fields->len)
		fail_msg("line %lu: no field %u: only %u", r->line, i, r->fields->len);
	return r->fields->pdata[i];
}

/* Record i is fine, starts on `line` and has exactly the fields listed
 * after `line`, up to a NULL. */
static void expect_record(const struct reading *rd, guint i, unsigned long line, ...)
{
	const struct rec *r = rec_at(rd, i);
	va_list ap;
	guint n = 0;

	if (r->error)
		fail_msg("record %u (line %lu): unexpected error \"%s\"", i, r->line, r->error);
	if (r->line != line)
		fail_msg("record %u: expected line %lu, got %lu", i, line, r->line);
	va_start(ap, line);
	for (const char *want = va_arg(ap, const char *); want;
	     want = va_arg(ap, const char *), n++) {
		if (n >= r->fields->len || strcmp(field_at(r, n), want) != 0) {
			va_end(ap);
			fail_msg("line %lu field %u: expected \"%s\", got \"%s\"", line, n, want,
				 n < r->fields->len ? field_at(r, n) : "(none)");
		}
	}
	va_end(ap);
	if (n != r->fields->len)
		fail_msg("line %lu: expected %u fields, got %u", line, n, r->fields->len);
}

/* Record i is rejected on `line` with exactly this error. */
static void expect_error(const struct reading *rd, guint i, unsigned long line,
			 const char *error)
{
	const struct rec *r = rec_at(rd, i);

	if (!r->error)
		fail_msg("record %u (line %lu): expected error \"%s\", got none", i, r->line,
			 error);
	assert_string_equal(r->error, error);
	assert_int_equal(r->line, line);
}

static void expect_count(const struct reading *rd, guint n)
{
	if (rd->recs->len != n)
		fail_msg("expected %u records, got %u", n, rd->recs->len);
}

/* ---- delimiter sniffing (SPEC 8.2) ---- */

static char sniff(const char *line)
{
	return csvin_sniff_delimiter(line, strlen(line));
}

static void test_sniff_picks_most_frequent(void **state)
{
	assert_int_equal(sniff("a;b;c"), ';');
	assert_int_equal(sniff("a,b,c"), ',');
	assert_int_equal(sniff("a\tb\tc"), '\t');
	assert_int_equal(sniff("a|b|c"), '|');
	assert_int_equal(sniff("a,b,c;d"), ',');
	assert_int_equal(sniff("a|b|c;d,e"), '|');
	assert_int_equal(sniff("Nama UPT;Kode, Kriteria;Nilai"), ';');
}

static void test_sniff_ties_go_to_semicolon_comma_tab_pipe(void **state)
{
	assert_int_equal(sniff("a,b;c"), ';');
	assert_int_equal(sniff("a;b,c"), ';');
	assert_int_equal(sniff("a,b\tc"), ',');
	assert_int_equal(sniff("a|b,c"), ',');
	assert_int_equal(sniff("a|b\tc"), '\t');
	assert_int_equal(sniff("a|b;c,d\te"), ';');
	assert_int_equal(sniff("no delimiter"), ';');
	assert_int_equal(sniff(""), ';');
}

static void test_sniff_ignores_quoted_delimiters(void **state)
{
	assert_int_equal(sniff("\"a;b;c\",d,e"), ',');
	assert_int_equal(sniff("\"x,y,z\";a"), ';');
	assert_int_equal(sniff("\"say \"\"a;b;c\"\"\",d"), ',');
	assert_int_equal(sniff("\"a|b|c|d\"\tx"), '\t');
}

/*
 * SPEC 8.4: a '"' inside an unquoted field is literal, so the comma after it
 * is outside quotes (SPEC 8.2) and counts.
 */
static void test_sniff_quote_inside_unquoted_field_is_literal(void **state)
{
	assert_int_equal(sniff("Ukuran 5\",x"), ',');
	assert_int_equal(sniff("Catatan \"penting,Kanwil,Unit,Kode,Nilai"), ',');
}

static void test_sniff_uses_first_non_blank_line(void **state)
{
	struct reading *rd = read_text(*state, "\n   \n\t\nh1|h2|h3\nx;y;z;w;v\n");

	assert_int_equal(rd->info.delimiter, '|');
	expect_count(rd, 2);
	expect_record(rd, 0, 4, "h1", "h2", "h3", NULL);
	expect_record(rd, 1, 5, "x;y;z;w;v", NULL);
	reading_free(rd);
}

static void test_sniff_in_file_ignores_quoted_delimiters(void **state)
{
	struct reading *rd = read_text(*state, "\"a;b;c\",d\n\"1;2\",3\n");

	assert_int_equal(rd->info.delimiter, ',');
	expect_record(rd, 0, 1, "a;b;c", "d", NULL);
	expect_record(rd, 1, 2, "1;2", "3", NULL);
	reading_free(rd);
}

static void test_forced_delimiter_overrides_sniffing(void **state)
{
	static const char text[] = "a;b;c,d\n1;2;3,4\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), ',', NULL);

	assert_int_equal(rd->rc, 0);
	assert_int_equal(rd->info.delimiter, ',');
	expect_record(rd, 0, 1, "a;b;c", "d", NULL);
	expect_record(rd, 1, 2, "1;2;3", "4", NULL);
	reading_free(rd);
}

/* ---- Excel's sep= hint (SPEC 3, 8.24) ---- */

/* "sep=|" then records that sniffing alone would read with ','. */
static void check_sep_hint(struct scratch *fx, const char *first, const char *eol)
{
	char *text = g_strconcat(first, eol, "a,b|c", eol, "1,2|3", eol, NULL);
	struct reading *rd = read_text(fx, text);

	assert_int_equal(rd->info.had_sep, 1);
	assert_int_equal(rd->info.delimiter, first[strlen(first) - 1]);
	expect_count(rd, 2);
	reading_free(rd);
	g_free(text);
}

static void test_sep_hint_sets_delimiter_and_is_no_record(void **state)
{
	struct reading *rd = read_text(*state, "sep=|\na,b|c\n\n1,2|3\n");

	assert_int_equal(rd->info.had_sep, 1);
	assert_int_equal(rd->info.delimiter, '|');
	expect_count(rd, 2);
	expect_record(rd, 0, 2, "a,b", "c", NULL);
	expect_record(rd, 1, 4, "1,2", "3", NULL);
	reading_free(rd);
}

static void test_sep_hint_any_case_any_line_end_after_bom(void **state)
{
	static const char *const eols[] = { "\n", "\r\n", "\r" };

	for (size_t i = 0; i < G_N_ELEMENTS(eols); i++) {
		check_sep_hint(*state, "sep=|", eols[i]);
		check_sep_hint(*state, "SEP=|", eols[i]);
		check_sep_hint(*state, "Sep=|", eols[i]);
		check_sep_hint(*state, "\xEF\xBB\xBFsep=|", eols[i]);
	}
}

static void test_sep_hint_tab_and_line_numbers(void **state)
{
	struct reading *rd = read_text(*state, "sep=\t\r\nunit\tnote\r\n"
					       "U\t\"two\r\nlines\"\r\nV\tx\r\n");

	assert_int_equal(rd->info.delimiter, '\t');
	expect_record(rd, 0, 2, "unit", "note", NULL);
	expect_record(rd, 1, 3, "U", "two\r\nlines", NULL);
	expect_record(rd, 2, 5, "V", "x", NULL);
	reading_free(rd);
}

/* --delimiter still wins; the hint line is still no record. */
static void test_forced_delimiter_overrides_sep_hint(void **state)
{
	static const char text[] = "sep=;\na;b,c\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), ',', NULL);

	assert_int_equal(rd->rc, 0);
	assert_int_equal(rd->info.had_sep, 1);
	assert_int_equal(rd->info.delimiter, ',');
	expect_count(rd, 1);
	expect_record(rd, 0, 2, "a;b", "c", NULL);
	reading_free(rd);
}

/* Only "sep=" and exactly one character, alone on the first physical line,
 * is the hint; anything else is an ordinary line. */
static void test_not_a_sep_hint(void **state)
{
	struct reading *rd;

	rd = read_text(*state, "sep=;;\na;b\n");
	assert_int_equal(rd->info.had_sep, 0);
	expect_record(rd, 0, 1, "sep=", "", "", NULL);
	reading_free(rd);
	rd = read_text(*state, "sep=\na;b\n");
	expect_record(rd, 0, 1, "sep=", NULL);
	reading_free(rd);
	rd = read_text(*state, " sep=;\na;b\n");
	expect_record(rd, 0, 1, "sep=", "", NULL);
	reading_free(rd);
	rd = read_text(*state, "\nsep=|\na|b\n");
	assert_int_equal(rd->info.had_sep, 0);
	expect_record(rd, 0, 2, "sep=", "", NULL);
	reading_free(rd);
	rd = read_text(*state, "\"sep=;\"\na;b\n");
	assert_int_equal(rd->info.had_sep, 0);
	expect_record(rd, 0, 1, "sep=;", NULL);
	reading_free(rd);
	rd = read_text(*state, "sep=\"\na;b\n");
	assert_int_equal(rd->info.had_sep, 0);
	reading_free(rd);
	rd = read_text(*state, "sep=\xC3\xA9\na;b\n");
	assert_int_equal(rd->info.had_sep, 0);
	expect_record(rd, 0, 1, "sep=\xC3\xA9", NULL);
	reading_free(rd);
	rd = read_text(*state, "sepp=;\na;b\n");
	assert_int_equal(rd->info.had_sep, 0);
	reading_free(rd);
}

static void test_sep_hint_alone_is_an_empty_file(void **state)
{
	struct reading *rd = read_text(*state, "sep=;");

	assert_int_equal(rd->info.had_sep, 1);
	expect_count(rd, 0);
	reading_free(rd);
	rd = read_text(*state, "sep=;\r\n\r\n");
	expect_count(rd, 0);
	reading_free(rd);
}

/* ---- BOM and line ends ---- */

static void test_bom_stripped_and_reported(void **state)
{
	struct reading *with = read_text(*state, "\xEF\xBB\xBFkanwil;unit\nK;U\n");
	struct reading *without = read_text(*state, "kanwil;unit\nK;U\n");

	assert_int_equal(with->info.had_bom, 1);
	assert_string_equal(with->info.encoding, "UTF-8");
	assert_int_equal(with->info.converted, 0);
	assert_int_equal(with->info.delimiter, ';');
	expect_record(with, 0, 1, "kanwil", "unit", NULL);
	expect_record(with, 1, 2, "K", "U", NULL);
	assert_string_equal(rec_at(with, 0)->raw, "kanwil;unit");
	assert_int_equal(without->info.had_bom, 0);
	expect_record(without, 0, 1, "kanwil", "unit", NULL);
	reading_free(with);
	reading_free(without);
}

/* The same lines joined with `eol`: a blank line sits at line 3. */
static void check_line_ends(struct scratch *fx, const char *eol, int final_eol)
{
	char *text = g_strconcat("kanwil;unit;kode", eol, "K;Lapas A;A.01", eol, eol,
				 "K;Lapas B;A.02", final_eol ? eol : "", NULL);
	struct reading *rd = read_text(fx, text);

	expect_count(rd, 3);
	expect_record(rd, 0, 1, "kanwil", "unit", "kode", NULL);
	expect_record(rd, 1, 2, "K", "Lapas A", "A.01", NULL);
	expect_record(rd, 2, 4, "K", "Lapas B", "A.02", NULL);
	assert_string_equal(rec_at(rd, 2)->raw, "K;Lapas B;A.02");
	reading_free(rd);
	g_free(text);
}

static void test_line_ends_lf_crlf_cr_read_alike(void **state)
{
	check_line_ends(*state, "\n", 1);
	check_line_ends(*state, "\r\n", 1);
	check_line_ends(*state, "\r", 1);
	check_line_ends(*state, "\n", 0);
	check_line_ends(*state, "\r\n", 0);
	check_line_ends(*state, "\r", 0);
}

/* ---- quoting (SPEC 8.4) ---- */

/* A quoted field with a delimiter, doubled quotes and a line break `eol`. */
static void check_quoted_field(struct scratch *fx, const char *eol)
{
	char *text = g_strconcat("id;text", eol, "1;\"x;y \"\"q\"\"", eol, "next\"", eol,
				 "2;z", eol, NULL);
	char *field = g_strconcat("x;y \"q\"", eol, "next", NULL);
	struct reading *rd = read_text(fx, text);

	expect_count(rd, 3);
	expect_record(rd, 0, 1, "id", "text", NULL);
	expect_record(rd, 1, 2, "1", field, NULL);
	expect_record(rd, 2, 4, "2", "z", NULL);
	reading_free(rd);
	g_free(field);
	g_free(text);
}

static void test_quoted_field_keeps_delimiter_quotes_and_line_break(void **state)
{
	check_quoted_field(*state, "\r\n");
	check_quoted_field(*state, "\n");
	check_quoted_field(*state, "\r");
}

static void test_quoted_field_over_several_lines_counts_them(void **state)
{
	struct reading *rd = read_text(*state, "a;b\n\"1\n2\n\n3\";x\n\"\n\";y\nlast;z\n");

	expect_record(rd, 1, 2, "1\n2\n\n3", "x", NULL);
	expect_record(rd, 2, 6, "\n", "y", NULL);
	expect_record(rd, 3, 8, "last", "z", NULL);
	reading_free(rd);
}

static void test_text_after_closing_quote_appended(void **state)
{
	struct reading *rd = read_text(*state, "\"ab\"cd,x\n\"a\"\"b\" c,y\n\"q\"  ,z\n");

	assert_int_equal(rd->info.delimiter, ',');
	expect_record(rd, 0, 1, "abcd", "x", NULL);
	expect_record(rd, 1, 2, "a\"b c", "y", NULL);
	expect_record(rd, 2, 3, "q", "z", NULL);
	reading_free(rd);
}

static void test_quote_inside_unquoted_field_is_literal(void **state)
{
	static const char text[] = "h,x\nab\"cd,x\nab\"\",y\n 12\" ,z\n";
	struct reading *rd = read_text(*state, text);

	assert_int_equal(rd->info.delimiter, ',');
	expect_record(rd, 1, 2, "ab\"cd", "x", NULL);
	expect_record(rd, 2, 3, "ab\"\"", "y", NULL);
	expect_record(rd, 3, 4, "12\"", "z", NULL);
	reading_free(rd);
}

static void test_unquoted_trimmed_quoted_keeps_spaces(void **state)
{
	struct reading *rd = read_text(*state, " a ;\t b\t;\" c \";d ;\"  \"\n");

	expect_record(rd, 0, 1, "a", "b", " c ", "d", "  ", NULL);
	reading_free(rd);
}

static void test_blank_and_all_empty_records_skipped(void **state)
{
	struct reading *rd = read_text(*state,
		"h1,h2\n\n   \n\t\n,,,\n , ,\n\"\",\n\r\na,b\n\n");

	expect_count(rd, 2);
	expect_record(rd, 0, 1, "h1", "h2", NULL);
	expect_record(rd, 1, 9, "a", "b", NULL);
	reading_free(rd);
}

static void test_trailing_delimiter_gives_empty_field(void **state)
{
	struct reading *rd = read_text(*state, "a;b;\nc;;\n");

	expect_record(rd, 0, 1, "a", "b", "", NULL);
	expect_record(rd, 1, 2, "c", "", "", NULL);
	reading_free(rd);
}

/* ---- unterminated quotes ---- */

static void check_unterminated(struct scratch *fx, const char *eol)
{
	char *text = g_strconcat("h;x", eol, "1;\"abc", eol, "2;ok", eol, "3;fine", eol,
				 NULL);
	struct reading *rd = read_text(fx, text);

	expect_count(rd, 4);
	expect_record(rd, 0, 1, "h", "x", NULL);
	expect_error(rd, 1, 2, "unterminated quoted field");
	assert_string_equal(rec_at(rd, 1)->raw, "1;\"abc");
	expect_record(rd, 2, 3, "2", "ok", NULL);
	expect_record(rd, 3, 4, "3", "fine", NULL);
	reading_free(rd);
	g_free(text);
}

static void test_unterminated_quote_rejects_one_record_and_resumes(void **state)
{
	check_unterminated(*state, "\n");
	check_unterminated(*state, "\r\n");
	check_unterminated(*state, "\r");
}

static void test_unterminated_quote_on_last_line(void **state)
{
	struct reading *rd = read_text(*state, "h;x\n1;ok\n2;\"abc;def");

	expect_count(rd, 3);
	expect_record(rd, 1, 2, "1", "ok", NULL);
	expect_error(rd, 2, 3, "unterminated quoted field");
	assert_string_equal(rec_at(rd, 2)->raw, "2;\"abc;def");
	reading_free(rd);
}

/* ---- limits ---- */

/* "h;x\n1;" + `n` times 'x' + "\n2;y\n" */
static struct reading *read_long_field(struct scratch *fx, size_t n)
{
	GString *s = g_string_new("h;x\n1;");
	struct reading *rd;

	for (size_t i = 0; i < n; i++)
		g_string_append_c(s, 'x');
	g_string_append(s, "\n2;y\n");
	rd = read_text(fx, s->str);
	g_string_free(s, TRUE);
	return rd;
}

static void test_field_longer_than_64k_rejected_next_read(void **state)
{
	struct reading *rd = read_long_field(*state, CSVIN_MAX_FIELD + 1);

	expect_count(rd, 3);
	expect_error(rd, 1, 2, "field longer than 64 KiB");
	assert_int_equal(rec_at(rd, 1)->raw_truncated, 1);
	expect_record(rd, 2, 3, "2", "y", NULL);
	reading_free(rd);
}

static void test_field_of_exactly_64k_accepted(void **state)
{
	struct reading *rd = read_long_field(*state, CSVIN_MAX_FIELD);
	const struct rec *r = rec_at(rd, 1);

	assert_null(r->error);
	assert_int_equal(strlen(field_at(r, 1)), CSVIN_MAX_FIELD);
	expect_record(rd, 2, 3, "2", "y", NULL);
	reading_free(rd);
}

static void test_long_quoted_field_over_many_lines_rejected_lines_counted(void **state)
{
	GString *s = g_string_new("h;x\n1;\"");
	struct reading *rd;

	for (int i = 0; i < 70; i++) {
		for (int j = 0; j < 999; j++)
			g_string_append_c(s, 'x');
		g_string_append_c(s, '\n');
	}
	g_string_append(s, "\";end\n2;y\n");
	rd = read_text(*state, s->str);
	expect_count(rd, 3);
	expect_error(rd, 1, 2, "field longer than 64 KiB");
	expect_record(rd, 2, 73, "2", "y", NULL);
	reading_free(rd);
	g_string_free(s, TRUE);
}

/* A record "1;" followed by `n` copies of `unit`, on line 2 after a header. */
static struct reading *read_long_record(struct scratch *fx, const char *unit, size_t n,
					const char *encoding)
{
	GString *s = g_string_new("h;x\n1;");
	struct reading *rd;

	for (size_t i = 0; i < n; i++)
		g_string_append(s, unit);
	g_string_append(s, "\n");
	rd = read_bytes_as(fx, s->str, s->len, 0, encoding);
	assert_int_equal(rd->rc, 0);
	g_string_free(s, TRUE);
	return rd;
}

static void test_raw_longer_than_1k_truncated(void **state)
{
	struct reading *rd = read_long_record(*state, "x", 2000, NULL);
	const struct rec *r = rec_at(rd, 1);

	assert_null(r->error);
	assert_int_equal(strlen(field_at(r, 1)), 2000);
	assert_int_equal(r->raw_truncated, 1);
	assert_true(strlen(r->raw) <= CSVIN_MAX_RAW);
	assert_true(strlen(r->raw) >= CSVIN_MAX_RAW - 3);
	assert_memory_equal(r->raw, "1;xxx", 5);
	reading_free(rd);
}

static void test_raw_at_the_limit_kept_whole(void **state)
{
	struct reading *exact = read_long_record(*state, "x", CSVIN_MAX_RAW - 2, NULL);
	struct reading *over = read_long_record(*state, "x", CSVIN_MAX_RAW - 1, NULL);

	assert_int_equal(rec_at(exact, 1)->raw_truncated, 0);
	assert_int_equal(strlen(rec_at(exact, 1)->raw), CSVIN_MAX_RAW);
	assert_int_equal(rec_at(over, 1)->raw_truncated, 1);
	assert_int_equal(strlen(rec_at(over, 1)->raw), CSVIN_MAX_RAW);
	reading_free(exact);
	reading_free(over);
}

static void check_raw_cut_on_character(struct reading *rd)
{
	const struct rec *r = rec_at(rd, 1);

	assert_int_equal(r->raw_truncated, 1);
	assert_true(strlen(r->raw) <= CSVIN_MAX_RAW);
	assert_true(strlen(r->raw) >= CSVIN_MAX_RAW - 3);
	assert_true(g_utf8_validate(r->raw, -1, NULL));
	assert_true(g_str_has_prefix(field_at(r, 1), r->raw + 2));
}

static void test_raw_cut_on_a_character_boundary(void **state)
{
	struct reading *utf8 = read_long_record(*state, "\xC3\xA9", 1000, NULL);
	struct reading *euro = read_long_record(*state, "\xE2\x82\xAC", 1000, NULL);
	struct reading *cp1252 = read_long_record(*state, "\xE9", 2000, NULL);

	check_raw_cut_on_character(utf8);
	check_raw_cut_on_character(euro);
	assert_string_equal(cp1252->info.encoding, "WINDOWS-1252");
	check_raw_cut_on_character(cp1252);
	reading_free(utf8);
	reading_free(euro);
	reading_free(cp1252);
}

static void test_nul_byte_rejects_record(void **state)
{
	static const char bytes[] = "h;x\n1;a\0b\n2;ok\n";
	struct reading *rd = read_bytes_as(*state, bytes, sizeof bytes - 1, 0, NULL);

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "UTF-8");
	expect_count(rd, 3);
	expect_error(rd, 1, 2, "the record contains a NUL byte");
	assert_true(g_utf8_validate(rec_at(rd, 1)->raw, -1, NULL));
	expect_record(rd, 2, 3, "2", "ok", NULL);
	reading_free(rd);
}

/* ---- encodings (SPEC 3, 8.3) ---- */

static void test_windows_1252_detected_and_converted(void **state)
{
	struct reading *rd = read_text(*state, "h;x\n1;caf\xE9\n2;ok\n");

	assert_string_equal(rd->info.encoding, "WINDOWS-1252");
	assert_int_equal(rd->info.converted, 1);
	assert_int_equal(rd->d.warnings, 1);
	assert_int_equal(rd->d.errors, 0);
	assert_contains(rd->diag, "warning: not valid UTF-8; read as Windows-1252");
	assert_int_equal(strchr(rd->diag, '\n') - rd->diag + 1, (long)rd->diag_len);
	expect_record(rd, 1, 2, "1", "caf\xC3\xA9", NULL);
	assert_string_equal(rec_at(rd, 1)->raw, "1;caf\xC3\xA9");
	expect_record(rd, 2, 3, "2", "ok", NULL);
	reading_free(rd);
}

/* What Windows-1252 byte `b` should read as: iconv's answer, or U+0080..U+009F
 * for the five bytes the code page leaves undefined (SPEC 8.3). */
static char *expected_cp1252(unsigned char b)
{
	char in[1] = { (char)b };
	char *out = g_convert(in, 1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
	char buf[8];

	if (out)
		return out;
	buf[g_unichar_to_utf8(b, buf)] = '\0';
	return g_strdup(buf);
}

static void test_windows_1252_every_high_byte(void **state)
{
	GString *s = g_string_new("h\n");
	struct reading *rd;

	for (int b = 0x80; b <= 0xFF; b++) {
		g_string_append_c(s, 'b');
		g_string_append_c(s, (char)b);
		g_string_append_c(s, '\n');
	}
	rd = read_bytes_as(*state, s->str, s->len, 0, NULL);
	assert_string_equal(rd->info.encoding, "WINDOWS-1252");
	expect_count(rd, 1 + 0x80);
	for (int b = 0x80; b <= 0xFF; b++) {
		char *want = expected_cp1252((unsigned char)b);
		char *field = g_strconcat("b", want, NULL);

		expect_record(rd, (guint)(b - 0x7F), (unsigned long)(b - 0x7E), field, NULL);
		g_free(field);
		g_free(want);
	}
	expect_record(rd, 1, 2, "b\xE2\x82\xAC", NULL);   /* 0x80 -> € */
	expect_record(rd, 2, 3, "b\xC2\x81", NULL);       /* 0x81 -> U+0081 */
	reading_free(rd);
	g_string_free(s, TRUE);
}

/* ---- UTF-16 (SPEC 3, 8.24) ---- */

/* `text` (UTF-8) in UTF-16 of byte order `order` ("UTF-16LE" or
 * "UTF-16BE"), after a BOM when `bom`. */
static GByteArray *utf16_bytes(const char *text, size_t len, const char *order, int bom)
{
	GByteArray *b = g_byte_array_new();
	gsize n = 0;
	GError *err = NULL;
	char *conv = g_convert(text, (gssize)len, order, "UTF-8", NULL, &n, &err);

	assert_null(err);
	if (bom)
		g_byte_array_append(b, (const guint8 *)(strcmp(order, "UTF-16LE") ?
							"\xFE\xFF" : "\xFF\xFE"), 2);
	g_byte_array_append(b, (const guint8 *)conv, (guint)n);
	g_free(conv);
	return b;
}

static struct reading *read_utf16(struct scratch *fx, const char *text, const char *order,
				  int bom, const char *encoding)
{
	GByteArray *b = utf16_bytes(text, strlen(text), order, bom);
	struct reading *rd = read_bytes_as(fx, b->data, b->len, 0, encoding);

	g_byte_array_free(b, TRUE);
	if (rd->rc != 0)
		fail_msg("csvin_read failed:\n%s", rd->diag);
	return rd;
}

/* Excel's "Unicode text": TAB-separated, CRLF, quoted line breaks, accents
 * and a character outside the BMP. */
static const char unicode_text[] =
	"kanwil\tunit\tkode\tnilai\tcatatan\r\n"                        /* 1 */
	"K\tRutan Pangkalan B\xC3\xBBn\tA.01\tAda\t\"dua\r\n"           /* 2 */
	"baris \xF0\x9F\x98\x80\"\r\n"                                  /* 3 */
	"\r\n"                                                          /* 4 */
	"K\tLapas \xE2\x80\x9C" "A\xE2\x80\x9D\tA.02\tProses\t\r\n";       /* 5 */

static void check_unicode_text(struct reading *rd, const char *encoding)
{
	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, encoding);
	assert_int_equal(rd->info.had_bom, 1);
	assert_int_equal(rd->info.converted, 1);
	assert_int_equal(rd->info.delimiter, '\t');
	assert_int_equal(rd->d.warnings, 0);
	expect_count(rd, 3);
	expect_record(rd, 0, 1, "kanwil", "unit", "kode", "nilai", "catatan", NULL);
	expect_record(rd, 1, 2, "K", "Rutan Pangkalan B\xC3\xBBn", "A.01", "Ada",
		      "dua\r\nbaris \xF0\x9F\x98\x80", NULL);
	expect_record(rd, 2, 5, "K", "Lapas \xE2\x80\x9C" "A\xE2\x80\x9D", "A.02", "Proses", "",
		      NULL);
	assert_string_equal(rec_at(rd, 2)->raw,
			    "K\tLapas \xE2\x80\x9C" "A\xE2\x80\x9D\tA.02\tProses\t");
}

static void test_utf16le_with_bom_read_as_utf8(void **state)
{
	GByteArray *b = utf16_bytes(unicode_text, strlen(unicode_text), "UTF-16LE", 1);
	struct reading *rd = read_bytes_as(*state, b->data, b->len, 0, NULL);
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, b->data, b->len);

	check_unicode_text(rd, "UTF-16LE");
	assert_string_equal(rd->info.sha256, sha);
	g_free(sha);
	reading_free(rd);
	g_byte_array_free(b, TRUE);
}

static void test_utf16be_with_bom_read_as_utf8(void **state)
{
	struct reading *rd = read_utf16(*state, unicode_text, "UTF-16BE", 1, NULL);

	check_unicode_text(rd, "UTF-16BE");
	reading_free(rd);
}

/* --encoding names UTF-16 with or without its byte order; without one, the
 * BOM tells, else little-endian. */
static void test_utf16_forced(void **state)
{
	struct reading *rd;

	rd = read_utf16(*state, "h;v\n1;\xC3\xA9\n", "UTF-16LE", 0, "UTF-16LE");
	assert_string_equal(rd->info.encoding, "UTF-16LE");
	assert_int_equal(rd->info.had_bom, 0);
	expect_record(rd, 1, 2, "1", "\xC3\xA9", NULL);
	reading_free(rd);
	rd = read_utf16(*state, "h;v\n1;\xC3\xA9\n", "UTF-16BE", 0, "utf-16be");
	assert_string_equal(rd->info.encoding, "UTF-16BE");
	expect_record(rd, 1, 2, "1", "\xC3\xA9", NULL);
	reading_free(rd);
	rd = read_utf16(*state, "h;v\n1;\xC3\xA9\n", "UTF-16BE", 1, "UTF-16");
	assert_string_equal(rd->info.encoding, "UTF-16BE");
	assert_int_equal(rd->info.had_bom, 1);
	expect_record(rd, 0, 1, "h", "v", NULL);
	reading_free(rd);
	rd = read_utf16(*state, "h;v\n1;\xC3\xA9\n", "UTF-16LE", 0, "UTF16");
	assert_string_equal(rd->info.encoding, "UTF-16LE");
	expect_record(rd, 1, 2, "1", "\xC3\xA9", NULL);
	reading_free(rd);
}

/* Another forced encoding wins over the BOM: the bytes are read as told. */
static void test_forced_encoding_over_utf16_bom(void **state)
{
	struct reading *rd = read_utf16(*state, "h;v\n", "UTF-16LE", 1, "WINDOWS-1252");

	assert_string_equal(rd->info.encoding, "WINDOWS-1252");
	assert_int_equal(rd->info.had_bom, 0);
	reading_free(rd);
}

static void test_utf16_sep_hint(void **state)
{
	struct reading *rd = read_utf16(*state, "sep=|\r\na,b|c\r\n", "UTF-16LE", 1, NULL);

	assert_int_equal(rd->info.had_sep, 1);
	assert_int_equal(rd->info.delimiter, '|');
	expect_count(rd, 1);
	expect_record(rd, 0, 2, "a,b", "c", NULL);
	reading_free(rd);
}

/*
 * Unpaired surrogates and an odd last byte become U+FFFD, with one warning
 * at the line of the first; every record is still read. Units are
 * little-endian here: "\x3D\xD8" is a high surrogate, "\x00\xDC" a low one.
 */
static void test_utf16_errors_read_as_replacement(void **state)
{
	static const char bytes[] =
		"\xFF\xFE"
		"h\0;\0v\0\n\0"                         /* 1 */
		"1\0;\0a\0\x3D\xD8" "b\0\n\0"           /* 2: high surrogate, then 'b' */
		"2\0;\0\x00\xDC" "c\0\r\0\n\0"          /* 3: low surrogate alone */
		"3\0;\0\x3D\xD8\x3D\xD8\x00\xDE\n\0"    /* 4: high, then a pair */
		"4\0;\0d\0" "e";                        /* 5: odd last byte */
	struct reading *rd = read_bytes_as(*state, bytes, sizeof bytes - 1, 0, NULL);

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "UTF-16LE");
	assert_int_equal(rd->d.warnings, 1);
	assert_int_equal(rd->d.errors, 0);
	assert_contains(rd->diag, ":2: warning: not valid UTF-16 in 4 places (an unpaired "
			"surrogate or an odd last byte), read as U+FFFD; the first is here\n");
	expect_count(rd, 5);
	expect_record(rd, 1, 2, "1", "a\xEF\xBF\xBD" "b", NULL);
	expect_record(rd, 2, 3, "2", "\xEF\xBF\xBD" "c", NULL);
	expect_record(rd, 3, 4, "3", "\xEF\xBF\xBD\xF0\x9F\x98\x80", NULL);
	expect_record(rd, 4, 5, "4", "d\xEF\xBF\xBD", NULL);
	reading_free(rd);
}

/* A file of BOM and one byte: one U+FFFD, one warning, one record. */
static void test_utf16_bom_and_odd_byte(void **state)
{
	struct reading *rd = read_bytes_as(*state, "\xFF\xFEx", 3, 0, NULL);

	assert_int_equal(rd->rc, 0);
	assert_int_equal(rd->d.warnings, 1);
	expect_count(rd, 1);
	expect_record(rd, 0, 1, "\xEF\xBF\xBD", NULL);
	reading_free(rd);
	rd = read_bytes_as(*state, "\xFE\xFF", 2, 0, NULL);
	assert_string_equal(rd->info.encoding, "UTF-16BE");
	expect_count(rd, 0);
	reading_free(rd);
}

/*
 * A file of several chunks: a surrogate pair cut by the end of the first
 * (its high half is the chunk's last unit), and an unterminated quote in a
 * later chunk, after which reading goes back to the next line (SPEC 8.4):
 * the text and the line numbers are those of the same file in UTF-8.
 */
static void test_utf16_chunks_pairs_and_rewind(void **state)
{
	GString *text = g_string_new("h;v\n");
	GByteArray *b;
	struct reading *rd, *want;
	guint i;

	/* Unit k of the text sits at byte 2 + 2k, after the BOM; the first
	 * chunk's last unit is k = UTF16_CHUNK / 2 - 1. */
	g_string_append(text, "1;");
	while (text->len < UTF16_CHUNK / 2 - 1)
		g_string_append_c(text, 'a');
	g_string_append(text, "\xF0\x9F\x98\x80z\n");
	for (i = 0; text->len < UTF16_CHUNK * 2; i++)
		g_string_append_printf(text, "%u;caf\xC3\xA9 \xE2\x82\xAC\n", i);
	g_string_append(text, "open;\"never closed\nnext;ok\n");
	for (i = 0; i < 3000; i++)
		g_string_append_printf(text, "t%u;\xF0\x9F\x98\x80\n", i);
	b = utf16_bytes(text->str, text->len, "UTF-16LE", 1);
	rd = read_bytes_as(*state, b->data, b->len, 0, NULL);
	want = read_text(*state, text->str);
	assert_int_equal(rd->rc, 0);
	assert_int_equal(rd->d.warnings, 0);
	assert_string_equal(field_at(rec_at(rd, 1), 1) + strlen(field_at(rec_at(rd, 1), 1)) - 5,
			    "\xF0\x9F\x98\x80z");
	expect_count(rd, want->recs->len);
	for (i = 0; i < want->recs->len; i++) {
		const struct rec *r = rec_at(rd, i), *w = rec_at(want, i);

		assert_int_equal(r->line, w->line);
		assert_int_equal(r->fields->len, w->fields->len);
		for (guint f = 0; f < w->fields->len; f++)
			assert_string_equal(field_at(r, f), field_at(w, f));
		assert_string_equal(r->raw, w->raw);
		if (w->error)
			assert_string_equal(r->error, w->error);
		else
			assert_null(r->error);
	}
	assert_non_null(rec_at(want, want->recs->len - 3002)->error);
	reading_free(rd);
	reading_free(want);
	g_byte_array_free(b, TRUE);
	g_string_free(text, TRUE);
}

/* A file of 'a' lines longer than one chunk, with `ch` starting at byte `at`. */
static GString *straddling_file(const char *ch, size_t at)
{
	GString *s = g_string_new("h\n");

	while (s->len + 100 <= at) {
		for (int i = 0; i < 99; i++)
			g_string_append_c(s, 'a');
		g_string_append_c(s, '\n');
	}
	while (s->len < at)
		g_string_append_c(s, 'a');
	g_string_append(s, ch);
	g_string_append(s, "z\n");
	while (s->len < CHUNK_END + 5000)
		g_string_append(s, "tail\n");
	return s;
}

static unsigned long line_of(const GString *s, size_t at)
{
	unsigned long line = 1;

	for (size_t i = 0; i < at; i++)
		line += s->str[i] == '\n';
	return line;
}

static void check_straddling(struct scratch *fx, const char *ch, size_t at)
{
	GString *s = straddling_file(ch, at);
	unsigned long line = line_of(s, at);
	struct reading *rd = read_bytes_as(fx, s->str, s->len, 0, NULL);
	const struct rec *r = rec_at(rd, (guint)line - 1);
	char *tail = g_strconcat(ch, "z", NULL);

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "UTF-8");
	assert_int_equal(rd->info.converted, 0);
	assert_int_equal(rd->d.warnings, 0);
	assert_null(r->error);
	assert_int_equal(r->line, line);
	assert_true(g_str_has_suffix(field_at(r, 0), tail));
	g_free(tail);
	reading_free(rd);
	g_string_free(s, TRUE);
}

static void test_utf8_character_across_chunk_boundary_is_utf8(void **state)
{
	check_straddling(*state, "\xE2\x82\xAC", CHUNK_END - 1);          /* € at 65535..65537 */
	check_straddling(*state, "\xE2\x82\xAC", CHUNK_END - 2);
	check_straddling(*state, "\xF0\x9F\x98\x80", CHUNK_END - 1);      /* 😀 */
	check_straddling(*state, "\xF0\x9F\x98\x80", CHUNK_END - 2);
	check_straddling(*state, "\xF0\x9F\x98\x80", CHUNK_END - 3);
	check_straddling(*state, "\xC3\xA9", CHUNK_END - 1);              /* é */
}

static void test_broken_sequence_at_chunk_boundary_is_not_utf8(void **state)
{
	GString *s = straddling_file("\xE2\x82", CHUNK_END - 1);   /* € without its last byte */
	struct reading *rd = read_bytes_as(*state, s->str, s->len, 0, NULL);

	assert_string_equal(rd->info.encoding, "WINDOWS-1252");
	assert_int_equal(rd->info.converted, 1);
	assert_int_equal(rd->d.warnings, 1);
	reading_free(rd);
	g_string_free(s, TRUE);
}

static void test_forced_utf8_rejects_invalid_records(void **state)
{
	static const char text[] = "h;x\n1;caf\xE9\n2;ok\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), 0, "UTF-8");

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "UTF-8");
	assert_int_equal(rd->info.converted, 0);
	assert_int_equal(rd->d.warnings, 0);
	expect_count(rd, 3);
	expect_error(rd, 1, 2, "the record is not valid UTF-8");
	assert_true(g_utf8_validate(rec_at(rd, 1)->raw, -1, NULL));
	expect_record(rd, 2, 3, "2", "ok", NULL);
	reading_free(rd);
}

static void test_forced_iso_8859_15_through_iconv(void **state)
{
	static const char text[] = "h;x\n1;\xA4 \xBD\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), 0, "ISO-8859-15");

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "ISO-8859-15");
	assert_int_equal(rd->info.converted, 1);
	assert_int_equal(rd->d.warnings, 0);
	expect_record(rd, 1, 2, "1", "\xE2\x82\xAC \xC5\x93", NULL);     /* € œ */
	reading_free(rd);
}

static void test_forced_encoding_that_cannot_convert_rejects_record(void **state)
{
	static const char text[] = "h;x\n1;caf\xE9\n2;ok\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), 0, "ASCII");

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "ASCII");
	expect_count(rd, 3);
	expect_error(rd, 1, 2, "the record cannot be converted to UTF-8");
	assert_true(g_utf8_validate(rec_at(rd, 1)->raw, -1, NULL));
	expect_record(rd, 2, 3, "2", "ok", NULL);
	reading_free(rd);
}

static void test_forced_windows_1252_on_utf8_bytes(void **state)
{
	static const char text[] = "h;x\n1;\xC3\xA9\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), 0, "cp1252");

	assert_string_equal(rd->info.encoding, "WINDOWS-1252");
	assert_int_equal(rd->info.converted, 1);
	assert_int_equal(rd->d.warnings, 0);
	expect_record(rd, 1, 2, "1", "\xC3\x83\xC2\xA9", NULL);          /* Ã© */
	reading_free(rd);
}

static void test_unknown_forced_encoding_fails(void **state)
{
	static const char text[] = "h;x\n1;2\n";
	struct reading *rd = read_bytes_as(*state, text, strlen(text), 0, "NO-SUCH-CHARSET");

	assert_int_equal(rd->rc, -1);
	assert_int_equal(rd->d.errors, 1);
	assert_contains(rd->diag, "error: unknown encoding 'NO-SUCH-CHARSET'");
	expect_count(rd, 0);
	reading_free(rd);
}

static void test_missing_file_fails(void **state)
{
	struct scratch *fx = *state;
	char *path = g_build_filename(fx->dir, "absent.csv", NULL);
	struct reading *rd = read_file_as(path, 0, NULL);
	char *want = g_strdup_printf("%s: error: cannot open: ", path);

	assert_int_equal(rd->rc, -1);
	assert_int_equal(rd->d.errors, 1);
	assert_contains(rd->diag, want);
	expect_count(rd, 0);
	g_free(want);
	g_free(path);
	reading_free(rd);
}

static void test_directory_cannot_be_read(void **state)
{
	struct scratch *fx = *state;
	struct reading *rd = read_file_as(fx->dir, 0, NULL);

	assert_int_equal(rd->rc, -1);
	assert_contains(rd->diag, "error: cannot read");
	reading_free(rd);
}

/* ---- hash, size, stopping ---- */

static void check_sha256(struct scratch *fx, const void *bytes, size_t len)
{
	struct reading *rd = read_bytes_as(fx, bytes, len, 0, NULL);
	char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes, len);

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.sha256, want);
	g_free(want);
	reading_free(rd);
}

static void test_sha256_of_the_bytes_written(void **state)
{
	static const char small[] = "\xEF\xBB\xBFkanwil;unit\r\nK;caf\xC3\xA9\r\n";
	GString *big = g_string_new(NULL);
	struct reading *empty = read_bytes_as(*state, "", 0, 0, NULL);

	check_sha256(*state, small, sizeof small - 1);
	for (int i = 0; big->len < 3 * CHUNK_END + 17; i++)
		g_string_append_printf(big, "%d;row %d\n", i, i);
	check_sha256(*state, big->str, big->len);
	assert_string_equal(empty->info.sha256,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_count(empty, 0);
	reading_free(empty);
	g_string_free(big, TRUE);
}

/*
 * An unterminated quote far from the end makes the parser go back to the
 * line after it, across chunks it has already read and hashed: the hash
 * must still be of the file, each byte once, the BOM included.
 */
static GString *going_back_file(void)
{
	GString *s = g_string_new("\xEF\xBB\xBFkanwil;unit\n");

	while (s->len < CHUNK_END - 5)
		g_string_append(s, "K;u\n");
	/* The quote's line ends in the next chunk. */
	g_string_append(s, "K;\"open\nK;after\n");
	while (s->len < 3 * CHUNK_END)
		g_string_append(s, "K;v\n");
	return s;
}

static void test_sha256_after_going_back(void **state)
{
	GString *s = going_back_file();
	struct reading *rd = read_bytes_as(*state, s->str, s->len, 0, NULL);
	char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)s->str,
						 s->len);
	guint quote = 0;

	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.sha256, want);
	while (!rec_at(rd, quote)->error)
		quote++;
	expect_error(rd, quote, quote + 1, "unterminated quoted field");
	expect_record(rd, quote + 1, quote + 2, "K", "after", NULL);
	expect_count(rd, (guint)(quote + 2 + (s->len - (strstr(s->str, "after\n") + 6 -
							     s->str)) / 4));
	g_free(want);
	reading_free(rd);
	g_string_free(s, TRUE);
}

/* The same through the UTF-16 decoder, whose chunks are of the file's
 * bytes and whose text is UTF-8. */
static void test_sha256_after_going_back_utf16(void **state)
{
	GString *s = going_back_file();
	gsize n = 0;
	char *u16 = g_convert(s->str + 3, (gssize)s->len - 3, "UTF-16LE", "UTF-8", NULL, &n,
			      NULL);
	GByteArray *bytes = g_byte_array_new();
	struct reading *rd;
	char *want;

	g_byte_array_append(bytes, (const guint8 *)"\xFF\xFE", 2);
	g_byte_array_append(bytes, (const guint8 *)u16, (guint)n);
	want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes->data, bytes->len);
	rd = read_bytes_as(*state, bytes->data, bytes->len, 0, NULL);
	assert_int_equal(rd->rc, 0);
	assert_string_equal(rd->info.encoding, "UTF-16LE");
	assert_string_equal(rd->info.sha256, want);
	assert_null(rec_at(rd, rd->recs->len - 1)->error);
	g_free(want);
	g_free(u16);
	g_byte_array_free(bytes, TRUE);
	reading_free(rd);
	g_string_free(s, TRUE);
}

/* A callback that stops the reading early still gets the whole file's
 * hash: the rest is hashed without being parsed. */
static void test_sha256_when_the_callback_stops(void **state)
{
	GString *s = going_back_file();
	struct reading *rd = reading_new();
	char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)s->str,
						 s->len);

	rd->stop_after = 2;
	read_into(rd, scratch_write(*state, s->str, s->len), 0, NULL);
	assert_int_equal(rd->rc, -1);
	expect_count(rd, 2);
	assert_string_equal(rd->info.sha256, want);
	g_free(want);
	reading_free(rd);
	g_string_free(s, TRUE);
}

/* A file written to while it is parsed: reported, not parsed as if the
 * first pass's view of it still held. */
struct changer {
	struct reading *rd;
	const char *path;
	int done;
};

static int change_file(const struct csvin_record *rec, void *data)
{
	struct changer *c = data;
	FILE *fp;

	if (!c->done) {
		fp = fopen(c->path, "r+b");
		assert_non_null(fp);
		assert_int_equal(fseek(fp, -4, SEEK_END), 0);
		fputs("K;w\n", fp);
		fclose(fp);
		c->done = 1;
	}
	return copy_record(rec, c->rd);
}

static void test_file_changed_while_read(void **state)
{
	GString *s = going_back_file();
	const char *path = scratch_write(*state, s->str, s->len);
	struct csvin_options opt = { 0, NULL };
	struct changer c = { reading_new(), path, 0 };

	/* File times tick in steps of a few milliseconds: the change must
	 * come in a later step than the file's creation. */
	g_usleep(50000);
	c.rd->d.out = open_memstream(&c.rd->diag, &c.rd->diag_len);
	c.rd->rc = csvin_read(path, &opt, change_file, &c, &c.rd->info, &c.rd->d);
	fclose(c.rd->d.out);
	assert_int_equal(c.rd->rc, -1);
	assert_contains(c.rd->diag, "the file changed while it was read");
	assert_string_equal(c.rd->info.sha256, "");
	reading_free(c.rd);
	g_string_free(s, TRUE);
}

static void test_200000_lines_last_line_number(void **state)
{
	GString *s = g_string_new("h;v\n");
	struct reading *rd;
	const struct rec *last;

	for (int i = 2; i <= 200000; i++)
		g_string_append_printf(s, "%d;x\n", i);
	rd = read_text(*state, s->str);
	expect_count(rd, 200000);
	last = rec_at(rd, 199999);
	assert_int_equal(last->line, 200000);
	assert_string_equal(field_at(last, 0), "200000");
	reading_free(rd);
	g_string_free(s, TRUE);
}

static void test_callback_can_stop_reading(void **state)
{
	static const char text[] = "a\nb\nc\nd\n";
	struct reading *rd = reading_new();

	rd->stop_after = 2;
	read_into(rd, scratch_write(*state, text, strlen(text)), 0, NULL);
	assert_int_equal(rd->rc, -1);
	expect_count(rd, 2);
	reading_free(rd);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sniff_picks_most_frequent),
		T(test_sniff_ties_go_to_semicolon_comma_tab_pipe),
		T(test_sniff_ignores_quoted_delimiters),
		T(test_sniff_quote_inside_unquoted_field_is_literal),
		T(test_sniff_uses_first_non_blank_line),
		T(test_sniff_in_file_ignores_quoted_delimiters),
		T(test_forced_delimiter_overrides_sniffing),
		T(test_sep_hint_sets_delimiter_and_is_no_record),
		T(test_sep_hint_any_case_any_line_end_after_bom),
		T(test_sep_hint_tab_and_line_numbers),
		T(test_forced_delimiter_overrides_sep_hint),
		T(test_not_a_sep_hint),
		T(test_sep_hint_alone_is_an_empty_file),
		T(test_bom_stripped_and_reported),
		T(test_line_ends_lf_crlf_cr_read_alike),
		T(test_quoted_field_keeps_delimiter_quotes_and_line_break),
		T(test_quoted_field_over_several_lines_counts_them),
		T(test_text_after_closing_quote_appended),
		T(test_quote_inside_unquoted_field_is_literal),
		T(test_unquoted_trimmed_quoted_keeps_spaces),
		T(test_blank_and_all_empty_records_skipped),
		T(test_trailing_delimiter_gives_empty_field),
		T(test_unterminated_quote_rejects_one_record_and_resumes),
		T(test_unterminated_quote_on_last_line),
		T(test_field_longer_than_64k_rejected_next_read),
		T(test_field_of_exactly_64k_accepted),
		T(test_long_quoted_field_over_many_lines_rejected_lines_counted),
		T(test_raw_longer_than_1k_truncated),
		T(test_raw_at_the_limit_kept_whole),
		T(test_raw_cut_on_a_character_boundary),
		T(test_nul_byte_rejects_record),
		T(test_windows_1252_detected_and_converted),
		T(test_windows_1252_every_high_byte),
		T(test_utf8_character_across_chunk_boundary_is_utf8),
		T(test_broken_sequence_at_chunk_boundary_is_not_utf8),
		T(test_forced_utf8_rejects_invalid_records),
		T(test_forced_iso_8859_15_through_iconv),
		T(test_forced_encoding_that_cannot_convert_rejects_record),
		T(test_forced_windows_1252_on_utf8_bytes),
		T(test_utf16le_with_bom_read_as_utf8),
		T(test_utf16be_with_bom_read_as_utf8),
		T(test_utf16_forced),
		T(test_forced_encoding_over_utf16_bom),
		T(test_utf16_sep_hint),
		T(test_utf16_errors_read_as_replacement),
		T(test_utf16_bom_and_odd_byte),
		T(test_utf16_chunks_pairs_and_rewind),
		T(test_unknown_forced_encoding_fails),
		T(test_missing_file_fails),
		T(test_directory_cannot_be_read),
		T(test_sha256_of_the_bytes_written),
		T(test_sha256_after_going_back),
		T(test_sha256_after_going_back_utf16),
		T(test_sha256_when_the_callback_stops),
		T(test_file_changed_while_read),
		T(test_200000_lines_last_line_number),
		T(test_callback_can_stop_reading),
	};

	return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
