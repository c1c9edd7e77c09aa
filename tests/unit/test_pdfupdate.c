/* test_pdfupdate.c — language, viewer preferences, page mode and figure alts appended to Cairo's PDF. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdfupdate.h"

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int n)
{
	g_byte_array_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static void figure(cairo_t *cr, double y)
{
	cairo_tag_begin(cr, "Figure", "");
	cairo_rectangle(cr, 20, y, 40, 30);
	cairo_fill(cr);
	cairo_tag_end(cr, "Figure");
}

/* A small tagged PDF as Cairo writes it: a paragraph and `figures`
 * figures over two pages, and an outline entry when `outline`. */
static GByteArray *tagged_pdf(int figures, int outline)
{
	GByteArray *b = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, b, 200, 200);
	cairo_t *cr = cairo_create(s);

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Judul");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
				       "2019-12-10T00:00:00");
	cairo_tag_begin(cr, "P", "");
	cairo_move_to(cr, 10, 20);
	cairo_show_text(cr, "Teks");
	cairo_tag_end(cr, "P");
	if (outline) {
		cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='awal'");
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Awal", "dest='awal'", 0);
	}
	for (int i = 0; i < figures; i++) {
		if (i == 1)
			cairo_show_page(cr);
		figure(cr, 40 + 35 * i);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return b;
}

static GByteArray *copy(const GByteArray *b)
{
	GByteArray *c = g_byte_array_new();

	g_byte_array_append(c, b->data, b->len);
	return c;
}

/* Where `s` is in b from `from` on, or NULL; the PDF's streams hold NULs. */
static const char *find(const GByteArray *b, size_t from, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = from; i + n <= b->len; i++)
		if (!memcmp(b->data + i, s, n))
			return (const char *)b->data + i;
	return NULL;
}

static int contains(const GByteArray *b, size_t from, const char *s)
{
	return find(b, from, s) != NULL;
}

static const char *const alts[] = { "Grafik nilai (prinsip)", "Peta — Kalimantan" };

static void test_update_appends_keys_and_alts(void **state)
{
	GByteArray *orig = tagged_pdf(2, 1), *b = copy(orig);
	struct pdfupdate u = { "id-ID", 1, 1, alts, 2 };
	char *error = NULL;

	assert_int_equal(pdfupdate_apply(b, &u, &error), 0);
	assert_null(error);
	assert_true(b->len > orig->len);
	assert_memory_equal(b->data, orig->data, orig->len);
	assert_true(contains(b, orig->len, "/Lang (id-ID)"));
	assert_true(contains(b, orig->len, "/ViewerPreferences << /DisplayDocTitle true >>"));
	assert_true(contains(b, orig->len, "/PageMode /UseOutlines"));
	assert_true(contains(b, orig->len, "/Alt (Grafik nilai \\(prinsip\\))"));
	/* "Peta — Kalimantan" in UTF-16BE: P e t a space em-dash ... */
	assert_true(contains(b, orig->len, "/Alt <FEFF0050006500740061002020140020004B"));
	assert_true(contains(b, orig->len, "/Prev "));
	assert_true(contains(b, b->len - 6, "%%EOF\n"));
	g_byte_array_unref(b);
	g_byte_array_unref(orig);
}

/* The first figure's alt goes to the figure tagged first. */
static void test_alts_in_tag_order(void **state)
{
	GByteArray *b = tagged_pdf(2, 0);
	struct pdfupdate u = { "id-ID", 1, 1, alts, 2 };
	const char *first, *second;
	char *error = NULL;

	assert_int_equal(pdfupdate_apply(b, &u, &error), 0);
	first = find(b, 0, "/Alt (Grafik");
	second = find(b, 0, "/Alt <FEFF");
	assert_non_null(first);
	assert_non_null(second);
	assert_true(first < second);
	/* No outline: no page mode that would show an empty panel. */
	assert_false(contains(b, 0, "/PageMode"));
	g_byte_array_unref(b);
}

/* qpdf (a build dependency, .ci/debian-packages) finds the updated file sound and reads
 * the new catalog and the figures' alts through the update. */
