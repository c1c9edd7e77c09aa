/* test_form.c — the blank form: sections, sheet names, the workbook and the CSV. */
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
#include <glib/gstdio.h>

#include "testutil.h"

#include "form.h"
#include "rubric.h"

#define DEFAULT_RUBRIC "../../templates/rubric.xml"

static struct rubric *load(const char *path)
{
	struct diag d = DIAG_INIT;
	struct rubric *r = rubric_load(path, &d);

	if (!r)
		fail_msg("cannot load %s", path);
	return r;
}

static const struct rubric_unit_type *type_of(const struct rubric *r, const char *id)
{
	const struct rubric_unit_type *t = rubric_find_type(r, id);

	if (!t)
		fail_msg("no unit type %s", id);
	return t;
}

/* ---- sections ---- */

/* The sections as "TITLE: CODE CODE ...", one per line ("-" for no title). */
static char *sections_text(const struct rubric *r, const char *type)
{
	GPtrArray *sections = form_sections(r, type_of(r, type));
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < sections->len; i++) {
		const struct form_section *sec = g_ptr_array_index(sections, i);

		g_string_append_printf(s, "%s:", sec->title ? sec->title : "-");
		for (guint k = 0; k < sec->items->len; k++)
			g_string_append_printf(s, " %s", ((const struct rubric_item *)
							 g_ptr_array_index(sec->items, k))->code);
		g_string_append_c(s, '\n');
	}
	g_ptr_array_free(sections, TRUE);
	return g_string_free(s, FALSE);
}

static void expect_sections(const struct rubric *r, const char *type, const char *want)
{
	char *got = sections_text(r, type);

	if (strcmp(got, want))
		fail_msg("sections of %s:\n%s\nexpected:\n%s", type, got, want);
	g_free(got);
}

static void test_sections_follow_groups_then_others_then_gates(void **state)
{
	struct rubric *r = load(DEFAULT_RUBRIC);

	expect_sections(r, "lapas",
			"Layanan bagi pengunjung/pemohon: A.01 A.02 A.03 A.04 A.05 A.06 A.07 "
			"A.08 A.09 A.10 A.11\n"
			"Layanan bagi warga binaan: A.21 A.22 A.23 A.24\n"
			"Lainnya: B.01 C.01 C.02 C.03 C.04\n"
			"Syarat penghargaan: G.01\n");
	/* No warga binaan at an immigration office: no empty section. */
	expect_sections(r, "imigrasi",
			"Layanan bagi pengunjung/pemohon: A.01 A.02 A.03 A.04 A.05 A.06 A.07 "
			"A.08 A.09 A.10 A.11 A.12 A.13\n"
			"Lainnya: B.01 C.21 C.22 C.23 C.24\n"
			"Syarat penghargaan: G.01\n");
	rubric_free(r);
}

/* Groups in rubric order whatever the items' order; a gate between items
 * still goes to the end. */
static void test_sections_of_a_v2_rubric(void **state)
{
	struct rubric *r = load("data/rubric-v2.xml");

	expect_sections(r, "t1",
			"Layanan bagi pengunjung/pemohon: A.01\n"
			"Layanan bagi warga binaan: A.02\n"
			"Lainnya: A.03\n"
			"Syarat penghargaan: G.01\n");
	expect_sections(r, "t2", "Layanan bagi warga binaan: A.01\nSyarat penghargaan: G.02\n");
	rubric_free(r);
}

static void test_sections_without_groups_have_no_title(void **state)
{
	struct rubric *r = load("data/rubric-valid.xml");

	expect_sections(r, "t1", "-: A.01 A.02\n");
	rubric_free(r);
}

static void test_section_titles_recognised_folded(void **state)
{
	struct rubric *r = load(DEFAULT_RUBRIC);

	assert_true(form_is_section_title(r, "Layanan bagi warga binaan"));
	assert_true(form_is_section_title(r, "  LAYANAN bagi  pengunjung/pemohon "));
	assert_true(form_is_section_title(r, "lainnya"));
	assert_true(form_is_section_title(r, "Syarat penghargaan"));
	assert_false(form_is_section_title(r, "A.01"));
	assert_false(form_is_section_title(r, "Layanan bagi"));
	assert_false(form_is_section_title(r, ""));
	rubric_free(r);
}

/* ---- sheet names ---- */

static void expect_name(const char *label, const char *id, const GPtrArray *taken,
			const char *want)
{
	char *got = form_sheet_name(label, id, taken);

	if (strcmp(got, want))
		fail_msg("sheet name of '%s': '%s', expected '%s'", label, got, want);
	g_free(got);
}

