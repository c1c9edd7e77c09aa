/* test_tables.c — the ranking and item tables (SPEC 6, Tables) on small scored models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "rubric.h"
#include "score.h"
#include "tables.h"
#include "text.h"
#include "testutil.h"

/*
 * A rubric with grades, two aspects, a gate that fails on "Ada", the
 * evidence rule and a threshold that is not a whole number, so that every
 * kind of reason shows.
 */
static const char rubric_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rubric id=\"tt\" version=\"2\" title=\"T\">\n"
	" <scale id=\"ak\"><level label=\"Ada\" value=\"1\" aliases=\"ya\"/>"
	"<level label=\"Proses\" value=\"0.5\"/><level label=\"Tidak\" value=\"0\"/></scale>\n"
	" <principle id=\"p1\" label=\"Satu\"/>\n"
	" <aspect id=\"A\" label=\"Fasilitas\" weight=\"1\"/>\n"
	" <aspect id=\"B\" label=\"Petugas\" weight=\"1\"/>\n"
	" <award threshold=\"77.5\" aspect-floor=\"60\" require-complete=\"true\"/>\n"
	" <grade min=\"90\" label=\"Sangat Baik\"/><grade min=\"0\" label=\"Kurang\"/>\n"
	" <evidence min=\"1\" distinct=\"true\" effect=\"flag\"/>\n"
	" <unit-type id=\"lapas\" label=\"Lembaga Pemasyarakatan\" prefixes=\"lapas\">\n"
	"  <item code=\"A.01\" aspect=\"A\" scale=\"ak\" principles=\"p1\">Maklumat pelayanan</item>\n"
	"  <item code=\"A.02\" aspect=\"A\" scale=\"ak\" principles=\"p1\">Ruang \"laktasi\"; menyusui</item>\n"
	"  <item code=\"B.01\" aspect=\"B\" scale=\"ak\" principles=\"p1\">Petugas siaga</item>\n"
	"  <item code=\"G.01\" scale=\"ak\" gate=\"Ada\">Temuan Ombudsman</item>\n"
	" </unit-type>\n"
	"</rubric>\n";

/*
 * Lapas Dua and Lapas Satu score 100 (rank 1, shared); Lapas Dua fails the
 * gate. Lapas Empat (50.00, rank 3) has a conflict on A.01 and misses A.02.
 * "=Lapas Tiga" (a formula-like name) scores 37.50, with one piece of
 * evidence reused.
 */
static const char data_csv[] =
	"kanwil;unit;jenis;kode;nilai;data_dukung;verifikator;tanggal\n"
	"K1;Lapas Satu;lapas;A.01;Ada;Foto 1;Tim 1;2019-10-03\n"
	"K1;Lapas Satu;lapas;A.02;ya;Foto 2;Tim 1;2019-10-03\n"
	"K1;Lapas Satu;lapas;B.01;Ada;Foto 3;Tim 1;2019-10-03\n"
	"K1;Lapas Satu;lapas;G.01;Tidak;;Tim 1;2019-10-03\n"
	"K1;Lapas Dua;lapas;A.01;Ada;Foto 1;Tim 1;\n"
	"K1;Lapas Dua;lapas;A.02;Ada;Foto 2;Tim 1;\n"
	"K1;Lapas Dua;lapas;B.01;Ada;Foto 3;Tim 1;\n"
	"K1;Lapas Dua;lapas;G.01;Ada;;Tim 1;\n"
	"K2;=Lapas Tiga;lapas;A.01;Ada;Foto;-Tim 2;\n"
	"K2;=Lapas Tiga;lapas;A.02;Proses;foto;-Tim 2;\n"
	"K2;=Lapas Tiga;lapas;B.01;Tidak;;-Tim 2;\n"
	"K2;Lapas Empat;lapas;A.01;Ada;Foto;Tim 3;\n"
	"K2;Lapas Empat;lapas;A.01;Tidak;;Tim 4;\n"
	"K2;Lapas Empat;lapas;B.01;Ada;\"Foto; Video\";Tim 3;\n";

