/* chart.c — charts of the scored model, drawn onto any cairo_t. */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "draw.h"
#include "plain.h"
#include "svg.h"
#include "text.h"

#define HEX(h) { (((h) >> 16) & 0xff) / 255.0, (((h) >> 8) & 0xff) / 255.0, \
		 ((h) & 0xff) / 255.0 }

static const struct draw_rgb c_navy = HEX(CHART_NAVY), c_teal = HEX(CHART_TEAL),
	c_grey = HEX(CHART_GREY), c_red = HEX(CHART_RED), c_ink = HEX(CHART_INK),
	c_muted = HEX(CHART_MUTED), c_rule = HEX(CHART_RULE), c_white = HEX(0xFFFFFFu);

/* The heat map's ramp: one hue, from nearly white to the navy. */
static const struct draw_rgb c_ramp_lo = HEX(0xEAF0F7u), c_ramp_hi = HEX(CHART_NAVY);

static const struct draw_style st_title = {
	"Lato Bold", (9), (6.5), DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_label = {
	"Lato", (7), 0, DRAW_RIGHT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_value = {
	"Lato Bold", (6.5), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_tick = {
	"Lato", (6), 0, DRAW_CENTER, HEX(CHART_MUTED), 0, 0, 0 };
static const struct draw_style st_legend = {
	"Lato", (6.5), 0, DRAW_LEFT, HEX(CHART_MUTED), 0, 0, 0 };

/* A name from the input made safe to show (plain_safe()); g_free() it. */
static char *safe_name(const char *name)
{
	char *safe = plain_safe(name ? name : "");

	return safe ? safe : g_strdup(name ? name : "");
}

/* "12. Lapas Kelas IIA Serang" */
static char *ranked_name(const struct scored_unit *u)
{
	char *name = safe_name(u->src->name), *label;

	label = g_strdup_printf("%u. %s", u->rank, name);
	g_free(name);
	return label;
}

/* Vertical bands of a chart, in points. */
#define TITLE_H   16.0
#define LEGEND_H  13.0
#define AXIS_H    24.0
#define VALUE_W   27.0          /* room right of a full bar for its value */
#define RANK_PITCH 13.0         /* one unit of the ranking */
#define HEAT_PITCH 12.5         /* one unit of the heat map */
#define HEAT_HEAD 92.0          /* the heat map's rotated column titles */
#define RADAR_LABEL_H 26.0      /* three lines of a radar's axis label */
#define ASPECTS_NARROW 300.0    /* narrower aspect charts label bars with codes */

static struct draw_rgb mix(struct draw_rgb a, struct draw_rgb b, double t)
{
	return (struct draw_rgb){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t,
				  a.b + (b.b - a.b) * t };
}

static void fmt2(char *buf, double v)
{
	text_format_id_2(buf, v);
}

/* One decimal, Indonesian style: where two do not fit (heat map cells). */
static void fmt1(char *buf, double v)
{
	char *dot;

	g_ascii_formatd(buf, 32, "%.1f", v < 0.05 && v > -0.05 ? 0.0 : v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
}

/* A limit as people write it: "80", "62,5". */
static void fmt_limit(char *buf, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		g_snprintf(buf, 32, "%.0f", v);
	else
		fmt2(buf, v);
}

static struct draw_style sized(const struct draw_style *st, double size)
{
	struct draw_style s = *st;

	s.size = size;
	if (s.min_size > size)
		s.min_size = size;
	return s;
}

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Whether the band y0..y1 can show on the surface: a tall chart painted
 * in PNG bands draws only the rows of each band. */
static int visible(cairo_t *cr, double y0, double y1)
{
	double cx0, cy0, cx1, cy1;

	cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
	return y1 >= cy0 && y0 <= cy1;
}

/*
 * Text in the box (x, y, w, h), centred vertically: through the plain text
 * path when it fits the box at its size (a report draws thousands of chart
 * labels), else draw_text_vcenter(), which shrinks it until it fits. w <= 0:
 * one line, no width limit.
 */
static void text_in(cairo_t *cr, const char *text, double x, double y, double w, double h,
		    const struct draw_style *st)
{
	double th = plain_height(cr, text, w, st);

	if (th <= h + 0.01)
		plain_draw(cr, text, x, y + (h - th) / 2, w, st);
	else
		draw_text_vcenter(cr, text, x, y, w, h, st);
}

/* The same, top-aligned and without a height limit. */
static void text_at(cairo_t *cr, const char *text, double x, double y, double w,
		    const struct draw_style *st)
{
	plain_draw(cr, text, x, y, w, st);
}

static void title(cairo_t *cr, const char *text, double x, double y, double w)
{
	draw_text(cr, text, x, y, w, TITLE_H - 3, &st_title, NULL);
}

static void dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1,
			double width, struct draw_rgb c)
{
	static const double dash[] = { 3.0, 2.0 };

	cairo_save(cr);
	cairo_set_dash(cr, dash, 2, 0);
	draw_line(cr, x0, y0, x1, y1, width, c);
	cairo_restore(cr);
}

enum key_kind { KEY_BOX, KEY_DASH, KEY_TICK };

struct key {
	enum key_kind kind;
	struct draw_rgb color;
	const char *text;
};

/* A legend on one line from (x, y), or ending at the right edge when it
 * does not fit from x; entries that fit nowhere are dropped rather than
 * drawn over each other. `left` is how far left of x it may go. */
static void legend(cairo_t *cr, const struct key *keys, unsigned n, double x, double y,
		   double w, double left)
{
	double cx, mid = y + LEGEND_H / 2, total = 0, tw[16];

	n = MIN(n, G_N_ELEMENTS(tw));
	for (unsigned i = 0; i < n; i++) {
		tw[i] = plain_width(cr, keys[i].text, &st_legend);
		total += 11 + tw[i] + (i + 1 < n ? 10 : 0);
	}
	cx = total <= w ? x : fmax(x - left, x + w - total);
	for (unsigned i = 0; i < n; i++) {
		if (cx + 11 + tw[i] > x + w + 0.01)
			break;
		if (keys[i].kind == KEY_BOX) {
			draw_fill_rect(cr, cx, mid - 3.5, 7, 7, keys[i].color);
			draw_stroke_rect(cr, cx, mid - 3.5, 7, 7, 0.4, c_muted);
		} else if (keys[i].kind == KEY_DASH) {
			dashed_line(cr, cx, mid, cx + 9, mid, 1.2, keys[i].color);
		} else {
			draw_line(cr, cx + 4, mid - 4, cx + 4, mid + 4, 1.4,
				  keys[i].color);
		}
		text_in(cr, keys[i].text, cx + 11, y, 0, LEGEND_H, &st_legend);
		cx += 11 + tw[i] + 10;
	}
}

/* ------------------------------------------------------------------ bars */

struct bar {
	char *label;
	double value;           /* 0..100 */
	struct draw_rgb fill;
	double mark;            /* a value to compare with, as a tick; NAN for none */
};

struct bars {
	const char *title;
	struct bar *bars;
	unsigned n;
	double label_share;     /* of the width, for the labels left of the bars */
	double ref;             /* a limit drawn as a dashed line; NAN for none */
	const char *axis;
	const struct key *keys;
	unsigned nkeys;
};

static void bars_free(struct bars *b)
{
	for (unsigned i = 0; i < b->n; i++)
		g_free(b->bars[i].label);
	g_free(b->bars);
}

static void bar_axis(cairo_t *cr, const char *caption, double x0, double x1, double y)
{
	char tick[8];

	for (int v = 0; v <= 100; v += 20) {
		double px = x0 + (x1 - x0) * v / 100.0;

		g_snprintf(tick, sizeof tick, "%d", v);
		text_at(cr, tick, px - 12, y + 2, 24, &st_tick);
	}
	text_at(cr, caption, x0, y + 11, x1 - x0, &st_tick);
}

static void bar_row(cairo_t *cr, const struct bar *b, double lx, double lw, double x0,
		    double x1, double ry, double pitch)
{
	double t = fmin(pitch * 0.64, 15), by = ry + (pitch - t) / 2;
	double v = clampd(b->value, 0, 100), px = x0 + (x1 - x0) * v / 100.0, end = px;
	struct draw_style label =
	    sized(&st_label, (clampd(pitch * 0.6, 4.5, 7.5)));
	struct draw_style value =
	    sized(&st_value, (clampd(pitch * 0.55, 4.5, 7)));
	char num[32];

	text_in(cr, b->label, lx, ry, lw, pitch, &label);
	if (px > x0)
		draw_fill_rect(cr, x0, by, px - x0, t, b->fill);
	if (!isnan(b->mark)) {
		double mx = x0 + (x1 - x0) * clampd(b->mark, 0, 100) / 100.0;

		draw_line(cr, mx, by - 1.5, mx, by + t + 1.5, 1.4, c_ink);
		end = fmax(end, mx + 0.7);
	}
	fmt2(num, b->value);
	text_in(cr, num, end + 2.5, ry, 0, pitch, &value);
}

/* A horizontal bar chart of values 0..100 filling x, y, w, h. */
static void bars_draw(cairo_t *cr, const struct bars *b, double x, double y, double w,
		      double h)
{
	double lw = w * b->label_share, x0 = x + lw, x1 = x + w - VALUE_W;
	double py0 = y + TITLE_H + (b->nkeys ? LEGEND_H : 0) + 3, py1 = y + h - AXIS_H;
	double pitch = b->n ? (py1 - py0) / b->n : 0;

	title(cr, b->title, x, y, w);
	if (b->nkeys)
		legend(cr, b->keys, b->nkeys, x0, y + TITLE_H, x + w - x0, x0 - x);
	cairo_save(cr);
	cairo_new_path(cr);
	for (int v = 20; v <= 100; v += 20) {
		double px = x0 + (x1 - x0) * v / 100.0;

		cairo_move_to(cr, px, py0 - 2);
		cairo_line_to(cr, px, py1);
	}
	draw_set_rgb(cr, c_rule);
	cairo_set_line_width(cr, 0.4);
	cairo_stroke(cr);
	cairo_restore(cr);
	draw_line(cr, x0, py0 - 2, x0, py1, 0.8, c_muted);
	for (unsigned i = 0; i < b->n; i++) {
		double ry = py0 + i * pitch;

		if (visible(cr, ry, ry + pitch))
			bar_row(cr, &b->bars[i], x, lw - 5, x0, x1, ry, pitch);
	}
	if (!isnan(b->ref)) {
		double rx = x0 + (x1 - x0) * clampd(b->ref, 0, 100) / 100.0;

		dashed_line(cr, rx, py0 - 2, rx, py1, 1.1, c_red);
	}
	if (visible(cr, py1, y + h))
		bar_axis(cr, b->axis, x0, x1, py1);
}

/* ------------------------------------------------------------ model views */

GPtrArray *chart_region_units(const struct model *m, const struct region *r)
{
	GPtrArray *a = g_ptr_array_new();

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);
		const char *k = u->src->kanwil ? u->src->kanwil : "";

		if (!r || !strcmp(k, r->kanwil))
			g_ptr_array_add(a, (gpointer)u);
	}
	return a;
}

const char *chart_recommendation_label(enum recommendation rec)
{
	switch (rec) {
	case REC_RECOMMENDED: return "Direkomendasikan";
	case REC_RETAINED: return "Dipertahankan";
	default: return "Tidak direkomendasikan";
	}
}

static struct draw_rgb rec_color(enum recommendation rec)
{
	return rec == REC_RECOMMENDED ? c_navy : rec == REC_RETAINED ? c_teal : c_grey;
}

void chart_unit_aspects(cairo_t *cr, const struct model *m, const struct scored_unit *u,
			double x, double y, double w, double h)
{
	const struct rubric *rb = m->rubric;
	struct bar *bar = g_new0(struct bar, rb->aspects->len);
	/* Too narrow for the aspects' names: their codes, which a table
	 * beside the chart can explain. */
	int narrow = w < ASPECTS_NARROW;
	char floor_text[64], lim[32];
	struct key keys[3];
	struct bars b = {
	    "Nilai per aspek",	   bar,	 0, narrow ? 0.08 : 0.42, rb->aspect_floor,
	    "Nilai aspek (0–100)", keys, 3};

	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);

		if (isnan(u->aspects[a]))
			continue;
		bar[b.n].label = narrow ? g_strdup(asp->id) :
				 g_strdup_printf("%s. %s", asp->id, asp->label);
		bar[b.n].value = u->aspects[a];
		bar[b.n].fill =
		    score_at_least(u->aspects[a], rb->aspect_floor) ? c_navy : c_grey;
		bar[b.n].mark = NAN;
		b.n++;
	}
	fmt_limit(lim, rb->aspect_floor);
	g_snprintf(floor_text, sizeof floor_text, "Batas aspek %s", lim);
	keys[0] = (struct key){ KEY_BOX, c_navy, "Memenuhi" };
	keys[1] = (struct key){ KEY_BOX, c_grey, "Di bawah batas" };
	keys[2] = (struct key){ KEY_DASH, c_red, floor_text };
	bars_draw(cr, &b, x, y, w, h);
	bars_free(&b);
}

