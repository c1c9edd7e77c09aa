/* render.c — every output of a build: its file names, and the rendering on worker threads. */
#include "render.h"

#include "cert.h"
#include "chart.h"
#include "letter.h"
#include "summary.h"
#include "tables.h"
#include "unitdoc.h"

enum task_kind {
	TASK_REPORT, TASK_CERT_ALL, TASK_CERT, TASK_CHART,
	TASK_ITEMS_CSV, TASK_RANKING_XLSX, TASK_RANKING_CSV, TASK_PROFILE, TASK_LETTER,
};

struct task {
	enum task_kind kind;
	unsigned index;                 /* the certificate, chart, unit or office */
	enum chart_format format;       /* of a chart */
	double cost;                    /* expected, in about milliseconds */
};

/* What the workers share. */
struct run {
	const struct model *m;
	const struct render_options *opt;
	struct outset *o;
	GPtrArray *awarded;             /* cert_units(m) */
	GPtrArray *offices;             /* letter_offices(m) */
	GArray *tasks;                  /* struct task, in the order to take them */
	gint next;                      /* the next task to take, atomic */
	gint failed;                    /* atomic */
	GMutex lock;                    /* guards d and times */
	struct diag *d;
	struct render_times times;
};

/* ------------------------------------------------------------- names */

/* The output name of a chart: "charts/ranking.svg", ... */
static char *chart_name(const struct model *m, unsigned i, enum chart_format format)
{
	const char *ext = format == CHART_SVG ? "svg" : "png", *id;

	switch (chart_what(m, i, &id)) {
	case CHART_RANKING: return g_strdup_printf("charts/ranking.%s", ext);
	case CHART_REGION_PRINCIPLES:
		return g_strdup_printf("charts/region-%s-principles.%s", id, ext);
	case CHART_REGION_HEATMAP:
		return g_strdup_printf("charts/region-%s-heatmap.%s", id, ext);
	case CHART_UNIT_ASPECTS: return g_strdup_printf("charts/%s-aspects.%s", id, ext);
	case CHART_UNIT_PRINCIPLES: return g_strdup_printf("charts/%s-principles.%s", id, ext);
	}
	BUG("unknown chart");
}

/* The output name of task `t`; the caller frees it. */
static char *task_name(const struct run *r, const struct task *t)
{
	const struct scored_unit *u;
	const struct office *of;

	switch (t->kind) {
	case TASK_REPORT: return g_strdup("report.pdf");
	case TASK_CERT_ALL: return g_strdup("certificates.pdf");
	case TASK_CERT:
		u = g_ptr_array_index(r->awarded, t->index);
		return g_strdup_printf("certificates/%s.pdf", u->id);
	case TASK_CHART: return chart_name(r->m, t->index, t->format);
	case TASK_ITEMS_CSV: return g_strdup("tables/items.csv");
	case TASK_RANKING_XLSX: return g_strdup("tables/ranking.xlsx");
	case TASK_RANKING_CSV: return g_strdup("tables/ranking.csv");
	case TASK_PROFILE:
		u = g_ptr_array_index(r->m->units, t->index);
		return g_strdup_printf("profiles/%s.pdf", u->id);
	case TASK_LETTER:
		of = g_ptr_array_index(r->offices, t->index);
		return g_strdup_printf("letters/%s.pdf", of->id);
	}
	BUG("unknown task");
}

/* ------------------------------------------------------------- writing */

/* Write task `t` to the open stream `fp`. Returns 0 or -1. */
static int write_task(const struct run *r, const struct task *t, FILE *fp,
		      const char *name, struct diag *d)
{
	const struct model *m = r->m;

	switch (t->kind) {
	case TASK_REPORT: return report_write(m, r->opt->report_info, fp, d);
	case TASK_CERT_ALL: return cert_write_all(m, r->opt->tpl, fp, d);
	case TASK_CERT: return cert_write_unit(m, r->opt->tpl, t->index, fp, name, d);
	case TASK_CHART: return chart_write(m, t->index, t->format, fp, name, d);
	case TASK_PROFILE:
		return unitdoc_write(m, g_ptr_array_index(m->units, t->index), fp, name, d);
	case TASK_LETTER:
		return letter_write(m, g_ptr_array_index(r->offices, t->index),
				    r->opt->profiles, fp, name, d);
	/* A failed write is reported by outset_close(), with its reason. */
	case TASK_ITEMS_CSV: return tables_write_items_csv(m, fp);
	case TASK_RANKING_CSV: return tables_write_ranking_csv(m, fp);
	case TASK_RANKING_XLSX: break;
	}
	BUG("not a stream task");
}

