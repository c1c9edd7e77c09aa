/* test_ingest.c — CSV files to units, observations and rejected rows (SPEC 3, 7, 8). */
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
#include "ingest.h"
#include "ingest_int.h"
#include "rubric.h"
#include "text.h"

#define DEFAULT_RUBRIC "../../templates/rubric.xml"

/* Bytes the program holds on the heap, to tell whether ingesting leaks. */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_UNDER_ASAN 1
#endif
#endif

#ifdef HEAP_UNDER_ASAN
size_t __sanitizer_get_current_allocated_bytes(void);

static size_t heap_in_use(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
#include <malloc.h>

static size_t heap_in_use(void)
{
	return mallinfo2().uordblks;
}
#endif

static struct rubric *rubric;

static int load_rubric(void **state)
{
	struct diag d = DIAG_INIT;

	rubric = rubric_load(DEFAULT_RUBRIC, &d);
	return rubric ? 0 : -1;
}

static int free_rubric(void **state)
{
	rubric_free(rubric);
	return 0;
}

/* ---- fixture: a scratch folder, a dataset and captured diagnostics ---- */

struct fixture {
	struct scratch files;
	struct dataset *ds;
	struct ingest_options opt;
	struct diag d;
	char *diag;
	size_t diag_len;
};

static int setup(void **state)
{
	struct fixture *fx = g_new0(struct fixture, 1);

	if (scratch_open(&fx->files, "p2ham-ingest") < 0) {
		g_free(fx);
		return -1;
	}
	fx->ds = dataset_new(rubric);
	fx->d.out = open_memstream(&fx->diag, &fx->diag_len);
	*state = fx;
	return fx->d.out ? 0 : -1;
}

/* SPEC 7: every file's rows read are accepted or rejected, and the totals are
 * the sums over the files. Checked after every test. */
static int rows_add_up(const struct dataset *ds)
{
	unsigned long read = 0, accepted = 0, rejected = 0;

	for (guint i = 0; i < ds->files->len; i++) {
		const struct input_file *f = ds->files->pdata[i];

		if (f->rows_read != f->rows_accepted + f->rows_rejected)
			return 0;
		read += f->rows_read;
		accepted += f->rows_accepted;
		rejected += f->rows_rejected;
	}
	return read == ds->rows_read && accepted == ds->rows_accepted &&
	       rejected == ds->rows_rejected && rejected == ds->rejected->len;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = rows_add_up(fx->ds) ? 0 : -1;

	scratch_close(&fx->files);
	dataset_free(fx->ds);
	fclose(fx->d.out);
	free(fx->diag);
	g_free(fx);
	if (rc < 0)
		print_error("the row counts do not add up\n");
	return rc;
}

static int ingest_bytes(struct fixture *fx, const void *bytes, size_t len)
{
	return ingest_file(fx->ds, scratch_write(&fx->files, bytes, len), &fx->opt, &fx->d);
}

/* Ingest text that must be readable input. */
static void ingest_ok(struct fixture *fx, const char *text)
{
	if (ingest_bytes(fx, text, strlen(text)) != 0)
		fail_msg("ingest_file failed:\n%s", fx->diag);
}

/* Everything reported so far. */
static const char *diag_text(struct fixture *fx)
{
	fflush(fx->d.out);
	return fx->diag ? fx->diag : "";
}

/* ---- looking into the dataset ---- */

static const struct input_file *file_at(const struct dataset *ds, guint i)
{
	if (i >= ds->files->len)
		fail_msg("no file %u: only %u", i, ds->files->len);
	return ds->files->pdata[i];
}

static const struct unit_obs *unit_at(const struct dataset *ds, guint i)
{
	if (i >= ds->units->len)
		fail_msg("no unit %u: only %u", i, ds->units->len);
	return ds->units->pdata[i];
}

static const struct unit_obs *unit_named(const struct dataset *ds, const char *name)
{
	char *key = text_fold(name);
	const struct unit_obs *u = g_hash_table_lookup(ds->unit_by_key, key);

	g_free(key);
	if (!u)
		fail_msg("no unit '%s'", name);
	return u;
}

static const struct observation *obs_at(const struct unit_obs *u, guint i)
{
	if (i >= u->observations->len)
		fail_msg("unit '%s': no observation %u: only %u", u->name, i,
			 u->observations->len);
	return u->observations->pdata[i];
}

static const struct rejected_row *rejected_at(const struct dataset *ds, guint i)
{
	if (i >= ds->rejected->len)
		fail_msg("no rejected row %u: only %u", i, ds->rejected->len);
	return ds->rejected->pdata[i];
}

static void expect_rows(unsigned long read, unsigned long accepted, unsigned long rejected,
			unsigned long got_read, unsigned long got_accepted,
			unsigned long got_rejected)
{
	if (read != got_read || accepted != got_accepted || rejected != got_rejected)
		fail_msg("expected %lu read, %lu accepted, %lu rejected; got %lu, %lu, %lu",
			 read, accepted, rejected, got_read, got_accepted, got_rejected);
}

static void expect_file_rows(const struct input_file *f, unsigned long read,
			     unsigned long accepted, unsigned long rejected)
{
	expect_rows(read, accepted, rejected, f->rows_read, f->rows_accepted, f->rows_rejected);
}

static void expect_total_rows(const struct dataset *ds, unsigned long read,
			      unsigned long accepted, unsigned long rejected)
{
	expect_rows(read, accepted, rejected, ds->rows_read, ds->rows_accepted, ds->rows_rejected);
	assert_int_equal(ds->rejected->len, rejected);
}

/* Observation i of u is item `code` answered `label` on `line`. */
static void expect_obs(const struct unit_obs *u, guint i, const char *code, const char *label,
		       unsigned long line)
{
	const struct observation *o = obs_at(u, i);

	if (strcmp(o->item->code, code) || strcmp(o->level->label, label) || o->line != line)
		fail_msg("unit '%s' observation %u: expected %s %s line %lu, got %s %s line %lu",
			 u->name, i, code, label, line, o->item->code, o->level->label, o->line);
}

/* Rejected row i is from file `f`, line `line`, with exactly this reason; the
 * diagnostics say so in compiler form. */
static void expect_rejected(struct fixture *fx, guint i, const struct input_file *f,
			    unsigned long line, const char *reason)
{
	const struct rejected_row *r = rejected_at(fx->ds, i);
	char *want = g_strdup_printf("%s:%lu: error: %s\n", f->path, line, reason);

	if (r->file != f || r->line != line || strcmp(r->reason, reason) != 0)
		fail_msg("rejected row %u: expected %s:%lu \"%s\", got %s:%lu \"%s\"", i, f->path,
			 line, reason, r->file->path, r->line, r->reason);
	assert_contains(diag_text(fx), want);
	g_free(want);
}

static const char *type_of(const struct unit_obs *u)
{
	return u->type->id;
}

/* ---- layout A ---- */

/* The one observation of the first unit carries every column's value. */
static void expect_full_observation(struct fixture *fx)
{
	const struct unit_obs *u = unit_at(fx->ds, 0);
	const struct observation *o = obs_at(u, 0);

	assert_int_equal(fx->ds->units->len, 1);
	assert_string_equal(u->name, "Lapas Kelas III Cilegon");
	assert_string_equal(u->kanwil, "Kanwil Banten");
	assert_string_equal(type_of(u), "lapas");
	assert_string_equal(o->item->code, "A.01");
	assert_string_equal(o->level->label, "Ada");
	assert_int_equal(o->date, 20191003);
	assert_string_equal(o->evidence, "foto.jpg");
	assert_string_equal(o->note, "dipasang");
	assert_string_equal(o->verifier, "Tim 1");
	assert_int_equal(o->line, 2);
	assert_ptr_equal(o->file, file_at(fx->ds, 0));
	assert_int_equal(fx->d.warnings, 0);
	assert_int_equal(fx->d.errors, 0);
}

static void test_layout_a_header_aliases(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;

	ingest_ok(fx, "Kanwil;Nama UPT;Kode Kriteria;Jawaban;Data Pendukung;Keterangan;TIM;tgl\n"
		      "Kanwil Banten;Lapas Kelas III Cilegon;A.01;Ada;foto.jpg;dipasang;Tim 1;"
		      "3 Oktober 2019\n");
	f = file_at(fx->ds, 0);
	assert_int_equal(f->layout, 'A');
	assert_int_equal(f->delimiter, ';');
	assert_string_equal(f->encoding, "UTF-8");
	expect_file_rows(f, 1, 1, 0);
	expect_full_observation(fx);
}

static void test_layout_a_other_aliases(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Wilayah,Satker,Jenis_UPT,Code,Criterion,Hasil,Bukti,Notes,Verifier,Date\n"
		      "Kanwil Banten,Lapas Kelas III Cilegon,lapas,A.01,,ya,foto.jpg,dipasang,"
		      "Tim 1,2019-10-03\n");
	expect_full_observation(fx);
}

