/* test_balance.c — names broken into few lines of even length. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "balance.h"

/* Words of a text, each character 1 wide, a space 1 wide. */
static size_t widths(const char *text, double *w, char **words)
{
	char **parts = g_strsplit(text, " ", -1);
	size_t n = 0;

	for (size_t i = 0; parts[i]; i++) {
		w[n] = (double)g_utf8_strlen(parts[i], -1);
		words[n++] = parts[i];
	}
	g_free(parts);
	return n;
}

/* The lines as text, joined by '|'. */
static char *joined(char **words, size_t n, const size_t *starts, unsigned lines)
{
	GString *s = g_string_new(NULL);

	for (unsigned k = 0; k < lines; k++) {
		size_t end = k + 1 < lines ? starts[k + 1] : n;

		if (k)
			g_string_append_c(s, '|');
		for (size_t i = starts[k]; i < end; i++)
			g_string_append_printf(s, "%s%s", i > starts[k] ? " " : "", words[i]);
	}
	return g_string_free(s, FALSE);
}

static char *balance(const char *text, unsigned max, double width, double *longest)
{
	double w[64];
	char *words[64];
	size_t starts[8], n = widths(text, w, words);
	unsigned lines = balance_lines(w, n, 1, max, width, starts, longest);
	char *out = lines ? joined(words, n, starts, lines) : g_strdup("");

	for (size_t i = 0; i < n; i++)
		g_free(words[i]);
	return out;
}

static void test_one_line_when_it_fits(void **state)
{
	double longest = 0;
	char *s = balance("Lapas Kelas IIA Serang", 3, 40, &longest);

	assert_string_equal(s, "Lapas Kelas IIA Serang");
	assert_true(longest == 22);
	g_free(s);
}

/* Greedy filling would leave "Pelayanan" alone on the last line. */
static void test_lines_are_even(void **state)
{
	double longest = 0;
	char *s = balance("Kantor Imigrasi Kelas I Tempat Pemeriksaan Imigrasi Tangerang "
			  "(Unit Layanan Paspor)", 3, 40, &longest);

	/* Greedy: "Kantor Imigrasi Kelas I Tempat|Pemeriksaan Imigrasi
	 * Tangerang (Unit|Layanan Paspor)". */
	assert_string_equal(s, "Kantor Imigrasi Kelas I Tempat|Pemeriksaan Imigrasi "
			       "Tangerang|(Unit Layanan Paspor)");
	assert_true(longest == 30);
	g_free(s);
}

/* A 230-character name: three lines, none of them nearly empty. */
static void test_long_name_three_balanced_lines(void **state)
{
	const char *name = "Lembaga Pemasyarakatan Perempuan Kelas IIA Tangerang "
			   "bersama Balai Pemasyarakatan dan Rumah Penyimpanan Benda "
			   "Sitaan Negara Kelas I Tangerang (Unit Pelayanan Terpadu "
			   "Satu Atap Hak Asasi Manusia untuk Warga Binaan dan Keluarga)";
	double longest = 0;
	char *s = balance(name, 3, 100, &longest), **lines;

	assert_true(strlen(name) > 220);
	lines = g_strsplit(s, "|", -1);
	assert_int_equal(g_strv_length(lines), 3);
	for (int i = 0; i < 3; i++) {
		assert_true(g_utf8_strlen(lines[i], -1) <= (glong)longest);
		/* Balanced: every line within a long word of the longest. */
		assert_true(g_utf8_strlen(lines[i], -1) >= (glong)longest - 16);
	}
	assert_true(longest < 90);
	g_strfreev(lines);
	g_free(s);
}

static void test_does_not_fit(void **state)
{
	double w[3] = { 10, 50, 10 };
	size_t starts[3];

	/* A word wider than the line. */
	assert_int_equal(balance_lines(w, 3, 1, 3, 40, starts, NULL), 0);
	/* Too many words for the lines. */
	assert_int_equal(balance_lines(w, 3, 1, 1, 60, starts, NULL), 0);
	assert_int_equal(balance_lines(w, 3, 1, 2, 62, starts, NULL), 2);
	assert_int_equal(balance_lines(w, 0, 1, 2, 62, starts, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line_when_it_fits),
		cmocka_unit_test(test_lines_are_even),
		cmocka_unit_test(test_long_name_three_balanced_lines),
		cmocka_unit_test(test_does_not_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
