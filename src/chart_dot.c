/* chart_dot.c — a unit's principle scores as a sorted dot chart, the kanwil mean
 * beside each dot. */
#include "chart_int.h"

#define DOT_VALUE_W 30.0        /* the column of values right of the plot */
#define DOT_AXIS_H 13.0         /* the tick numbers under the plot */
#define DOT_ROW_MIN 11.0
#define DOT_ROW_MAX 22.0

static const struct draw_style st_dot_label = {
	STYLE_FONT, (7.5), 0, DRAW_LEFT, HEX(STYLE_INK), 0, 0, 0 };

const struct region *chart_unit_region(const struct model *m, const struct scored_unit *u)
{
	for (guint i = 0; i < m->regions->len; i++) {
		const struct region *r = g_ptr_array_index(m->regions, i);

		if (!strcmp(r->kanwil.raw, u->kanwil.raw))
			return r;
	}
	return NULL;
}

/* Ascending by the unit's score, ties in rubric order: an insertion sort,
 * since the order depends on the unit (no global for a comparator). */
static void sort_rows(guint *rows, unsigned n, const struct scored_unit *u)
{
	for (unsigned i = 1; i < n; i++) {
		guint p = rows[i];
		unsigned j = i;

		while (j > 0 && (u->principles[rows[j - 1]] > u->principles[p] ||
				 (u->principles[rows[j - 1]] == u->principles[p] &&
				  rows[j - 1] > p))) {
			rows[j] = rows[j - 1];
			j--;
		}
		rows[j] = p;
	}
}

unsigned chart_principle_order(const struct model *m, const struct scored_unit *u,
			       guint *rows, unsigned max)
{
	unsigned n = 0;

	for (guint p = 0; p < m->rubric->principles->len && n < max; p++)
		if (!isnan(u->principles[p]))
			rows[n++] = p;
	sort_rows(rows, n, u);
	return n;
}

/* Row heights: each label's lines, then the room left shared out; when the
 * labels do not fit, equal rows whose labels are cut short. */
static void row_heights(cairo_t *cr, const struct rubric *rb, const guint *rows,
			unsigned n, double lw, double avail, double *rh)
{
	double sum = 0, extra;

	for (unsigned k = 0; k < n; k++) {
		const struct rubric_principle *pr = g_ptr_array_index(rb->principles, rows[k]);

		rh[k] = fmax(DOT_ROW_MIN, plain_height(cr, pr->label, lw, &st_dot_label) + 2);
		sum += rh[k];
	}
	if (sum > avail) {
		for (unsigned k = 0; k < n; k++)
			rh[k] = avail / n;
		return;
	}
	extra = (avail - sum) / n;
	for (unsigned k = 0; k < n; k++)
		rh[k] = fmin(rh[k] + extra, fmax(rh[k], DOT_ROW_MAX));
}

struct dot_plot {
	double x, lw, x0, x1, right;
};

static double dot_x(const struct dot_plot *p, double v)
{
	return p->x0 + (p->x1 - p->x0) * clampd(v, 0, 100) / 100.0;
}

static void dot_row(cairo_t *cr, const struct dot_plot *p, const char *label, double v,
		    double mean, double ry, double h)
{
	struct draw_style value = st_value;
	double cy = ry + h / 2, tw, th;
	char num[32];

	text_in(cr, label, p->x, ry, p->lw - 5, h, &st_dot_label);
	draw_line(cr, p->x0, cy, p->x1, cy, 0.5, c_rule);
	if (!isnan(mean))
		mark_diamond(cr, dot_x(p, mean), cy, DIAMOND_R);
	mark_dot(cr, dot_x(p, v), cy, DOT_R);
	fmt2(num, v);
	value.align = DRAW_RIGHT;
	tw = plain_width(cr, num, &value);
	th = plain_height(cr, num, 0, &value);
	text_in(cr, num, p->right - tw, ry, 0, h, &value);
	geom_add(cr, 0, p->right - tw, cy - th / 2, tw, th);
}

static void dot_axis(cairo_t *cr, const struct dot_plot *p, double y)
{
	char tick[8];

	draw_line(cr, p->x0, y, p->x1, y, 0.6, c_muted);
	for (int v = 0; v <= 100; v += 20) {
		double px = dot_x(p, v);

		g_snprintf(tick, sizeof tick, "%d", v);
		draw_line(cr, px, y, px, y + 2, 0.6, c_muted);
		text_at(cr, tick, px - 12, y + 2.5, 24, &st_tick);
	}
}

void chart_unit_principles(cairo_t *cr, const struct model *m,
			   const struct scored_unit *u, double x, double y, double w,
			   double h)
{
	const struct rubric *rb = m->rubric;
	const struct region *r = chart_unit_region(m, u);
	guint rows[64];
	double rh[64], ry, py0 = y + TITLE_H + LEGEND_H + 2, py1 = y + h - DOT_AXIS_H;
	unsigned n = chart_principle_order(m, u, rows, G_N_ELEMENTS(rows));
	struct dot_plot p = { x, w * 0.48, x + w * 0.48, x + w - DOT_VALUE_W - 6, x + w };
	char lim[32], ref_text[64];
	struct key keys[3] = { { KEY_DOT, c_navy, "Nilai UPT" },
			       { KEY_DIAMOND, c_ink, "Rata-rata kanwil" },
			       { KEY_DASH, c_red, ref_text } };

	fmt_limit(lim, rb->threshold);
	g_snprintf(ref_text, sizeof ref_text, "Ambang %s", lim);
	title(cr, "Nilai per prinsip (terendah di atas)", x, y, w);
	legend(cr, keys, 3, x, y + TITLE_H, w, 0);
	row_heights(cr, rb, rows, n, p.lw - 5, py1 - py0, rh);
	ry = py0;
	for (unsigned k = 0; k < n; k++)
		ry += rh[k];
	/* The threshold under the marks, over the rows' tracks' ends. */
	ref_line(cr, dot_x(&p, rb->threshold), py0, dot_x(&p, rb->threshold), ry, 1.1,
		 c_red, 1);
	ry = py0;
	for (unsigned k = 0; k < n; k++) {
		const struct rubric_principle *pr = g_ptr_array_index(rb->principles, rows[k]);

		dot_row(cr, &p, pr->label, u->principles[rows[k]],
			r ? r->principles[rows[k]] : NAN, ry, rh[k]);
		ry += rh[k];
	}
	dot_axis(cr, &p, ry + 1);
}

double chart_unit_principles_height(const struct model *m, const struct scored_unit *u)
{
	unsigned n = 0;

	for (guint p = 0; p < m->rubric->principles->len; p++)
		n += !isnan(u->principles[p]);
	return TITLE_H + LEGEND_H + 2 + n * 18.0 + DOT_AXIS_H;
}