static void test_layout_a_columns_in_any_order(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "tgl|TIM|Keterangan|Data Pendukung|Jawaban|Kode Kriteria|Nama UPT|Kanwil\n"
		      "03/10/2019|Tim 1|dipasang|foto.jpg|Ada|A.01|Lapas Kelas III Cilegon|"
		      "Kanwil Banten\n");
	assert_int_equal(file_at(fx->ds, 0)->delimiter, '|');
	expect_full_observation(fx);
}

static void test_unknown_columns_one_warning_per_file(void **state)
{
	struct fixture *fx = *state;
	const char *first;

	ingest_ok(fx, "No;Kanwil;Nama UPT;Foo;Kode;Nilai;Bar\n"
		      "1;K;Lapas A;x;A.01;Ada;y\n"
		      "2;K;Lapas A;x;A.02;Ada;y\n");
	assert_int_equal(fx->d.warnings, 1);
	first = file_at(fx->ds, 0)->path;
	assert_contains(diag_text(fx), first);
	assert_contains(diag_text(fx), ":1: warning: unknown or repeated columns ignored: "
				       "'No', 'Foo', 'Bar'\n");
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\nK;Lapas A;A.03;Ada\n");
	assert_int_equal(fx->d.warnings, 1);
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai;Extra\nK;Lapas A;A.04;Ada;z\n");
	assert_int_equal(fx->d.warnings, 2);
	expect_total_rows(fx->ds, 4, 4, 0);
}

static void test_header_trailing_empty_cells_and_row_width(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai;;\n"
		      "K;Lapas A;A.01;Ada;;\n"       /* trailing empty fields: fine */
		      "K;Lapas A;A.02;Ada;;;;;\n"
		      "K;Lapas A;A.03;Ada;x\n"       /* a fifth field with text */
		      "K;Lapas A;A.04\n");           /* missing answer */
	f = file_at(fx->ds, 0);
	assert_int_equal(fx->d.warnings, 0);
	expect_file_rows(f, 4, 2, 2);
	expect_rejected(fx, 0, f, 4, "record has 5 fields, the header has 4");
	expect_rejected(fx, 1, f, 5, "empty answer");
}

static void test_answers_and_codes_matched_folded(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *u;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;Lapas A;a.01;ya\n"
		      "K;Lapas A;A.02;\"  DALAM   proses \"\n"
		      "K;Lapas A;c.01;cukup sesuai\n"
		      "K;Lapas A;B.01;Siaga\n");
	u = unit_at(fx->ds, 0);
	expect_obs(u, 0, "A.01", "Ada", 2);
	expect_obs(u, 1, "A.02", "Proses", 3);
	expect_obs(u, 2, "C.01", "Cukup patuh", 4);
	expect_obs(u, 3, "B.01", "Ada", 5);
}

/* SPEC 3: the message names the item and the labels of its scale, in order. */
static void test_unknown_answer_names_item_and_its_answers(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;Lapas A;B.01;Proses\n"
		      "K;Lapas A;c.02;Ada\n"
		      "K;Lapas A;a.01;Sebagian\n");
	f = file_at(fx->ds, 0);
	expect_rejected(fx, 0, f, 2, "unknown answer 'Proses' for B.01 (Ada, Tidak)");
	expect_rejected(fx, 1, f, 3,
			"unknown answer 'Ada' for C.02 (Patuh, Cukup patuh, Kurang patuh)");
	expect_rejected(fx, 2, f, 4, "unknown answer 'Sebagian' for A.01 (Ada, Proses, Tidak)");
	expect_total_rows(fx->ds, 3, 0, 3);
}

static void test_criterion_text_differing_warns(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Kode;Kriteria;Nilai\n"
		      "K;Lapas A;A.01;  MAKLUMAT   pelayanan ;Ada\n"
		      "K;Lapas A;A.02;Sesuatu yang lain;Ada\n");
	assert_int_equal(fx->d.warnings, 1);
	assert_contains(diag_text(fx), ":3: warning: criterion text of 'A.02' differs");
	expect_total_rows(fx->ds, 2, 2, 0);
}

static void test_row_counts_add_up_per_file_and_in_total(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;Lapas A;A.01;Ada\n"
		      "K;Lapas A;A.02;Adaa\n"
		      "\n"
		      "K;Lapas A;A.03;Tidak\n");
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;Lapas A;Z.01;Ada\n"
		      ";;;\n"
		      "K;;A.01;Ada\n");
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n");
	expect_file_rows(file_at(fx->ds, 0), 3, 2, 1);
	expect_file_rows(file_at(fx->ds, 1), 2, 0, 2);
	expect_file_rows(file_at(fx->ds, 2), 0, 0, 0);
	expect_total_rows(fx->ds, 5, 2, 3);
	assert_int_equal(fx->d.errors, 3);
}

