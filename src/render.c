/* render.c — the rendered outputs: report, certificates, charts and tables, on worker threads. */
#include "render.h"

#include "cert.h"
#include "chart.h"
#include "tables.h"

enum task_kind { TASK_REPORT, TASK_CERT_ALL, TASK_CERT, TASK_CHART, TASK_TABLE };

struct task {
	enum task_kind kind;
	unsigned index;
};

/* What the workers share. */
struct run {
	const struct model *m;
	const struct render_options *opt;
	struct outset *o;
	GArray *tasks;                  /* struct task, largest first */
	gint next;                      /* the next task to take, atomic */
	gint failed;                    /* atomic */
	GMutex lock;                    /* guards d and times */
	struct diag *d;
	struct render_times times;
};

/* One file written through the output set by `write`. */
static int write_file(struct run *r, const char *name, struct diag *d,
		      int (*write)(struct run *r, FILE *fp, struct diag *d))
{
	FILE *fp = outset_open(r->o, name, d);

	if (!fp)
		return -1;
	if (write(r, fp, d) < 0) {
		outset_close(r->o, fp, d);
		return -1;
	}
	return outset_close(r->o, fp, d);
}

static int write_report(struct run *r, FILE *fp, struct diag *d)
{
	return report_write(r->m, r->opt->report_info, fp, d);
}

static int write_cert_all(struct run *r, FILE *fp, struct diag *d)
{
	return cert_write_all(r->m, r->opt->tpl, fp, d);
}

static int run_task(struct run *r, const struct task *t, struct diag *d)
{
	switch (t->kind) {
	case TASK_REPORT:
		return write_file(r, "report.pdf", d, write_report);
	case TASK_CERT_ALL:
		return write_file(r, "certificates.pdf", d, write_cert_all);
	case TASK_CERT:
		return cert_write_unit(r->m, r->opt->tpl, t->index, r->o, d);
	case TASK_CHART:
		return chart_write(r->m, t->index, r->opt->chart_formats, r->o, d);
	case TASK_TABLE:
		return tables_write(r->m, (enum tables_file)t->index, r->o, d);
	}
	BUG("unknown task");
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
		double secs;

		if (run_task(r, task, &d) < 0)
			g_atomic_int_set(&r->failed, 1);
		secs = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
		if (task->kind == TASK_REPORT)
			t.report += secs;
		else if (task->kind == TASK_CHART)
			t.charts += secs;
		else if (task->kind == TASK_TABLE)
			t.tables += secs;
		else
			t.certificates += secs;
	}
	g_mutex_lock(&r->lock);
	r->d->errors += d.errors;
	r->d->warnings += d.warnings;
	r->times.report += t.report;
	r->times.certificates += t.certificates;
	r->times.charts += t.charts;
	r->times.tables += t.tables;
	g_mutex_unlock(&r->lock);
	return NULL;
}

static void add_tasks(GArray *tasks, enum task_kind kind, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct task t = { kind, i };

		g_array_append_val(tasks, t);
	}
}

int render_outputs(const struct model *m, const struct render_options *opt,
		   struct outset *o, struct diag *d, struct render_times *times)
{
	struct run r = { .m = m, .opt = opt, .o = o, .d = d };
	gint64 start = g_get_monotonic_time();
	unsigned jobs;

	r.tasks = g_array_new(FALSE, FALSE, sizeof(struct task));
	/* The two long single files first, so that they never finish last. */
	if (opt->report)
		add_tasks(r.tasks, TASK_REPORT, 1);
	if (opt->certificates) {
		GPtrArray *units = cert_units(m);

		add_tasks(r.tasks, TASK_CERT_ALL, 1);
		add_tasks(r.tasks, TASK_CERT, units->len);
		g_ptr_array_unref(units);
	}
	if (opt->chart_formats)
		add_tasks(r.tasks, TASK_CHART, chart_count(m));
	/* A few milliseconds each: the smallest tasks, last. */
	if (opt->tables)
		add_tasks(r.tasks, TASK_TABLE, TABLES_COUNT);
	jobs = opt->jobs < 1 ? 1 : opt->jobs;
	if (jobs > r.tasks->len)
		jobs = r.tasks->len ? r.tasks->len : 1;

	g_mutex_init(&r.lock);
	if (jobs == 1) {
		worker(&r);
	} else {
		GThread **threads = g_new(GThread *, jobs);

		for (unsigned i = 0; i < jobs; i++)
			threads[i] = g_thread_new("render", worker, &r);
		for (unsigned i = 0; i < jobs; i++)
			g_thread_join(threads[i]);
		g_free(threads);
	}
	g_mutex_clear(&r.lock);
	g_array_unref(r.tasks);
	r.times.wall = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
	if (times)
		*times = r.times;
	return r.failed ? -1 : 0;
}