/* Mean of every unit's score for principle p, over units whose type has it. */
static double overall_principle(const struct model *m, guint p)
{
	double sum = 0;
	unsigned n = 0;

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		if (!isnan(u->principles[p])) {
			sum += u->principles[p];
			n++;
		}
	}
	return n ? sum / n : NAN;
}

void chart_region_principles(cairo_t *cr, const struct model *m, const struct region *r,
			     double x, double y, double w, double h)
{
	const struct rubric *rb = m->rubric;
	struct bar *bar = g_new0(struct bar, rb->principles->len);
	int compare = m->regions->len > 1;
	char *kanwil = safe_name(r->kanwil);
	char *head = g_strdup_printf("Rata-rata nilai per prinsip — %s", kanwil);
	struct key keys[2] = { { KEY_BOX, c_navy, "Rata-rata kanwil" },
			       { KEY_TICK, c_ink, "Rata-rata seluruh UPT" } };
	struct bars b = { head, bar, 0, 0.40, NAN, "Nilai prinsip (0–100)", keys,
			  compare ? 2 : 1 };

	for (guint p = 0; p < rb->principles->len; p++) {
		const struct rubric_principle *pr = g_ptr_array_index(rb->principles, p);

		if (isnan(r->principles[p]))
			continue;
		bar[b.n].label = g_strdup(pr->label);
		bar[b.n].value = r->principles[p];
		bar[b.n].fill = c_navy;
		bar[b.n].mark = compare ? overall_principle(m, p) : NAN;
		b.n++;
	}
	bars_draw(cr, &b, x, y, w, h);
	bars_free(&b);
	g_free(head);
	g_free(kanwil);
}

