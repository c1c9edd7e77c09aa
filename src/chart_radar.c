/* chart_radar.c — a unit's principle scores as a radar (spider) chart. */
#include "chart_int.h"

/* ----------------------------------------------------------------- radar */

/* An axis label of the radar: its box, and the value beneath the text. */
struct radar_label {
	const char *text;
	double value;
	double c, s;            /* the axis' direction */
	double x, y, h, lh;
};

static const struct draw_style st_radar = {
	STYLE_FONT, (6.5), 0, DRAW_CENTER, HEX(STYLE_INK), 0, 0, 0 };

/* The box hangs off the axis' end on the side away from the centre. */
static void radar_place(cairo_t *cr, struct radar_label *l, double ax, double ay,
			double bw)
{
	l->lh = fmin(plain_height(cr, l->text, bw, &st_radar), RADAR_LABEL_H);
	l->h = l->lh + plain_height(cr, "0", bw, &st_radar);
	l->x = l->c > 0.25 ? ax : l->c < -0.25 ? ax - bw : ax - bw / 2;
	l->y = l->s < -0.25 ? ay - l->h : l->s > 0.25 ? ay : ay - l->h / 2;
}

static gint by_top(gconstpointer a, gconstpointer b)
{
	const struct radar_label *x = *(const struct radar_label *const *)a;
	const struct radar_label *y = *(const struct radar_label *const *)b;

	return (x->y > y->y) - (x->y < y->y);
}

/* Labels on one side of the radar are stacked so that none overlaps the
 * next: pushed down where they collide, then back up from the bottom
 * limit if the stack ran past it. */
static void radar_unclash(struct radar_label *labels, unsigned n, int side, double bottom)
{
	GPtrArray *col = g_ptr_array_new();

	for (unsigned k = 0; k < n; k++)
		if ((side > 0 && labels[k].c > 0.25) || (side < 0 && labels[k].c < -0.25))
			g_ptr_array_add(col, &labels[k]);
	g_ptr_array_sort(col, by_top);
	for (guint i = 1; i < col->len; i++) {
		struct radar_label *up = g_ptr_array_index(col, i - 1),
				   *l = g_ptr_array_index(col, i);

		l->y = fmax(l->y, up->y + up->h + 1);
	}
	for (guint i = col->len; i-- > 0;) {
		struct radar_label *l = g_ptr_array_index(col, i);
		double limit =
		    i + 1 < col->len
			? ((struct radar_label *)g_ptr_array_index(col, i + 1))->y - 1
			: bottom;

		l->y = fmin(l->y, limit - l->h);
	}
	g_ptr_array_free(col, TRUE);
}

static void radar_label_draw(cairo_t *cr, const struct radar_label *l, double bw)
{
	struct draw_style st = st_radar;
	char num[32], *text;

	st.align = l->c > 0.25 ? DRAW_LEFT : l->c < -0.25 ? DRAW_RIGHT : DRAW_CENTER;
	fmt2(num, l->value);
	/* Label and value in one text: the value on a line of its own. */
	text = g_strdup_printf("%s\n%s", l->text, num);
	text_in(cr, text, l->x, l->y, bw, l->h, &st);
	g_free(text);
}

/* A polygon through the values, added to the current path (or a new one). */
static void radar_polygon(cairo_t *cr, const double *v, unsigned n, double cx, double cy,
			  double rad, int fresh)
{
	if (fresh)
		cairo_new_path(cr);
	cairo_new_sub_path(cr);
	for (unsigned k = 0; k < n; k++) {
		double a = -G_PI / 2 + 2 * G_PI * k / n,
		       rr = rad * clampd(v[k], 0, 100) / 100;

		cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
	}
	cairo_close_path(cr);
}

