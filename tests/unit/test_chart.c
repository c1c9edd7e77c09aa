/* test_chart.c — charts, the report and the text paths under them, rendered to memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "ingest.h"
#include "plain.h"
#include "report.h"
#include "rubric.h"
#include "score.h"
#include "style.h"
#include "svg.h"
#include "testutil.h"

struct fixture {
	struct scratch s;
	struct rubric *rubric;
	struct dataset *ds;
	struct model *m;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);
	struct diag quiet = DIAG_INIT;
	struct ingest_options opt = { NULL, 0, NULL };
	static const char csv[] =
		"kanwil,unit,kode,nilai,data_dukung\n"
		"K1,Lapas A & <B>,A.01,Ada,https://x.go.id/a?b=1&c='2'\n"
		"K1,Lapas A & <B>,A.02,Proses,Foto\n"
		"K1,Rutan C,A.01,Tidak,\n"
		"K2,Bapas D \"Ü\",A.01,Ada,Foto; https://x.go.id/d\n"
		"K2,Bapas D \"Ü\",A.01,Tidak,\n";
	int rc = -1;

	*state = f;
	quiet.out = fopen("/dev/null", "w");
	if (!quiet.out || scratch_open(&f->s, "p2ham-chart") < 0 ||
	    draw_init("../..", &quiet) < 0)
		goto done;
	f->rubric = rubric_load("../../templates/rubric.xml", &quiet);
	if (!f->rubric)
		goto done;
	f->ds = dataset_new(f->rubric);
	if (ingest_file(f->ds, scratch_write(&f->s, csv, sizeof csv - 1), &opt, &quiet) <
	    0)
		goto done;
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	rc = 0;
done:
	if (quiet.out)
		fclose(quiet.out);
	return rc;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f->m)
		model_free(f->m);
	if (f->ds)
		dataset_free(f->ds);
	rubric_free(f->rubric);
	if (f->s.dir)
		scratch_close(&f->s);
	draw_done();
	g_free(f);
	return 0;
}

/* A scratch cairo_t on a small image. */
static cairo_t *scratch_cr(void)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	cairo_t *cr = cairo_create(s);

	cairo_surface_destroy(s);
	return cr;
}

static const struct draw_style body = { "Lato", 12, 0, DRAW_LEFT, { 0, 0, 0 }, 0, 0, 0 };

static void plain_breaks_lines(void **state)
{
	cairo_t *cr = scratch_cr();
	double line = plain_height(cr, "Ag", 0, &body);

	(void)state;
	assert_true(line > 5);
	/* One line agrees with Pango's line height. */
	assert_float_equal(line, draw_text_height(cr, "Ag", 0, &body), 0.01);
	assert_float_equal(plain_height(cr, "satu\ndua", 0, &body), 2 * line, 0.01);
	/* Words wrap at spaces within the width... */
	assert_float_equal(plain_height(cr, "kata kata kata kata kata kata", 60, &body),
			   plain_height(cr, "kata kata\nkata kata\nkata kata", 0, &body),
			   0.01);
	/* ...a word longer than the line breaks inside, and never overflows. */
	assert_true(plain_height(cr, "https://drive.example.go.id/p2ham/a/b/c.jpg", 50,
				 &body) >= 3 * line - 0.01);
	/* Text for Pango: combining marks. */
	assert_float_equal(plain_height(cr, "Se\xcc\x81marang", 200, &body),
			   draw_text_height(cr, "Se\xcc\x81marang", 200, &body), 0.01);
	cairo_destroy(cr);
}

static void chart_numbering(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->m->units->len, 3);
	assert_int_equal(f->m->regions->len, 2);
	assert_int_equal(chart_count(f->m), 1 + 2 * 2 + 2 * 3);
}