static void test_rejected_row_keeps_file_line_reason_and_raw(void **state)
{
	struct fixture *fx = *state;
	GString *text = g_string_new("Kanwil;Unit;Kode;Nilai;Catatan\n"
				     "K;Lapas A;A.01;Ada;\n"
				     "K; Lapas A ;A.02;Adaa;\"a;b\"\n"
				     "K;Lapas A;Z.99;Ada;");
	const struct rejected_row *r;
	const struct input_file *f;

	for (int i = 0; i < 2000; i++)
		g_string_append_c(text, 'x');
	g_string_append_c(text, '\n');
	ingest_ok(fx, text->str);
	f = file_at(fx->ds, 0);
	expect_rejected(fx, 0, f, 3, "unknown answer 'Adaa' for A.02 (Ada, Proses, Tidak)");
	r = rejected_at(fx->ds, 0);
	assert_string_equal(r->raw, "K; Lapas A ;A.02;Adaa;\"a;b\"");
	assert_int_equal(r->truncated, 0);
	expect_rejected(fx, 1, f, 4, "item code 'Z.99' is not in the rubric for type lapas");
	r = rejected_at(fx->ds, 1);
	assert_int_equal(r->truncated, 1);
	assert_true(strlen(r->raw) <= CSVIN_MAX_RAW);
	assert_true(g_str_has_prefix(r->raw, "K;Lapas A;Z.99;Ada;xxx"));
	g_string_free(text, TRUE);
}

/* ---- units: identity, type, kanwil (SPEC 4, 8.7, 8.11) ---- */

static void test_unit_identity_by_folded_name(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *a;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;\"  Lapas  A \";A.01;Ada\n"
		      "K;lapas a;A.02;Ada\n"
		      "K;LAPAS\tA;A.03;Tidak\n"
		      "K;Lapas B;A.01;Ada\n"
		      "K;Lapas\xC2\xA0\xC2\xA0" "a;A.04;Ada\n");
	assert_int_equal(fx->ds->units->len, 2);
	a = unit_at(fx->ds, 0);
	assert_string_equal(a->name, "Lapas  A");
	assert_string_equal(a->key, "lapas a");
	assert_ptr_equal(unit_named(fx->ds, "LAPAS A"), a);
	assert_int_equal(a->observations->len, 4);
	expect_obs(a, 3, "A.04", "Ada", 6);
	assert_string_equal(unit_at(fx->ds, 1)->name, "Lapas B");
}

static void test_unit_identity_spans_files(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\nK;Lapas A;A.01;Ada\n");
	ingest_ok(fx, "Kanwil,Unit,Kode,Nilai\nk,LAPAS A,A.02,Tidak\n");
	assert_int_equal(fx->ds->units->len, 1);
	assert_string_equal(unit_at(fx->ds, 0)->kanwil, "K");
	assert_ptr_equal(obs_at(unit_at(fx->ds, 0), 1)->file, file_at(fx->ds, 1));
}

static void test_type_from_jenis_cell(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\n"
		      "K;Satker Satu;lapas;C.01;Patuh\n"
		      "K;Satker Dua;Lembaga  Pemasyarakatan;C.01;Patuh\n"
		      "K;Satker Tiga;RUTAN;C.01;Patuh\n"
		      "K;Satker Empat;rumah tahanan;C.01;Patuh\n"
		      "K;Rutan Lima;lapas;A.01;Ada\n"
		      "K;Satker Enam;Kantor Imigrasi;C.21;Patuh\n");
	assert_int_equal(fx->ds->units->len, 6);
	assert_string_equal(type_of(unit_named(fx->ds, "Satker Satu")), "lapas");
	assert_string_equal(type_of(unit_named(fx->ds, "Satker Dua")), "lapas");
	assert_string_equal(type_of(unit_named(fx->ds, "Satker Tiga")), "rutan");
	assert_string_equal(type_of(unit_named(fx->ds, "Satker Empat")), "rutan");
	assert_string_equal(type_of(unit_named(fx->ds, "Rutan Lima")), "lapas");
	assert_string_equal(type_of(unit_named(fx->ds, "Satker Enam")), "imigrasi");
}

static void test_type_from_name_prefix(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "K;Rutan Kelas IIB Serang;A.01;Ada\n"
		      "K;Kantor Imigrasi Kelas I Serang;C.21;Patuh\n"
		      "K;LPKA Kelas II Tangerang;A.01;Ada\n"
		      "K;Balai Pemasyarakatan Serang;C.11;Patuh\n"
		      "K;Lembaga Pembinaan Khusus Anak Kelas I;A.01;Ada\n"
		      "K;Lapas-Terbuka;A.01;Ada\n"
		      "K;Lapasan Baru;A.01;Ada\n");
	assert_string_equal(type_of(unit_named(fx->ds, "Rutan Kelas IIB Serang")), "rutan");
	assert_string_equal(type_of(unit_named(fx->ds, "Kantor Imigrasi Kelas I Serang")),
			    "imigrasi");
	assert_string_equal(type_of(unit_named(fx->ds, "LPKA Kelas II Tangerang")), "lpka");
	assert_string_equal(type_of(unit_named(fx->ds, "Balai Pemasyarakatan Serang")), "bapas");
	assert_string_equal(type_of(unit_named(fx->ds, "Lembaga Pembinaan Khusus Anak Kelas I")),
			    "lpka");
	assert_string_equal(type_of(unit_named(fx->ds, "Lapas-Terbuka")), "lapas");
	expect_rejected(fx, 0, file_at(fx->ds, 0), 8,
			"cannot tell the unit type of 'Lapasan Baru' from its name; give it in a jenis column");
	expect_total_rows(fx->ds, 7, 6, 1);
}

static void test_known_unit_without_type_takes_its_type(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\n"
		      "K;Satker X;rutan;A.01;Ada\n"
		      "K;Satker X;;C.01;Patuh\n"
		      "K;Lapas Y;rutan;A.01;Ada\n"
		      "K;Lapas Y;;A.02;Ada\n");
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\nK;Satker X;A.03;Ada\n");
	expect_total_rows(fx->ds, 5, 5, 0);
	assert_string_equal(type_of(unit_named(fx->ds, "Satker X")), "rutan");
	assert_int_equal(unit_named(fx->ds, "Satker X")->observations->len, 3);
	assert_string_equal(type_of(unit_named(fx->ds, "Lapas Y")), "rutan");
}

static void test_type_contradiction_rejected(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\n"
		      "K;Lapas A;lapas;A.01;Ada\n"
		      "K;Lapas A;rutan;A.02;Ada\n"
		      "K;Lapas A;Lembaga Pemasyarakatan;A.03;Ada\n");
	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\nK;LAPAS A;bapas;A.04;Ada\n");
	expect_rejected(fx, 0, file_at(fx->ds, 0), 3, "unit 'Lapas A' is of type lapas, not rutan");
	expect_rejected(fx, 1, file_at(fx->ds, 1), 2, "unit 'Lapas A' is of type lapas, not bapas");
	expect_total_rows(fx->ds, 4, 2, 2);
}

static void test_kanwil_contradiction_rejected(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *u;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "\" Kanwil Banten \";Lapas A;A.01;Ada\n"
		      "kanwil  BANTEN;Lapas A;A.02;Ada\n"
		      "Kanwil Jateng;Lapas A;A.03;Ada\n");
	u = unit_at(fx->ds, 0);
	assert_string_equal(u->kanwil, "Kanwil Banten");
	assert_int_equal(u->observations->len, 2);
	expect_rejected(fx, 0, file_at(fx->ds, 0), 4,
			"unit 'Lapas A' belongs to 'Kanwil Banten', not 'Kanwil Jateng'");
}

