/* test_draw.c — the text path: the fast path against Pango's own layout (golden test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "plain.h"
#include "testutil.h"

/* Hard strings: kerning pairs, Indonesian, accents, ligatures, digits
 * only, long words, spaces at the ends, several lines, other scripts,
 * right to left, combining marks. */
static const char *const hard[] = {
	"AVATAR To Yo",
	"Lembaga Pemasyarakatan Kelas IIA Yogyakarta",
	"Rumah Tahanan Negara Kelas I Jakarta Pusat — Wilayah DKI",
	"Kantor Wilayah Kementerian Hukum dan HAM Sulawesi Tengah",
	"Pelayanan Hak Asasi Manusia: Tersedia; Tidak Tersedia (0,00)",
	"S\xc3\xa9marang \xc3\x91usantara \xc3\x87" "a \xc3\x8fl\xc3\xa9 \xc3\x9c",
	"Bapas D \"\xc3\x9c\" & <B>",
	"office affluent fjord ffi fl",
	"WAVE Tv. LT. P. Y. F. Vo Wa",
	"12,34", "100,00%", "1.234.567", "(75)", "1.", "—",
	"Penyelenggaraanpemasyarakatanberkelanjutanterintegrasi",
	"https://drive.example.go.id/p2ham/kanwil-01/lapas/bukti-foto.jpg",
	"Nilai ", " Nilai", "a  b", "",
	"Kanwil\nJawa Barat", "satu\n\ndua\n",
	"Lapas \xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85",
	"Nama \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d Lapas",
	"Se\xcc\x81marang",
	"\xe5\x8c\x97\xe4\xba\xac Lapas",
};

static const struct draw_style styles[] = {
	{ "Lato", 8, 0, DRAW_LEFT, { 0, 0, 0 }, 0, 0, 0 },
	{ "Lato Bold", 8, 0, DRAW_CENTER, { 0, 0, 0 }, 0, 0, 0 },
	{ "Lato", 10, 0, DRAW_RIGHT, { 0, 0, 0 }, 1.2, 0, 0 },
	{ "Lato Italic", 9, 0, DRAW_LEFT, { 0, 0, 0 }, 0, 0, 0 },
	{ "EB Garamond", 12, 0, DRAW_CENTER, { 0, 0, 0 }, 0, 0, 0 },
};

static const double widths[] = { 0, 30, 43.7, 75, 120, 400 };

static int setup(void **state)
{
	struct diag quiet = DIAG_INIT;
	int rc;

	quiet.out = fopen("/dev/null", "w");
	rc = quiet.out && draw_init("../..", &quiet) == 0 ? 0 : -1;
	if (quiet.out)
		fclose(quiet.out);
	return rc;
}

static int teardown(void **state)
{
	draw_done();
	return 0;
}

static cairo_t *image_cr(int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);

	cairo_surface_destroy(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	return cr;
}

/* Pango's own layout, fresh: width, height and lines. */
static void pango_reference(cairo_t *cr, const char *text, double w,
			    const struct draw_style *st, double *pw, double *ph, int *lines)
{
	PangoLayout *layout = draw_layout(cr, text, w, st);
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	*pw = (double)logical.width / PANGO_SCALE;
	*ph = (double)logical.height / PANGO_SCALE;
	*lines = pango_layout_get_line_count(layout);
	g_object_unref(layout);
}

/* Every hard string, style and width: the height (so the number of lines)
 * and the width are Pango's, on the fast path and on the cached one. */
static void golden_against_pango(void **state)
{
	cairo_t *cr = image_cr(1, 1), *cached = image_cr(1, 1);
	int direct = 0, multi = 0;

	(void)state;
	draw_cache_attach(cached);
	for (size_t s = 0; s < G_N_ELEMENTS(styles); s++)
		for (size_t i = 0; i < G_N_ELEMENTS(hard); i++)
			for (size_t k = 0; k < G_N_ELEMENTS(widths); k++) {
				const struct draw_style *st = &styles[s];
				double w = widths[k], pw, ph;
				int lines;

				pango_reference(cr, hard[i], w, st, &pw, &ph, &lines);
				direct += (plain_lines(cr, hard[i], w, st, NULL, 0) >= 0);
				multi += lines > 1 + (strchr(hard[i], '\n') != NULL);
				if (fabs(plain_height(cr, hard[i], w, st) - ph) > 0.01 ||
				    fabs(draw_text_height(cached, hard[i], w, st) - ph) > 0.01)
					fail_msg("height of '%s' in %s %g at %g: %g, Pango %g",
						 hard[i], st->font, st->size, w,
						 plain_height(cr, hard[i], w, st), ph);
				if (w == 0 && fabs(plain_width(cr, hard[i], st) - pw) > 0.01)
					fail_msg("width of '%s' in %s %g: %g, Pango %g", hard[i],
						 st->font, st->size, plain_width(cr, hard[i], st),
						 pw);
			}
	/* Both paths were taken: the test compares something. */
	assert_true(direct > 200);
	assert_true(multi > 50);
	cairo_destroy(cr);
	cairo_destroy(cached);
}

