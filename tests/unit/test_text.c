/* test_text.c — folding, keys, ids, dates, number formatting, XML safety, prefixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "text.h"

/* An input and the output a string function should give for it. */
struct pair {
	const char *in;
	const char *out;
};

typedef char *(*text_fn)(const char *s);

/* Check every pair of a table, naming the input that fails. */
static void check_pairs(text_fn fn, const struct pair *pairs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *got = fn(pairs[i].in);

		if (strcmp(got, pairs[i].out) != 0) {
			print_error("input \"%s\": expected \"%s\", got \"%s\"\n",
				    pairs[i].in, pairs[i].out, got);
			g_free(got);
			fail();
		}
		g_free(got);
	}
}

#define CHECK_PAIRS(fn, table) check_pairs((fn), (table), G_N_ELEMENTS(table))

/* ---- text_fold, text_key, text_trim ---- */

static void test_fold_trims_collapses_and_casefolds(void **state)
{
	static const struct pair pairs[] = {
		{ "  Cukup   PATUH ", "cukup patuh" },
		{ "\tCukup\t\tPatuh\t", "cukup patuh" },
		{ "Cukup\xC2\xA0\xC2\xA0Patuh\xC2\xA0", "cukup patuh" },   /* NBSP */
		{ "\xC2\xA0 Cukup \t\xC2\xA0 patuh \n", "cukup patuh" },
		{ "Ada", "ada" },
		{ "", "" },
		{ " \t\xC2\xA0 ", "" },
		{ "STRASSE", "strasse" },
		{ "Stra\xC3\x9F" "e", "strasse" },                          /* ß folds to ss */
		{ "BAN\xC3\x9BN", "ban\xC3\xBBn" },                          /* Û -> û */
	};

	CHECK_PAIRS(text_fold, pairs);
}

static void test_key_ignores_case_space_underscore_dash_dot(void **state)
{
	static const struct pair pairs[] = {
		{ "Nama_UPT", "namaupt" },
		{ "nama-upt", "namaupt" },
		{ "Nama.UPT", "namaupt" },
		{ " NAMA UPT ", "namaupt" },
		{ "Nama\tUPT", "namaupt" },
		{ "Nama\xC2\xA0UPT", "namaupt" },
		{ "Kode.Kriteria", "kodekriteria" },
		{ "Data-Pendukung", "datapendukung" },
		{ "_-. ", "" },
	};

	CHECK_PAIRS(text_key, pairs);
}

static void test_trim_keeps_inside(void **state)
{
	static const struct pair pairs[] = {
		{ "  Lapas  A \t", "Lapas  A" },
		{ "\xC2\xA0Lapas A\xC2\xA0", "Lapas A" },
		{ "\xEF\xBB\xBFLapas A", "Lapas A" },                      /* U+FEFF */
		{ "Lapas\tA", "Lapas\tA" },
		{ "\n\r a \r\n", "a" },
		{ "", "" },
		{ "   ", "" },
		{ "\xC3\xA9", "\xC3\xA9" },
	};

	CHECK_PAIRS(text_trim, pairs);
}

/* ---- text_make_id (SPEC 4, 8.11) ---- */

static void test_make_id_examples_of_the_spec(void **state)
{
	static const struct pair pairs[] = {
		{ "Lapas Kelas III Cilegon", "lapas-kelas-iii-cilegon" },
		{ "Rutan Kelas IIB Pangkalan B\xC3\xBBn", "rutan-kelas-iib-pangkalan-bun" },
		{ "\xC3\x91" "and\xC3\xBA & \xC3\x91u", "nandu-nu" },
		{ "Stra\xC3\x9F" "e", "stra-e" },          /* ß has no ASCII decomposition */
	};

	CHECK_PAIRS(text_make_id, pairs);
}