/* The workbook library writes to a file name, not to a stream. */
static int write_path_task(const struct run *r, const char *name, struct diag *d)
{
	const char *path = outset_open_path(r->o, name, d);

	if (!path)
		return -1;
	if (tables_write_ranking_xlsx(r->m, path, name, d) < 0)
		return -1;
	return outset_close_path(r->o, path, d);
}

static int run_task(const struct run *r, const struct task *t, struct diag *d)
{
	char *name = task_name(r, t);
	FILE *fp;
	int rc = -1;

	if (t->kind == TASK_RANKING_XLSX) {
		rc = write_path_task(r, name, d);
	} else if ((fp = outset_open(r->o, name, d))) {
		rc = write_task(r, t, fp, name, d);
		if (outset_close(r->o, fp, d) < 0)
			rc = -1;
	}
	g_free(name);
	return rc;
}

/* ------------------------------------------------------------- workers */

static double *time_of(struct render_times *t, enum task_kind kind)
{
	switch (kind) {
	case TASK_REPORT: return &t->report;
	case TASK_CERT_ALL:
	case TASK_CERT: return &t->certificates;
	case TASK_CHART: return &t->charts;
	case TASK_PROFILE: return &t->profiles;
	case TASK_LETTER: return &t->letters;
	default: return &t->tables;
	}
}

/*
 * Take tasks until none is left or one has failed. Diagnostics go to a
 * sink of the worker's own, added to the run's at the end, so that the
 * counts need no lock on every message.
 */