static void test_kanwil_fallback_when_column_missing_or_empty(void **state)
{
	struct fixture *fx = *state;

	fx->opt.kanwil = "Kanwil Banten";
	ingest_ok(fx, "Unit;Kode;Nilai\nLapas A;A.01;Ada\n");
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n;Lapas B;A.01;Ada\nKanwil Jateng;Lapas C;A.01;Ada\n");
	expect_total_rows(fx->ds, 3, 3, 0);
	assert_string_equal(unit_named(fx->ds, "Lapas A")->kanwil, "Kanwil Banten");
	assert_string_equal(unit_named(fx->ds, "Lapas B")->kanwil, "Kanwil Banten");
	assert_string_equal(unit_named(fx->ds, "Lapas C")->kanwil, "Kanwil Jateng");
}

static void test_no_kanwil_at_all_rejected(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Unit;Kode;Nilai\nLapas A;A.01;Ada\n");
	expect_rejected(fx, 0, file_at(fx->ds, 0), 2,
			"no kanwil: add a kanwil column or use --kanwil");
	assert_int_equal(fx->ds->units->len, 0);
}

/*
 * SPEC 8.6/8.7/8.11: cells are compared trimmed and folded, so a cell that
 * is only white space the CSV reader keeps (quoted spaces, NBSP from Excel)
 * is empty.
 */
static void test_blank_unit_cell_rejected_as_empty(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\n"
		      "K;\xC2\xA0;lapas;A.01;Ada\n"
		      "K;\"   \";lapas;A.02;Ada\n");
	assert_int_equal(fx->ds->units->len, 0);
	expect_rejected(fx, 0, file_at(fx->ds, 0), 2, "empty unit");
	expect_rejected(fx, 1, file_at(fx->ds, 0), 3, "empty unit");
}

/* A kanwil cell of quoted spaces or NBSP is empty: --kanwil applies. */
static void test_blank_kanwil_cell_falls_back(void **state)
{
	struct fixture *fx = *state;

	fx->opt.kanwil = "Kanwil Banten";
	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n"
		      "\"  \";Lapas A;A.01;Ada\n"
		      "\xC2\xA0;Lapas B;A.01;Ada\n");
	expect_total_rows(fx->ds, 2, 2, 0);
	assert_string_equal(unit_named(fx->ds, "Lapas A")->kanwil, "Kanwil Banten");
	assert_string_equal(unit_named(fx->ds, "Lapas B")->kanwil, "Kanwil Banten");
}

/* A jenis cell of NBSP or quoted spaces is empty, so the unit's name decides
 * (SPEC 8.7: only a non-empty jenis cell wins). */
static void test_blank_jenis_cell_uses_name_prefix(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Jenis;Kode;Nilai\n"
		      "K;Lapas A;\xC2\xA0;A.01;Ada\n"
		      "K;Rutan B;\" \";A.01;Ada\n");
	expect_total_rows(fx->ds, 2, 2, 0);
	assert_string_equal(type_of(unit_named(fx->ds, "Lapas A")), "lapas");
	assert_string_equal(type_of(unit_named(fx->ds, "Rutan B")), "rutan");
}

/* A tanggal cell of quoted spaces is no date, and data dukung, catatan and
 * verifikator cells of NBSP or spaces are no text (NULL). */
static void test_blank_optional_cells_count_as_empty(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *u;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai;Tanggal;Data dukung;Catatan;Verifikator\n"
		      "K;Lapas A;A.01;Ada;\"  \";;;\n"
		      "K;Lapas A;A.02;Ada;;\xC2\xA0;\"  \";\xC2\xA0\n");
	expect_total_rows(fx->ds, 2, 2, 0);
	u = unit_at(fx->ds, 0);
	assert_int_equal(obs_at(u, 0)->date, 0);
	assert_null(obs_at(u, 1)->evidence);
	assert_null(obs_at(u, 1)->note);
	assert_null(obs_at(u, 1)->verifier);
}

/* In a form, a cell of NBSP or quoted spaces is no mark. */
static void test_blank_form_cell_is_no_mark(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Unit;Lapas A\nKanwil;K\nKode;Ada;Proses;Tidak\n"
		      "A.01;v;\xC2\xA0;\" \"\n");
	expect_total_rows(fx->ds, 1, 1, 0);
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 4);
}

/* ---- every rejection with its physical line ---- */

struct rejection {
	unsigned long line;
	const char *reason;
};

static const char lines_text[] =
	"Kanwil;Unit;Jenis;Kode;Nilai;Catatan;Tanggal\n"        /* 1 */
	"K;Lapas A;;A.01;Ada;\"baris satu\n"                     /* 2 */
	"baris dua\";\n"                                         /* 3 */
	"K;;lapas;A.02;Ada;;\n"                                  /* 4 */
	"K;Lapas A;;;Ada;;\n"                                    /* 5 */
	"K;Lapas A;;A.02;;;\n"                                   /* 6 */
	"K;Satker B;;A.01;Ada;;\n"                               /* 7 */
	"K;Satker C;penjara;A.01;Ada;;\n"                        /* 8 */
	"K;Lapas A;;A.09;Ada;\"catatan\r\n"                      /* 9 */
	"panjang\n"                                              /* 10 */
	"sekali\";3/10/2019\n"                                   /* 11 */
	"K;Lapas A;;Z.99;Ada;;\n"                                /* 12 */
	"K;Lapas A;;A.03;Adaa;;\n"                               /* 13 */
	"K;Lapas A;;A.04;Ada;;31/02/2019\n"                      /* 14 */
	"K;Lapas A;rutan;A.05;Ada;;\n"                           /* 15 */
	"L;Lapas A;;A.06;Ada;;\n"                                /* 16 */
	"K;Lapas A;;A.07;Ada;;;x\n"                              /* 17 */
	";Lapas D;;A.01;Ada;;\n"                                 /* 18 */
	"K;Lapas A;;A.10;Ada;;2019-02-30\n"                      /* 19 */
	"\n"                                                     /* 20 */
	"K;Lapas A;;A.08;\"Ada;;\n"                              /* 21 */
	"K;Lapas A;;A.11;Ada;;\n"                                /* 22 */
	"K;Lapas A;;A.21;Ada;;\n";                               /* 23 */

static const struct rejection lines_rejected[] = {
	{ 4, "empty unit" },
	{ 5, "empty kode" },
	{ 6, "empty answer" },
	{ 7, "cannot tell the unit type of 'Satker B' from its name; give it in a jenis column" },
	{ 8, "unknown unit type 'penjara'" },
	{ 12, "item code 'Z.99' is not in the rubric for type lapas" },
	{ 13, "unknown answer 'Adaa' for A.03 (Ada, Proses, Tidak)" },
	{ 14, "bad date '31/02/2019'" },
	{ 15, "unit 'Lapas A' is of type lapas, not rutan" },
	{ 16, "unit 'Lapas A' belongs to 'K', not 'L'" },
	{ 17, "record has 8 fields, the header has 7" },
	{ 18, "no kanwil: add a kanwil column or use --kanwil" },
	{ 19, "bad date '2019-02-30'" },
	{ 21, "unterminated quoted field" },
};

