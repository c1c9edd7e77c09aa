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
		if (!r || !strcmp(u->kanwil.raw, r->kanwil.raw))
			g_ptr_array_add(a, (gpointer)u);
	}
	return a;
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
		bar[b.n].fill = c_navy;
		bar[b.n].mark = compare ? overall_principle(m, p) : NAN;
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