static void test_sheet_names_follow_excel_rules(void **state)
{
	GPtrArray *none = g_ptr_array_new();

	expect_name("Lembaga Pemasyarakatan", "lapas", none, "Lembaga Pemasyarakatan");
	/* Cut at 31, then the space at the cut dropped. */
	expect_name("Rumah Penyimpanan Benda Sitaan Negara", "rupbasan", none,
		    "Rumah Penyimpanan Benda Sitaan");
	expect_name("Kanim [A]: Jakarta/Pusat*?\\", "x", none, "Kanim -A-- Jakarta-Pusat---");
	expect_name("'Kutip'", "x", none, "Kutip");
	expect_name("Tab\there", "x", none, "Tab-here");
	expect_name("", "lapas", none, "lapas");
	expect_name(" ' ", "", none, "Formulir");
	/* 31 UTF-16 units: a character outside the BMP counts two. */
	expect_name("\xF0\x9F\x8F\x9B Balai Harta Peninggalan Jakarta Pusat", "bhp", none,
		    "\xF0\x9F\x8F\x9B Balai Harta Peninggalan Jaka");
	expect_name("Kantor Imigrasi \xC3\x89lite", "x", none, "Kantor Imigrasi \xC3\x89lite");
	g_ptr_array_free(none, TRUE);
}

static void test_sheet_names_unique_without_case(void **state)
{
	GPtrArray *taken = g_ptr_array_new();

	g_ptr_array_add(taken, "Lapas");
	g_ptr_array_add(taken, "LAPAS (2)");
	g_ptr_array_add(taken, "Rumah Penyimpanan Benda Sitaan");
	expect_name("lapas", "x", taken, "lapas (3)");
	expect_name("Rumah Penyimpanan Benda Sitaan Negara", "x", taken,
		    "Rumah Penyimpanan Benda Sit (2)");
	/* Excel keeps "History" for itself. */
	expect_name("History", "x", taken, "History (2)");
	g_ptr_array_free(taken, TRUE);
}

static void test_workbook_names(void **state)
{
	assert_true(form_is_workbook_name("form.xlsx"));
	assert_true(form_is_workbook_name("dir/FORM.XLSX"));
	assert_true(form_is_workbook_name("a.XlSx"));
	assert_false(form_is_workbook_name("form.csv"));
	assert_false(form_is_workbook_name("form.xlsx.csv"));
	assert_false(form_is_workbook_name("xlsx"));
	assert_false(form_is_workbook_name("form.xls"));
}

/* ---- the workbook ---- */

/* Every unit type of `r`, as form_write_workbook() takes them. */
static GPtrArray *all_types(const struct rubric *r)
{
	GPtrArray *types = g_ptr_array_new();

	for (guint i = 0; i < r->unit_types->len; i++)
		g_ptr_array_add(types, g_ptr_array_index(r->unit_types, i));
	return types;
}

/* The workbook's bytes, or NULL when writing fails (`c` holds why). */
static GBytes *workbook_bytes(const struct rubric *r, const GPtrArray *types,
			      const struct form_options *opt, struct diag_capture *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int rc;

	assert_non_null(out);
	diag_capture_start(c);
	rc = form_write_workbook(r, types, opt, out, &c->d);
	diag_capture_stop(c);
	assert_int_equal(fclose(out), 0);
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return g_bytes_new_with_free_func(buf, len, free, buf);
}

/* Nothing left behind in `dir`. */
static void expect_empty_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	assert_non_null(d);
	name = g_dir_read_name(d);
	if (name)
		fail_msg("'%s' left in %s", name, dir);
	g_dir_close(d);
}

static void test_workbook_written_the_same_every_time(void **state)
{
	struct rubric *r = load(DEFAULT_RUBRIC);
	GPtrArray *types = all_types(r);
	struct scratch tmp = { 0 };
	struct diag_capture c;
	struct form_options opt = { "Lapas Kelas I \"Cipinang\"", "=1+1", 1575936000, NULL };
	GBytes *one, *two;

	assert_int_equal(scratch_open(&tmp, "p2ham-form"), 0);
	opt.tmpdir = tmp.dir;
	one = workbook_bytes(r, types, &opt, &c);
	assert_non_null(one);
	free(c.text);
	two = workbook_bytes(r, types, &opt, &c);
	assert_non_null(two);
	free(c.text);
	/* A zip archive, and a second run gives the very same bytes. */
	assert_true(g_bytes_get_size(one) > 4000);
	assert_memory_equal(g_bytes_get_data(one, NULL), "PK\x03\x04", 4);
	assert_true(g_bytes_equal(one, two));
	expect_empty_dir(tmp.dir);
	g_bytes_unref(one);
	g_bytes_unref(two);
	scratch_close(&tmp);
	g_ptr_array_free(types, TRUE);
	rubric_free(r);
}

