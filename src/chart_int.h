/* chart_int.h — what the chart files share: palette, text styles, bands, and the
 * small drawing helpers (chart.c, chart_dot.c, chart_heat.c). Nothing here
 * allocates but ranked_name(), whose string the caller frees with g_free(). */
#ifndef P2HAM_CHART_INT_H
#define P2HAM_CHART_INT_H

#include <math.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "plain.h"
#include "style.h"
#include "text.h"

static const struct draw_rgb c_navy = HEX(STYLE_NAVY), c_teal = HEX(STYLE_TEAL),
	c_grey = HEX(STYLE_GREY), c_red = HEX(STYLE_RED), c_ink = HEX(STYLE_INK),
	c_muted = HEX(STYLE_MUTED), c_rule = HEX(STYLE_RULE), c_white = HEX(STYLE_WHITE);


/*
 * No chart text is smaller than CHART_MIN_PT, at the size it is drawn: a
 * report draws its charts at their size on the page. Text that does not fit
 * its box at that size is cut short ("…") rather than shrunk further.
 */
#define CHART_MIN_PT 7.0

static const struct draw_style st_title = {
	STYLE_FONT_BOLD, (9), (CHART_MIN_PT), DRAW_LEFT, HEX(STYLE_INK), 0, 0, 0 };
static const struct draw_style st_label = {
	STYLE_FONT, (7.5), 0, DRAW_RIGHT, HEX(STYLE_INK), 0, 0, 0 };
static const struct draw_style st_value = {
	STYLE_FONT_BOLD, (7.5), 0, DRAW_LEFT, HEX(STYLE_INK), 0, 0, 0 };
static const struct draw_style st_tick = {
	STYLE_FONT, (7), 0, DRAW_CENTER, HEX(STYLE_MUTED), 0, 0, 0 };
static const struct draw_style st_legend = {
	STYLE_FONT, (7), 0, DRAW_LEFT, HEX(STYLE_MUTED), 0, 0, 0 };

/* "12. Lapas Kelas IIA Serang" */
static inline char *ranked_name(const struct scored_unit *u)
{
	return g_strdup_printf("%u. %s", u->rank, u->name.display);
}

/* Vertical bands of a chart, in points. */
#define TITLE_H   16.0
#define LEGEND_H  13.0
#define AXIS_H    24.0
#define VALUE_W   32.0          /* room right of a full bar for its value */
#define RANK_PITCH 13.0         /* one unit of the ranking */
#define HEAT_PITCH 12.5         /* one unit of the heat map */
#define HEAT_HEAD 92.0          /* the heat map's rotated column titles */
#define ASPECTS_NARROW 300.0    /* narrower aspect charts label bars with codes */

static inline struct draw_rgb mix(struct draw_rgb a, struct draw_rgb b, double t)
{
	return (struct draw_rgb){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t,
				  a.b + (b.b - a.b) * t };
}

static inline void fmt2(char *buf, double v)
{
	text_format_id_2(buf, v);
}

/* One decimal, Indonesian style: where two do not fit (heat map cells). */
static inline void fmt1(char *buf, double v)
{
	char *dot;

	g_ascii_formatd(buf, 32, "%.1f", v < 0.05 && v > -0.05 ? 0.0 : v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
}

/* A limit as people write it: "80", "62,5". */
static inline void fmt_limit(char *buf, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		g_snprintf(buf, 32, "%.0f", v);
	else
		fmt2(buf, v);
}

/* A style at `size`, never below CHART_MIN_PT. */
static inline struct draw_style sized(const struct draw_style *st, double size)
{
	struct draw_style s = *st;

	s.size = fmax(size, CHART_MIN_PT);
	if (s.min_size > s.size)
		s.min_size = s.size;
	return s;
}

static inline double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Whether the band y0..y1 can show on the surface: a tall chart painted
 * in PNG bands draws only the rows of each band. */
static inline int visible(cairo_t *cr, double y0, double y1)
{
	double cx0, cy0, cx1, cy1;

	cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
	return y1 >= cy0 && y0 <= cy1;
}

/*
 * Text in the box (x, y, w, h), centred vertically: through the plain text
 * path when it fits the box at its size (a report draws thousands of chart
 * labels); else on one line, shrunk down to CHART_MIN_PT at most (or to
 * st->min_size when that is larger); else wrapped when the lines fit the
 * height; else on one line cut short with "…". w <= 0: one line, no width
 * limit.
 */
static inline void text_in(cairo_t *cr, const char *text, double x, double y, double w,
			   double h, const struct draw_style *st)
{
	double th = plain_height(cr, text, w, st), floor_pt;
	struct draw_style s = *st;

	if (th <= h + 0.01 || w <= 0) {
		plain_draw(cr, text, x, y + (h - th) / 2, w, st);
		return;
	}
	floor_pt = fmax(CHART_MIN_PT, st->min_size);
	s.min_size = 0;
	s.no_wrap = 1;
	while (s.size > floor_pt && draw_text_width(cr, text, &s) > w)
		s.size = fmax(floor_pt, s.size - 0.5);
	if (draw_text_width(cr, text, &s) > w) {
		s.size = st->size;
		s.no_wrap = 0;
		th = draw_text_height(cr, text, w, &s);
		if (th > h + 0.01) {
			s.size = fmax(st->size, floor_pt);
			s.no_wrap = 1;
		}
	}
	th = draw_text_height(cr, text, w, &s);
	draw_text(cr, text, x, y + (h - th) / 2, w, 0, &s, NULL);
}

/* The same, top-aligned and without a height limit. */
static inline void text_at(cairo_t *cr, const char *text, double x, double y, double w,
		    const struct draw_style *st)
{
	plain_draw(cr, text, x, y, w, st);
}

static inline void title(cairo_t *cr, const char *text, double x, double y, double w)
{
	text_in(cr, text, x, y, w, TITLE_H - 3, &st_title);
}

static inline void dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1,
			double width, struct draw_rgb c)
{
	draw_dashed_line(cr, x0, y0, x1, y1, width, c, 3.0, 2.0);
}