double chart_ranking_height(unsigned rows)
{
	return TITLE_H + LEGEND_H + 3 + rows * RANK_PITCH + AXIS_H;
}

void chart_ranking_part(cairo_t *cr, const struct model *m, const struct region *r,
			unsigned first, unsigned count, double x, double y, double w,
			double h)
{
	GPtrArray *units = chart_region_units(m, r);
	char thr[32], thr_text[64];
	char *head, *kanwil;
	int retained = 0;
	struct key keys[4];
	struct bars b = {NULL, NULL, 0, 0.44, m->rubric->threshold, "Nilai total (0–100)",
			 keys, 0};

	if (first > units->len)
		first = units->len;
	if (count > units->len - first)
		count = units->len - first;
	b.bars = g_new0(struct bar, count + 1);
	for (unsigned i = 0; i < count; i++) {
		const struct scored_unit *u = g_ptr_array_index(units, first + i);

		b.bars[i].label = ranked_name(u);
		b.bars[i].value = u->total;
		b.bars[i].fill = rec_color(u->recommendation);
		b.bars[i].mark = NAN;
		retained |= u->recommendation == REC_RETAINED;
	}
	b.n = count;
	kanwil = r ? safe_name(r->kanwil) : NULL;
	head = g_strdup_printf("Peringkat nilai total%s%s%s", r ? " — " : "",
			       r ? kanwil : "", first ? " (lanjutan)" : "");
	g_free(kanwil);
	b.title = head;
	fmt2(thr, m->rubric->threshold);
	g_snprintf(thr_text, sizeof thr_text, "Ambang penghargaan %s", thr);
	keys[b.nkeys++] = (struct key){ KEY_BOX, c_navy, "Direkomendasikan" };
	if (retained)
		keys[b.nkeys++] = (struct key){ KEY_BOX, c_teal, "Dipertahankan" };
	keys[b.nkeys++] = (struct key){ KEY_BOX, c_grey, "Tidak direkomendasikan" };
	keys[b.nkeys++] = (struct key){ KEY_DASH, c_red, thr_text };
	bars_draw(cr, &b, x, y, w, h);
	bars_free(&b);
	g_free(head);
	g_ptr_array_unref(units);
}

