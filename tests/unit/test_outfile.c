/* test_outfile.c — outputs appear only when committed, whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "outfile.h"

static char *make_dir(void)
{
	char *dir = g_dir_make_tmp("p2ham-outfile-XXXXXX", NULL);

	assert_non_null(dir);
	return dir;
}

/* Number of entries in `dir`, hidden ones included. */
static int entries(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	int n = 0;

	if (!d)
		return -1;
	while (g_dir_read_name(d))
		n++;
	g_dir_close(d);
	return n;
}

static char *read_file(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL), *text = NULL;

	g_file_get_contents(path, &text, NULL, NULL);
	g_free(path);
	return text;
}

static void remove_tree(const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	g_free(cmd);
}

static void test_commit_renames_into_place(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	struct outset *o = outset_new(dir);
	FILE *a = outset_open(o, "summary.xml", &d);
	FILE *b = outset_open(o, "certificates/lapas-a.pdf", &d);
	char *text;

	assert_non_null(a);
	assert_non_null(b);
	fputs("new", a);
	fputs("pdf", b);
	assert_int_equal(outset_close(o, a, &d), 0);
	assert_int_equal(outset_close(o, b, &d), 0);
	/* Before the commit only temporary files exist. */
	assert_null(read_file(dir, "summary.xml"));
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	text = read_file(dir, "summary.xml");
	assert_string_equal(text, "new");
	g_free(text);
	text = read_file(dir, "certificates/lapas-a.pdf");
	assert_string_equal(text, "pdf");
	g_free(text);
	assert_int_equal(entries(dir), 2);      /* summary.xml, certificates/ */
	assert_int_equal(d.errors, 0);
	remove_tree(dir);
	g_free(dir);
}

static void test_free_without_commit_keeps_old_file(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	char *old = g_build_filename(dir, "summary.xml", NULL);
	struct outset *o;
	FILE *fp;
	char *text;

	assert_true(g_file_set_contents(old, "old", -1, NULL));
	o = outset_new(dir);
	fp = outset_open(o, "summary.xml", &d);
	assert_non_null(fp);
	fputs("half-writ", fp);
	outset_free(o);         /* a failed run: nothing is committed */
	text = read_file(dir, "summary.xml");
	assert_string_equal(text, "old");
	g_free(text);
	assert_int_equal(entries(dir), 1);
	remove_tree(dir);
	g_free(old);
	g_free(dir);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);

	assert_true(g_file_set_contents(path, text, -1, NULL));
	g_free(path);
}

/* A stopping signal's clean-up: the open files lose their temporary
 * names at once, and the set neither opens nor renames anything after. */
static void test_abandon_removes_temporary_files(void **state)
{
	struct diag d = DIAG_INIT;
	struct diag quiet = DIAG_INIT;
	char *dir = make_dir();
	char *charts = g_build_filename(dir, "charts", NULL);
	struct outset *o;
	FILE *a, *b;
	char *text;

	write_file(dir, "summary.xml", "old");
	o = outset_new(dir);
	a = outset_open(o, "summary.xml", &d);
	b = outset_open(o, "charts/ranking.svg", &d);
	assert_non_null(a);
	assert_non_null(b);
	fputs("half", a);
	assert_int_equal(outset_close(o, a, &d), 0);
	assert_int_equal(entries(dir), 3);      /* summary.xml, its temp, charts/ */
	assert_int_equal(outset_abandon(o), 0);
	assert_int_equal(entries(dir), 2);
	assert_int_equal(entries(charts), 0);
	/* A stream still open writes to a file with no name. */
	fputs("more", b);
	assert_int_equal(outset_close(o, b, &d), 0);
	quiet.out = fopen("/dev/null", "w");
	assert_null(outset_open(o, "report.pdf", &quiet));
	assert_int_equal(outset_commit(o, &quiet), -1);
	assert_int_equal(quiet.errors, 2);
	fclose(quiet.out);
	outset_free(o);
	text = read_file(dir, "summary.xml");
	assert_string_equal(text, "old");
	g_free(text);
	assert_null(read_file(dir, "report.pdf"));
	assert_int_equal(d.errors, 0);
	remove_tree(dir);
	g_free(charts);
	g_free(dir);
}

/* After a commit there is nothing to remove, and abandon says so. */
static void test_abandon_after_commit(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	struct outset *o = outset_new(dir);
	FILE *fp = outset_open(o, "summary.xml", &d);
	char *text;

	fputs("new", fp);
	assert_int_equal(outset_close(o, fp, &d), 0);
	assert_int_equal(outset_commit(o, &d), 0);
	assert_int_equal(outset_abandon(o), 1);
	outset_free(o);
	text = read_file(dir, "summary.xml");
	assert_string_equal(text, "new");
	g_free(text);
	remove_tree(dir);
	g_free(dir);
}