static void test_make_id_drops_leading_trailing_and_repeated_dashes(void **state)
{
	static const struct pair pairs[] = {
		{ "../../x", "x" },
		{ "--Lapas--A--", "lapas-a" },
		{ "  Lapas   A  ", "lapas-a" },
		{ "Lapas <A> & \"B\"", "lapas-a-b" },
		{ "Lapas/../../etc/passwd", "lapas-etc-passwd" },
		{ "A.01", "a-01" },
	};

	CHECK_PAIRS(text_make_id, pairs);
}

static void test_make_id_empty_becomes_unit(void **state)
{
	static const struct pair pairs[] = {
		{ "...", "unit" },
		{ "", "unit" },
		{ "   ", "unit" },
		{ "\xE5\x8C\x97\xE4\xBA\xAC", "unit" },          /* 北京: no ASCII at all */
	};

	CHECK_PAIRS(text_make_id, pairs);
}

static void test_make_id_uses_compatibility_decomposition(void **state)
{
	static const struct pair pairs[] = {
		/* Fullwidth ＬＡＰＡＳ */
		{ "\xEF\xBC\xAC\xEF\xBC\xA1\xEF\xBC\xB0\xEF\xBC\xA1\xEF\xBC\xB3", "lapas" },
		/* Roman numeral Ⅲ (U+2162) */
		{ "Lapas Kelas \xE2\x85\xA2", "lapas-kelas-iii" },
		/* e + combining acute, already decomposed */
		{ "Caf" "e\xCC\x81", "cafe" },
		/* ligature ﬁ */
		{ "\xEF\xAC\x81le", "file" },
	};

	CHECK_PAIRS(text_make_id, pairs);
}

/*
 * Long ids (SPEC 8.17). The expected id is written out up to its cut; the
 * hash part is computed here with GChecksum over the trimmed name, apart
 * from the Nettle code that text_make_id() uses.
 */
static char *capped(const char *kept, const char *name)
{
	char *trimmed = g_strstrip(g_strdup(name));
	char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, trimmed, -1);
	char *id = g_strdup_printf("%s-%.8s", kept, hex);

	g_free(hex);
	g_free(trimmed);
	return id;
}

static void check_capped(const char *name, const char *kept)
{
	char *want = capped(kept, name);
	char *got = text_make_id(name);

	if (strcmp(got, want) != 0) {
		print_error("name \"%s\": expected \"%s\", got \"%s\"\n", name, want, got);
		fail();
	}
	assert_true(strlen(got) <= 64);
	g_free(want);
	g_free(got);
}

/* n copies of c, then the rest: test names of exact lengths. */
static char *repeat(char c, size_t n, const char *rest)
{
	char *s = g_malloc(n + strlen(rest) + 1);

	memset(s, c, n);
	strcpy(s + n, rest);
	return s;
}

static void test_make_id_keeps_64_bytes_and_caps_65(void **state)
{
	char *a64 = repeat('a', 64, ""), *a65 = repeat('a', 65, "");
	char *a55 = repeat('a', 55, "");
	char *got = text_make_id(a64);

	assert_string_equal(got, a64);
	g_free(got);
	check_capped(a65, a55);
	g_free(a64);
	g_free(a65);
	g_free(a55);
}

static void test_make_id_cuts_back_to_a_dash_in_the_last_ten_bytes(void **state)
{
	/* lembaga-pemasyarakatan-perempuan-kelas-iia-tangerang-banten-indonesia-raya:
	 * 74 bytes; its first 55 end "tangerang-ba", the '-' at byte 52. */
	check_capped("Lembaga Pemasyarakatan Perempuan Kelas IIA Tangerang Banten "
		     "Indonesia Raya",
		     "lembaga-pemasyarakatan-perempuan-kelas-iia-tangerang");
	/* rutan-...-bun-kotawaringin-...: bytes 45-54 are "kotawaring", no
	 * '-' there, so 55 bytes are kept; the hash is of the name's UTF-8. */
	check_capped("Rumah Tahanan Negara Kelas IIB Pangkalan B\xc3\xbbn Kotawaringin "
		     "Barat Kalimantan Tengah",
		     "rumah-tahanan-negara-kelas-iib-pangkalan-bun-kotawaring");
}

