/* chart.c — charts of the scored model, drawn onto any cairo_t. */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "draw.h"
#include "plain.h"
#include "style.h"
#include "svg.h"
#include "text.h"

#include "chart_int.h"

/* ------------------------------------------------------------------ bars */

struct bar {
	char *label;
	double value;           /* 0..100 */
	unsigned fill;          /* 0xRRGGBB */
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

/* The plot of a bar chart: values 0..100 run from x0 to x1; labels end at
 * x0 - 5 from lx; the limit's line, if any, is at rx. */
struct plot {
	double lx, x0, x1, right, rx;
};

static double plot_x(const struct plot *p, double v)
{
	return p->x0 + (p->x1 - p->x0) * clampd(v, 0, 100) / 100.0;
}

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
	text_at(cr, caption, x0, y + 12, x1 - x0, &st_tick);
}

/*
 * The value label of a bar: right of the bar and of its mark, moved past
 * the limit's line when it would touch it; inside the bar's end when it
 * would leave the chart. Returns its left edge and sets *inside.
 */
static double value_x(const struct plot *p, double px, double mx, double tw, int *inside)
{
	double lo[2], hi[2], lx;
	unsigned n = 0;

	if (!isnan(mx)) {
		lo[n] = mx - (1.4 + HALO) / 2;
		hi[n++] = mx + (1.4 + HALO) / 2;
	}
	if (!isnan(p->rx)) {
		lo[n] = p->rx - (1.1 + HALO) / 2;
		hi[n++] = p->rx + (1.1 + HALO) / 2;
	}
	*inside = 0;
	lx = past_marks(px + 2.5, tw, lo, hi, n, 1.0);
	if (lx + tw <= p->right)
		return lx;
	/* Inside the bar, right-aligned to its end, or left of the marks. */
	*inside = 1;
	lx = px - 2.5 - tw;
	for (unsigned k = 0; k < n; k++)
		if (lx < hi[k] + 1.0 && lx + tw > lo[k] - 1.0)
			lx = lo[k] - 1.0 - tw;
	return fmax(lx, p->x0 + 1);
}

static void bar_row(cairo_t *cr, const struct bar *b, const struct plot *p, double lw,
		    double ry, double pitch)
{
	double t = fmin(pitch * 0.64, 15), by = ry + (pitch - t) / 2;
	double px = plot_x(p, b->value), mx = NAN, tw, th, lx;
	struct draw_style label = sized(&st_label, clampd(pitch * 0.6, CHART_MIN_PT, 7.5));
	struct draw_style value = sized(&st_value, clampd(pitch * 0.55, CHART_MIN_PT, 7.5));
	char num[32];
	int inside;

	text_in(cr, b->label, p->lx, ry, lw, pitch, &label);
	if (px > p->x0)
		draw_fill_rect(cr, p->x0, by, px - p->x0, t, draw_hex(b->fill));
	if (!isnan(b->mark)) {
		mx = plot_x(p, b->mark);
		ref_line(cr, mx, by - 2, mx, by + t + 2, 1.4, c_ink, 0);
	}
	fmt2(num, b->value);
	tw = plain_width(cr, num, &value);
	th = plain_height(cr, num, 0, &value);
	lx = value_x(p, px, isnan(mx) ? NAN : mx, tw, &inside);
	if (inside)
		value.color = draw_hex(style_text_on(b->fill));
	text_in(cr, num, lx, ry, 0, pitch, &value);
	geom_add(cr, 0, lx, ry + (pitch - th) / 2, tw, th);
}

/* A horizontal bar chart of values 0..100 filling x, y, w, h. */
static void bars_draw(cairo_t *cr, const struct bars *b, double x, double y, double w,
		      double h)
{
	double lw = w * b->label_share;
	struct plot p = { x, x + lw, x + w - VALUE_W, x + w, NAN };
	double py0 = y + TITLE_H + (b->nkeys ? LEGEND_H : 0) + 3, py1 = y + h - AXIS_H;
	double pitch = b->n ? (py1 - py0) / b->n : 0;

	if (!isnan(b->ref))
		p.rx = plot_x(&p, b->ref);
	title(cr, b->title, x, y, w);
	if (b->nkeys)
		legend(cr, b->keys, b->nkeys, p.x0, y + TITLE_H, x + w - p.x0, p.x0 - x);
	for (int v = 20; v <= 100; v += 20)
		draw_line(cr, plot_x(&p, v), py0 - 2, plot_x(&p, v), py1, 0.4, c_rule);
	draw_line(cr, p.x0, py0 - 2, p.x0, py1, 0.8, c_muted);
	for (unsigned i = 0; i < b->n; i++) {
		double ry = py0 + i * pitch;

		if (visible(cr, ry, ry + pitch))
			bar_row(cr, &b->bars[i], &p, lw - 5, ry, pitch);
	}
	if (!isnan(p.rx))
		ref_line(cr, p.rx, py0 - 2, p.rx, py1, 1.1, c_red, 1);
	if (visible(cr, py1, y + h))
		bar_axis(cr, b->axis, p.x0, p.x1, py1);
}

/* ------------------------------------------------------------ model views */