/* An SVG of every chart of the model, into a memory stream. */
static char *svg_of(const struct model *m, size_t *len)
{
	const struct scored_unit *u = g_ptr_array_index(m->units, 0);
	const struct region *r = g_ptr_array_index(m->regions, 0);
	struct svg *svg;
	cairo_t *cr = svg_open(600, 1600, &svg);
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	draw_cache_attach(cr);
	chart_ranking(cr, m, NULL, 0, 0, 560, 200);
	chart_region_principles(cr, m, r, 0, 200, 560, 300);
	chart_region_heatmap(cr, m, r, 0, 500, 560, 300);
	chart_unit_aspects(cr, m, u, 0, 800, 400, 200);
	chart_unit_principles(cr, m, u, 0, 1000, 400, 300);
	assert_int_equal(svg_close(svg, cr, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void charts_as_svg(void **state)
{
	struct fixture *f = *state;
	size_t len1, len2;
	char *a = svg_of(f->m, &len1), *b = svg_of(f->m, &len2);

	assert_true(g_str_has_prefix(a, "<?xml"));
	assert_true(g_str_has_suffix(a, "</svg>\n"));
	assert_contains(a, "<use xlink:href=\"#g0\"");
	assert_contains(a, "<path id=\"g0\" d=\"M");
	/* Names are glyphs: no markup from the input can reach the file. */
	assert_null(strstr(a, "<B>"));
	assert_int_equal(len1, len2);
	assert_memory_equal(a, b, len1);
	free(a);
	free(b);
}

static void paint(cairo_t *cr, void *data)
{
	chart_ranking(cr, data, NULL, 0, 0, 300, 3000);
}

static void tall_png_in_bands(void **state)
{
	struct fixture *f = *state;
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);

	/* 3000 points at 150 dpi pass Cairo's 32767-pixel limit only in bands... */
	assert_int_equal(draw_png_paint(fp, 300, 3000, 150, paint, f->m), 0);
	assert_int_equal(fclose(fp), 0);
	assert_memory_equal(buf, "\x89PNG", 4);
	free(buf);
	/* ...and 8000 points would too. */
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_int_equal(draw_png_paint(fp, 100, 8000, 300, paint, f->m), 0);
	assert_int_equal(fclose(fp), 0);
	free(buf);
}

/*
 * SPEC 6: in the heat map the weakest band ("Kurang") stands out from the
 * page and from cells not assessed by 3:1; those are hatched in a colour
 * 3:1 from the page; every band's text reads at 4.5:1; the bands darken
 * as they weaken. For every number of bands a rubric may have.
 */
static void heat_palette_contrast(void **state)
{
	(void)state;
	assert_true(style_contrast(CHART_HATCH, STYLE_WHITE) >= 3.0);
	for (unsigned n = 1; n <= 8; n++) {
		unsigned weakest = chart_band_fill(n - 1, n), none = chart_band_fill(n, n);

		assert_true(style_contrast(weakest, STYLE_WHITE) >= 3.0);
		assert_true(style_contrast(weakest, none) >= 3.0);
		assert_true(style_contrast(weakest, CHART_HATCH) >= 3.0);
		assert_true(none == CHART_NOT_ASSESSED_FILL);
		for (unsigned b = 0; b < n; b++) {
			unsigned fill = chart_band_fill(b, n);

			assert_true(style_contrast(style_text_on(fill), fill) >= 4.5);
			if (b > 0)
				assert_true(style_luminance(fill) <
					    style_luminance(chart_band_fill(b - 1, n)));
		}
	}
	/* The "not assessed" mark reads on the white box it sits on. */
	assert_true(style_contrast(STYLE_INK, STYLE_WHITE) >= 4.5);
}

static int overlap(const struct chart_rect *a, const struct chart_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}

/* No value label of any chart touches a reference mark or another label. */
static void values_clear_of_marks(const struct model *m)
{
	for (unsigned i = 0; i < chart_count(m); i++) {
		struct chart_geom g;
		const char *id;
		enum chart_kind kind = chart_what(m, i, &id);

		chart_geometry(m, i, &g);
		if (kind != CHART_REGION_HEATMAP)
			assert_true(g.values->len > 0);
		if (kind == CHART_RANKING || kind == CHART_UNIT_PRINCIPLES ||
		    kind == CHART_UNIT_ASPECTS)
			assert_true(g.marks->len > 0);
		for (guint a = 0; a < g.values->len; a++) {
			const struct chart_rect *v = &g_array_index(g.values, struct chart_rect, a);

			for (guint k = 0; k < g.marks->len; k++)
				assert_false(overlap(v, &g_array_index(g.marks, struct chart_rect, k)));
			for (guint b = a + 1; b < g.values->len; b++)
				assert_false(overlap(v, &g_array_index(g.values, struct chart_rect, b)));
		}
		chart_geom_free(&g);
	}
}

static void value_labels_clear(void **state)
{
	struct fixture *f = *state;

	values_clear_of_marks(f->m);
}

/* Values right at the threshold, the aspect floor and 100, where labels
 * used to sit on the line. */
static void value_labels_clear_at_limits(void **state)
{
	struct fixture *f = *state;
	struct model *m = f->m;
	const struct rubric *rb = m->rubric;
	double thr = rb->threshold, floor_ = rb->aspect_floor;
	const double vals[] = { thr - 1.0, thr, thr + 0.5, floor_ - 0.5, floor_, 99.5, 100, 0 };

	for (guint i = 0; i < m->units->len; i++) {
		struct scored_unit *u = g_ptr_array_index(m->units, i);

		u->total = vals[i % G_N_ELEMENTS(vals)];
		for (guint a = 0; a < rb->aspects->len; a++)
			if (!isnan(u->aspects[a]))
				u->aspects[a] = vals[(i + a) % G_N_ELEMENTS(vals)];
		for (guint p = 0; p < rb->principles->len; p++)
			if (!isnan(u->principles[p]))
				u->principles[p] = vals[(i + p) % G_N_ELEMENTS(vals)];
	}
	for (guint k = 0; k < m->regions->len; k++) {
		struct region *r = g_ptr_array_index(m->regions, k);

		for (guint p = 0; p < rb->principles->len; p++)
			if (!isnan(r->principles[p]))
				r->principles[p] = vals[(k + p + 3) % G_N_ELEMENTS(vals)];
	}
	values_clear_of_marks(m);
}

/* The dot chart: sorted ascending by the unit's score. */
static void principles_sorted(void **state)
{
	struct fixture *f = *state;

	for (guint i = 0; i < f->m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(f->m->units, i);
		guint rows[64];
		unsigned n = chart_principle_order(f->m, u, rows, 64), want = 0;

		for (guint p = 0; p < f->m->rubric->principles->len; p++)
			want += !isnan(u->principles[p]);
		assert_int_equal(n, want);
		for (unsigned k = 1; k < n; k++)
			assert_true(u->principles[rows[k - 1]] <= u->principles[rows[k]]);
	}
}

static char *report_of(const struct model *m, size_t *len)
{
	struct report_info info = { "Kanwil \"Uji\" & <Coba>", "Serang" };
	struct diag d = DIAG_INIT;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_int_equal(report_write(m, &info, fp, &d), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(d.errors, 0);
	return buf;
}

static void report_to_memory(void **state)
{
	struct fixture *f = *state;
	size_t len1, len2;
	char *a = report_of(f->m, &len1), *b = report_of(f->m, &len2);

	assert_true(len1 > 1000);
	assert_memory_equal(a, "%PDF-", 5);
	assert_int_equal(len1, len2);
	assert_memory_equal(a, b, len1);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_breaks_lines),
		cmocka_unit_test(chart_numbering),
		cmocka_unit_test(charts_as_svg),
		cmocka_unit_test(tall_png_in_bands),
		cmocka_unit_test(report_to_memory),
		cmocka_unit_test(heat_palette_contrast),
		cmocka_unit_test(value_labels_clear),
		cmocka_unit_test(principles_sorted),
		/* Last: it changes the model's scores. */
		cmocka_unit_test(value_labels_clear_at_limits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