/* A rubric without grades: the predicate shows for awarded units only. */
static const char nograde_csv[] =
	"kanwil,unit,kode,nilai\n"
	"K,Tipe Baik,A.01,ya\n"
	"K,Tipe Baik,A.02,ya\n"
	"K,Tipe Kurang,A.01,belum\n"
	"K,Tipe Kurang,A.02,ya\n";

struct fixture {
	struct scratch s;
	struct rubric *rubric;
	struct dataset *ds;
	struct model *m;
	char *dir;              /* a scratch output folder, removed at the end */
};

static struct model *build(struct fixture *f, const char *rubric_path,
			   const char *csv)
{
	struct diag quiet = DIAG_INIT;
	struct ingest_options opt = { NULL, 0, NULL };

	quiet.out = fopen("/dev/null", "w");
	assert_non_null(quiet.out);
	f->rubric = rubric_load(rubric_path, &quiet);
	assert_non_null(f->rubric);
	f->ds = dataset_new(f->rubric);
	assert_int_equal(ingest_file(f->ds, scratch_write(&f->s, csv, strlen(csv)), &opt,
				     &quiet), 0);
	assert_int_equal(f->ds->rows_rejected, 0);
	fclose(quiet.out);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	return f->m;
}

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	*state = f;
	return scratch_open(&f->s, "p2ham-tables");
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f->m)
		model_free(f->m);
	if (f->ds)
		dataset_free(f->ds);
	rubric_free(f->rubric);
	scratch_close(&f->s);
	if (f->dir) {
		char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);

		assert_int_equal(system(cmd), 0);
		g_free(cmd);
		g_free(f->dir);
	}
	g_free(f);
	return 0;
}

static struct model *sample(void **state)
{
	struct fixture *f = *state;

	return build(f, scratch_write(&f->s, rubric_xml, strlen(rubric_xml)), data_csv);
}