void chart_ranking(cairo_t *cr, const struct model *m, const struct region *r,
		   double x, double y, double w, double h)
{
	chart_ranking_part(cr, m, r, 0, m->units->len, x, y, w, h);
}

/* ----------------------------------------------------------------- radar */

/* An axis label of the radar: its box, and the value beneath the text. */
struct radar_label {
	const char *text;
	double value;
	double c, s;            /* the axis' direction */
	double x, y, h, lh;
};

static const struct draw_style st_radar = {
	"Lato", (6.5), 0, DRAW_CENTER, HEX(CHART_INK), 0, 0, 0 };

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

/* Darkest for the highest band, evenly lighter down to the lowest. */
static struct draw_rgb band_color(const struct rubric *rb, unsigned band)
{
	unsigned n = band_count(rb);

	if (band >= n || n < 2)
		return band >= n ? c_white : c_ramp_hi;
	return mix(c_ramp_lo, c_ramp_hi, (double)(n - 1 - band) / (n - 1));
}

static int band_dark(const struct rubric *rb, unsigned band)
{
	unsigned n = band_count(rb);

	return band < n && (n < 2 || (double)(n - 1 - band) / (n - 1) >= 0.5);
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
	keys[n++] = (struct key){ KEY_BOX, c_white, "– tidak dinilai" };
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
		draw_stroke_rect(hm->cr, cx + 0.6, ry + 0.6, hm->cw - 1.2,
				 hm->pitch - 1.2, 0.3, c_rule);
		st.color = c_muted;
		text_in(hm->cr, "–", cx, ry, hm->cw, hm->pitch, &st);
		return;
	}
	draw_fill_rect(hm->cr, cx + 0.4, ry + 0.4, hm->cw - 0.8, hm->pitch - 0.8,
		       band_color(hm->rb, band));
	st.color = band_dark(hm->rb, band) ? c_white : c_ink;
	fmt1(num, v);
	text_in(hm->cr, num, cx, ry, hm->cw, hm->pitch, &st);
}