static void test_make_id_cut_edges(void **state)
{
	char *name, *kept;

	/* A '-' at byte 44 is outside the last ten: 55 bytes are kept. */
	name = repeat('a', 44, " bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	check_capped(name, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbb");
	g_free(name);
	/* At byte 45 it is the first of them: cut there. */
	name = repeat('a', 45, " bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	kept = repeat('a', 45, "");
	check_capped(name, kept);
	g_free(name);
	g_free(kept);
	/* At byte 54, the last of the 55: dropped. */
	name = repeat('a', 54, " bbbbbbbbbbbbbbbbbbbb");
	kept = repeat('a', 54, "");
	check_capped(name, kept);
	g_free(name);
	g_free(kept);
	/* At byte 55, just after the cut: not among the 55. */
	name = repeat('a', 55, " bbbbbbbbbbbbbbbbbbbb");
	kept = repeat('a', 55, "");
	check_capped(name, kept);
	g_free(name);
	g_free(kept);
	/* Several in the last ten: the last one. */
	name = repeat('a', 46, " b c dddddddddddddddddddd");
	kept = repeat('a', 46, "-b-c");
	check_capped(name, kept);
	g_free(name);
	g_free(kept);
}

static void test_make_id_hashes_the_trimmed_name(void **state)
{
	char *name = repeat('x', 300, ""), *padded = g_strdup_printf("  %s\t", name);
	char *a = text_make_id(name), *b = text_make_id(padded);
	char *c = text_make_id("Lapas & Rutan Kelas IIA Tangerang Banten Jawa Indonesia Raya Satu Dua");
	char *d = text_make_id("Lapas - Rutan Kelas IIA Tangerang Banten Jawa Indonesia Raya Satu Dua");
	char *kept = repeat('x', 55, "");

	/* Padding does not change the display name, so not the id. */
	assert_string_equal(a, b);
	check_capped(padded, kept);
	/* Names alike for 55 bytes of their id still get different ids. */
	assert_int_equal(strlen(c), strlen(d));
	assert_true(strlen(c) > 8 && strlen(c) <= 64);
	assert_memory_equal(c, d, strlen(c) - 8);
	assert_string_not_equal(c, d);
	g_free(name);
	g_free(padded);
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(d);
	g_free(kept);
}

/* ---- text_parse_date (SPEC 8.8) ---- */

struct date_case {
	const char *in;
	int ymd;        /* 0: not a date */
};

/* Each case parses to its date, and with a four-digit year as written
 * (`two_digit` 0) unless the case says otherwise. */
static void check_dates_yy(const struct date_case *cases, size_t n, int two_digit)
{
	for (size_t i = 0; i < n; i++) {
		int yy = -1;
		int got = text_parse_date(cases[i].in, &yy);

		if (got != cases[i].ymd) {
			print_error("date \"%s\": expected %d, got %d\n", cases[i].in,
				    cases[i].ymd, got);
			fail();
		}
		if (got && yy != two_digit) {
			print_error("date \"%s\": two-digit year flag %d, expected %d\n",
				    cases[i].in, yy, two_digit);
			fail();
		}
		if (text_parse_date(cases[i].in, NULL) != got)
			fail_msg("date \"%s\": a NULL flag changes the result", cases[i].in);
	}
}

static void check_dates(const struct date_case *cases, size_t n)
{
	check_dates_yy(cases, n, 0);
}

#define CHECK_DATES(table) check_dates((table), G_N_ELEMENTS(table))

static void test_parse_date_accepts_every_spec_form(void **state)
{
	static const struct date_case cases[] = {
		{ "2019-10-03", 20191003 },
		{ "3/10/2019", 20191003 },
		{ "03/10/2019", 20191003 },
		{ "3-10-2019", 20191003 },
		{ "03-10-2019", 20191003 },
		{ "3 Oktober 2019", 20191003 },
		{ "3 october 2019", 20191003 },
		{ "03 OKTOBER 2019", 20191003 },
		{ "  3  Oktober\t2019 ", 20191003 },
		{ "29 Februari 2020", 20200229 },
		{ "1 Mei 2019", 20190501 },
		{ "1 May 2019", 20190501 },
		{ "31 Desember 2019", 20191231 },
		{ "31 December 2019", 20191231 },
		{ "17 Agustus 1945", 19450817 },
		{ "15/1/2019", 20190115 },
		{ "3.10.2019", 20191003 },
		{ "03.10.2019", 20191003 },
		{ "31.12.2019", 20191231 },
	};

	CHECK_DATES(cases);
}

/* SPEC 3: a time after an ISO date is ignored; the date is taken as written,
 * whatever the offset says. */
static void test_parse_date_iso_with_a_time(void **state)
{
	static const struct date_case cases[] = {
		{ "2019-10-03 14:05", 20191003 },
		{ "2019-10-03T14:05:00", 20191003 },
		{ "2019-10-03t14:05:00", 20191003 },
		{ "2019-10-03 9:05", 20191003 },
		{ "2019-10-03   14:05:59 ", 20191003 },
		{ "2019-10-03 00:00:00.000", 20191003 },
		{ "2019-10-03T23:59:60Z", 20191003 },
		{ "2019-10-03T14:05:00+07:00", 20191003 },
		{ "2019-10-03T23:05:00-0300", 20191003 },
		{ "2019-10-03 14:05+07", 20191003 },
		{ "2019-1-3 14:05", 20190103 },
		{ "2019-10-03 ", 20191003 },      /* trailing space trimmed: no time */
	};
	static const struct date_case bad[] = {
		{ "2019-10-03T", 0 },
		{ "2019-10-03 x", 0 },
		{ "2019-10-03 14", 0 },
		{ "2019-10-03 14:5", 0 },
		{ "2019-10-03 14:05:5", 0 },
		{ "2019-10-03 24:00", 0 },
		{ "2019-10-03 14:60", 0 },
		{ "2019-10-03 14:05:61", 0 },
		{ "2019-10-03 14:05:00.", 0 },
		{ "2019-10-03 14:05 x", 0 },
		{ "2019-10-03 14:05+7", 0 },
		{ "2019-10-03 14:05+07:", 0 },
		{ "2019-10-03 14:05+07:5", 0 },
		{ "2019-10-03T14.05", 0 },
		{ "2019-02-30 10:00", 0 },        /* the date must still be a date */
		{ "03/10/2019 14:05", 0 },        /* a time after an ISO date only */
		{ "3 Oktober 2019 14:05", 0 },
	};

	CHECK_DATES(cases);
	CHECK_DATES(bad);
}

/* SPEC 3, 8.22: DD/MM/YY, DD-MM-YY and DD.MM.YY are 20YY, and say so. */
static void test_parse_date_two_digit_years_are_20yy(void **state)
{
	static const struct date_case cases[] = {
		{ "03/10/19", 20191003 },
		{ "3/10/19", 20191003 },
		{ "10/3/19", 20190310 },
		{ "03-10-19", 20191003 },
		{ "3.10.19", 20191003 },
		{ "31.12.99", 20991231 },
		{ "1/1/00", 20000101 },
		{ "29/02/20", 20200229 },
		{ "19-10-03", 20031019 },       /* day first, like the four-digit forms */
	};
	static const struct date_case bad[] = {
		{ "29/02/19", 0 },
		{ "31/04/19", 0 },
		{ "3/10/019", 0 },              /* two or four digits, not three */
		{ "3/10/1", 0 },
		{ "3 Oktober 19", 0 },          /* month names take four-digit years */
		{ "03/10/19 14:05", 0 },
		{ "3/10.19", 0 },
	};

	check_dates_yy(cases, G_N_ELEMENTS(cases), 1);
	CHECK_DATES(bad);
}

/*
 * The spec's "one- or two-digit day and month" covers YYYY-MM-DD too: the
 * code reads the month and day of the ISO form with one or two digits.
 */
static void test_parse_date_iso_with_one_digit_month_and_day(void **state)
{
	static const struct date_case cases[] = {
		{ "2019-1-3", 20190103 },
		{ "2019-01-3", 20190103 },
		{ "2019-1-03", 20190103 },
	};

	CHECK_DATES(cases);
}

static void test_parse_date_rejects_impossible_days(void **state)
{
	static const struct date_case cases[] = {
		{ "29/02/2019", 0 },
		{ "29 Februari 2019", 0 },
		{ "31/04/2019", 0 },
		{ "2019-13-01", 0 },
		{ "2019-00-10", 0 },
		{ "2019-10-00", 0 },
		{ "32/01/2019", 0 },
		{ "0/1/2019", 0 },
	};

	CHECK_DATES(cases);
}

static void test_parse_date_rejects_other_forms(void **state)
{
	static const struct date_case cases[] = {
		{ "3 Okt 2019", 0 },            /* full month names only */
		{ "3 Oct 2019", 0 },
		{ "3 Oktober 19", 0 },
		{ "", 0 },
		{ "   ", 0 },
		{ "2019/10/03", 0 },
		{ "3/10-2019", 0 },             /* mixed separators */
		{ "3.10/2019", 0 },
		{ "2019.10.03", 0 },
		{ "003/10/2019", 0 },
		{ "3/100/2019", 0 },
		{ "2019-10-03x", 0 },
		{ "Oktober 3 2019", 0 },
		{ "3 Oktober 2019 x", 0 },
		{ "0999-01-01", 0 },
		{ "tanggal", 0 },
	};

	CHECK_DATES(cases);
}

/* Dates for libraries that want a time (workbook properties): midnight UTC. */
static void test_day_start(void **state)
{
	assert_int_equal(text_day_start(20191210), 1575936000);
	assert_int_equal(text_day_start(19700101), 0);
	assert_int_equal(text_day_start(20000229) - text_day_start(20000228), 86400);
	assert_int_equal(text_day_start(0), 0);
	assert_int_equal(text_day_start(20191301), 0);
}

static void test_format_iso_date(void **state)
{
	char buf[16];

	text_format_iso_date(buf, 20191003);
	assert_string_equal(buf, "2019-10-03");
	text_format_iso_date(buf, 20200229);
	assert_string_equal(buf, "2020-02-29");
}

/* ---- text_format_2 ---- */

struct number_case {
	double v;
	const char *out;
};

static void check_numbers(const struct number_case *cases, size_t n)
{
	char buf[32];

	for (size_t i = 0; i < n; i++) {
		text_format_2(buf, cases[i].v);
		if (strcmp(buf, cases[i].out) != 0) {
			print_error("%.17g: expected \"%s\", got \"%s\"\n", cases[i].v,
				    cases[i].out, buf);
			fail();
		}
	}
}

#define CHECK_NUMBERS(table) check_numbers((table), G_N_ELEMENTS(table))

static void test_format_2_two_decimals_and_rounding(void **state)
{
	static const struct number_case cases[] = {
		{ 85.5, "85.50" },
		{ 100, "100.00" },
		{ 0, "0.00" },
		{ 100.0 * 2 / 3, "66.67" },
		{ 100.0 / 3, "33.33" },
		{ 84.999, "85.00" },
		{ 85.494, "85.49" },
		{ 85.496, "85.50" },
		{ 0.006, "0.01" },
		{ 0.004, "0.00" },
		{ -0.004, "0.00" },             /* never "-0.00" */
		{ -0.0, "0.00" },
		/* Exact binary halves round up (SPEC 8.12), not to even. */
		{ 0.125, "0.13" },
		{ 0.625, "0.63" },
		{ 85.125, "85.13" },
		{ 85.375, "85.38" },
		/* Decimal halves are not halves in binary: 85.005 is
		 * 85.00499999999999545..., 2.675 is 2.67499999999999982236... */
		{ 85.005, "85.00" },
		{ 2.675, "2.67" },
		/* 85.015 is 85.01500000000000056843...: above the half. */
		{ 85.015, "85.02" },
	};

	CHECK_NUMBERS(cases);
}

/* Needs a locale with a decimal comma: `make deps` generates id_ID.UTF-8
 * (TEST_LOCALE in the Makefile). Without one the test fails rather than
 * skips, so that it never counts as passed without having run. */
static void test_format_2_uses_a_dot_in_any_locale(void **state)
{
	static const char *const locales[] = { "id_ID.UTF-8", "id_ID.utf8", "de_DE.UTF-8" };
	static const struct number_case cases[] = {
		{ 85.5, "85.50" },
		{ 1234.567, "1234.57" },
	};
	const char *set = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(locales) && !set; i++)
		set = setlocale(LC_NUMERIC, locales[i]);
	if (!set)
		fail_msg("no locale with a decimal comma (id_ID.UTF-8): run make deps");
	if (strcmp(localeconv()->decimal_point, ",") != 0) {
		setlocale(LC_NUMERIC, "C");
		fail_msg("locale %s has no decimal comma", set);
	}
	CHECK_NUMBERS(cases);
	setlocale(LC_NUMERIC, "C");
}