GPtrArray *chart_region_units(const struct model *m, const struct region *r)
{
	GPtrArray *a = g_ptr_array_new();

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);
		if (!r || !strcmp(u->kanwil.raw, r->kanwil.raw))
			g_ptr_array_add(a, (gpointer)u);
	}
	return a;
}


static unsigned rec_color(enum recommendation rec)
{
	return rec == REC_RECOMMENDED ? STYLE_NAVY : rec == REC_RETAINED ? STYLE_TEAL
									  : STYLE_GREY;
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
		    score_at_least(u->aspects[a], rb->aspect_floor) ? STYLE_NAVY : STYLE_GREY;
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
double chart_overall_principle(const struct model *m, guint p)
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
	char *head = g_strdup_printf("Rata-rata nilai per prinsip — %s", r->kanwil.display);
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
		bar[b.n].fill = STYLE_NAVY;
		bar[b.n].mark = compare ? chart_overall_principle(m, p) : NAN;
		b.n++;
	}
	bars_draw(cr, &b, x, y, w, h);
	bars_free(&b);
	g_free(head);
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
	char *head;
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
	head = g_strdup_printf("Peringkat nilai total%s%s%s", r ? " — " : "",
			       r ? r->kanwil.display : "", first ? " (lanjutan)" : "");
	b.title = head;
	fmt2(thr, m->rubric->threshold);
	g_snprintf(thr_text, sizeof thr_text, "Ambang penghargaan %s", thr);
	keys[b.nkeys++] = (struct key){ KEY_BOX, c_navy,
					style_recommendation_label(REC_RECOMMENDED) };
	if (retained)
		keys[b.nkeys++] = (struct key){ KEY_BOX, c_teal,
						style_recommendation_label(REC_RETAINED) };
	keys[b.nkeys++] = (struct key){ KEY_BOX, c_grey,
					style_recommendation_label(REC_NOT_RECOMMENDED) };
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
		job->h = chart_unit_principles_height(m, job->u);
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

const cairo_user_data_key_t chart_geom_key;

void chart_geometry(const struct model *m, unsigned i, struct chart_geom *g)
{
	/* Unbounded: no row is skipped as outside the clip. */
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
	cairo_t *cr = cairo_create(s);
	struct chart_job job;

	job_init(&job, m, i);
	g->values = g_array_new(FALSE, FALSE, sizeof(struct chart_rect));
	g->marks = g_array_new(FALSE, FALSE, sizeof(struct chart_rect));
	cairo_set_user_data(cr, &chart_geom_key, g, NULL);
	job_paint(cr, &job);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

void chart_geom_free(struct chart_geom *g)
{
	g_array_unref(g->values);
	g_array_unref(g->marks);
}

char *chart_title(const struct model *m, unsigned i)
{
	const struct region *r;
	const struct scored_unit *u;

	switch (locate(m, i, &r, &u)) {
	case CHART_RANKING: return g_strdup("Grafik peringkat nilai total seluruh UPT");
	case CHART_REGION_PRINCIPLES:
		return g_strdup_printf("Grafik rata-rata nilai per prinsip — %s",
				       r->kanwil.display);
	case CHART_REGION_HEATMAP:
		return g_strdup_printf("Peta panas nilai prinsip per UPT — %s",
				       r->kanwil.display);
	case CHART_UNIT_ASPECTS:
		return g_strdup_printf("Grafik nilai per aspek — %s", u->name.display);
	case CHART_UNIT_PRINCIPLES: break;
	}
	return g_strdup_printf("Grafik nilai per prinsip — %s", u->name.display);
}

char *chart_alt(const struct model *m, unsigned i)
{
	const struct region *r;
	const struct scored_unit *u;

	switch (locate(m, i, &r, &u)) {
	case CHART_RANKING: return chart_alt_ranking(m, NULL, 0, m->units->len);
	case CHART_REGION_PRINCIPLES: return chart_alt_region_principles(m, r);
	case CHART_REGION_HEATMAP: return chart_alt_region_heatmap(m, r, 0, r->units);
	case CHART_UNIT_ASPECTS: return chart_alt_unit_aspects(m, u);
	case CHART_UNIT_PRINCIPLES: break;
	}
	return chart_alt_unit_principles(m, u);
}

static int write_svg(const struct chart_job *job, unsigned i, FILE *fp)
{
	struct svg *svg;
	cairo_t *cr = svg_open(job->w, job->h, &svg);
	char *head = chart_title(job->m, i), *alt = chart_alt(job->m, i);

	svg_describe(svg, head, alt);
	g_free(head);
	g_free(alt);
	job_paint(cr, (void *)job);
	return svg_close(svg, cr, fp);
}

int chart_write(const struct model *m, unsigned i, enum chart_format format, FILE *fp,
		const char *name, struct diag *d)
{
	struct chart_job job;
	int rc;

	job_init(&job, m, i);
	rc = format == CHART_SVG ? write_svg(&job, i, fp)
				 : draw_png_paint(fp, job.w, job.h, CHART_PNG_DPI, job_paint, &job);
	if (rc < 0)
		diag_error(d, name, 0, "cannot draw the chart");
	return rc;
}