/* What a writer puts on a stream, as one string; free() it. */
static char *to_text(const struct model *m, int (*write)(const struct model *, FILE *))
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	assert_int_equal(write(m, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void assert_cell(const char *in, const char *want)
{
	char *got = text_csv_cell(in);

	if (strcmp(got, want))
		fail_msg("text_csv_cell(\"%s\") gave [%s], expected [%s]", in, got, want);
	g_free(got);
}

/* ---------------------------------------------------------- tests */

static void test_cell_guards_formulas(void **state)
{
	assert_cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_cell("=SUM(A1)", "'=SUM(A1)");
	assert_cell("+1", "'+1");
	assert_cell("-2", "'-2");
	assert_cell("@x", "'@x");
	assert_cell("\tx", "\"'\tx\"");
	assert_cell("\rx", "\"'\rx\"");
	assert_cell("-", "'-");
	/* Only the first character counts. */
	assert_cell("a=b", "a=b");
	assert_cell("Lapas -2", "Lapas -2");
	assert_cell(" =x", "\" =x\"");
}

static void test_cell_quotes_what_readers_split_or_trim(void **state)
{
	assert_cell("", "");
	assert_cell("Lapas Kelas III Cilegon", "Lapas Kelas III Cilegon");
	assert_cell("a;b", "\"a;b\"");
	assert_cell("a,b", "\"a,b\"");
	assert_cell("a|b", "\"a|b\"");
	assert_cell("a\tb", "\"a\tb\"");
	assert_cell("Ruang \"laktasi\"", "\"Ruang \"\"laktasi\"\"\"");
	assert_cell("baris\r\nkedua", "\"baris\r\nkedua\"");
	assert_cell("baris\nkedua", "\"baris\nkedua\"");
	assert_cell(" depan", "\" depan\"");
	assert_cell("belakang ", "\"belakang \"");
	assert_cell("Ü & <b>", "Ü & <b>");
}

static void test_ranking_csv(void **state)
{
	char *text = to_text(sample(state), tables_write_ranking_csv);
	static const char want[] =
		"\xEF\xBB\xBF"
		"Peringkat;Kantor Wilayah;UPT;Jenis UPT;Nilai Total;Predikat;"
		"Kelengkapan (%);Rekomendasi;Alasan\r\n"
		"1;K1;Lapas Dua;Lembaga Pemasyarakatan;100,00;Sangat Baik;100,00;"
		"Tidak direkomendasikan;Syarat G.01 tidak terpenuhi\r\n"
		"1;K1;Lapas Satu;Lembaga Pemasyarakatan;100,00;Sangat Baik;100,00;"
		"Direkomendasikan;\r\n"
		"3;K2;Lapas Empat;Lembaga Pemasyarakatan;50,00;Kurang;66,67;"
		"Tidak direkomendasikan;\"Nilai total 50,00 di bawah 77,5; "
		"Aspek A 0,00 di bawah 60; Kelengkapan 66,67% di bawah 100%\"\r\n"
		"4;K2;'=Lapas Tiga;Lembaga Pemasyarakatan;37,50;Kurang;100,00;"
		"Tidak direkomendasikan;\"Nilai total 37,50 di bawah 77,5; "
		"Aspek B 0,00 di bawah 60\"\r\n";

	if (strcmp(text, want))
		fail_msg("ranking.csv:\n%s\nexpected:\n%s", text, want);
	free(text);
}

/* Count the rows of a CSV text: every row ends in CRLF, and no cell of
 * these tests holds a line break. */
static unsigned rows(const char *text)
{
	unsigned n = 0;

	for (const char *p = text; (p = strstr(p, "\r\n")); p += 2)
		n++;
	return n;
}

static void test_items_csv(void **state)
{
	struct model *m = sample(state);
	char *text = to_text(m, tables_write_items_csv);

	static const char header[] = "\xEF\xBB\xBF" "Kantor Wilayah;UPT;Kode;Kriteria;"
		"Jawaban;Nilai;Status;Status Data Dukung;Data Dukung;Tim Verifikasi;Tanggal;"
		"Sumber\r\n";

	assert_memory_equal(text, header, sizeof header - 1);
	/* One row per unit and item of its type, gates included. */
	assert_int_equal(rows(text), 1 + 4 * 4);
	/* Units in rank order, items in rubric order. */
	assert_true(strstr(text, "\r\nK1;Lapas Dua;A.01;") <
		    strstr(text, "\r\nK1;Lapas Satu;A.01;"));
	assert_true(strstr(text, "\r\nK1;Lapas Satu;G.01;") <
		    strstr(text, "\r\nK2;Lapas Empat;A.01;"));
	assert_true(strstr(text, "\r\nK2;Lapas Empat;G.01;") <
		    strstr(text, "\r\nK2;'=Lapas Tiga;A.01;"));
	assert_contains(text, "\r\nK1;Lapas Satu;A.01;Maklumat pelayanan;Ada;1,00;Dinilai;"
			"Lengkap;Foto 1;Tim 1;2019-10-03;");
	/* The answer is the level's label, not the alias written. */
	assert_contains(text, "\r\nK1;Lapas Satu;A.02;\"Ruang \"\"laktasi\"\"; menyusui\";Ada;"
			"1,00;Dinilai;Lengkap;Foto 2;Tim 1;2019-10-03;");
	/* Gates: the outcome instead of a score. */
	assert_contains(text, "\r\nK1;Lapas Satu;G.01;Temuan Ombudsman;Tidak;"
			"Memenuhi syarat;Dinilai;;;Tim 1;2019-10-03;");
	assert_contains(text, "\r\nK1;Lapas Dua;G.01;Temuan Ombudsman;Ada;"
			"Tidak memenuhi syarat;Dinilai;;;Tim 1;;");
	assert_contains(text, "\r\nK2;'=Lapas Tiga;G.01;Temuan Ombudsman;;;"
			"Tidak diverifikasi;;;;;\r\n");
	/* Evidence statuses and the guard on every text cell. */
	assert_contains(text, "\r\nK2;'=Lapas Tiga;A.02;\"Ruang \"\"laktasi\"\"; menyusui\";"
			"Proses;0,50;Dinilai;Dipakai ulang;foto;'-Tim 2;;");
	assert_contains(text, "\r\nK2;'=Lapas Tiga;B.01;Petugas siaga;Tidak;0,00;Dinilai;"
			";;'-Tim 2;;");
	/* A conflict, and a missing item. */
	assert_contains(text, "\r\nK2;Lapas Empat;A.01;Maklumat pelayanan;Tidak;0,00;Konflik;"
			";;Tim 4;;");
	assert_contains(text, "\r\nK2;Lapas Empat;A.02;\"Ruang \"\"laktasi\"\"; menyusui\";;"
			"0,00;Tidak diverifikasi;;;;;\r\n");
	assert_contains(text, "\r\nK2;Lapas Empat;B.01;Petugas siaga;Ada;1,00;Dinilai;"
			"Lengkap;\"Foto; Video\";Tim 3;;");
	/* The source is the file as given and the record's line. */
	assert_contains(text, "/in-1.csv:14\r\n");
	free(text);
}

static void test_predicate_without_grades(void **state)
{
	struct fixture *f = *state;
	char *text = to_text(build(f, "data/rubric-no-grades.xml", nograde_csv),
			     tables_write_ranking_csv);

	assert_contains(text, "\r\n1;K;Tipe Baik;Tipe satu;100,00;"
			"Unit Kerja Pelayanan Publik Berbasis HAM;100,00;Direkomendasikan;\r\n");
	assert_contains(text, "\r\n2;K;Tipe Kurang;Tipe satu;50,00;;100,00;"
			"Tidak direkomendasikan;\"Nilai total 50,00 di bawah 80; "
			"Aspek A 50,00 di bawah 60\"\r\n");
	free(text);
}

static void test_no_units_is_a_header(void **state)
{
	struct fixture *f = *state;
	char *text;

	build(f, scratch_write(&f->s, rubric_xml, strlen(rubric_xml)),
	      "kanwil;unit;jenis;kode;nilai\n");
	text = to_text(f->m, tables_write_ranking_csv);
	assert_int_equal(rows(text), 1);
	free(text);
	text = to_text(f->m, tables_write_items_csv);
	assert_int_equal(rows(text), 1);
	free(text);
}

static char *read_all(const char *path, gsize *len)
{
	char *bytes = NULL;

	assert_true(g_file_get_contents(path, &bytes, len, NULL));
	return bytes;
}

static void test_xlsx_is_byte_stable(void **state)
{
	struct fixture *f = *state;
	struct model *m = sample(state);
	struct diag d = DIAG_INIT;
	char *a, *b, *pa, *pb;
	gsize la, lb;

	f->dir = g_dir_make_tmp("p2ham-tables-XXXXXX", NULL);
	assert_non_null(f->dir);
	pa = g_build_filename(f->dir, "a.xlsx", NULL);
	pb = g_build_filename(f->dir, "b.xlsx", NULL);
	assert_int_equal(tables_write_ranking_xlsx(m, pa, "a.xlsx", &d), 0);
	/* Zip entries carry times to two seconds. */
	g_usleep(2100 * 1000);
	assert_int_equal(tables_write_ranking_xlsx(m, pb, "b.xlsx", &d), 0);
	assert_int_equal(d.errors, 0);
	a = read_all(pa, &la);
	b = read_all(pb, &lb);
	assert_true(la > 1000);
	assert_memory_equal(a, "PK\3\4", 4);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	g_free(a);
	g_free(b);
	g_free(pa);
	g_free(pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_guards_formulas),
		cmocka_unit_test(test_cell_quotes_what_readers_split_or_trim),
		cmocka_unit_test_setup_teardown(test_ranking_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_predicate_without_grades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_units_is_a_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_is_byte_stable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