static gpointer worker(gpointer data)
{
	struct run *r = data;
	struct diag d = { r->d->out, 0, 0, r->d->quiet };
	struct render_times t = { 0 };
	guint i;

	while (!g_atomic_int_get(&r->failed) &&
	       (i = (guint)g_atomic_int_add(&r->next, 1)) < r->tasks->len) {
		const struct task *task = &g_array_index(r->tasks, struct task, i);
		gint64 start = g_get_monotonic_time();

		if (run_task(r, task, &d) < 0)
			g_atomic_int_set(&r->failed, 1);
		*time_of(&t, task->kind) +=
			(double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
	}
	g_mutex_lock(&r->lock);
	r->d->errors += d.errors;
	r->d->warnings += d.warnings;
	r->times.report += t.report;
	r->times.certificates += t.certificates;
	r->times.charts += t.charts;
	r->times.tables += t.tables;
	r->times.profiles += t.profiles;
	r->times.letters += t.letters;
	g_mutex_unlock(&r->lock);
	return NULL;
}

/* ------------------------------------------------------------- the plan */

static void add_task(GArray *tasks, enum task_kind kind, unsigned index,
		     enum chart_format format, double cost)
{
	struct task t = { kind, index, format, cost };

	g_array_append_val(tasks, t);
}

/* What chart i is expected to cost in one format: the ranking and the
 * heat maps grow with their units, the others are alike. A PNG is
 * rasterised and compressed, an SVG only written out. */
static double chart_cost(const struct model *m, unsigned i, enum chart_format format)
{
	const char *id;
	double cost;

	switch (chart_what(m, i, &id)) {
	case CHART_RANKING: cost = 1 + 0.05 * m->units->len; break;
	case CHART_REGION_HEATMAP: cost = 1 + 0.05 * m->units->len / m->regions->len; break;
	default: cost = 1; break;
	}
	return format == CHART_PNG ? 3 * cost : cost;
}

static void add_charts(struct run *r)
{
	unsigned n = chart_count(r->m);

	for (unsigned f = CHART_SVG; f <= CHART_PNG; f <<= 1)
		if (r->opt->chart_formats & f)
			for (unsigned i = 0; i < n; i++)
				add_task(r->tasks, TASK_CHART, i, f,
					 chart_cost(r->m, i, (enum chart_format)f));
}

/* A profile costs about what its share of the report's profiles does,
 * growing with the unit's observed items; a letter a little more than a
 * certificate. */
static void add_documents(struct run *r)
{
	const struct model *m = r->m;

	if (r->opt->profiles)
		for (guint i = 0; i < m->units->len; i++) {
			const struct scored_unit *u = g_ptr_array_index(m->units, i);

			add_task(r->tasks, TASK_PROFILE, i, 0, 12 + 0.3 * u->observed);
		}
	if (r->opt->letters)
		for (unsigned k = 0; k < r->offices->len; k++)
			add_task(r->tasks, TASK_LETTER, k, 0, 10);
}

/* Largest expected cost first, then in the order added: the sort is not
 * stable, so the index breaks ties. */
static gint by_cost(gconstpointer a, gconstpointer b)
{
	const struct task *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? 1 : -1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->format != y->format)
		return x->format < y->format ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Every task, in the order to take them. The report is by far the longest
 * file and cannot be split, so it goes first whatever its estimate; the
 * others are sorted by expected cost, so that the last to finish are
 * small and the workers end together. The costs are rough milliseconds
 * from national runs; only their order matters.
 */
static void plan(struct run *r)
{
	const struct model *m = r->m;
	unsigned items = 0;

	for (guint i = 0; i < m->units->len; i++)
		items += ((const struct scored_unit *)m->units->pdata[i])->observed;
	if (r->opt->certificates) {
		add_task(r->tasks, TASK_CERT_ALL, 0, 0, 4.0 * r->awarded->len);
		for (unsigned k = 0; k < r->awarded->len; k++)
			add_task(r->tasks, TASK_CERT, k, 0, 8);
	}
	if (r->opt->chart_formats)
		add_charts(r);
	add_documents(r);
	if (r->opt->tables) {
		add_task(r->tasks, TASK_ITEMS_CSV, 0, 0, 0.01 * items);
		add_task(r->tasks, TASK_RANKING_XLSX, 0, 0, 0.1 * m->units->len);
		add_task(r->tasks, TASK_RANKING_CSV, 0, 0, 0.02 * m->units->len);
	}
	g_array_sort(r->tasks, by_cost);
	if (r->opt->report)
		g_array_prepend_val(r->tasks, ((struct task){ TASK_REPORT, 0, 0, 0 }));
}

/* ------------------------------------------------------------- the stage */

int render_draws(const struct render_options *opt)
{
	return opt->report || opt->certificates || opt->chart_formats || opt->profiles ||
	       opt->letters;
}

/* summary.xml, first and alone: the other outputs never wait for it. */
static int write_summary(const struct model *m, struct outset *o, struct diag *d)
{
	FILE *fp = outset_open(o, "summary.xml", d);
	int rc;

	if (!fp)
		return -1;
	rc = summary_write(m, fp);
	if (rc < 0)
		diag_error(d, "summary.xml", 0, "cannot write summary.xml");
	if (outset_close(o, fp, d) < 0)
		rc = -1;
	return rc;
}

/* Run the tasks on `jobs` threads, the calling one alone when 1. */
static void run_workers(struct run *r, unsigned jobs)
{
	GThread **threads;

	if (jobs > r->tasks->len)
		jobs = r->tasks->len ? r->tasks->len : 1;
	if (jobs == 1) {
		worker(r);
		return;
	}
	threads = g_new(GThread *, jobs);
	for (unsigned i = 0; i < jobs; i++)
		threads[i] = g_thread_new("render", worker, r);
	for (unsigned i = 0; i < jobs; i++)
		g_thread_join(threads[i]);
	g_free(threads);
}

int render_outputs(const struct model *m, const struct render_options *opt,
		   struct outset *o, struct diag *d, struct render_times *times)
{
	struct run r = { .m = m, .opt = opt, .o = o, .d = d };
	gint64 start = g_get_monotonic_time();

	if (write_summary(m, o, d) < 0)
		return -1;
	r.times.summary = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
	start = g_get_monotonic_time();
	if (opt->certificates)
		outset_sweep(o, "certificates");
	if (opt->chart_formats)
		outset_sweep(o, "charts");
	if (opt->profiles)
		outset_sweep(o, "profiles");
	if (opt->letters)
		outset_sweep(o, "letters");
	r.awarded = cert_units(m);
	r.offices = letter_offices(m);
	r.tasks = g_array_new(FALSE, FALSE, sizeof(struct task));
	plan(&r);
	g_mutex_init(&r.lock);
	run_workers(&r, opt->jobs < 1 ? 1 : opt->jobs);
	g_mutex_clear(&r.lock);
	g_array_unref(r.tasks);
	g_ptr_array_unref(r.awarded);
	g_ptr_array_unref(r.offices);
	r.times.wall = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
	if (times)
		*times = r.times;
	return r.failed ? -1 : 0;
}