/* Kerned "AVATAR To Yo" is narrower than its letters' advances (the old
 * path set it so, 1.6 pt wider in Lato 12), kerned across its spaces
 * too; lines break where Pango breaks them. */
static void kerning_and_breaks(void **state)
{
	static const struct draw_style lato = { "Lato", 12, 0, DRAW_LEFT, { 0, 0, 0 }, 0, 0, 0 };
	cairo_t *cr = image_cr(1, 1);
	double line = plain_height(cr, "Ag", 0, &lato), sum = 0;

	(void)state;
	assert_true(plain_lines(cr, "AVATAR To Yo", 0, &lato, NULL, 0) == 1);
	for (const char *p = "AVATAR To Yo"; *p; p++) {
		char c[2] = { *p, 0 };

		sum += plain_width(cr, c, &lato);
	}
	assert_float_equal(plain_width(cr, "AVATAR To Yo", &lato),
			   draw_text_width(cr, "AVATAR To Yo", &lato), 0.01);
	assert_true(plain_width(cr, "AVATAR To Yo", &lato) < sum - 1.5);
	assert_float_equal(plain_height(cr, "AVATAR To Yo AVATAR To Yo", 75, &lato),
			   draw_text_height(cr, "AVATAR To Yo AVATAR To Yo", 75, &lato), 0.01);
	assert_true(plain_height(cr, "AVATAR To Yo AVATAR To Yo", 75, &lato) > 2 * line);
	assert_float_equal(plain_width(cr, "office", &lato),
			   draw_text_width(cr, "office", &lato), 0.01);
	cairo_destroy(cr);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int n)
{
	return CAIRO_STATUS_SUCCESS;
}

/* The same widths and heights on a PDF, an SVG and an image surface. */
static void same_on_every_surface(void **state)
{
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, 100, 100);
	cairo_surface_t *svg = cairo_svg_surface_create_for_stream(discard, NULL, 100, 100);
	cairo_t *crs[] = { cairo_create(pdf), cairo_create(svg), image_cr(10, 10) };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(hard); i++)
		for (size_t c = 1; c < G_N_ELEMENTS(crs); c++) {
			assert_float_equal(plain_width(crs[c], hard[i], &styles[0]),
					   plain_width(crs[0], hard[i], &styles[0]), 1e-9);
			assert_float_equal(plain_height(crs[c], hard[i], 75, &styles[2]),
					   plain_height(crs[0], hard[i], 75, &styles[2]), 1e-9);
		}
	for (size_t c = 0; c < G_N_ELEMENTS(crs); c++)
		cairo_destroy(crs[c]);
	cairo_surface_destroy(pdf);
	cairo_surface_destroy(svg);
}

/* The box of the pixels that are not white. */
static void ink_box(cairo_surface_t *s, int box[4])
{
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	box[0] = box[1] = 1 << 20;
	box[2] = box[3] = -1;
	cairo_surface_flush(s);
	for (int y = 0; y < cairo_image_surface_get_height(s); y++)
		for (int x = 0; x < cairo_image_surface_get_width(s); x++)
			if (*(const guint32 *)(const void *)(px + y * stride + 4 * x) !=
			    0xffffffu) {
				box[0] = MIN(box[0], x), box[1] = MIN(box[1], y);
				box[2] = MAX(box[2], x), box[3] = MAX(box[3], y);
			}
}

/* What the fast path draws is where Pango draws it: the same ink, to the
 * pixel. */
static void draws_like_pango(void **state)
{
	static const char *const texts[] = { "AVATAR To Yo", "Kelas IIA Yogyakarta (75,5%)",
					     "S\xc3\xa9marang office", "Kanwil\nJawa Barat",
					     "Penyelenggaraanpemasyarakatan terpadu",
					     "https://drive.example.go.id/p2ham/bukti.jpg" };
	/* The last two break inside words, with Pango's hyphen. */
	static const double box[] = { 280, 280, 280, 280, 60, 90 };

	(void)state;
	for (size_t s = 0; s < G_N_ELEMENTS(styles); s++)
		for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
			cairo_t *a = image_cr(300, 120), *b = image_cr(300, 120);
			cairo_surface_t *sa = cairo_get_target(a), *sb = cairo_get_target(b);
			PangoLayout *layout = draw_layout(b, texts[i], box[i], &styles[s]);

			assert_true(plain_lines(a, texts[i], box[i], &styles[s], NULL, 0) >= 1);
			plain_draw(a, texts[i], 10, 5, box[i], &styles[s]);
			cairo_move_to(b, 10, 5);
			pango_cairo_show_layout(b, layout);
			g_object_unref(layout);
			int ba[4], bb[4];

			ink_box(sa, ba);
			ink_box(sb, bb);
			assert_true(ba[2] > ba[0]);
			for (int k = 0; k < 4; k++)
				assert_true(abs(ba[k] - bb[k]) <= 1);
			cairo_destroy(a);
			cairo_destroy(b);
		}
}

