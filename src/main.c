/* main.c — the command line: options, the pipeline, the exit status. */
#include <glib.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "diag.h"
#include "draw.h"
#include "form.h"
#include "ingest.h"
#include "offices.h"
#include "options.h"
#include "outfile.h"
#include "previous.h"
#include "render.h"
#include "rubric.h"
#include "score.h"
#include "template.h"
#include "text.h"

enum { EXIT_ACCEPTED = 0, EXIT_REJECTED = 1, EXIT_FATAL = 2 };

/*
 * Stopping signals. SIGINT, SIGTERM and SIGHUP are blocked in every thread
 * from the start of a run, and one thread of main's own waits for them with
 * sigwait(): on one, it has the output set being written remove its
 * temporary files, says so, and ends the process by the same signal, so
 * that Ctrl-C or a kill leaves the output folder as it was before the run.
 * A handler could not do this: the set's list is guarded by a mutex. A
 * signal the run was started with ignored (nohup, a background job of a
 * script) stays ignored. SIGKILL cannot be caught: the hidden temporary
 * files it leaves go at the next build's outset_lock().
 */
static struct {
	sigset_t signals;       /* the signals taken */
	int stop_signal;        /* one of them, which signals_stop() sends */
	pthread_t thread;
	int running;
	gint stopping;          /* the signal is signals_stop()'s */
	GMutex lock;            /* guards set */
	struct outset *set;     /* the set being written, or NULL */
} watch;

