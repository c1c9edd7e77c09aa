/* test_utf16.c — UTF-16 to UTF-8: byte orders, pairs cut anywhere, bad units, lines, chunks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "utf16.h"

/* Decode all of in[0..n) in one final call; the UTF-8, NUL-terminated. */
static char *decode_all(struct utf16 *u, const void *in, size_t n)
{
	char *out = g_malloc(n / 2 * 3 + 5);
	size_t used, len = utf16_decode(u, in, n, 1, (unsigned char *)out, &used);

	assert_int_equal(used, n);
	out[len] = '\0';
	return out;
}

static void expect_decoded(int big_endian, const void *in, size_t n, const char *want,
			   unsigned long bad, unsigned long first_bad_line)
{
	struct utf16 *u = g_new(struct utf16, 1);
	char *got;

	utf16_init(u, big_endian, 0);
	got = decode_all(u, in, n);
	assert_string_equal(got, want);
	assert_int_equal(u->bad, bad);
	if (bad)
		assert_int_equal(u->first_bad_line, first_bad_line);
	g_free(got);
	g_free(u);
}

static void test_both_byte_orders(void **state)
{
	expect_decoded(0, "a\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE", 10,
		       "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 0, 0);
	expect_decoded(1, "\0a\0\xE9\x20\xAC\xD8\x3D\xDE\x00", 10,
		       "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 0, 0);
	expect_decoded(0, "", 0, "", 0, 0);
}

/* U+FFFD for each unpaired surrogate and an odd last byte, counted, with
 * the line of the first; the unit after a lone high surrogate is its own. */
static void test_bad_units_become_replacement(void **state)
{
	static const char le[] =
		"a\0\n\0"               /* line 1 */
		"\x3D\xD8;\0"           /* line 2: lone high surrogate, then ';' */
		"\x00\xDC\r\0\n\0"      /* low surrogate alone; CR LF is one break */
		"\x3D\xD8\x3D\xD8\x00\xDE"      /* line 3: high, then a pair */
		"x";                    /* odd last byte */

	expect_decoded(0, le, sizeof le - 1,
		       "a\n\xEF\xBF\xBD;\xEF\xBF\xBD\r\n\xEF\xBF\xBD\xF0\x9F\x98\x80\xEF\xBF\xBD",
		       4, 2);
	expect_decoded(0, "\r\0\r\0\n\0\x3D\xD8", 8, "\r\r\n\xEF\xBF\xBD", 1, 3);
	expect_decoded(1, "\xDC\x00", 2, "\xEF\xBF\xBD", 1, 1);
}

/* Cut anywhere, in two calls, the text is the same as in one: a half unit
 * or a high surrogate waits for the next call. */
static void test_cut_anywhere(void **state)
{
	static const char le[] = "a\0\x3D\xD8\x00\xDE\n\0\xE9\0\x3D\xD8\x01\xDE" "b\0";
	size_t n = sizeof le - 1;
	struct utf16 *whole = g_new(struct utf16, 1);
	char *want;

	utf16_init(whole, 0, 0);
	want = decode_all(whole, le, n);
	for (size_t cut = 0; cut <= n; cut++) {
		struct utf16 *u = g_new(struct utf16, 1);
		unsigned char out[64];
		size_t used, len;
		GString *got = g_string_new(NULL);
		GByteArray *rest = g_byte_array_new();

		utf16_init(u, 0, 0);
		len = utf16_decode(u, (const unsigned char *)le, cut, 0, out, &used);
		assert_true(used <= cut && cut - used < 4);
		g_string_append_len(got, (const char *)out, (gssize)len);
		g_byte_array_append(rest, (const guint8 *)le + used, (guint)(n - used));
		len = utf16_decode(u, rest->data, rest->len, 1, out, &used);
		assert_int_equal(used, rest->len);
		g_string_append_len(got, (const char *)out, (gssize)len);
		assert_string_equal(got->str, want);
		assert_int_equal(u->bad, 0);
		assert_int_equal(u->breaks, 1);
		g_byte_array_free(rest, TRUE);
		g_string_free(got, TRUE);
		g_free(u);
	}
	g_free(want);
	g_free(whole);
}

struct order_case {
	const char *head;
	size_t n;
	const char *forced;
	int order;
	size_t bom;
};

static void test_order_from_bom_or_name(void **state)
{
	static const struct order_case cases[] = {
		{ "\xFF\xFEh", 3, NULL, 'L', 2 },
		{ "\xFE\xFF\0", 3, NULL, 'B', 2 },
		{ "\xEF\xBB\xBF", 3, NULL, 0, 0 },
		{ "h;v", 3, NULL, 0, 0 },
		{ "\xFF", 1, NULL, 0, 0 },
		{ "", 0, NULL, 0, 0 },
		{ "h\0;", 3, "UTF-16LE", 'L', 0 },
		{ "\0h\0", 3, "utf16be", 'B', 0 },
		{ "\xFE\xFF\0", 3, "UTF-16", 'B', 2 },
		{ "\xFF\xFEh", 3, "utf-16", 'L', 2 },
		{ "h\0;", 3, "UTF-16", 'L', 0 },
		{ "\xFE\xFF\0", 3, "UTF-16LE", 'L', 0 },  /* not its BOM: kept as text */
		{ "\xFF\xFEh", 3, "WINDOWS-1252", 0, 0 },
		{ "\xFF\xFEh", 3, "UTF-16X", 0, 0 },
		{ "\xFF\xFEh", 3, "UTF-32LE", 0, 0 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		size_t bom = 99;
		int order = utf16_order((const unsigned char *)cases[i].head, cases[i].n,
					cases[i].forced, &bom);

		if (order != cases[i].order || bom != cases[i].bom)
			fail_msg("case %zu (%s): order %d bom %zu, expected %d %zu", i,
				 cases[i].forced ? cases[i].forced : "sniffed", order, bom,
				 cases[i].order, cases[i].bom);
	}
}

/* utf16_read() over a file of several chunks gives the text of one call,
 * and starting again at a chunk's offset gives that chunk's text again. */
static void test_read_in_chunks_and_again(void **state)
{
	GByteArray *bytes = g_byte_array_new();
	struct utf16 *u = g_new(struct utf16, 1), *again = g_new(struct utf16, 1);
	unsigned char *out = g_malloc(UTF16_TEXT_MAX), *out2 = g_malloc(UTF16_TEXT_MAX);
	GString *got = g_string_new(NULL);
	FILE *fp = tmpfile();
	off_t start, start2, second = -1;
	long len, len2;
	char *want;
	int chunks = 0;

	assert_non_null(fp);
	/* "xyz" then pairs: the high half of one is the first chunk's last unit. */
	g_byte_array_append(bytes, (const guint8 *)"x\0y\0z\0", 6);
	while (bytes->len < 3 * UTF16_CHUNK)
		g_byte_array_append(bytes, (const guint8 *)"\x3D\xD8\x00\xDE\n\0", 6);
	assert_int_equal(fwrite(bytes->data, 1, bytes->len, fp), bytes->len);
	rewind(fp);
	utf16_init(u, 0, 0);
	while ((len = utf16_read(u, fp, out, &start)) > 0) {
		g_string_append_len(got, (const char *)out, len);
		if (++chunks == 2)
			second = start;
	}
	assert_int_equal(len, 0);
	assert_int_equal(u->bad, 0);
	assert_true(chunks >= 3);
	utf16_init(u, 0, 0);
	want = decode_all(u, bytes->data, bytes->len);
	assert_string_equal(got->str, want);

	/* The second chunk starts on the high surrogate the first one cut. */
	assert_int_equal(second, UTF16_CHUNK - 2);
	assert_int_equal(fseeko(fp, second, SEEK_SET), 0);
	utf16_init(again, 0, second);
	len2 = utf16_read(again, fp, out2, &start2);
	assert_int_equal(start2, second);
	assert_true(len2 > 0);
	assert_memory_equal(out2, "\xF0\x9F\x98\x80\n", 5);
	fclose(fp);
	g_free(want);
	g_string_free(got, TRUE);
	g_free(out);
	g_free(out2);
	g_free(again);
	g_free(u);
	g_byte_array_free(bytes, TRUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_byte_orders),
		cmocka_unit_test(test_bad_units_become_replacement),
		cmocka_unit_test(test_cut_anywhere),
		cmocka_unit_test(test_order_from_bom_or_name),
		cmocka_unit_test(test_read_in_chunks_and_again),
	};

	return cmocka_run_group_tests_name("utf16", tests, NULL, NULL);
}