static void test_qpdf_reads_the_update(void **state)
{
	GByteArray *b = tagged_pdf(3, 1);
	const char *const three[] = { "Satu", "Dua", "Tiga" };
	struct pdfupdate u = { "id-ID", 1, 1, three, 3 };
	char *error = NULL, *dir, *in, *qdf, *cmd, *text = NULL;

	assert_int_equal(pdfupdate_apply(b, &u, &error), 0);
	dir = g_dir_make_tmp("pdfupdate-XXXXXX", NULL);
	in = g_build_filename(dir, "in.pdf", NULL);
	qdf = g_build_filename(dir, "qdf.pdf", NULL);
	assert_true(g_file_set_contents(in, (const char *)b->data, b->len, NULL));
	cmd = g_strdup_printf("qpdf --check '%s' >/dev/null 2>&1", in);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	cmd = g_strdup_printf("qpdf --qdf --object-streams=disable '%s' '%s'", in, qdf);
	assert_int_equal(system(cmd), 0);
	assert_true(g_file_get_contents(qdf, &text, NULL, NULL));
	assert_non_null(strstr(text, "/Lang (id-ID)"));
	assert_non_null(strstr(text, "/DisplayDocTitle true"));
	assert_non_null(strstr(text, "/PageMode /UseOutlines"));
	assert_non_null(strstr(text, "/Alt (Satu)"));
	assert_non_null(strstr(text, "/Alt (Tiga)"));
	assert_non_null(strstr(text, "/Marked true"));
	g_free(cmd);
	g_free(text);
	unlink(in);
	unlink(qdf);
	rmdir(dir);
	g_free(in);
	g_free(qdf);
	g_free(dir);
	g_byte_array_unref(b);
}

static void assert_refused(GByteArray *b, const struct pdfupdate *u, const char *why)
{
	GByteArray *before = copy(b);
	char *error = NULL;

	assert_int_equal(pdfupdate_apply(b, u, &error), -1);
	assert_non_null(error);
	assert_non_null(strstr(error, why));
	assert_int_equal(b->len, before->len);
	assert_memory_equal(b->data, before->data, b->len);
	g_free(error);
	g_byte_array_unref(before);
}

static void test_refusals_leave_the_file_unchanged(void **state)
{
	GByteArray *b = tagged_pdf(2, 1), *junk = g_byte_array_new(), *cut;
	struct pdfupdate u = { "id-ID", 1, 1, alts, 1 };

	/* One alt for two figures: no guessing which is which. */
	assert_refused(b, &u, "2 figures are tagged but 1");
	g_byte_array_append(junk, (const guint8 *)"not a pdf at all, not at all", 28);
	assert_refused(junk, &u, "not a PDF");
	cut = copy(b);
	g_byte_array_set_size(cut, cut->len - 30);
	assert_refused(cut, &u, "startxref");
	/* Updated once, it is not updated again. */
	u.n_alts = 2;
	assert_int_equal(pdfupdate_apply(b, &u, &(char *){ NULL }), 0);
	assert_refused(b, &u, "already");
	g_byte_array_unref(b);
	g_byte_array_unref(junk);
	g_byte_array_unref(cut);
}

static void test_same_input_same_bytes(void **state)
{
	GByteArray *a = tagged_pdf(2, 1), *b = copy(a);
	struct pdfupdate u = { "id-ID", 1, 1, alts, 2 };
	char *error = NULL;

	assert_int_equal(pdfupdate_apply(a, &u, &error), 0);
	assert_int_equal(pdfupdate_apply(b, &u, &error), 0);
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->data, b->data, a->len);
	g_byte_array_unref(a);
	g_byte_array_unref(b);
}

static void test_text_strings(void **state)
{
	char *s = pdfupdate_text_string("a(b)\\c");

	assert_string_equal(s, "(a\\(b\\)\\\\c)");
	g_free(s);
	s = pdfupdate_text_string("é");
	assert_string_equal(s, "<FEFF00E9>");
	g_free(s);
	s = pdfupdate_text_string("baris\nbaru");
	assert_string_equal(s, "<FEFF00620061007200690073000A0062006100720075>");
	g_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_update_appends_keys_and_alts),
		cmocka_unit_test(test_alts_in_tag_order),
		cmocka_unit_test(test_qpdf_reads_the_update),
		cmocka_unit_test(test_refusals_leave_the_file_unchanged),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_text_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
