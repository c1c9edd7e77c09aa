/* test_render.c — the outputs of a build: their names, all or nothing, the same bytes on any number of threads. */
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

#include "cert.h"
#include "chart.h"
#include "draw.h"
#include "ingest.h"
#include "offices.h"
#include "outfile.h"
#include "render.h"
#include "rubric.h"
#include "score.h"
#include "template.h"
#include "testutil.h"

struct fixture {
	struct scratch s;
	struct rubric *rubric;
	struct dataset *ds;
	struct offices *offices;
	struct cert_template *t;
	struct model *m;
	char *dirs[2];          /* output folders, removed at the end */
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);
	struct diag quiet = DIAG_INIT;
	struct ingest_options opt = { NULL, 0, NULL };
	GString *csv = g_string_new("kanwil;unit;kode;nilai\n");
	int rc = -1;

	*state = f;
	quiet.out = fopen("/dev/null", "w");
	if (!quiet.out || scratch_open(&f->s, "p2ham-render") < 0 ||
	    draw_init("../..", &quiet) < 0)
		goto done;
	f->rubric = rubric_load("../../templates/rubric.xml", &quiet);
	f->t = template_load("../../templates/certificate.xml", &quiet);
	f->offices = offices_load("../../templates/offices.xml", &quiet);
	if (!f->rubric || !f->t || !f->offices)
		goto done;
	test_complete_rows(csv, f->rubric, "K1", "Lapas Satu", "lapas");
	test_complete_rows(csv, f->rubric, "K2", "Rutan Dua", "rutan");
	g_string_append(csv, "K2;Lapas Tiga;A.01;Tidak\n");
	f->ds = dataset_new(f->rubric);
	if (ingest_file(f->ds, scratch_write(&f->s, csv->str, csv->len), &opt, &quiet) < 0)
		goto done;
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	model_assign_offices(f->m, f->offices, &quiet);
	rc = 0;
done:
	g_string_free(csv, TRUE);
	if (quiet.out)
		fclose(quiet.out);
	return rc;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 2; i++) {
		if (f->dirs[i]) {
			char *cmd = g_strdup_printf("rm -rf '%s'", f->dirs[i]);

			assert_int_equal(system(cmd), 0);
			g_free(cmd);
			g_free(f->dirs[i]);
		}
	}
	if (f->m)
		model_free(f->m);
	if (f->ds)
		dataset_free(f->ds);
	template_free(f->t);
	offices_free(f->offices);
	rubric_free(f->rubric);
	if (f->s.dir)
		scratch_close(&f->s);
	draw_done();
	g_free(f);
	return 0;
}

/* The files under `dir` as sorted relative paths, hidden ones included;
 * the folder's lock file is left out. */
static void list_files(const char *dir, const char *prefix, GPtrArray *out)
{
	GDir *gd = g_dir_open(dir, 0, NULL);
	const char *name;

	assert_non_null(gd);
	while ((name = g_dir_read_name(gd))) {
		char *path = g_build_filename(dir, name, NULL);
		char *rel = prefix ? g_strconcat(prefix, "/", name, NULL) : g_strdup(name);

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			list_files(path, rel, out);
		else if (strcmp(rel, OUTSET_LOCK_NAME) != 0)
			g_ptr_array_add(out, g_strdup(rel));
		g_free(rel);
		g_free(path);
	}
	g_dir_close(gd);
}

static gint by_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *files_of(const char *dir)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	list_files(dir, NULL, out);
	g_ptr_array_sort(out, by_text);
	return out;
}

/* Render `opt` into a new folder, committed; returns the folder. */
static char *render_into(struct fixture *f, int slot, const struct render_options *opt)
{
	struct diag d = DIAG_INIT;
	struct outset *o;

	f->dirs[slot] = g_dir_make_tmp("p2ham-render-XXXXXX", NULL);
	assert_non_null(f->dirs[slot]);
	o = outset_new(f->dirs[slot]);
	assert_int_equal(outset_lock(o, &d), 0);
	assert_int_equal(render_outputs(f->m, opt, o, &d, NULL), 0);
	/* Nothing under a final name before the commit. */
	{
		GPtrArray *before = files_of(f->dirs[slot]);

		for (guint i = 0; i < before->len; i++)
			assert_true(((char *)before->pdata[i])[0] == '.' ||
				    strstr(before->pdata[i], "/."));
		g_ptr_array_unref(before);
	}
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	assert_int_equal(d.errors, 0);
	return f->dirs[slot];
}