/* ---- Indonesian formatting ---- */

static void test_format_id_uses_a_decimal_comma(void **state)
{
	char buf[32];

	text_format_id_2(buf, 85.5);
	assert_string_equal(buf, "85,50");
	text_format_id_2(buf, 100);
	assert_string_equal(buf, "100,00");
	text_format_id_2(buf, -0.001);
	assert_string_equal(buf, "0,00");
}

static void test_format_id_count_groups_thousands_with_dots(void **state)
{
	static const struct { unsigned long n; const char *out; } cases[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1.000" }, { 61248, "61.248" },
		{ 1234567, "1.234.567" },
	};
	char buf[32];

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		text_format_id_count(buf, cases[i].n);
		assert_string_equal(buf, cases[i].out);
	}
}

static void test_format_id_date_names_the_month_in_indonesian(void **state)
{
	char buf[32];

	text_format_id_date(buf, 20191210);
	assert_string_equal(buf, "10 Desember 2019");
	text_format_id_date(buf, 20200201);
	assert_string_equal(buf, "1 Februari 2020");
	text_format_id_date(buf, 20190817);
	assert_string_equal(buf, "17 Agustus 2019");
}

/* ---- text_xml_legal ---- */

static void test_xml_safe_replaces_forbidden_characters(void **state)
{
	static const struct pair pairs[] = {
		{ "a\x01" "b", "a\xEF\xBF\xBD" "b" },
		{ "\x1F", "\xEF\xBF\xBD" },
		{ "\x08\x0B\x0C", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "\xEF\xBF\xBE", "\xEF\xBF\xBD" },                      /* U+FFFE */
		{ "\xEF\xBF\xBF", "\xEF\xBF\xBD" },                      /* U+FFFF */
	};

	CHECK_PAIRS(text_xml_legal, pairs);
}

