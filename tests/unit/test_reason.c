/* test_reason.c — every reason a row is rejected for has its Indonesian words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "reason.h"
#include "rubric.h"

static struct rubric *rubric;

/* A reason as the ingest stages write it, and what the documents show. */
static const struct {
	const char *en, *id;
} cases[] = {
	{ "empty unit", "nama UPT kosong" },
	{ "empty kode", "kode butir kosong" },
	{ "empty answer", "jawaban kosong" },
	{ "no kanwil: add a kanwil column or use --kanwil", "kantor wilayah tidak diisi" },
	{ "unknown unit type 'lapaz'", "jenis UPT “lapaz” tidak dikenal" },
	{ "cannot tell the unit type of 'Balai X' from its name; give it in a jenis column",
	  "jenis UPT “Balai X” tidak dapat ditentukan dari namanya; isi kolom jenis" },
	{ "unit 'Lapas A' is of type lapas, not rutan",
	  "UPT “Lapas A” berjenis Lembaga Pemasyarakatan, bukan Rumah Tahanan Negara" },
	{ "unit 'Lapas A' belongs to 'Banten', not 'Jawa Barat'",
	  "UPT “Lapas A” termasuk Banten, bukan Jawa Barat" },
	{ "item code 'Z.99' is not in the rubric for type rutan",
	  "kode butir “Z.99” tidak ada dalam rubrik untuk jenis Rumah Tahanan Negara" },
	{ "unknown answer 'Adaa' for A.01 (Ada, Tidak)",
	  "jawaban “Adaa” tidak dikenal untuk butir A.01 (pilihan: Ada, Tidak)" },
	/* A quoted value may hold the words around it. */
	{ "unknown answer 'x' for y' for A.02 (Ada, Tidak)",
	  "jawaban “x' for y” tidak dikenal untuk butir A.02 (pilihan: Ada, Tidak)" },
	{ "bad date '31/02/2019'", "tanggal “31/02/2019” tidak dapat dibaca" },
	{ "more than 100000 units: reading stops",
	  "lebih dari 100000 UPT: pembacaan dihentikan" },
	{ "record has 10 fields, the header has 9",
	  "baris berisi 10 kolom, sedangkan baris judul hanya 9" },
	{ "no answer marked", "tidak ada jawaban yang ditandai" },
	{ "several answers marked: Ada, Tidak", "lebih dari satu jawaban ditandai: Ada, Tidak" },
	{ "the record contains a NUL byte", "baris memuat karakter NUL" },
	{ "field longer than 64 KiB", "isi sel lebih dari 64 KiB" },
	{ "record too long", "baris terlalu panjang" },
	{ "unterminated quoted field", "tanda kutip pembuka tidak ditutup" },
	{ "the record is not valid UTF-8", "baris memuat karakter yang tidak sah dalam UTF-8" },
	{ "the record cannot be converted to UTF-8",
	  "baris tidak dapat dibaca dengan pengodean berkasnya" },
	{ "a cell beyond column XFD, the last a workbook has",
	  "ada sel di luar kolom XFD, kolom terakhir lembar kerja" },
	{ "cell longer than 64 KiB", "isi sel lebih dari 64 KiB" },
	{ "row longer than 1 MiB", "baris lebih dari 1 MiB" },
	{ "the row is not valid UTF-8", "baris memuat karakter yang tidak sah dalam UTF-8" },
	{ "a cell refers to a shared string the workbook does not have",
	  "sel merujuk ke teks yang tidak ada dalam buku kerja" },
};

static int setup(void **state)
{
	struct diag d = DIAG_INIT;

	(void)state;
	d.quiet = 1;
	rubric = rubric_load("../../templates/rubric.xml", &d);
	return rubric ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rubric_free(rubric);
	return 0;
}

static void test_translations(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int known = 0;
		char *id = reason_display(cases[i].en, rubric, &known);

		if (!known || strcmp(id, cases[i].id))
			fail_msg("%s: got '%s'", cases[i].en, id);
		g_free(id);
	}
}

/* Every pattern is exercised by some case above. */
static void test_every_pattern_has_a_case(void **state)
{
	const char *const *p = reason_patterns();

	(void)state;
	for (; *p; p++) {
		char *head = g_strndup(*p, strcspn(*p, "%"));
		int seen = 0;

		for (size_t i = 0; i < G_N_ELEMENTS(cases) && !seen; i++)
			seen = g_str_has_prefix(cases[i].en, head);
		if (!seen)
			fail_msg("no case for the pattern '%s'", *p);
		g_free(head);
	}
}

/* A reason nobody taught it is not shown in English. */
static void test_unknown(void **state)
{
	int known = 1;
	char *id = reason_display("some new reason 'x'", rubric, &known);

	(void)state;
	assert_int_equal(known, 0);
	assert_null(strstr(id, "reason"));
	assert_string_equal(id, "baris tidak dapat dibaca sebagai data verifikasi");
	g_free(id);
	id = reason_display("empty unit and more", rubric, &known);
	assert_int_equal(known, 0);
	g_free(id);
}

/* Values from the row are made display-safe (SPEC 8.19). */
static void test_display_safe(void **state)
{
	char *id = reason_display("bad date '1\x1b" "2'", NULL, NULL);

	(void)state;
	assert_string_equal(id, "tanggal “1\xEF\xBF\xBD" "2” tidak dapat dibaca");
	g_free(id);
}

/* The string literals (adjacent ones joined) that start at `from` in s. */
static char *literal_at(const char *from)
{
	GString *out = g_string_new(NULL);
	const char *p = from;

	while (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			g_string_append_c(out, *p);
		}
		if (*p)
			p++;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
	}
	return g_string_free(out, FALSE);
}

static int is_pattern(const char *s)
{
	for (const char *const *p = reason_patterns(); *p; p++)
		if (!strcmp(*p, s))
			return 1;
	return 0;
}

/*
 * The sources: every reason given to a rejected row is written at one of a
 * few kinds of places; each literal found there must be a known pattern,
 * so a reason added without its Indonesian fails here.
 */
static void test_sources(void **state)
{
	static const char *const files[] = { "ingest.c", "ingest_row.c", "csvin.c",
		"csvin_token.c", "workbook.c", "workbook_xlsx.c", "workbook_ods.c" };
	GRegex *site = g_regex_new("(?:why = |return |\\*why = )g_strdup(?:_printf)?\\("
				   "\\s*(?=\")|error = (?=\")|\\*error = [^;]*\\?\\s*(?=\")|"
				   ":\\s*(?=\"the record)|wb_row_error\\(wb,\\s*(?=\")",
				   G_REGEX_MULTILINE, 0, NULL);
	unsigned found = 0;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *path = g_strdup_printf("../../src/%s", files[i]), *text = NULL;
		GMatchInfo *mi;

		assert_true(g_file_get_contents(path, &text, NULL, NULL));
		g_regex_match(site, text, 0, &mi);
		for (; g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
			int end;
			char *lit;

			g_match_info_fetch_pos(mi, 0, NULL, &end);
			lit = literal_at(text + end);
			/* Formats of file names and the like are no reasons. */
			if (*lit && !strchr("%_", *lit) && !is_pattern(lit))
				fail_msg("%s: reason without Indonesian: '%s'", files[i], lit);
			found += *lit && is_pattern(lit);
			g_free(lit);
		}
		g_match_info_free(mi);
		g_free(text);
		g_free(path);
	}
	g_regex_unref(site);
	/* The scan must see the reasons it is there to check. */
	assert_true(found >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_every_pattern_has_a_case),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_display_safe),
		cmocka_unit_test(test_sources),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