/* Every output of SPEC 6 under its name, and nothing else. */
static void test_every_output_name(void **state)
{
	struct fixture *f = *state;
	struct report_info info = { "Kanwil Uji", "Serang" };
	struct render_options opt = { 2, 1, 1, CHART_SVG | CHART_PNG, 1, f->t, &info, 1, 1 };
	GPtrArray *want = g_ptr_array_new_with_free_func(g_free), *got;
	GPtrArray *awarded = cert_units(f->m);
	static const char *const fixed[] = {
		"summary.xml", "report.pdf", "certificates.pdf", "charts/ranking.svg",
		"charts/ranking.png", "tables/items.csv", "tables/ranking.csv",
		"tables/ranking.xlsx",
	};

	assert_int_equal(awarded->len, 2);
	for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++)
		g_ptr_array_add(want, g_strdup(fixed[i]));
	for (guint i = 0; i < awarded->len; i++)
		g_ptr_array_add(want, g_strdup_printf("certificates/%s.pdf",
						      ((struct scored_unit *)awarded->pdata[i])->id));
	for (guint i = 0; i < f->m->regions->len; i++) {
		const struct region *r = f->m->regions->pdata[i];

		for (int png = 0; png < 2; png++) {
			g_ptr_array_add(want, g_strdup_printf("charts/region-%s-principles.%s",
							      r->id, png ? "png" : "svg"));
			g_ptr_array_add(want, g_strdup_printf("charts/region-%s-heatmap.%s",
							      r->id, png ? "png" : "svg"));
		}
	}
	for (guint i = 0; i < f->m->units->len; i++) {
		const struct scored_unit *u = f->m->units->pdata[i];

		for (int png = 0; png < 2; png++) {
			g_ptr_array_add(want, g_strdup_printf("charts/%s-aspects.%s", u->id,
							      png ? "png" : "svg"));
			g_ptr_array_add(want, g_strdup_printf("charts/%s-principles.%s", u->id,
							      png ? "png" : "svg"));
		}
	}
	for (guint i = 0; i < f->m->units->len; i++)
		g_ptr_array_add(want, g_strdup_printf(
			"profiles/%s.pdf", ((struct scored_unit *)f->m->units->pdata[i])->id));
	for (guint i = 0; i < awarded->len; i++) {
		const struct office *of = ((struct scored_unit *)awarded->pdata[i])->office;
		char *name = g_strdup_printf("letters/%s.pdf", of->id);
		guint at;

		if (g_ptr_array_find_with_equal_func(want, name, g_str_equal, &at))
			g_free(name);
		else
			g_ptr_array_add(want, name);
	}
	g_ptr_array_sort(want, by_text);
	got = files_of(render_into(f, 0, &opt));
	assert_int_equal(got->len, want->len);
	for (guint i = 0; i < want->len; i++)
		assert_string_equal(got->pdata[i], want->pdata[i]);
	g_ptr_array_unref(got);
	g_ptr_array_unref(want);
	g_ptr_array_unref(awarded);
}

/* One thread or three: the same files, byte for byte. */
static void test_same_bytes_on_any_threads(void **state)
{
	struct fixture *f = *state;
	struct report_info info = { "Kanwil Uji", "Serang" };
	struct render_options one = { 1, 1, 1, CHART_SVG | CHART_PNG, 1, f->t, &info, 1, 1 };
	struct render_options three = one;
	GPtrArray *a, *b;

	three.jobs = 3;
	a = files_of(render_into(f, 0, &one));
	b = files_of(render_into(f, 1, &three));
	assert_int_equal(a->len, b->len);
	for (guint i = 0; i < a->len; i++) {
		char *pa = g_build_filename(f->dirs[0], a->pdata[i], NULL);
		char *pb = g_build_filename(f->dirs[1], b->pdata[i], NULL);
		char *ta, *tb;
		gsize la, lb;

		assert_string_equal(a->pdata[i], b->pdata[i]);
		assert_true(g_file_get_contents(pa, &ta, &la, NULL));
		assert_true(g_file_get_contents(pb, &tb, &lb, NULL));
		assert_int_equal(la, lb);
		assert_memory_equal(ta, tb, la);
		g_free(ta);
		g_free(tb);
		g_free(pa);
		g_free(pb);
	}
	g_ptr_array_unref(a);
	g_ptr_array_unref(b);
}

/* Only the tables: nothing drawn, no certificates/ or charts/ folder. */
static void test_tables_only(void **state)
{
	struct fixture *f = *state;
	struct render_options opt = { 2, 0, 0, 0, 1, NULL, NULL, 0, 0 };
	GPtrArray *got;

	assert_false(render_draws(&opt));
	got = files_of(render_into(f, 0, &opt));
	assert_int_equal(got->len, 4);
	assert_string_equal(got->pdata[0], "summary.xml");
	assert_string_equal(got->pdata[1], "tables/items.csv");
	assert_string_equal(got->pdata[2], "tables/ranking.csv");
	assert_string_equal(got->pdata[3], "tables/ranking.xlsx");
	g_ptr_array_unref(got);
}

/* A file that cannot be made fails the stage, and nothing is renamed into
 * place: here "tables" is a file, not a folder. */
static void test_failure_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct render_options opt = { 1, 0, 0, 0, 1, NULL, NULL, 0, 0 };
	struct diag_capture c;
	struct outset *o;
	char *blocker;
	GPtrArray *left;

	f->dirs[0] = g_dir_make_tmp("p2ham-render-XXXXXX", NULL);
	blocker = g_build_filename(f->dirs[0], "tables", NULL);
	assert_true(g_file_set_contents(blocker, "x", 1, NULL));
	o = outset_new(f->dirs[0]);
	diag_capture_start(&c);
	assert_int_equal(render_outputs(f->m, &opt, o, &c.d, NULL), -1);
	diag_capture_stop(&c);
	outset_free(o);
	assert_true(c.d.errors >= 1);
	assert_contains(c.text, "cannot create folder");
	free(c.text);
	left = files_of(f->dirs[0]);
	assert_int_equal(left->len, 1);
	assert_string_equal(left->pdata[0], "tables");
	g_ptr_array_unref(left);
	g_free(blocker);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_output_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_bytes_on_any_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tables_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_leaves_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