static void test_each_rejection_at_its_physical_line(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;
	const struct unit_obs *a;

	ingest_ok(fx, lines_text);
	f = file_at(fx->ds, 0);
	for (guint i = 0; i < G_N_ELEMENTS(lines_rejected); i++)
		expect_rejected(fx, i, f, lines_rejected[i].line, lines_rejected[i].reason);
	assert_string_equal(rejected_at(fx->ds, 13)->raw, "K;Lapas A;;A.08;\"Ada;;");
	expect_file_rows(f, 18, 4, 14);
	a = unit_named(fx->ds, "Lapas A");
	expect_obs(a, 0, "A.01", "Ada", 2);
	assert_string_equal(obs_at(a, 0)->note, "baris satu\nbaris dua");
	expect_obs(a, 1, "A.09", "Ada", 9);
	assert_string_equal(obs_at(a, 1)->note, "catatan\r\npanjang\nsekali");
	assert_int_equal(obs_at(a, 1)->date, 20191003);
	expect_obs(a, 2, "A.11", "Ada", 22);
	expect_obs(a, 3, "A.21", "Ada", 23);
	assert_int_equal(fx->d.errors, G_N_ELEMENTS(lines_rejected));
}

static void test_reader_errors_rejected_at_their_line(void **state)
{
	struct fixture *fx = *state;
	GString *s = g_string_new("Kanwil;Unit;Kode;Nilai;Catatan\n"
				  "K;Lapas A;A.01;Ada;\"dua\n"
				  "baris\"\n"
				  "K;Lapas A;A.02;Ada;");
	const struct input_file *f;

	for (int i = 0; i < CSVIN_MAX_FIELD + 10; i++)
		g_string_append_c(s, 'x');
	g_string_append(s, "\nK;Lapas A;A.03;Ada;a");
	g_string_append_c(s, '\0');
	g_string_append(s, "b\nK;Lapas A;A.04;Ada;\n");
	assert_int_equal(ingest_bytes(fx, s->str, s->len), 0);
	f = file_at(fx->ds, 0);
	expect_rejected(fx, 0, f, 4, "field longer than 64 KiB");
	assert_int_equal(rejected_at(fx->ds, 0)->truncated, 1);
	expect_rejected(fx, 1, f, 5, "the record contains a NUL byte");
	expect_file_rows(f, 4, 2, 2);
	expect_obs(unit_at(fx->ds, 0), 1, "A.04", "Ada", 6);
	g_string_free(s, TRUE);
}

/* ---- layout B (SPEC 3, 8.9) ---- */

static const char form_text[] =
	"Kanwil;Kanwil Banten\n"                                                        /* 1 */
	"Unit;Lapas A\n"                                                                /* 2 */
	"Jenis;lapas\n"                                                                 /* 3 */
	"Tanggal;03/10/2019\n"                                                          /* 4 */
	"Verifikator;Tim 1\n"                                                           /* 5 */
	"Isi satu kolom jawaban untuk setiap baris\n"                                   /* 6 */
	"Kode;Kriteria;Ada;Proses;Tidak;Patuh;Cukup patuh;Kurang patuh;Data dukung;Catatan\n"
	"A.01;Maklumat pelayanan;v;;;;;;foto.jpg;terpasang\n"                           /* 8 */
	"A.02;;;x;;;;;;\n"                                                              /* 9 */
	"A.03;;;;\xE2\x9C\x93;;;;;\n"                                                   /* 10 */
	"C.01;;;;;1;;;;\n"                                                              /* 11 */
	"A.04;;;;;;;;bukti;\n"                                                          /* 12 */
	"A.05;;v;;v;;;;;\n"                                                             /* 13 */
	"A.06;;;;;v;;;;\n";                                                             /* 14 */

static void test_layout_b_form(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;
	const struct unit_obs *u;
	const struct observation *o;

	ingest_ok(fx, form_text);
	f = file_at(fx->ds, 0);
	assert_int_equal(f->layout, 'B');
	assert_int_equal(f->delimiter, ';');
	assert_int_equal(fx->d.warnings, 0);
	expect_file_rows(f, 7, 4, 3);
	assert_int_equal(fx->ds->units->len, 1);
	u = unit_at(fx->ds, 0);
	assert_string_equal(u->name, "Lapas A");
	assert_string_equal(u->kanwil, "Kanwil Banten");
	assert_string_equal(type_of(u), "lapas");
	expect_obs(u, 0, "A.01", "Ada", 8);
	expect_obs(u, 1, "A.02", "Proses", 9);
	expect_obs(u, 2, "A.03", "Tidak", 10);
	expect_obs(u, 3, "C.01", "Patuh", 11);
	for (guint i = 0; i < 4; i++) {
		o = obs_at(u, i);
		assert_int_equal(o->date, 20191003);
		assert_string_equal(o->verifier, "Tim 1");
	}
	o = obs_at(u, 0);
	assert_string_equal(o->evidence, "foto.jpg");
	assert_string_equal(o->note, "terpasang");
	assert_null(obs_at(u, 1)->evidence);
	expect_rejected(fx, 0, f, 12, "no answer marked");
	expect_rejected(fx, 1, f, 13, "several answers marked: Ada, Tidak");
	expect_rejected(fx, 2, f, 14, "unknown answer 'Patuh' for A.06 (Ada, Proses, Tidak)");
}

static void test_layout_b_metadata_keys_take_aliases(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *u;
	const struct observation *o;

	ingest_ok(fx, "Kantor Wilayah,Kanwil Jateng,,\n"
		      "Nama UPT,Rutan Kelas IIB Salatiga,,\n"
		      "Tgl,4 Oktober 2019,,\n"
		      "Tim,Tim 2,,\n"
		      "Kode Kriteria,Ada,Tidak,Data Pendukung\n"
		      "A.01,v,,foto\n"
		      "B.01,,x,\n");
	assert_int_equal(file_at(fx->ds, 0)->layout, 'B');
	expect_total_rows(fx->ds, 2, 2, 0);
	u = unit_at(fx->ds, 0);
	assert_string_equal(u->name, "Rutan Kelas IIB Salatiga");
	assert_string_equal(u->kanwil, "Kanwil Jateng");
	assert_string_equal(type_of(u), "rutan");
	o = obs_at(u, 0);
	assert_int_equal(o->date, 20191004);
	assert_string_equal(o->verifier, "Tim 2");
	assert_string_equal(o->evidence, "foto");
	expect_obs(u, 1, "B.01", "Tidak", 7);
}

static void test_layout_b_without_kanwil_uses_option(void **state)
{
	struct fixture *fx = *state;

	fx->opt.kanwil = "Kanwil Banten";
	ingest_ok(fx, "Unit;Lapas A\nKode;Ada;Tidak\nA.01;v;\n");
	expect_total_rows(fx->ds, 1, 1, 0);
	assert_string_equal(unit_at(fx->ds, 0)->kanwil, "Kanwil Banten");
	assert_int_equal(obs_at(unit_at(fx->ds, 0), 0)->date, 0);
}

/* The workbook form's layout: one answer column whose cell is the answer,
 * matched with the scale's aliases as in layout A (SPEC 3). */
