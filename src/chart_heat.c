/* chart_heat.c — a region's units by principles as a heat map shaded by grade. */
#include "chart_int.h"

/* -------------------------------------------------------------- heat map */

/*
 * The heat map's bands: the rubric's grades, highest first; or, for a
 * rubric without grades (SPEC 4.7), the award threshold and the aspect
 * floor, so that the weakest scores still stand out without a grade name.
 */
static unsigned band_count(const struct rubric *rb)
{
	if (rb->grades->len)
		return rb->grades->len;
	return rb->aspect_floor > 0 && rb->aspect_floor < rb->threshold ? 3 : 2;
}

static double band_min(const struct rubric *rb, unsigned band)
{
	if (rb->grades->len)
		return ((const struct rubric_grade *)g_ptr_array_index(rb->grades, band))->min;
	if (band == 0)
		return rb->threshold;
	return band == 1 && band_count(rb) == 3 ? rb->aspect_floor : 0;
}

static const char *band_label(const struct rubric *rb, unsigned band)
{
	if (rb->grades->len)
		return ((const struct rubric_grade *)g_ptr_array_index(rb->grades, band))->label;
	if (band == 0)
		return "Mencapai ambang";
	return band == 1 && band_count(rb) == 3 ? "Di bawah ambang" : "Di bawah batas";
}

/* The band of a score: 0 for the highest; band_count() when no band's
 * minimum is reached. */
static unsigned grade_band(const struct rubric *rb, double v)
{
	unsigned n = band_count(rb);

	for (unsigned g = 0; g < n; g++)
		if (score_at_least(v, band_min(rb, g)))
			return g;
	return n;
}

unsigned chart_band_fill(unsigned band, unsigned n)
{
	if (band >= n)
		return CHART_NOT_ASSESSED_FILL;
	if (n < 2)
		return STYLE_RAMP_HI;
	return style_mix(STYLE_RAMP_LO, STYLE_RAMP_HI, (double)band / (n - 1));
}

/* Lightest for the highest band, evenly darker down to the lowest: the
 * weakest scores are the most salient, on screen and in grey. */
static struct draw_rgb band_color(const struct rubric *rb, unsigned band)
{
	return draw_hex(chart_band_fill(band, band_count(rb)));
}

static struct draw_rgb band_ink(const struct rubric *rb, unsigned band)
{
	return draw_hex(style_text_on(chart_band_fill(band, band_count(rb))));
}

static void heat_legend(cairo_t *cr, const struct rubric *rb, double x, double y,
			double w)
{
	struct key keys[16];
	char *texts[16];
	unsigned n = 0;

	for (unsigned g = 0; g < band_count(rb) && n < G_N_ELEMENTS(keys) - 1; g++) {
		const char *label = band_label(rb, g);
		double min = band_min(rb, g);
		char lo[32], hi[32];

		fmt_limit(lo, min);
		if (g == 0) {
			texts[n] = g_strdup_printf("%s (≥ %s)", label, lo);
		} else {
			fmt_limit(hi, band_min(rb, g - 1));
			texts[n] = min <= 0 ? g_strdup_printf("%s (< %s)", label, hi)
					    : g_strdup_printf("%s (%s – < %s)", label, lo, hi);
		}
		keys[n] = (struct key){ KEY_BOX, band_color(rb, g), texts[n] };
		n++;
	}
	keys[n++] = (struct key){ KEY_HATCH, c_white, "– tidak dinilai" };
	legend(cr, keys, n, x, y, w, 0);
	for (unsigned i = 0; i + 1 < n; i++)
		g_free(texts[i]);
}

double chart_heatmap_height(unsigned rows, int mean_row)
{
	return TITLE_H + HEAT_HEAD + (rows + (mean_row ? 1 : 0)) * HEAT_PITCH + 6 +
	       LEGEND_H;
}

struct heat {
	cairo_t *cr;
	const struct rubric *rb;
	guint cols[64];         /* principle indexes shown */
	unsigned ncols;
	double x, nw, cw, pitch;
};