static void test_sweep_removes_stale_outputs_only(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	char *certs = g_build_filename(dir, "certificates", NULL);
	struct outset *o;
	FILE *fp;
	char *text;

	assert_int_equal(g_mkdir(certs, 0777), 0);
	write_file(certs, "withdrawn.pdf", "last year");
	write_file(certs, "kept.pdf", "last year");
	write_file(certs, "notes.txt", "the office's own");
	o = outset_new(dir);
	outset_sweep(o, "certificates");
	fp = outset_open(o, "certificates/kept.pdf", &d);
	assert_non_null(fp);
	fputs("this year", fp);
	assert_int_equal(outset_close(o, fp, &d), 0);
	/* Nothing is removed before the commit. */
	assert_int_equal(entries(certs), 4);
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	text = read_file(certs, "kept.pdf");
	assert_string_equal(text, "this year");
	g_free(text);
	text = read_file(certs, "notes.txt");
	assert_non_null(text);
	g_free(text);
	assert_null(read_file(certs, "withdrawn.pdf"));
	assert_int_equal(entries(certs), 2);
	assert_int_equal(d.errors, 0);
	remove_tree(dir);
	g_free(certs);
	g_free(dir);
}

static void test_open_fails_under_a_file(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	char *file = g_build_filename(dir, "plain", NULL);
	struct outset *o;

	d.out = fopen("/dev/null", "w");
	assert_true(g_file_set_contents(file, "x", -1, NULL));
	o = outset_new(file);   /* the output "folder" is a file */
	assert_null(outset_open(o, "summary.xml", &d));
	assert_int_equal(d.errors, 1);
	outset_free(o);
	fclose(d.out);
	remove_tree(dir);
	g_free(file);
	g_free(dir);
}

/* A disk that fills up: the file size limit makes writes fail with EFBIG. */
static void test_write_error_is_reported(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	struct outset *o = outset_new(dir);
	struct rlimit old, small;
	FILE *fp;
	int rc;

	d.out = fopen("/dev/null", "w");
	fp = outset_open(o, "summary.xml", &d);
	assert_non_null(fp);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (int i = 0; i < 10000; i++)
		fputs("0123456789", fp);
	rc = outset_close(o, fp, &d);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors, 1);
	outset_free(o);
	assert_int_equal(entries(dir), 0);      /* the partial file is gone */
	fclose(d.out);
	remove_tree(dir);
	g_free(dir);
}

/* A file written by name (libxlsxwriter's way) commits like a stream, and
 * a path never closed leaves nothing behind. */
static void test_open_path_commits_by_name(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	struct outset *o = outset_new(dir);
	const char *a = outset_open_path(o, "tables/ranking.xlsx", &d);
	const char *b;
	char *text;

	assert_non_null(a);
	assert_true(g_file_test(a, G_FILE_TEST_IS_REGULAR));
	assert_true(g_file_set_contents(a, "xlsx", -1, NULL));
	assert_int_equal(outset_close_path(o, a, &d), 0);
	assert_null(read_file(dir, "tables/ranking.xlsx"));
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	text = read_file(dir, "tables/ranking.xlsx");
	assert_string_equal(text, "xlsx");
	g_free(text);

	o = outset_new(dir);
	b = outset_open_path(o, "tables/ranking.xlsx", &d);
	assert_non_null(b);
	assert_true(g_file_set_contents(b, "half", -1, NULL));
	outset_free(o);         /* a failed run */
	text = read_file(dir, "tables/ranking.xlsx");
	assert_string_equal(text, "xlsx");
	g_free(text);
	assert_int_equal(entries(dir), 1);
	{
		char *tables = g_build_filename(dir, "tables", NULL);

		assert_int_equal(entries(tables), 1);
		g_free(tables);
	}
	assert_int_equal(d.errors, 0);
	remove_tree(dir);
	g_free(dir);
}

/* The library removed the file, or never wrote it: an error, no commit. */
static void test_close_path_wants_the_file(void **state)
{
	struct diag d = DIAG_INIT;
	char *text = NULL;
	size_t len = 0;
	char *dir = make_dir();
	struct outset *o = outset_new(dir);
	const char *a = outset_open_path(o, "tables/ranking.xlsx", &d);

	assert_non_null(a);
	assert_int_equal(g_unlink(a), 0);
	d.out = open_memstream(&text, &len);
	assert_int_equal(outset_close_path(o, a, &d), -1);
	fclose(d.out);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(text, "ranking.xlsx: error: cannot write"));
	free(text);
	outset_free(o);
	remove_tree(dir);
	g_free(dir);
}