static const char answer_column_text[] =
	"Kanwil;Kanwil Banten;;;\n"                                    /* 1 */
	"Unit;Lapas A;;;\n"                                            /* 2 */
	"Jenis;lapas;;;\n"                                             /* 3 */
	"Verifikator;Tim 1;;;\n"                                       /* 4 */
	"Tanggal;2019-10-03;;;\n"                                      /* 5 */
	";;;;\n"                                                       /* 6 */
	"Kode;Kriteria;Jawaban;Data dukung;Catatan\n"                  /* 7 */
	"A.01;Maklumat pelayanan;Ada;foto.jpg;terpasang\n"             /* 8 */
	"A.02;;sedang proses;;\n"                                      /* 9 */
	"A.03;;;;\n"                                                   /* 10 */
	"A.04;;Patuh;;\n"                                              /* 11 */
	"C.01;;cukup patuh;;\n"                                        /* 12 */
	"G.01;;Tidak;;\n";                                             /* 13 */

static void test_layout_b_one_answer_column(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;
	const struct unit_obs *u;

	ingest_ok(fx, answer_column_text);
	f = file_at(fx->ds, 0);
	assert_int_equal(f->layout, 'B');
	assert_int_equal(fx->d.warnings, 0);
	expect_file_rows(f, 6, 4, 2);
	u = unit_at(fx->ds, 0);
	assert_string_equal(u->name, "Lapas A");
	assert_string_equal(type_of(u), "lapas");
	expect_obs(u, 0, "A.01", "Ada", 8);
	expect_obs(u, 1, "A.02", "Proses", 9);
	expect_obs(u, 2, "C.01", "Cukup patuh", 12);
	expect_obs(u, 3, "G.01", "Tidak", 13);
	assert_int_equal(obs_at(u, 0)->date, 20191003);
	assert_string_equal(obs_at(u, 0)->evidence, "foto.jpg");
	assert_string_equal(obs_at(u, 0)->verifier, "Tim 1");
	expect_rejected(fx, 0, f, 10, "empty answer");
	expect_rejected(fx, 1, f, 11, "unknown answer 'Patuh' for A.04 (Ada, Proses, Tidak)");
}

/* The workbook form's title rows, alone in the Kode column, are no data
 * rows; a row that only looks like one is still read and rejected. */
static void test_layout_b_section_titles_are_no_rows(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;

	ingest_ok(fx, "Kanwil;K;;;\n"                                  /* 1 */
		      "Unit;Lapas A;;;\n"                              /* 2 */
		      "Kode;Kriteria;Jawaban;Data dukung;Catatan\n"    /* 3 */
		      "Layanan bagi pengunjung/pemohon;;;;\n"          /* 4 */
		      "A.01;Maklumat pelayanan;Ada;;\n"                /* 5 */
		      "LAINNYA;;;;\n"                                  /* 6 */
		      "B.01;;Ada;;\n"                                  /* 7 */
		      "Syarat penghargaan\n"                           /* 8 */
		      "G.01;;Tidak;;\n"                                /* 9 */
		      "Syarat penghargaan;;;;x\n"                      /* 10 */
		      ";Lainnya;;;\n"                                  /* 11 */
		      "Layanan lain;;;;\n");                           /* 12 */
	f = file_at(fx->ds, 0);
	expect_file_rows(f, 6, 3, 3);
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 5);
	expect_obs(unit_at(fx->ds, 0), 2, "G.01", "Tidak", 9);
	expect_rejected(fx, 0, f, 10, "empty answer");
	expect_rejected(fx, 1, f, 11, "empty kode");
	expect_rejected(fx, 2, f, 12, "empty answer");
}

/* Any nilai alias names the answer column. */
static void test_layout_b_answer_column_aliases(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Unit,Rutan B\nKanwil,K\nKode,Nilai\nA.01,ya\n");
	ingest_ok(fx, "Unit,Rutan B\nKanwil,K\nKode,Status,Bukti\nA.02,tidak ada,-\n");
	expect_total_rows(fx->ds, 2, 2, 0);
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 4);
	expect_obs(unit_at(fx->ds, 0), 1, "A.02", "Tidak", 4);
}

/* Label columns and an answer column: the marks are the answer, and the
 * answer column is ignored with a warning. */
static void test_layout_b_marks_win_over_answer_column(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Unit;Lapas A\nKanwil;K\nKode;Jawaban;Ada;Tidak\nA.01;Tidak;v;\n");
	expect_total_rows(fx->ds, 1, 1, 0);
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 4);
	assert_int_equal(fx->d.warnings, 1);
	assert_contains(diag_text(fx), ":3: warning: unknown or repeated columns ignored: "
			"'Jawaban'");
}

/* Without metadata before it, a Kode and Jawaban header is no form: it is a
 * layout A header missing its unit column (SPEC 8.1). */
static void test_answer_column_header_needs_metadata(void **state)
{
	struct fixture *fx = *state;
	const char *path = scratch_write(&fx->files, "Kanwil;Kode;Jawaban\nK;A.01;Ada\n", 31);

	assert_int_equal(ingest_file(fx->ds, path, &fx->opt, &fx->d), -1);
	assert_contains(diag_text(fx), ":1: error: not a p2ham input");
	expect_total_rows(fx->ds, 0, 0, 0);
}

/* SPEC 3, 8.22: two-digit years are 20YY, with one warning per file at the
 * first row that has one; the other new forms pass without a word. */
static void test_two_digit_years_warn_once_per_file(void **state)
{
	struct fixture *fx = *state;
	static const char text[] = "Kanwil;Unit;Kode;Nilai;Tanggal\n"
				   "K;Lapas A;A.01;Ada;2019-10-02 14:05\n"
				   "K;Lapas A;A.02;Adaa;04/10/19\n"
				   "K;Lapas A;A.03;Ada;03/10/19\n"
				   "K;Lapas A;A.04;Ada;5.10.19\n"
				   "K;Lapas A;A.05;Ada;06.10.2019\n"
				   "K;Lapas A;A.06;Ada;2019-10-07T08:00:00\n";
	const struct unit_obs *u;
	char *want;

	ingest_ok(fx, text);
	ingest_ok(fx, text);
	expect_total_rows(fx->ds, 12, 10, 2);
	u = unit_at(fx->ds, 0);
	assert_int_equal(obs_at(u, 0)->date, 20191002);
	assert_int_equal(obs_at(u, 1)->date, 20191003);
	assert_int_equal(obs_at(u, 2)->date, 20191005);
	assert_int_equal(obs_at(u, 3)->date, 20191006);
	assert_int_equal(obs_at(u, 4)->date, 20191007);
	assert_int_equal(fx->d.warnings, 2);
	for (guint i = 0; i < 2; i++) {
		want = g_strdup_printf("%s:4: warning: two-digit years are read as 20YY: "
				       "'03/10/19' is 2019-10-03\n", file_at(fx->ds, i)->path);
		assert_contains(diag_text(fx), want);
		g_free(want);
	}
}

/* SPEC 3: a form's bad Tanggal is one warning at its line, and its rows are
 * taken undated rather than rejected. */