static void heat_cell(const struct heat *hm, double v, double cx, double ry)
{
	unsigned band = isnan(v) ? 0 : grade_band(hm->rb, v);
	struct draw_style st =
	    sized(&st_tick, (clampd(fmin(hm->pitch * 0.6, hm->cw * 0.27), 4, 7)));
	char num[32];

	if (isnan(v)) {
		double dw = fmin(hm->cw - 4, 12), dh = fmin(hm->pitch - 3, 9);

		hatch_rect(hm->cr, cx + 0.8, ry + 0.8, hm->cw - 1.6, hm->pitch - 1.6);
		draw_fill_rect(hm->cr, cx + (hm->cw - dw) / 2, ry + (hm->pitch - dh) / 2, dw,
			       dh, c_white);
		st.color = c_ink;
		text_in(hm->cr, "–", cx, ry, hm->cw, hm->pitch, &st);
		return;
	}
	draw_fill_rect(hm->cr, cx + 0.4, ry + 0.4, hm->cw - 0.8, hm->pitch - 0.8,
		       band_color(hm->rb, band));
	st.color = band_ink(hm->rb, band);
	fmt1(num, v);
	text_in(hm->cr, num, cx, ry, hm->cw, hm->pitch, &st);
}

static void heat_row(const struct heat *hm, const char *name, const double *scores,
		     double ry, int bold)
{
	struct draw_style st =
	    sized(&st_label, (clampd(hm->pitch * 0.6, CHART_MIN_PT, 7.5)));

	st.align = DRAW_LEFT;
	if (bold)
		st.font = STYLE_FONT_BOLD;
	text_in(hm->cr, name, hm->x, ry, hm->nw - 4, hm->pitch, &st);
	for (unsigned c = 0; c < hm->ncols; c++)
		heat_cell(hm, scores[hm->cols[c]], hm->x + hm->nw + c * hm->cw, ry);
}

/* Column titles turned a quarter, reading upwards, each in its column. */
static void heat_header(const struct heat *hm, double y)
{
	struct draw_style st = {
	    STYLE_FONT, (7), (6.5), DRAW_LEFT, HEX(STYLE_INK), 0, 0, 0};

	for (unsigned c = 0; c < hm->ncols; c++) {
		const struct rubric_principle *pr = g_ptr_array_index(hm->rb->principles,
								       hm->cols[c]);
		double cx = hm->x + hm->nw + c * hm->cw;

		draw_turn(hm->cr, cx, y + HEAT_HEAD - 3, -G_PI / 2);
		text_in(hm->cr, pr->label, 0, 0, HEAT_HEAD - 6, hm->cw, &st);
		draw_unturn(hm->cr);
	}
}

void chart_region_heatmap_part(cairo_t *cr, const struct model *m, const struct region *r,
			       unsigned first, unsigned count,
			       double x, double y, double w, double h)
{
	GPtrArray *units = chart_region_units(m, r);
	struct heat hm = { cr, m->rubric, { 0 }, 0, x, w * 0.33, 0, 0 };
	int mean_row;
	double py0 = y + TITLE_H + HEAT_HEAD;
	char *head;

	if (first > units->len)
		first = units->len;
	if (count > units->len - first)
		count = units->len - first;
	mean_row = first + count == units->len;
	for (guint p = 0;
	     p < m->rubric->principles->len && hm.ncols < G_N_ELEMENTS(hm.cols); p++)
		if (!isnan(r->principles[p]))
			hm.cols[hm.ncols++] = p;
	hm.cw = hm.ncols ? (w - hm.nw) / hm.ncols : 0;
	hm.pitch = (h - TITLE_H - HEAT_HEAD - 6 - LEGEND_H) / MAX(count + mean_row, 1u);
	head = g_strdup_printf("Nilai prinsip per UPT — %s%s", r->kanwil.display,
			       first ? " (lanjutan)" : "");
	title(cr, head, x, y, w);
	g_free(head);
	heat_header(&hm, y + TITLE_H);
	for (unsigned i = 0; i < count; i++) {
		const struct scored_unit *u = g_ptr_array_index(units, first + i);
		double ry = py0 + i * hm.pitch;
		char *name;

		if (!visible(cr, ry, ry + hm.pitch))
			continue;
		name = ranked_name(u);
		heat_row(&hm, name, u->principles, ry, 0);
		g_free(name);
	}
	if (mean_row) {
		double ry = py0 + count * hm.pitch;

		draw_line(cr, x, ry + 0.2, x + w, ry + 0.2, 0.8, c_muted);
		heat_row(&hm, "Rata-rata kanwil", r->principles, ry, 1);
	}
	heat_legend(cr, m->rubric, x, py0 + (count + mean_row) * hm.pitch + 6, w);
	g_ptr_array_unref(units);
}

void chart_region_heatmap(cairo_t *cr, const struct model *m, const struct region *r,
			  double x, double y, double w, double h)
{
	chart_region_heatmap_part(cr, m, r, 0, r->units, x, y, w, h);
}