static void *watch_signals(void *data)
{
	sigset_t one;
	int sig, done = 0;

	while (sigwait(&watch.signals, &sig) != 0)
		;
	if (g_atomic_int_get(&watch.stopping))
		return NULL;
	/* Held from now on: the set cannot be freed under us. */
	g_mutex_lock(&watch.lock);
	if (watch.set)
		done = outset_abandon(watch.set);
	fprintf(stderr, "p2ham: %s: stopped; %s\n", strsignal(sig),
		done ? "the outputs had been written" : "no output was changed");
	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* Block the stopping signals and start their thread: before any other
 * thread starts, so that every one inherits the mask. */
static void signals_start(void)
{
	static const int taken[] = { SIGINT, SIGTERM, SIGHUP };

	sigemptyset(&watch.signals);
	for (size_t i = 0; i < G_N_ELEMENTS(taken); i++) {
		struct sigaction sa;

		if (sigaction(taken[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN) {
			sigaddset(&watch.signals, taken[i]);
			watch.stop_signal = taken[i];
		}
	}
	if (!watch.stop_signal)
		return;
	g_mutex_init(&watch.lock);
	pthread_sigmask(SIG_BLOCK, &watch.signals, NULL);
	watch.running = pthread_create(&watch.thread, NULL, watch_signals, NULL) == 0;
	if (!watch.running)
		pthread_sigmask(SIG_UNBLOCK, &watch.signals, NULL);
}

/* The output set a stopping signal must clean up, or NULL before it is freed. */
static void signals_watch(struct outset *set)
{
	if (!watch.running)
		return;
	g_mutex_lock(&watch.lock);
	watch.set = set;
	g_mutex_unlock(&watch.lock);
}

static void signals_stop(void)
{
	if (!watch.running)
		return;
	g_atomic_int_set(&watch.stopping, 1);
	pthread_kill(watch.thread, watch.stop_signal);
	pthread_join(watch.thread, NULL);
	pthread_sigmask(SIG_UNBLOCK, &watch.signals, NULL);
	g_mutex_clear(&watch.lock);
}

static void print_file_summaries(const struct dataset *ds, FILE *out)
{
	for (guint i = 0; i < ds->files->len; i++) {
		const struct input_file *f = g_ptr_array_index(ds->files, i);
		fprintf(out, "%s: layout %c, %s, delimiter '%s', %lu rows read, %lu accepted, "
		       "%lu rejected\n", f->name, f->layout, f->encoding,
		       f->delimiter == '\t' ? "tab" : (char[]){ f->delimiter, 0 },
		       f->rows_read, f->rows_accepted, f->rows_rejected);
	}
}

/* Progress on stderr, only when a person watches it there (SPEC 2). */
static void progress(const struct config *cfg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void progress(const struct config *cfg, const char *fmt, ...)
{
	va_list ap;

	if (cfg->quiet || !isatty(STDERR_FILENO))
		return;
	fputs("p2ham: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* With -v, how long a stage took (SPEC-independent; `make bench` reads it). */
static void stage_time(const struct config *cfg, const char *stage, gint64 start)
{
	if (cfg->verbose)
		fprintf(stderr, "p2ham: stage %s %.3f s\n", stage,
			(double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC);
}

/* SPEC 8.23: --year, else the year of the latest accepted observation,
 * else the year of --date. */
static int award_year(const struct config *cfg, const struct dataset *ds)
{
	if (cfg->year)
		return cfg->year;
	return ds->latest_date ? ds->latest_date / 10000 : cfg->date / 10000;
}

static const char *award_year_source(const struct config *cfg, const struct dataset *ds)
{
	if (cfg->year)
		return "--year";
	return ds->latest_date ? "the latest observation date" : "--date";
}

static unsigned chart_formats(const struct config *cfg)
{
	if (cfg->no_charts)
		return 0;
	return (strstr(cfg->charts, "svg") ? CHART_SVG : 0) |
	       (strstr(cfg->charts, "png") ? CHART_PNG : 0);
}

/* With -v, how long each kind of output took. */
static void print_render_times(const struct config *cfg, const struct render_times *t)
{
	if (!cfg->verbose)
		return;
	fprintf(stderr, "p2ham: stage summary %.3f s\n", t->summary);
	fprintf(stderr, "p2ham: stage charts %.3f s\np2ham: stage report %.3f s\n"
		"p2ham: stage certificates %.3f s\np2ham: stage profiles %.3f s\n"
		"p2ham: stage letters %.3f s\np2ham: stage tables %.3f s\n"
		"p2ham: stage render %.3f s\n",
		t->charts, t->report, t->certificates, t->profiles, t->letters, t->tables,
		t->wall);
}

/* Every output of the scored model into the locked set `out`. Returns 0
 * or -1. */
static int render(const struct config *cfg, const struct model *m,
		  const struct cert_template *tpl, struct outset *out, struct diag *d)
{
	struct report_info info = { m->issuer->name, m->issuer->city };
	struct render_options opt = {
		.jobs = (unsigned)cfg->jobs,
		.report = !cfg->no_report,
		.certificates = !cfg->no_certificates,
		.chart_formats = chart_formats(cfg),
		.tables = !cfg->no_tables,
		.profiles = !cfg->no_profiles,
		.letters = !cfg->no_letters,
		.tpl = tpl,
		.report_info = &info,
	};
	struct render_times t = { 0 };
	int rc;

	/* The tables draw nothing. */
	if (render_draws(&opt) && draw_init(cfg->data_dir, d) < 0)
		return -1;
	progress(cfg, "writing %s/summary.xml", cfg->out_dir);
	if (render_draws(&opt) || opt.tables)
		progress(cfg, "rendering with %u jobs", opt.jobs);
	rc = render_outputs(m, &opt, out, d, &t);
	print_render_times(cfg, &t);
	return rc;
}

/* Write every output of the scored model; all or nothing. Returns 0 or -1. */
static int write_outputs(const struct config *cfg, const struct model *m,
			 const struct cert_template *tpl, struct diag *d)
{
	/* First, so that a second build into the folder stops at once. */
	struct outset *out = outset_new(cfg->out_dir);
	int rc = -1;

	signals_watch(out);
	if (outset_lock(out, d) == 0 && render(cfg, m, tpl, out, d) == 0)
		rc = outset_commit(out, d);
	signals_watch(NULL);
	outset_free(out);
	return rc;
}

/* What check says of the offices (SPEC 6.1), without scoring: each kanwil
 * that matches no office, and each placeholder that a unit's documents
 * would print. The report shows only its issuer's name and place, never a
 * placeholder in the shipped file, so the report's issuer is not looked at. */
static void check_offices(const struct dataset *ds, const struct offices *o,
			  struct diag *d)
{
	GHashTable *warned = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *seen = g_hash_table_new(NULL, NULL);

	for (guint i = 0; i < ds->units->len; i++) {
		const struct office *of = score_office_of(o, g_ptr_array_index(ds->units, i),
							  warned, d);

		if (g_hash_table_add(seen, (gpointer)of))
			office_warn_placeholders(o, of, "its certificates, profiles and letters", d);
	}
	g_hash_table_destroy(seen);
	g_hash_table_destroy(warned);
}

/* Score the dataset and give every unit its office. */
static struct model *score(const struct config *cfg, const struct dataset *ds,
			   const struct previous *prev, const struct offices *offices,
			   struct diag *d)
{
	gint64 start = g_get_monotonic_time();
	struct model *m;

	progress(cfg, "scoring %u units", ds->units->len);
	m = model_build(ds, award_year(cfg, ds), cfg->date, prev);
	model_assign_offices(m, offices, d);
	stage_time(cfg, "score", start);
	return m;
}

/* The unit types that form's --type options name, each once, in their
 * order; "all" is every type of the rubric. NULL after reporting an
 * unknown type. The caller frees the array; the types are the rubric's. */
static GPtrArray *form_types(const struct config *cfg, const struct rubric *rubric,
			     struct diag *d)
{
	GPtrArray *types = g_ptr_array_new();
	int all = 0, bad = 0;

	for (guint i = 0; i < cfg->form_types->len; i++) {
		const char *name = g_ptr_array_index(cfg->form_types, i);
		const struct rubric_unit_type *type;

		if (!strcmp(name, "all")) {
			all = 1;
			continue;
		}
		type = rubric_find_type(rubric, name);
		if (!type) {
			diag_error(d, NULL, 0, "unknown unit type '%s'", name);
			bad = 1;
		} else if (!g_ptr_array_find(types, type, NULL)) {
			g_ptr_array_add(types, (gpointer)type);
		}
	}
	if (all) {
		g_ptr_array_set_size(types, 0);
		g_ptr_array_extend(types, rubric->unit_types, NULL, NULL);
	}
	if (bad) {
		g_ptr_array_free(types, TRUE);
		return NULL;
	}
	return types;
}

/* The form for `types` to `fp`: a workbook or, for one type, CSV. */
static int write_form(const struct config *cfg, const struct rubric *rubric,
		      const GPtrArray *types, int workbook, FILE *fp, struct diag *d)
{
	/* The workbook's creation date is --date's, so that a run under
	 * SOURCE_DATE_EPOCH gives the same bytes every time. */
	struct form_options opt = { cfg->form_unit, cfg->kanwil, text_day_start(cfg->date),
				    NULL };

	if (workbook)
		return form_write_workbook(rubric, types, &opt, fp, d);
	form_write(rubric, g_ptr_array_index(types, 0), cfg->form_unit, cfg->kanwil, fp);
	return 0;
}

/* p2ham form: the blank form to standard output or, atomically, to --out. */
static int run_form(const struct config *cfg, const struct rubric *rubric,
		    struct diag *d)
{
	GPtrArray *types = form_types(cfg, rubric, d);
	int workbook = options_form_to_workbook(cfg);
	struct outset *out;
	char *dir, *base;
	FILE *fp;
	int rc = -1;

	if (!types)
		return -1;
	if (!cfg->out_given) {
		rc = write_form(cfg, rubric, types, 0, stdout, d);
		g_ptr_array_free(types, TRUE);
		return rc == 0 && fflush(stdout) == 0 ? 0 : -1;
	}
	dir = g_path_get_dirname(cfg->out_dir);
	base = g_path_get_basename(cfg->out_dir);
	out = outset_new(dir);
	signals_watch(out);
	fp = outset_open(out, base, d);
	if (fp) {
		int written = write_form(cfg, rubric, types, workbook, fp, d);

		if (outset_close(out, fp, d) == 0 && written == 0)
			rc = outset_commit(out, d);
	}
	signals_watch(NULL);
	outset_free(out);
	g_free(dir);
	g_free(base);
	g_ptr_array_free(types, TRUE);
	return rc;
}

/* What a run reads besides its data files; each part owned. */
struct setup {
	struct rubric *rubric;
	struct cert_template *tpl;
	struct offices *offices;
	struct previous *prev;
};

static void setup_free(struct setup *su)
{
	previous_free(su->prev);
	offices_free(su->offices);
	template_free(su->tpl);
	rubric_free(su->rubric);
}

/* Load the template, the offices and --previous: check validates them too.
 * Returns 0, or -1 after reporting each problem. */
static int setup_load(const struct config *cfg, struct setup *su, struct diag *d)
{
	su->tpl = template_load(cfg->template_path, d);
	su->offices = offices_load(cfg->offices_path, d);
	if (cfg->previous)
		su->prev = previous_load(cfg->previous, d);
	return su->tpl && su->offices && (!cfg->previous || su->prev) ? 0 : -1;
}

/* Read every input file into `ds`. Returns 0, or -1 when one is fatal. */
static int read_inputs(const struct config *cfg, const struct setup *su,
		       struct dataset *ds, struct diag *d)
{
	struct ingest_options iopt = { cfg->kanwil, cfg->delimiter, cfg->encoding };
	gint64 start = g_get_monotonic_time();
	int fatal = 0;

	/* SPEC 2: rows without a kanwil belong to the home office. */
	if (!iopt.kanwil && su->offices->home)
		iopt.kanwil = su->offices->home->name;
	for (int i = 0; i < cfg->n_files; i++) {
		progress(cfg, "reading %s (%d of %d)", cfg->files[i], i + 1, cfg->n_files);
		if (ingest_file(ds, cfg->files[i], &iopt, d) < 0)
			fatal = 1;
	}
	stage_time(cfg, "ingest", start);
	if (!fatal && cfg->strict && ds->rows_rejected) {
		diag_error(d, NULL, 0, "--strict: %lu rows rejected; nothing written",
			   ds->rows_rejected);
		fatal = 1;
	}
	if (cfg->command == CMD_CHECK && !cfg->quiet)
		print_file_summaries(ds, stdout);
	else if (cfg->verbose)
		print_file_summaries(ds, stderr);
	return fatal ? -1 : 0;
}

static int run(const struct config *cfg)
{
	struct diag d = DIAG_INIT;
	struct setup su = { 0 };
	struct dataset *ds;
	struct model *m;
	int fatal, status;

	d.quiet = cfg->quiet;
	su.rubric = rubric_load(cfg->rubric_path, &d);
	if (!su.rubric)
		return EXIT_FATAL;
	if (cfg->command == CMD_FORM) {
		status = run_form(cfg, su.rubric, &d) < 0 ? EXIT_FATAL : EXIT_ACCEPTED;
		setup_free(&su);
		return status;
	}
	if (setup_load(cfg, &su, &d) < 0) {
		setup_free(&su);
		return EXIT_FATAL;
	}
	ds = dataset_new(su.rubric);
	fatal = read_inputs(cfg, &su, ds, &d) < 0;
	if (!fatal && cfg->command == CMD_CHECK) {
		check_offices(ds, su.offices, &d);
	} else if (!fatal) {
		/* build prints the offices file as it is; check is where its
		 * placeholders are pointed out. */
		m = score(cfg, ds, su.prev, su.offices, &d);
		if (write_outputs(cfg, m, su.tpl, &d) < 0)
			fatal = 1;
		model_free(m);
	}
	if (cfg->verbose)
		fprintf(stderr, "p2ham: award year %d, from %s\n", award_year(cfg, ds),
			award_year_source(cfg, ds));
	fprintf(stderr, "%lu rows read, %lu accepted, %lu rejected, %lu warnings\n",
		ds->rows_read, ds->rows_accepted, ds->rows_rejected, d.warnings);
	status = fatal ? EXIT_FATAL : ds->rows_rejected ? EXIT_REJECTED : EXIT_ACCEPTED;
	dataset_free(ds);
	setup_free(&su);
	return status;
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	int status;

	LIBXML_TEST_VERSION
	/* A file that outgrows `ulimit -f` raises SIGXFSZ, which would kill the
	 * run mid-write with no message; ignored, the write fails with EFBIG and
	 * is reported like a full disk. */
	signal(SIGXFSZ, SIG_IGN);
	switch (options_parse(argc, argv, &cfg)) {
	case OPTIONS_RUN:
		signals_start();
		status = run(&cfg);
		signals_stop();
		break;
	case OPTIONS_DONE: status = EXIT_ACCEPTED; break;
	default: status = EXIT_FATAL; break;
	}
	options_release(&cfg);
	draw_done();
	xmlCleanupParser();
	return status;
}