static void test_layout_b_bad_tanggal_warns_rows_undated(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;
	const struct unit_obs *u;

	ingest_ok(fx, "Kanwil;Kanwil Banten\n"
		      "Unit;Lapas A\n"
		      "Tanggal;31/02/2019\n"
		      "Kode;Ada;Proses;Tidak\n"
		      "A.01;v;;\n"
		      "A.02;;v;\n"
		      "A.03;;;v\n");
	f = file_at(fx->ds, 0);
	expect_file_rows(f, 3, 3, 0);
	assert_int_equal(fx->d.errors, 0);
	assert_int_equal(fx->d.warnings, 1);
	assert_contains(diag_text(fx), ":3: warning: bad date '31/02/2019' in the form's "
			"Tanggal: its rows are taken undated\n");
	u = unit_at(fx->ds, 0);
	for (guint i = 0; i < 3; i++)
		assert_int_equal(obs_at(u, i)->date, 0);
	assert_int_equal(fx->ds->latest_date, 0);
}

/* A form printed with a short date: its rows are dated 20YY, and the one
 * warning points at the Tanggal line. */
static void test_layout_b_two_digit_tanggal(void **state)
{
	struct fixture *fx = *state;
	const struct unit_obs *u;

	ingest_ok(fx, "Kanwil;Kanwil Banten\n"
		      "Unit;Lapas A\n"
		      "Verifikator;Tim 1\n"
		      "Tanggal;03/10/19\n"
		      "Kode;Ada;Proses;Tidak\n"
		      "A.01;v;;\n"
		      "A.02;;v;\n");
	expect_total_rows(fx->ds, 2, 2, 0);
	assert_int_equal(fx->d.warnings, 1);
	assert_contains(diag_text(fx), ":4: warning: two-digit years are read as 20YY: "
			"'03/10/19' is 2019-10-03\n");
	u = unit_at(fx->ds, 0);
	assert_int_equal(obs_at(u, 0)->date, 20191003);
	assert_int_equal(obs_at(u, 1)->date, 20191003);
}

/*
 * Heap bytes still held after ingesting `text` into a fresh dataset and
 * freeing it: the least over several rounds, after a first one. GLib and libc
 * keep caches that settle after a few rounds; a leak keeps bytes every round.
 */
static long heap_kept_by_ingesting(struct fixture *fx, const char *text)
{
	const char *path = scratch_write(&fx->files, text, strlen(text));
	struct diag d = DIAG_INIT;
	long least = -1;

	d.out = fopen("/dev/null", "w");
	assert_non_null(d.out);
	for (int round = 0; round < 8; round++) {
		size_t before = heap_in_use();
		struct dataset *ds = dataset_new(rubric);
		long kept;

		assert_int_equal(ingest_file(ds, path, &fx->opt, &d), 0);
		dataset_free(ds);
		kept = (long)heap_in_use() - (long)before;
		if (round > 0 && (least < 0 || kept < least))
			least = kept;
	}
	fclose(d.out);
	return least;
}

static void test_layout_a_ingest_frees_everything(void **state)
{
	/* <= 0: the hashing thread's buffers may come from another arena. */
	assert_true(heap_kept_by_ingesting(*state, "Kanwil;Unit;Kode;Nilai;Foo\n"
						   "K;Lapas A;A.01;Ada;x\n"
						   "K;Lapas A;A.02;Adaa;x\n") <= 0);
}

/* A few hundred bytes that a round keeps are a library's lazily grown
 * cache (it shows in some runs only); a leak of the round's data would be
 * thousands, and valgrind in make check looks for any. */
static void test_layout_b_ingest_frees_everything(void **state)
{
	assert_true(heap_kept_by_ingesting(*state, form_text) <= 512);
}

/* ---- unreadable input (SPEC 8.1) ---- */

/* `where` is what follows the path: ": error: ..." or ":LINE: error: ...". */
static void expect_unreadable(struct fixture *fx, const char *text, const char *where)
{
	const char *path = scratch_write(&fx->files, text, strlen(text));
	char *want = g_strconcat(path, where, NULL);

	assert_int_equal(ingest_file(fx->ds, path, &fx->opt, &fx->d), -1);
	assert_contains(diag_text(fx), want);
	g_free(want);
}

static void test_unreadable_inputs_fail(void **state)
{
	struct fixture *fx = *state;

	expect_unreadable(fx, "", ": error: empty input");
	expect_unreadable(fx, "\n\n   \r\n\t\n", ": error: empty input");
	expect_unreadable(fx, ";;;\n ; ;\n\"\";\n", ": error: empty input");
	expect_unreadable(fx, "foo;bar;baz\nK;Lapas A;A.01\n", ":1: error: not a p2ham input");
	expect_unreadable(fx, "\nKanwil;Unit;Kode\nK;Lapas A;A.01\n",
			  ":2: error: not a p2ham input");
	expect_unreadable(fx, "Unit;Lapas A\nJenis;lapas\n",
			  ": error: layout B form without a header row");
	assert_int_equal(fx->d.errors, 6);
	expect_total_rows(fx->ds, 0, 0, 0);
	assert_int_equal(fx->ds->units->len, 0);
}

static void test_missing_file_fails(void **state)
{
	struct fixture *fx = *state;
	char *path = g_build_filename(fx->files.dir, "absent.csv", NULL);

	assert_int_equal(ingest_file(fx->ds, path, &fx->opt, &fx->d), -1);
	assert_contains(diag_text(fx), "cannot open");
	g_free(path);
}

static void test_header_only_files_read_no_rows(void **state)
{
	struct fixture *fx = *state;

	ingest_ok(fx, "Kanwil;Unit;Kode;Nilai\n");
	ingest_ok(fx, "Unit;Lapas A\nKode;Ada;Tidak\n\n");
	assert_int_equal(file_at(fx->ds, 0)->layout, 'A');
	assert_int_equal(file_at(fx->ds, 1)->layout, 'B');
	expect_file_rows(file_at(fx->ds, 0), 0, 0, 0);
	expect_file_rows(file_at(fx->ds, 1), 0, 0, 0);
	assert_int_equal(fx->d.errors, 0);
	assert_int_equal(fx->d.warnings, 0);
}

/* ---- file facts and reader options ---- */

static void test_windows_1252_file_recorded(void **state)
{
	struct fixture *fx = *state;
	static const char bytes[] = "Kanwil,Unit,Kode,Nilai\r\nK,Rutan Pangkalan B\xFBn,A.01,Ada\r\n";
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes,
						sizeof bytes - 1);
	const struct input_file *f;

	assert_int_equal(ingest_bytes(fx, bytes, sizeof bytes - 1), 0);
	f = file_at(fx->ds, 0);
	assert_string_equal(f->encoding, "WINDOWS-1252");
	assert_int_equal(f->delimiter, ',');
	assert_string_equal(f->sha256, sha);
	assert_int_equal(fx->d.warnings, 1);
	assert_string_equal(unit_at(fx->ds, 0)->name, "Rutan Pangkalan B\xC3\xBBn");
	g_free(sha);
}