/* A cell not assessed: white, hatched at 45 degrees, clipped to the cell. */
static inline void hatch_rect(cairo_t *cr, double x, double y, double w, double h)
{
	draw_hatch_rect(cr, x, y, w, h, 3.2, 0.6, draw_hex(CHART_HATCH));
	draw_stroke_rect(cr, x, y, w, h, 0.6, draw_hex(CHART_HATCH));
}

/* The recorder of chart_geometry(), when cr has one. */
extern const cairo_user_data_key_t chart_geom_key;

static inline void geom_add(cairo_t *cr, int mark, double x, double y, double w, double h)
{
	struct chart_geom *g = cairo_get_user_data(cr, &chart_geom_key);
	struct chart_rect r = { x, y, w, h };

	if (g)
		g_array_append_val(mark ? g->marks : g->values, r);
}

/*
 * A reference mark, visible on every fill and on white: a white halo
 * `halo` wide under the mark in `c` (dashed or solid), both butt-ended.
 * Recorded as a mark of the halo's width.
 */
#define HALO 3.4
static inline void ref_line(cairo_t *cr, double x0, double y0, double x1, double y1,
			    double width, struct draw_rgb c, int dashed)
{
	double on = dashed ? 3.0 : 0, off = dashed ? 2.0 : 0;

	draw_dashed_line(cr, x0, y0, x1, y1, width + HALO, c_white, on, off);
	draw_dashed_line(cr, x0, y0, x1, y1, width, c, on, off);
	geom_add(cr, 1, fmin(x0, x1) - (width + HALO) / 2, fmin(y0, y1) - (width + HALO) / 2,
		 fabs(x1 - x0) + width + HALO, fabs(y1 - y0) + width + HALO);
}

/*
 * Where a value label tw wide goes: from `from`, moved right past every
 * mark in [lo[k], hi[k]] it would touch (with `gap` to spare). Returns the
 * label's left edge.
 */
static inline double past_marks(double from, double tw, const double *lo,
				 const double *hi, unsigned n, double gap)
{
	double lx = from;
	int moved = 1;

	while (moved) {
		moved = 0;
		for (unsigned k = 0; k < n; k++)
			if (lx < hi[k] + gap && lx + tw > lo[k] - gap) {
				lx = hi[k] + gap;
				moved = 1;
			}
	}
	return lx;
}

/* The marks of the dot chart: the unit's filled dot, and the kanwil mean's
 * open diamond, large enough to show around a dot at the same value. */
#define DOT_R      2.8
#define DIAMOND_R  4.4

static inline void mark_dot(cairo_t *cr, double cx, double cy, double r)
{
	draw_fill_circle(cr, cx, cy, r, c_navy);
}

static inline void mark_diamond(cairo_t *cr, double cx, double cy, double r)
{
	const double xy[] = { cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy };

	draw_polygon(cr, xy, 4, c_white, 1.0, c_ink);
}

enum key_kind { KEY_BOX, KEY_DASH, KEY_TICK, KEY_HATCH, KEY_DOT, KEY_DIAMOND };

struct key {
	enum key_kind kind;
	struct draw_rgb color;
	const char *text;
};

/* A legend on one line from (x, y), or ending at the right edge when it
 * does not fit from x; entries that fit nowhere are dropped rather than
 * drawn over each other. `left` is how far left of x it may go. */
static inline void legend(cairo_t *cr, const struct key *keys, unsigned n, double x,
			  double y, double w, double left)
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
		if (keys[i].kind == KEY_DOT) {
			mark_dot(cr, cx + 4, mid, DOT_R);
		} else if (keys[i].kind == KEY_DIAMOND) {
			mark_diamond(cr, cx + 4, mid, DIAMOND_R - 0.6);
		} else if (keys[i].kind == KEY_HATCH) {
			hatch_rect(cr, cx, mid - 3.5, 7, 7);
		} else if (keys[i].kind == KEY_BOX) {
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

/* Mean of every unit's score for principle p, over the units whose type
 * has it (NAN when none): the reference mark of the ranking's principle
 * bars and of their alternative text. */
double chart_overall_principle(const struct model *m, guint p);

#endif