static void radar_grid(cairo_t *cr, unsigned n, double cx, double cy, double rad)
{
	double ring[64];
	char tick[8];

	/* Spokes and inner rings in one path each: a report draws a radar
	 * per unit, and every operation costs in a PDF. */
	cairo_save(cr);
	cairo_new_path(cr);
	for (unsigned k = 0; k < n; k++) {
		double a = -G_PI / 2 + 2 * G_PI * k / n;

		cairo_move_to(cr, cx, cy);
		cairo_line_to(cr, cx + rad * cos(a), cy + rad * sin(a));
	}
	for (int v = 20; v < 100; v += 20) {
		for (unsigned k = 0; k < n; k++)
			ring[k] = v;
		radar_polygon(cr, ring, n, cx, cy, rad, 0);
	}
	draw_set_rgb(cr, c_rule);
	cairo_set_line_width(cr, 0.45);
	cairo_stroke(cr);
	for (unsigned k = 0; k < n; k++)
		ring[k] = 100;
	radar_polygon(cr, ring, n, cx, cy, rad, 1);
	draw_set_rgb(cr, c_muted);
	cairo_set_line_width(cr, 0.7);
	cairo_stroke(cr);
	cairo_restore(cr);
	/* The scale runs up the middle of the first sector, clear of the axes
	 * and of the labels at their ends. */
	for (int v = 20; v <= 100; v += 20) {
		double a = -G_PI / 2 + G_PI / n, rr = rad * v / 100;

		g_snprintf(tick, sizeof tick, "%d", v);
		text_in(cr, tick, cx + rr * cos(a) - 8, cy + rr * sin(a) - 5, 16, 10,
			&st_tick);
	}
}

/* The values as a filled polygon with a dot at each. */
static void radar_values(cairo_t *cr, const double *v, unsigned n, double cx, double cy,
			 double rad)
{
	cairo_save(cr);
	radar_polygon(cr, v, n, cx, cy, rad, 1);
	cairo_set_source_rgba(cr, c_teal.r, c_teal.g, c_teal.b, 0.30);
	cairo_fill_preserve(cr);
	draw_set_rgb(cr, c_navy);
	cairo_set_line_width(cr, 1.2);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	for (unsigned k = 0; k < n; k++) {
		double a = -G_PI / 2 + 2 * G_PI * k / n,
		       rr = rad * clampd(v[k], 0, 100) / 100;

		cairo_new_sub_path(cr);
		cairo_arc(cr, cx + rr * cos(a), cy + rr * sin(a), 1.7, 0, 2 * G_PI);
	}
	draw_set_rgb(cr, c_navy);
	cairo_fill(cr);
}

void chart_unit_principles(cairo_t *cr, const struct model *m,
			   const struct scored_unit *u, double x, double y, double w,
			   double h)
{
	const struct rubric *rb = m->rubric;
	double v[64], cx = x + w / 2, cy, rad, bw;
	const struct rubric_principle *pr[64];
	struct radar_label labels[64];
	unsigned n = 0;

	for (guint p = 0; p < rb->principles->len && n < G_N_ELEMENTS(v); p++) {
		if (isnan(u->principles[p]))
			continue;
		pr[n] = g_ptr_array_index(rb->principles, p);
		v[n++] = u->principles[p];
	}
	title(cr, "Nilai per prinsip", x, y, w);
	if (n < 3) {
		/* Fewer than three axes make no polygon: say so plainly. */
		draw_text(cr, "Terlalu sedikit prinsip untuk grafik radar.", x,
			  y + TITLE_H, w, 0, &st_legend, NULL);
		return;
	}
	bw = clampd(w * 0.24, 56, 100);
	cy = y + TITLE_H + (h - TITLE_H) / 2;
	rad = fmin(w / 2 - bw - 4, (h - TITLE_H) / 2 - 24);
	if (rad < 12)
		rad = 12;
	radar_grid(cr, n, cx, cy, rad);
	radar_values(cr, v, n, cx, cy, rad);
	for (unsigned k = 0; k < n; k++) {
		double a = -G_PI / 2 + 2 * G_PI * k / n;

		labels[k] =
		    (struct radar_label){pr[k]->label, v[k], cos(a), sin(a), 0, 0, 0, 0};
		radar_place(cr, &labels[k], cx + (rad + 4) * labels[k].c,
			    cy + (rad + 4) * labels[k].s, bw);
	}
	radar_unclash(labels, n, 1, y + h);
	radar_unclash(labels, n, -1, y + h);
	for (unsigned k = 0; k < n; k++)
		radar_label_draw(cr, &labels[k], bw);
}