static void test_forced_dialect_passed_to_reader(void **state)
{
	struct fixture *fx = *state;
	/* Sniffing would pick ',' here. */
	static const char bytes[] = "Kanwil;Unit;Kode;Nilai;Catatan (a,b,c,d,e)\n"
				    "K;Lapas B\xFBn;A.01;Ada;x,y\n";
	const struct input_file *f;

	fx->opt.delimiter = ';';
	fx->opt.encoding = "UTF-8";
	assert_int_equal(ingest_bytes(fx, bytes, sizeof bytes - 1), 0);
	f = file_at(fx->ds, 0);
	assert_int_equal(f->delimiter, ';');
	assert_string_equal(f->encoding, "UTF-8");
	expect_rejected(fx, 0, f, 2, "the record is not valid UTF-8");
}

/* Excel's "Unicode text" export: UTF-16LE with a BOM, TAB-separated. */
static void test_utf16_file_recorded(void **state)
{
	struct fixture *fx = *state;
	static const char text[] = "Kanwil\tUnit\tKode\tNilai\r\n"
				   "K\tRutan Pangkalan B\xC3\xBBn\tA.01\tAda\r\n";
	gsize n = 0;
	char *conv = g_convert(text, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
	GByteArray *b = g_byte_array_new();
	const struct input_file *f;

	assert_non_null(conv);
	g_byte_array_append(b, (const guint8 *)"\xFF\xFE", 2);
	g_byte_array_append(b, (const guint8 *)conv, (guint)n);
	assert_int_equal(ingest_bytes(fx, b->data, b->len), 0);
	f = file_at(fx->ds, 0);
	assert_string_equal(f->encoding, "UTF-16LE");
	assert_int_equal(f->delimiter, '\t');
	assert_int_equal(fx->d.warnings, 0);
	expect_file_rows(f, 1, 1, 0);
	assert_string_equal(unit_at(fx->ds, 0)->name, "Rutan Pangkalan B\xC3\xBBn");
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 2);
	g_byte_array_free(b, TRUE);
	g_free(conv);
}

/* Excel's "sep=" line is no header and no row: the file reads as it would
 * without it, and lines count it (SPEC 8.24). */
static void test_sep_hint_line_is_no_record(void **state)
{
	struct fixture *fx = *state;
	const struct input_file *f;

	ingest_ok(fx, "sep=,\r\n"
		      "Kanwil,Unit,Kode,Nilai\r\n"
		      "K,Lapas A;B,A.01,Ada\r\n");
	f = file_at(fx->ds, 0);
	assert_int_equal(f->delimiter, ',');
	assert_int_equal(f->layout, 'A');
	expect_file_rows(f, 1, 1, 0);
	assert_string_equal(unit_at(fx->ds, 0)->name, "Lapas A;B");
	expect_obs(unit_at(fx->ds, 0), 0, "A.01", "Ada", 3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* ---- inside ingest (ingest_int.h) ---- */

/* A message quotes at most SHOW_MAX bytes of a cell, cut before a
 * character that would not fit whole. */
static void test_show_cuts_on_a_character_boundary(void **state)
{
	char buf[SHOW_BUF], cell[SHOW_MAX + 8];

	(void)state;
	assert_string_equal(ingest_show(buf, "short"), "short");
	memset(cell, 'x', SHOW_MAX - 1);
	memcpy(cell + SHOW_MAX - 1, "\xC3\xA9yz", 5);
	ingest_show(buf, cell);
	assert_int_equal(strlen(buf), SHOW_MAX - 1 + 3);
	assert_memory_equal(buf + SHOW_MAX - 1, "...", 4);
	cell[SHOW_MAX] = '\0';         /* the cell ends inside the 'é': 100 bytes */
	assert_ptr_equal(ingest_show(buf, cell), cell);
}

/* Dates are read in any accepted form; the two-digit year warning comes
 * once per file, at the first line that has one. */
static void test_read_date_warns_two_digit_years_once(void **state)
{
	struct fixture *fx = *state;
	struct input_file file = { .path = (char *)"in.csv" };
	struct ingest in = { .ds = fx->ds, .file = &file, .opt = &fx->opt, .d = &fx->d };

	assert_int_equal(ingest_read_date(&in, 2, "2019-10-03"), 20191003);
	assert_int_equal(ingest_read_date(&in, 3, "3 Oktober 2019"), 20191003);
	assert_int_equal(ingest_read_date(&in, 4, "03/10/19"), 20191003);
	assert_int_equal(ingest_read_date(&in, 5, "04/10/19"), 20191004);
	assert_int_equal(ingest_read_date(&in, 6, "04/10/19"), 20191004);
	assert_int_equal(ingest_read_date(&in, 7, "32/10/2019"), 0);
	assert_int_equal(fx->d.warnings, 1);
	g_free(in.date.cell);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_layout_a_header_aliases),
		T(test_layout_a_other_aliases),
		T(test_layout_a_columns_in_any_order),
		T(test_unknown_columns_one_warning_per_file),
		T(test_header_trailing_empty_cells_and_row_width),
		T(test_answers_and_codes_matched_folded),
		T(test_unknown_answer_names_item_and_its_answers),
		T(test_criterion_text_differing_warns),
		T(test_row_counts_add_up_per_file_and_in_total),
		T(test_rejected_row_keeps_file_line_reason_and_raw),
		T(test_unit_identity_by_folded_name),
		T(test_unit_identity_spans_files),
		T(test_type_from_jenis_cell),
		T(test_type_from_name_prefix),
		T(test_known_unit_without_type_takes_its_type),
		T(test_type_contradiction_rejected),
		T(test_kanwil_contradiction_rejected),
		T(test_kanwil_fallback_when_column_missing_or_empty),
		T(test_no_kanwil_at_all_rejected),
		T(test_blank_unit_cell_rejected_as_empty),
		T(test_blank_kanwil_cell_falls_back),
		T(test_blank_jenis_cell_uses_name_prefix),
		T(test_blank_optional_cells_count_as_empty),
		T(test_blank_form_cell_is_no_mark),
		T(test_each_rejection_at_its_physical_line),
		T(test_reader_errors_rejected_at_their_line),
		T(test_layout_b_form),
		T(test_layout_b_metadata_keys_take_aliases),
		T(test_layout_b_without_kanwil_uses_option),
		T(test_two_digit_years_warn_once_per_file),
		T(test_layout_b_bad_tanggal_warns_rows_undated),
		T(test_layout_b_two_digit_tanggal),
		T(test_layout_b_one_answer_column),
		T(test_layout_b_section_titles_are_no_rows),
		T(test_layout_b_answer_column_aliases),
		T(test_layout_b_marks_win_over_answer_column),
		T(test_answer_column_header_needs_metadata),
		T(test_layout_a_ingest_frees_everything),
		T(test_layout_b_ingest_frees_everything),
		T(test_unreadable_inputs_fail),
		T(test_missing_file_fails),
		T(test_header_only_files_read_no_rows),
		T(test_windows_1252_file_recorded),
		T(test_forced_dialect_passed_to_reader),
		T(test_utf16_file_recorded),
		T(test_sep_hint_line_is_no_record),
		T(test_show_cuts_on_a_character_boundary),
		T(test_read_date_warns_two_digit_years_once),
	};

	return cmocka_run_group_tests_name("ingest", tests, load_rubric, free_rubric);
}