/* One run at a time per folder (SPEC 8.18): flock() locks of two open
 * files conflict even within one process. */
static void test_lock_is_exclusive(void **state)
{
	struct diag d = DIAG_INIT;
	char *top = make_dir();
	char *dir = g_build_filename(top, "out", NULL);
	char *lock = g_build_filename(dir, OUTSET_LOCK_NAME, NULL);
	struct outset *first = outset_new(dir), *second, *third;

	d.out = fopen("/dev/null", "w");
	assert_int_equal(outset_lock(first, &d), 0);   /* makes the folder */
	assert_true(g_file_test(lock, G_FILE_TEST_IS_REGULAR));
	second = outset_new(dir);
	assert_int_equal(outset_lock(second, &d), -1);
	assert_int_equal(d.errors, 1);
	outset_free(second);
	outset_free(first);
	/* Released with the set; the file stays. */
	third = outset_new(dir);
	assert_int_equal(outset_lock(third, &d), 0);
	outset_free(third);
	assert_true(g_file_test(lock, G_FILE_TEST_IS_REGULAR));
	assert_int_equal(entries(dir), 1);
	assert_int_equal(d.errors, 1);
	fclose(d.out);
	remove_tree(top);
	g_free(lock);
	g_free(dir);
	g_free(top);
}

/* A temporary file of a set that was never freed, as a killed run leaves
 * it, goes at the next lock; other files stay. */
static void test_lock_removes_stale_temporary_files(void **state)
{
	struct diag d = DIAG_INIT;
	char *dir = make_dir();
	char *certs = g_build_filename(dir, "certificates", NULL);
	char *deeper = g_build_filename(certs, "old", NULL);
	static const char *const kept[] = {
		"notes.txt", ".summary.xml.tmp-abc", ".summary.xml.tmp-abcdefg",
		"summary.xml.tmp-abcdef", ".tmp-abcdef", ".summary.xml.tmp-ab-def",
	};
	struct outset *o, *next;
	FILE *fp;

	assert_int_equal(g_mkdir_with_parents(deeper, 0777), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(kept); i++)
		write_file(dir, kept[i], "kept");
	write_file(deeper, ".a.pdf.tmp-abcdef", "kept: two folders down");
	write_file(dir, ".summary.xml.tmp-Ab12Cd", "stale");
	write_file(certs, ".lapas-a.pdf.tmp-000000", "stale");
	/* One made by a set, left by closing it unfreed. */
	o = outset_new(dir);
	fp = outset_open(o, "certificates/lapas-b.pdf", &d);
	assert_non_null(fp);
	assert_int_equal(outset_close(o, fp, &d), 0);
	assert_int_equal(entries(certs), 3);    /* old/, two temporary files */

	/* The first set never locked, so the next one can. */
	next = outset_new(dir);
	assert_int_equal(outset_lock(next, &d), 0);
	outset_free(next);
	assert_int_equal(entries(certs), 1);    /* old/ */
	assert_int_equal(entries(deeper), 1);
	/* kept[], the lock file, certificates/ */
	assert_int_equal(entries(dir), (int)G_N_ELEMENTS(kept) + 2);
	for (size_t i = 0; i < G_N_ELEMENTS(kept); i++) {
		char *text = read_file(dir, kept[i]);

		assert_non_null(text);
		assert_string_equal(text, "kept");
		g_free(text);
	}
	assert_int_equal(d.errors + d.warnings, 0);
	outset_free(o);
	remove_tree(dir);
	g_free(deeper);
	g_free(certs);
	g_free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_renames_into_place),
		cmocka_unit_test(test_free_without_commit_keeps_old_file),
		cmocka_unit_test(test_abandon_removes_temporary_files),
		cmocka_unit_test(test_abandon_after_commit),
		cmocka_unit_test(test_sweep_removes_stale_outputs_only),
		cmocka_unit_test(test_open_fails_under_a_file),
		cmocka_unit_test(test_write_error_is_reported),
		cmocka_unit_test(test_open_path_commits_by_name),
		cmocka_unit_test(test_close_path_wants_the_file),
		cmocka_unit_test(test_lock_is_exclusive),
		cmocka_unit_test(test_lock_removes_stale_temporary_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