/* Words for random paragraphs: names, numbers, codes, links, kerning
 * pairs, ligatures, accents, punctuation that Unicode breaks after. */
static const char *const words[] = {
	"Lembaga", "Pemasyarakatan", "Kelas", "IIA", "Yogyakarta", "AVATAR", "To", "Yo",
	"Tersedia", "Tidak", "(0,00)", "75,50%", "1.234.567", "B.01", "C.04", "Patuh",
	"\xe2\x80\x94", "Kanwil-01", "https://drive.example.go.id/p2ham/bukti.jpg",
	"S\xc3\xa9marang", "\xc3\x91usantara", "office", "affluent", "fjord", "Wa", "Tv.",
	"LT.", "\"Ada\"", "dan/atau", "Rutan", "Bapas",
	"Penyelenggaraanpemasyarakatanberkelanjutan", "HAM;", "Sulawesi", "Tengah:", "a",
	"?", "!", "&", "<B>", "2019-12-10", "12/10/19", "e-mail", "Nilai", "Baik",
	"(lanjutan)", "Rp5.000", "#3", "@unit", "fi", "ff",
};

static char *random_text(GRand *r)
{
	GString *t = g_string_new(NULL);
	int n = g_rand_int_range(r, 1, 12);

	for (int i = 0; i < n; i++) {
		if (i)
			g_string_append(t, g_rand_int_range(r, 0, 20) == 0   ? "  "
					   : g_rand_int_range(r, 0, 30) == 0 ? "\n"
									     : " ");
		g_string_append(t, words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
	}
	if (g_rand_int_range(r, 0, 10) == 0)
		g_string_append_c(t, ' ');
	return g_string_free(t, FALSE);
}

/* Pango's lines and this path's for text, the same to 0.01 pt. */
static int same_lines(cairo_t *cr, const char *text, double w, const struct draw_style *st)
{
	PangoLayout *layout = draw_layout(cr, text, w, st);
	struct plain_line mine[64];
	int n = plain_lines(cr, text, w, st, mine, 64), i = 0;
	GSList *l = pango_layout_get_lines_readonly(layout);

	if (n < 0) {
		g_object_unref(layout);
		return -1;
	}
	assert_int_equal(n, g_slist_length(l));
	for (; l; l = l->next, i++) {
		PangoLayoutLine *line = l->data;
		PangoRectangle logical;

		pango_layout_line_get_extents(line, NULL, &logical);
		if (line->start_index != mine[i].start ||
		    fabs((double)logical.width / PANGO_SCALE - mine[i].width) > 0.01)
			fail_msg("'%s' in %s %g at %g: line %d at %d, %g wide; Pango %d, %g",
				 text, st->font, st->size, w, i, mine[i].start, mine[i].width,
				 line->start_index, (double)logical.width / PANGO_SCALE);
	}
	g_object_unref(layout);
	return 1;
}

/* Thousands of random paragraphs in random fonts, sizes and boxes: every
 * line starts and ends where Pango's does, as wide. */
static void random_against_pango(void **state)
{
	static const char *const fonts[] = { "Lato", "Lato Bold", "Lato Italic",
					     "EB Garamond", "DejaVu Sans" };
	GRand *r = g_rand_new_with_seed(20191210);
	cairo_t *cr = image_cr(1, 1);
	int direct = 0, hyphens = 0;

	(void)state;
	for (int k = 0; k < 4000; k++) {
		struct draw_style st = { fonts[g_rand_int_range(r, 0, G_N_ELEMENTS(fonts))],
					 g_rand_int_range(r, 6, 14), 0, DRAW_LEFT,
					 { 0, 0, 0 }, 0, 0, 0 };
		char *text = random_text(r);
		double w = g_rand_double_range(r, 5, 250);
		struct plain_line lines[64];
		int n = plain_lines(cr, text, w, &st, lines, 64);

		direct += same_lines(cr, text, w, &st) > 0;
		for (int i = 0; i < n && i < 64; i++)
			hyphens += lines[i].hyphen;
		g_free(text);
	}
	/* Nearly all set here, and words were broken with a hyphen. */
	assert_true(direct > 3600);
	assert_true(hyphens > 1000);
	g_rand_free(r);
	cairo_destroy(cr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(golden_against_pango),
		cmocka_unit_test(kerning_and_breaks),
		cmocka_unit_test(same_on_every_surface),
		cmocka_unit_test(draws_like_pango),
		cmocka_unit_test(random_against_pango),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
