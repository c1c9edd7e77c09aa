/* testutil.h — what several unit tests share: scratch files, text checks.
 * Include after <cmocka.h> and <glib.h>. */
#ifndef P2HAM_TESTUTIL_H
#define P2HAM_TESTUTIL_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

/* A scratch folder; every file written there is removed by scratch_close(). */
struct scratch {
	char *dir;
	GPtrArray *paths;       /* char *, the files written */
	unsigned serial;
};

/* Make a new folder under the temporary folder; 0, or -1 when it fails. */
static inline int scratch_open(struct scratch *s, const char *prefix)
{
	s->dir = g_strdup_printf("%s/%s-XXXXXX", g_get_tmp_dir(), prefix);
	if (!mkdtemp(s->dir)) {
		g_free(s->dir);
		s->dir = NULL;
		return -1;
	}
	s->paths = g_ptr_array_new_with_free_func(g_free);
	s->serial = 0;
	return 0;
}

static inline void scratch_close(struct scratch *s)
{
	for (guint i = 0; i < s->paths->len; i++)
		unlink(s->paths->pdata[i]);
	rmdir(s->dir);
	g_ptr_array_free(s->paths, TRUE);
	g_free(s->dir);
}

/* Write exactly `len` bytes to a new file of the folder; returns its path,
 * valid until scratch_close(). */
static inline const char *scratch_write(struct scratch *s, const void *bytes,
					size_t len)
{
	char name[32];
	char *path;
	FILE *fp;

	snprintf(name, sizeof name, "in-%u.csv", s->serial++);
	path = g_build_filename(s->dir, name, NULL);
	g_ptr_array_add(s->paths, path);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static inline void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("expected \"%s\" in:\n%s", part, text);
}

/*
 * Diagnostics go to memory; stderr is pointed at a scratch file meanwhile so
 * that a test can tell a library (libxml2) printed nothing of its own.
 */
struct diag_capture {
	struct diag d;
	char *text;
	size_t len;
	FILE *err;
	int saved_stderr;
};

static inline void diag_capture_start(struct diag_capture *c)
{
	memset(c, 0, sizeof *c);
	c->d.out = open_memstream(&c->text, &c->len);
	assert_non_null(c->d.out);
	c->err = tmpfile();
	assert_non_null(c->err);
	fflush(stderr);
	c->saved_stderr = dup(STDERR_FILENO);
	assert_true(c->saved_stderr >= 0);
	assert_true(dup2(fileno(c->err), STDERR_FILENO) >= 0);
}

/* Stop capturing; the diagnostics stay readable in c->text (free() it).
 * Fails the test if anything reached stderr meanwhile. */
static inline void diag_capture_stop(struct diag_capture *c)
{
	long stray;

	fflush(stderr);
	dup2(c->saved_stderr, STDERR_FILENO);
	close(c->saved_stderr);
	fseek(c->err, 0, SEEK_END);
	stray = ftell(c->err);
	fclose(c->err);
	fclose(c->d.out);
	c->d.out = NULL;
	assert_int_equal(stray, 0);
}

#ifdef P2HAM_RUBRIC_H
/* Rows "KANWIL;"UNIT";CODE;LEVEL" that answer every item of `type` with
 * its scale's best level, and every gate with a level that passes it: a
 * complete, recommended unit. `unit` is written between quotes as it is. */
static inline void test_complete_rows(GString *csv, const struct rubric *r,
				      const char *kanwil, const char *unit,
				      const char *type)
{
	const struct rubric_unit_type *t = rubric_find_type(r, type);

	for (guint i = 0; i < t->items->len; i++) {
		const struct rubric_item *it = t->items->pdata[i];
		const struct rubric_level *lv = it->scale->levels->pdata[0];

		if (it->gate == lv)
			lv = it->scale->levels->pdata[it->scale->levels->len - 1];
		g_string_append_printf(csv, "%s;\"%s\";%s;%s\n", kanwil, unit, it->code,
				       lv->label);
	}
}
#endif

#endif