/* A label with a comma cannot be in an inline drop-down list. */
static const char comma_rubric[] =
	"<rubric id=\"c\" version=\"2\" title=\"Koma\">\n"
	"  <scale id=\"yt\">\n"
	"    <level label=\"Ya, lengkap\" value=\"1\"/>\n"
	"    <level label=\"Tidak\" value=\"0\"/>\n"
	"  </scale>\n"
	"  <principle id=\"p\" label=\"P\"/>\n"
	"  <aspect id=\"A\" label=\"A\" weight=\"1\"/>\n"
	"  <award threshold=\"80\" aspect-floor=\"60\"/>\n"
	"  <unit-type id=\"t\" label=\"T\">\n"
	"    <item code=\"A.01\" aspect=\"A\" scale=\"yt\">Satu</item>\n"
	"  </unit-type>\n"
	"</rubric>\n";

static void test_workbook_refuses_a_label_with_a_comma(void **state)
{
	struct scratch tmp = { 0 };
	struct rubric *r;
	GPtrArray *types;
	struct diag_capture c;
	struct form_options opt = { NULL, NULL, 1, NULL };

	assert_int_equal(scratch_open(&tmp, "p2ham-form"), 0);
	r = load(scratch_write(&tmp, comma_rubric, strlen(comma_rubric)));
	types = all_types(r);
	opt.tmpdir = tmp.dir;
	assert_null(workbook_bytes(r, types, &opt, &c));
	assert_contains(c.text, "error: scale 'yt': the answer 'Ya, lengkap' cannot be in a "
			"drop-down list");
	assert_int_equal(c.d.errors, 1);
	free(c.text);
	g_ptr_array_free(types, TRUE);
	rubric_free(r);
	scratch_close(&tmp);
}

/* Text longer than a cell takes fails the workbook, and leaves nothing. */
static void test_workbook_refuses_text_too_long_for_a_cell(void **state)
{
	struct rubric *r = load(DEFAULT_RUBRIC);
	GPtrArray *types = all_types(r);
	struct scratch tmp = { 0 };
	struct diag_capture c;
	char *unit = g_strnfill(40000, 'x');
	struct form_options opt = { unit, NULL, 1, NULL };

	assert_int_equal(scratch_open(&tmp, "p2ham-form"), 0);
	opt.tmpdir = tmp.dir;
	assert_null(workbook_bytes(r, types, &opt, &c));
	assert_contains(c.text, "p2ham: error: cannot write the workbook form: ");
	expect_empty_dir(tmp.dir);
	free(c.text);
	g_free(unit);
	scratch_close(&tmp);
	g_ptr_array_free(types, TRUE);
	rubric_free(r);
}

static void test_workbook_needs_its_temporary_folder(void **state)
{
	struct rubric *r = load(DEFAULT_RUBRIC);
	GPtrArray *types = all_types(r);
	struct diag_capture c;
	struct form_options opt = { NULL, NULL, 1, "/nonexistent/p2ham" };

	assert_null(workbook_bytes(r, types, &opt, &c));
	assert_contains(c.text, "p2ham: error: cannot make a temporary folder for the workbook "
			"in '/nonexistent/p2ham': No such file or directory");
	free(c.text);
	g_ptr_array_free(types, TRUE);
	rubric_free(r);
}

/* ---- the CSV form ---- */

static void test_csv_form_of_one_type(void **state)
{
	struct rubric *r = load("data/rubric-v2.xml");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	form_write(r, type_of(r, "t2"), "Unit; satu", NULL, out);
	assert_int_equal(fclose(out), 0);
	assert_string_equal(buf, "\xEF\xBB\xBF"
			    "Kanwil;\r\n"
			    "Unit;\"Unit; satu\"\r\n"
			    "Jenis;t2\r\n"
			    "Verifikator;\r\n"
			    "Tanggal;\r\n"
			    "\r\n"
			    "Kode;Kriteria;Ya;Tidak;Data dukung;Catatan\r\n"
			    "G.02;Temuan yang belum ditindaklanjuti;;;;\r\n"
			    "A.01;Satu;;;;\r\n");
	free(buf);
	rubric_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_follow_groups_then_others_then_gates),
		cmocka_unit_test(test_sections_of_a_v2_rubric),
		cmocka_unit_test(test_sections_without_groups_have_no_title),
		cmocka_unit_test(test_section_titles_recognised_folded),
		cmocka_unit_test(test_sheet_names_follow_excel_rules),
		cmocka_unit_test(test_sheet_names_unique_without_case),
		cmocka_unit_test(test_workbook_names),
		cmocka_unit_test(test_workbook_written_the_same_every_time),
		cmocka_unit_test(test_workbook_refuses_a_label_with_a_comma),
		cmocka_unit_test(test_workbook_refuses_text_too_long_for_a_cell),
		cmocka_unit_test(test_workbook_needs_its_temporary_folder),
		cmocka_unit_test(test_csv_form_of_one_type),
	};

	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