static void heat_row(const struct heat *hm, const char *name, const double *scores,
		     double ry, int bold)
{
	struct draw_style st =
	    sized(&st_label, (clampd(hm->pitch * 0.6, 4.5, 7.5)));

	st.align = DRAW_LEFT;
	if (bold)
		st.font = "Lato Bold";
	text_in(hm->cr, name, hm->x, ry, hm->nw - 4, hm->pitch, &st);
	for (unsigned c = 0; c < hm->ncols; c++)
		heat_cell(hm, scores[hm->cols[c]], hm->x + hm->nw + c * hm->cw, ry);
}

/* Column titles turned a quarter, reading upwards, each in its column. */
static void heat_header(const struct heat *hm, double y)
{
	struct draw_style st = {
	    "Lato", (7), (6.5), DRAW_LEFT, HEX(CHART_INK), 0, 0, 0};

	for (unsigned c = 0; c < hm->ncols; c++) {
		const struct rubric_principle *pr = g_ptr_array_index(hm->rb->principles,
								       hm->cols[c]);
		double cx = hm->x + hm->nw + c * hm->cw;

		cairo_save(hm->cr);
		cairo_translate(hm->cr, cx, y + HEAT_HEAD - 3);
		cairo_rotate(hm->cr, -G_PI / 2);
		text_in(hm->cr, pr->label, 0, 0, HEAT_HEAD - 6, hm->cw, &st);
		cairo_restore(hm->cr);
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
	char *head, *kanwil;

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
	kanwil = safe_name(r->kanwil);
	head = g_strdup_printf("Nilai prinsip per UPT — %s%s", kanwil,
			       first ? " (lanjutan)" : "");
	g_free(kanwil);
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

/* ----------------------------------------------------------------- files */

struct chart_job {
	const struct model *m;
	enum chart_kind kind;
	const struct region *r;
	const struct scored_unit *u;
	double w, h;            /* the picture, margins included */
};

#define MARGIN 12.0

static double principles_height(const struct model *m, const struct region *r)
{
	unsigned n = 0;

	for (guint p = 0; p < m->rubric->principles->len; p++)
		n += !isnan(r->principles[p]);
	return TITLE_H + LEGEND_H + 3 + n * 20.0 + AXIS_H;
}

unsigned chart_count(const struct model *m)
{
	return 1 + 2 * m->regions->len + 2 * m->units->len;
}

/* What chart number i shows, and the region or unit it is of. */
static enum chart_kind locate(const struct model *m, unsigned i, const struct region **r,
			      const struct scored_unit **u)
{
	unsigned nr = m->regions->len, k;

	BUG_ON(i >= chart_count(m));
	*r = NULL;
	*u = NULL;
	if (i == 0)
		return CHART_RANKING;
	if (i <= 2 * nr) {
		*r = g_ptr_array_index(m->regions, (i - 1) / 2);
		return (i - 1) % 2 ? CHART_REGION_HEATMAP : CHART_REGION_PRINCIPLES;
	}
	k = i - 1 - 2 * nr;
	*u = g_ptr_array_index(m->units, k / 2);
	return k % 2 ? CHART_UNIT_PRINCIPLES : CHART_UNIT_ASPECTS;
}

enum chart_kind chart_what(const struct model *m, unsigned i, const char **id)
{
	const struct region *r;
	const struct scored_unit *u;
	enum chart_kind kind = locate(m, i, &r, &u);

	*id = r ? r->id : u ? u->id : NULL;
	return kind;
}

/* What chart number i is and its size. */
static void job_init(struct chart_job *job, const struct model *m, unsigned i)
{
	memset(job, 0, sizeof *job);
	job->m = m;
	job->kind = locate(m, i, &job->r, &job->u);
	job->w = 560;
	switch (job->kind) {
	case CHART_RANKING: job->h = chart_ranking_height(m->units->len); break;
	case CHART_REGION_HEATMAP: job->h = chart_heatmap_height(job->r->units, 1); break;
	case CHART_REGION_PRINCIPLES: job->h = principles_height(m, job->r); break;
	case CHART_UNIT_PRINCIPLES:
		job->w = 440;
		job->h = 330;
		break;
	case CHART_UNIT_ASPECTS:
		job->w = 420;
		job->h = 40 + 38.0 * m->rubric->aspects->len + 20;
		break;
	}
	job->h += 2 * MARGIN;
}

static void job_paint(cairo_t *cr, void *data)
{
	const struct chart_job *job = data;
	double x = MARGIN, y = MARGIN, w = job->w - 2 * MARGIN, h = job->h - 2 * MARGIN;

	draw_cache_attach(cr);
	draw_fill_rect(cr, 0, 0, job->w, job->h, c_white);
	switch (job->kind) {
	case CHART_RANKING: chart_ranking(cr, job->m, NULL, x, y, w, h); break;
	case CHART_REGION_PRINCIPLES:
		chart_region_principles(cr, job->m, job->r, x, y, w, h);
		break;
	case CHART_REGION_HEATMAP: chart_region_heatmap(cr, job->m, job->r, x, y, w, h); break;
	case CHART_UNIT_ASPECTS: chart_unit_aspects(cr, job->m, job->u, x, y, w, h); break;
	case CHART_UNIT_PRINCIPLES: chart_unit_principles(cr, job->m, job->u, x, y, w, h); break;
	}
}

static int write_svg(const struct chart_job *job, FILE *fp)
{
	struct svg *svg;
	cairo_t *cr = svg_open(job->w, job->h, &svg);

	job_paint(cr, (void *)job);
	return svg_close(svg, cr, fp);
}

int chart_write(const struct model *m, unsigned i, enum chart_format format, FILE *fp,
		const char *name, struct diag *d)
{
	struct chart_job job;
	int rc;

	job_init(&job, m, i);
	rc = format == CHART_SVG ? write_svg(&job, fp)
				 : draw_png_paint(fp, job.w, job.h, CHART_PNG_DPI, job_paint, &job);
	if (rc < 0)
		diag_error(d, name, 0, "cannot draw the chart");
	return rc;
}