static void test_xml_safe_keeps_tab_newlines_and_text(void **state)
{
	static const struct pair pairs[] = {
		{ "a\tb\nc\rd", "a\tb\nc\rd" },
		{ "Lapas <A> & \"B\"", "Lapas <A> & \"B\"" },
		{ "B\xC3\xBBn \xE2\x82\xAC \xF0\x9F\x98\x80", "B\xC3\xBBn \xE2\x82\xAC \xF0\x9F\x98\x80" },
		{ "\xC2\x81", "\xC2\x81" },                              /* U+0081 is allowed */
		{ "", "" },
	};

	CHECK_PAIRS(text_xml_legal, pairs);
}

/* ---- text_display_safe ---- */

/* text_display_safe() as a copy every time, for check_pairs(). */
static char *display_copy(const char *s)
{
	char *safe = text_display_safe(s);

	return safe ? safe : g_strdup(s);
}

#define FFFD "\xEF\xBF\xBD"

static void test_display_safe_replaces_each_class(void **state)
{
	static const struct pair pairs[] = {
		{ "a\x01" "b", "a" FFFD "b" },                          /* C0 */
		{ "\x1B[31m", FFFD "[31m" },                            /* ESC */
		{ "a\x7F", "a" FFFD },                                  /* DEL */
		{ "a\xC2\x85" "b", "a" FFFD "b" },                      /* C1 NEL */
		{ "\xC2\x9F", FFFD },                                   /* last C1 */
		{ "\xE2\x80\xAA", FFFD },                               /* U+202A */
		{ "Lapas \xE2\x80\xAE" "IIA", "Lapas " FFFD "IIA" },    /* U+202E */
		{ "\xE2\x81\xA6" "x\xE2\x81\xA9", FFFD "x" FFFD },     /* U+2066, U+2069 */
		{ "\xEF\xBF\xBE\xEF\xBF\xBF", FFFD FFFD },              /* U+FFFE, U+FFFF */
		{ "a\xF0" "b", "a" FFFD "b" },                          /* invalid UTF-8 */
		{ "\xFF\xFE", FFFD FFFD },
		{ "a\tb", "a b" },                                      /* tab */
		{ "a\r\nb\rc", "a\nb\nc" },                           /* line ends */
	};

	CHECK_PAIRS(display_copy, pairs);
}

static void test_display_safe_keeps_text_and_says_so(void **state)
{
	static const char *keep[] = {
		"", "Lapas Kelas IIA", "a\nb", "B\xC3\xBBn \xE2\x82\xAC \xF0\x9F\x98\x80",
		"\xC2\xA0\xC2\xA9",                                     /* NBSP, (c): not C1 */
		"\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA",  /* neighbours of the bidi ranges */
		"\xD8\xA7\xD9\x84\xD8\xB9", "\xE4\xB8\xAD\xE6\x96\x87",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(keep); i++)
		assert_null(text_display_safe(keep[i]));
}

/* ---- text_prefix ---- */

static void check_prefix(const char *s, size_t max, const char *want, int want_truncated)
{
	int truncated = -1;
	char *got = text_prefix(s, max, &truncated);

	if (strcmp(got, want) != 0 || truncated != want_truncated) {
		print_error("prefix of \"%s\" at %zu: expected \"%s\" (%d), got \"%s\" (%d)\n",
			    s, max, want, want_truncated, got, truncated);
		g_free(got);
		fail();
	}
	assert_true(g_utf8_validate(got, -1, NULL));
	g_free(got);
}

static void test_prefix_ascii(void **state)
{
	check_prefix("abcdef", 3, "abc", 1);
	check_prefix("abcdef", 6, "abcdef", 0);
	check_prefix("abcdef", 100, "abcdef", 0);
	check_prefix("abcdef", 0, "", 1);
	check_prefix("", 0, "", 0);
}

static void test_prefix_never_splits_a_character(void **state)
{
	const char *e4 = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  /* éééé, 8 bytes */

	check_prefix(e4, 5, "\xC3\xA9\xC3\xA9", 1);
	check_prefix(e4, 4, "\xC3\xA9\xC3\xA9", 1);
	check_prefix(e4, 1, "", 1);
	check_prefix(e4, 7, "\xC3\xA9\xC3\xA9\xC3\xA9", 1);
	check_prefix(e4, 8, e4, 0);
	check_prefix("\xE2\x82\xAC\xE2\x82\xAC", 5, "\xE2\x82\xAC", 1);   /* €€ */
	check_prefix("\xF0\x9F\x98\x80" "a", 3, "", 1);                    /* 😀a */
	check_prefix("a\xF0\x9F\x98\x80", 4, "a", 1);
}

/* ---- text_csv_cell (SPEC 6 Tables) ---- */

static void test_csv_cell_guards_formulas(void **state)
{
	static const struct pair pairs[] = {
		{ "=1+1", "'=1+1" },
		{ "+62 21 555", "'+62 21 555" },
		{ "-Lapas", "'-Lapas" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
		{ "\t=1", "\"'\t=1\"" },
		{ "\r=1", "\"'\r=1\"" },
		{ "=a;b", "\"'=a;b\"" },
		{ "-", "'-" },
		/* Only the first character counts. */
		{ "A=1", "A=1" },
		{ " =1", "\" =1\"" },
		{ "Lapas - A", "Lapas - A" },
	};

	CHECK_PAIRS(text_csv_cell, pairs);
}

static void test_csv_cell_quotes(void **state)
{
	static const struct pair pairs[] = {
		{ "", "" },
		{ "Lapas A", "Lapas A" },
		{ "Ruang/loket", "Ruang/loket" },
		{ "a;b", "\"a;b\"" },
		{ "a,b", "\"a,b\"" },
		{ "a|b", "\"a|b\"" },
		{ "a\tb", "\"a\tb\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "two\r\nlines", "\"two\r\nlines\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "'quoted'", "'quoted'" },
		{ "Ban\xc3\xbbn", "Ban\xc3\xbbn" },
	};

	CHECK_PAIRS(text_csv_cell, pairs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_trims_collapses_and_casefolds),
		cmocka_unit_test(test_key_ignores_case_space_underscore_dash_dot),
		cmocka_unit_test(test_trim_keeps_inside),
		cmocka_unit_test(test_make_id_examples_of_the_spec),
		cmocka_unit_test(test_make_id_drops_leading_trailing_and_repeated_dashes),
		cmocka_unit_test(test_make_id_empty_becomes_unit),
		cmocka_unit_test(test_make_id_uses_compatibility_decomposition),
		cmocka_unit_test(test_make_id_keeps_64_bytes_and_caps_65),
		cmocka_unit_test(test_make_id_cuts_back_to_a_dash_in_the_last_ten_bytes),
		cmocka_unit_test(test_make_id_cut_edges),
		cmocka_unit_test(test_make_id_hashes_the_trimmed_name),
		cmocka_unit_test(test_parse_date_accepts_every_spec_form),
		cmocka_unit_test(test_parse_date_iso_with_one_digit_month_and_day),
		cmocka_unit_test(test_parse_date_iso_with_a_time),
		cmocka_unit_test(test_parse_date_two_digit_years_are_20yy),
		cmocka_unit_test(test_parse_date_rejects_impossible_days),
		cmocka_unit_test(test_parse_date_rejects_other_forms),
		cmocka_unit_test(test_format_iso_date),
		cmocka_unit_test(test_format_2_two_decimals_and_rounding),
		cmocka_unit_test(test_format_2_uses_a_dot_in_any_locale),
		cmocka_unit_test(test_format_id_uses_a_decimal_comma),
		cmocka_unit_test(test_format_id_count_groups_thousands_with_dots),
		cmocka_unit_test(test_format_id_date_names_the_month_in_indonesian),
		cmocka_unit_test(test_xml_safe_replaces_forbidden_characters),
		cmocka_unit_test(test_xml_safe_keeps_tab_newlines_and_text),
		cmocka_unit_test(test_display_safe_replaces_each_class),
		cmocka_unit_test(test_display_safe_keeps_text_and_says_so),
		cmocka_unit_test(test_prefix_ascii),
		cmocka_unit_test(test_prefix_never_splits_a_character),
		cmocka_unit_test(test_csv_cell_guards_formulas),
		cmocka_unit_test(test_csv_cell_quotes),
		cmocka_unit_test(test_day_start),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
