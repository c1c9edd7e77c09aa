/* main.c — the command line: options, the pipeline, the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <glib.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "diag.h"
#include "draw.h"
#include "form.h"
#include "ingest.h"
#include "offices.h"
#include "outfile.h"
#include "previous.h"
#include "render.h"
#include "rubric.h"
#include "score.h"
#include "summary.h"
#include "template.h"
#include "text.h"

#ifndef P2HAM_VERSION
#define P2HAM_VERSION "0"
#endif
#ifndef P2HAM_DATADIR
#define P2HAM_DATADIR "/usr/local/share/p2ham"
#endif

enum { EXIT_ACCEPTED = 0, EXIT_REJECTED = 1, EXIT_FATAL = 2 };

enum command { CMD_BUILD, CMD_CHECK, CMD_FORM };

/* Everything the command line decides, built once and then read only. */
struct config {
	enum command command;
	const char *out_dir;
	char *rubric_path;
	char *template_path;
	char *offices_path;
	char *data_dir;
	int year;               /* --year, or 0: from the data (SPEC 8.23) */
	int date;               /* YYYYMMDD */
	const char *kanwil;
	const char *previous;
	char delimiter;
	const char *encoding;
	int strict;
	long jobs;
	int no_report, no_certificates, no_charts, no_tables;
	const char *charts;
	int quiet, verbose;
	char **files;
	int n_files;
	GPtrArray *form_types;  /* form: each --type (const char *), or NULL */
	const char *form_unit;  /* form: --unit */
	int out_given;
};

static const char usage_text[] =
"usage: p2ham build [OPTIONS] FILE.csv...   score and write every output into --out\n"
"       p2ham check [OPTIONS] FILE.csv...   validate inputs only; write nothing\n"
"       p2ham form --type TYPE... [--unit NAME] [--kanwil NAME] [--out FILE]\n"
"                                          a blank verification form: a workbook\n"
"                                          (--out FILE.xlsx) or CSV (layout B)\n"
"       p2ham --help | --version\n"
"\n"
"options:\n"
"  -o, --out DIR          output folder (default: out); for form, the file to\n"
"                         write (default: standard output)\n"
"      --type TYPE        form: the unit type (an id, label or prefix of the rubric);\n"
"                         repeated, or 'all', for a workbook with a sheet per type\n"
"      --unit NAME        form: the unit's name, filled in on the form\n"
"  -r, --rubric FILE      scoring rubric (default: DATA/templates/rubric.xml)\n"
"  -t, --template FILE    certificate template (default: DATA/templates/certificate.xml)\n"
"      --offices FILE     issuing offices (default: DATA/templates/offices.xml)\n"
"      --year N           award year on the outputs (default: the year of the\n"
"                         latest observation date, else of --date)\n"
"      --date YYYY-MM-DD  report date (default: SOURCE_DATE_EPOCH if set, else today)\n"
"      --kanwil NAME      regional office for rows without a kanwil column\n"
"                         (default: the offices file's home office, if any)\n"
"      --previous FILE    last year's summary.xml: retained awards, change\n"
"      --delimiter C      force ',' ';' 'tab' or '|' (default: sniffed per file)\n"
"      --encoding E       force UTF-8, WINDOWS-1252 or any iconv name (default: sniffed)\n"
"      --strict           any rejected row is fatal (exit 2, nothing written)\n"
"  -j, --jobs N           parallel rendering workers (default: number of CPUs)\n"
"      --no-report, --no-certificates, --no-charts, --no-tables\n"
"      --charts LIST      chart formats: svg, png or svg,png (default: svg)\n"
"      --data-dir DIR     where templates and fonts are (default: $P2HAM_DATA,\n"
"                         then " P2HAM_DATADIR ", then beside the program)\n"
"  -q, --quiet            errors and the closing line only\n"
"  -v, --verbose          more detail on stderr\n"
"  -h, --help             this text\n"
"  -V, --version          the version\n"
"\n"
"build writes summary.xml, report.pdf, certificates.pdf, certificates/UNIT-ID.pdf,\n"
"charts/*.svg and tables/ (ranking.csv, ranking.xlsx, items.csv) into --out,\n"
"all or nothing.\n"
"\n"
"exit status: 0 every row accepted; 1 outputs written, some rows rejected;\n"
"2 fatal (usage, unreadable input, invalid rubric, --strict with rejections).\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("p2ham: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\ntry 'p2ham --help'\n", stderr);
}

static int parse_delimiter(const char *s, char *out)
{
	if (!strcmp(s, "tab") || !strcmp(s, "TAB") || !strcmp(s, "\\t") || !strcmp(s, "\t"))
		*out = '\t';
	else if (!strcmp(s, ",") || !strcmp(s, ";") || !strcmp(s, "|"))
		*out = s[0];
	else
		return -1;
	return 0;
}

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* --date must be ISO; SOURCE_DATE_EPOCH or the clock otherwise. */
static int default_date(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;
	long long secs;
	char *end;

	if (epoch && *epoch) {
		secs = strtoll(epoch, &end, 10);
		if (!*end && secs >= 0) {
			now = (time_t)secs;
			gmtime_r(&now, &tm);
			return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
		}
	}
	localtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static int has_rubric(const char *dir)
{
	char *path = g_build_filename(dir, "templates", "rubric.xml", NULL);
	int found = g_file_test(path, G_FILE_TEST_EXISTS);

	g_free(path);
	return found;
}

/* Where templates and fonts are (SPEC 2): --data-dir, $P2HAM_DATA, the
 * compiled-in prefix, the program's folder or, for a build tree, its parent. */
static char *find_data_dir(const char *option)
{
	const char *env = getenv("P2HAM_DATA");
	char *exe, *dir, *parent;

	if (option)
		return g_strdup(option);
	if (env && *env)
		return g_strdup(env);
	if (has_rubric(P2HAM_DATADIR))
		return g_strdup(P2HAM_DATADIR);
	exe = g_file_read_link("/proc/self/exe", NULL);
	if (!exe)
		return g_strdup(".");
	dir = g_path_get_dirname(exe);
	parent = g_path_get_dirname(dir);
	g_free(exe);
	if (!has_rubric(dir) && has_rubric(parent)) {
		g_free(dir);
		return parent;
	}
	g_free(parent);
	return dir;
}

enum {
	OPT_YEAR = 256, OPT_DATE, OPT_KANWIL, OPT_PREVIOUS, OPT_DELIMITER,
	OPT_ENCODING, OPT_STRICT, OPT_NO_REPORT, OPT_NO_CERTIFICATES,
	OPT_NO_CHARTS, OPT_NO_TABLES, OPT_CHARTS, OPT_DATA_DIR, OPT_TYPE, OPT_UNIT, OPT_OFFICES,
};

static const struct option long_options[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "rubric", required_argument, NULL, 'r' },
	{ "template", required_argument, NULL, 't' },
	{ "offices", required_argument, NULL, OPT_OFFICES },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "kanwil", required_argument, NULL, OPT_KANWIL },
	{ "previous", required_argument, NULL, OPT_PREVIOUS },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "no-report", no_argument, NULL, OPT_NO_REPORT },
	{ "no-certificates", no_argument, NULL, OPT_NO_CERTIFICATES },
	{ "no-charts", no_argument, NULL, OPT_NO_CHARTS },
	{ "no-tables", no_argument, NULL, OPT_NO_TABLES },
	{ "charts", required_argument, NULL, OPT_CHARTS },
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Apply one option to `cfg`. Returns 0, or -1 after a usage message. */
static int apply_option(struct config *cfg, int opt, const char *arg)
{
	long n;

	switch (opt) {
	case 'o': cfg->out_dir = arg; cfg->out_given = 1; break;
	case 'r': cfg->rubric_path = g_strdup(arg); break;
	case 't': cfg->template_path = g_strdup(arg); break;
	case OPT_OFFICES: cfg->offices_path = g_strdup(arg); break;
	case OPT_YEAR:
		if (parse_long(arg, 1000, 9999, &n) < 0) {
			usage_error("--year wants a four-digit year, not '%s'", arg);
			return -1;
		}
		cfg->year = (int)n;
		break;
	case OPT_DATE:
		cfg->date = strlen(arg) == 10 ? text_parse_date(arg, NULL) : 0;
		if (!cfg->date || arg[4] != '-') {
			usage_error("--date wants YYYY-MM-DD, not '%s'", arg);
			return -1;
		}
		break;
	case OPT_KANWIL:
		/* Every text function assumes UTF-8; the shell's bytes may be
		 * anything. */
		if (!g_utf8_validate(arg, -1, NULL)) {
			usage_error("--kanwil is not valid UTF-8");
			return -1;
		}
		cfg->kanwil = arg;
		break;
	case OPT_PREVIOUS: cfg->previous = arg; break;
	case OPT_DELIMITER:
		if (parse_delimiter(arg, &cfg->delimiter) < 0) {
			usage_error("--delimiter wants ',' ';' 'tab' or '|', not '%s'", arg);
			return -1;
		}
		break;
	case OPT_ENCODING: cfg->encoding = arg; break;
	case OPT_STRICT: cfg->strict = 1; break;
	case 'j':
		if (parse_long(arg, 1, 1024, &cfg->jobs) < 0) {
			usage_error("--jobs wants a number from 1 to 1024, not '%s'", arg);
			return -1;
		}
		break;
	case OPT_NO_REPORT: cfg->no_report = 1; break;
	case OPT_NO_CERTIFICATES: cfg->no_certificates = 1; break;
	case OPT_NO_CHARTS: cfg->no_charts = 1; break;
	case OPT_NO_TABLES: cfg->no_tables = 1; break;
	case OPT_CHARTS:
		if (strcmp(arg, "svg") && strcmp(arg, "png") && strcmp(arg, "svg,png") &&
		    strcmp(arg, "png,svg")) {
			usage_error("--charts wants svg, png or svg,png, not '%s'", arg);
			return -1;
		}
		cfg->charts = arg;
		break;
	case OPT_DATA_DIR: cfg->data_dir = g_strdup(arg); break;
	case OPT_TYPE:
		if (!cfg->form_types)
			cfg->form_types = g_ptr_array_new();
		g_ptr_array_add(cfg->form_types, (gpointer)arg);
		break;
	case OPT_UNIT:
		if (!g_utf8_validate(arg, -1, NULL)) {
			usage_error("--unit is not valid UTF-8");
			return -1;
		}
		cfg->form_unit = arg;
		break;
	case 'q': cfg->quiet = 1; break;
	case 'v': cfg->verbose = 1; break;
	default:
		fputs("try 'p2ham --help'\n", stderr);
		return -1;
	}
	return 0;
}

/* The program's version, the summary schema's and the default rubric's. */
static void print_version(void)
{
	char *dir = find_data_dir(NULL);
	char *path = g_build_filename(dir, "templates", "rubric.xml", NULL);
	struct diag quiet = DIAG_INIT;
	struct rubric *r;

	quiet.out = fopen("/dev/null", "w");
	r = quiet.out ? rubric_load(path, &quiet) : NULL;
	printf("p2ham %s\nsummary schema %s (%s)\n", P2HAM_VERSION, SUMMARY_VERSION,
	       SUMMARY_NAMESPACE);
	if (r)
		printf("rubric %s version %s (%s)\n", r->id, r->version, path);
	else
		printf("rubric: none found at %s\n", path);
	rubric_free(r);
	if (quiet.out)
		fclose(quiet.out);
	g_free(path);
	g_free(dir);
}

/* --help or --version, wherever they stand on the command line. */
static void show_info(int help)
{
	if (help)
		fputs(usage_text, stdout);
	else
		print_version();
}

/* Whether form writes a workbook: --out names an .xlsx file. */
static int form_to_workbook(const struct config *cfg)
{
	return cfg->out_given && form_is_workbook_name(cfg->out_dir);
}

/* Fill `cfg` from the command line. Returns -1 to exit with status *status. */
static int parse_args(int argc, char **argv, struct config *cfg, int *status)
{
	int opt, help;

	*status = EXIT_FATAL;
	if (argc < 2) {
		fputs(usage_text, stderr);
		return -1;
	}
	help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");
	if (help || !strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		show_info(help);
		*status = EXIT_ACCEPTED;
		return -1;
	}
	if (!strcmp(argv[1], "build"))
		cfg->command = CMD_BUILD;
	else if (!strcmp(argv[1], "check"))
		cfg->command = CMD_CHECK;
	else if (!strcmp(argv[1], "form"))
		cfg->command = CMD_FORM;
	else {
		usage_error("unknown command '%s'", argv[1]);
		return -1;
	}
	cfg->out_dir = "out";
	cfg->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	cfg->charts = "svg";
	optind = 2;
	while ((opt = getopt_long(argc, argv, "o:r:t:j:qvhV", long_options, NULL)) != -1) {
		if (opt == 'h' || opt == 'V') {
			show_info(opt == 'h');
			*status = EXIT_ACCEPTED;
			return -1;
		}
		if (apply_option(cfg, opt, optarg) < 0)
			return -1;
	}
	cfg->files = argv + optind;
	cfg->n_files = argc - optind;
	if (cfg->command == CMD_FORM && (cfg->n_files || !cfg->form_types)) {
		usage_error("%s", cfg->n_files ? "form takes no input files" :
			    "form wants --type TYPE");
		return -1;
	}
	if (cfg->command == CMD_FORM && !form_to_workbook(cfg) &&
	    (cfg->form_types->len > 1 || !strcmp(cfg->form_types->pdata[0], "all"))) {
		usage_error("%s", "a CSV form takes one unit type; for several, or all, "
			    "write a workbook: --out FILE.xlsx");
		return -1;
	}
	if (cfg->command != CMD_FORM && (cfg->form_types || cfg->form_unit)) {
		usage_error("%s", "--type and --unit belong to form");
		return -1;
	}
	if (cfg->command != CMD_FORM && cfg->n_files == 0) {
		usage_error("%s: no input files", argv[1]);
		return -1;
	}
	if (!cfg->date)
		cfg->date = default_date();
	if (!cfg->data_dir)
		cfg->data_dir = find_data_dir(NULL);
	if (!cfg->rubric_path)
		cfg->rubric_path = g_build_filename(cfg->data_dir, "templates", "rubric.xml", NULL);
	if (!cfg->template_path)
		cfg->template_path = g_build_filename(cfg->data_dir, "templates",
						      "certificate.xml", NULL);
	if (!cfg->offices_path)
		cfg->offices_path = g_build_filename(cfg->data_dir, "templates",
						     "offices.xml", NULL);
	return 0;
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

/* The report, the certificates, the charts and the tables into `out`.
 * Returns 0 or -1. */
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
		.tpl = tpl,
		.report_info = &info,
	};
	struct render_times t;
	int rc;

	if (!opt.report && !opt.certificates && !opt.chart_formats && !opt.tables)
		return 0;
	/* The tables draw nothing. */
	if ((opt.report || opt.certificates || opt.chart_formats) &&
	    draw_init(cfg->data_dir, d) < 0)
		return -1;
	if (opt.certificates)
		outset_sweep(out, "certificates");
	if (opt.chart_formats)
		outset_sweep(out, "charts");
	progress(cfg, "rendering with %u jobs", opt.jobs);
	rc = render_outputs(m, &opt, out, d, &t);
	if (cfg->verbose) {
		fprintf(stderr, "p2ham: stage charts %.3f s\np2ham: stage report %.3f s\n"
			"p2ham: stage certificates %.3f s\np2ham: stage tables %.3f s\n"
			"p2ham: stage render %.3f s\n",
			t.charts, t.report, t.certificates, t.tables, t.wall);
	}
	return rc;
}

/* Write every output of the scored model; all or nothing. Returns 0 or -1. */
static int write_outputs(const struct config *cfg, const struct model *m,
			 const struct cert_template *tpl, struct diag *d)
{
	struct outset *out;
	FILE *fp;
	int rc = -1;
	gint64 start;

	/* First, so that a second build into the folder stops at once. */
	out = outset_new(cfg->out_dir);
	if (outset_lock(out, d) < 0) {
		outset_free(out);
		return -1;
	}
	start = g_get_monotonic_time();
	progress(cfg, "writing %s/summary.xml", cfg->out_dir);
	fp = outset_open(out, "summary.xml", d);
	if (!fp)
		goto done;
	if (summary_write(m, fp) < 0) {
		diag_error(d, cfg->out_dir, 0, "cannot write summary.xml");
		outset_close(out, fp, d);
		goto done;
	}
	if (outset_close(out, fp, d) < 0)
		goto done;
	stage_time(cfg, "summary", start);
	if (render(cfg, m, tpl, out, d) < 0)
		goto done;
	rc = outset_commit(out, d);
done:
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
	int workbook = form_to_workbook(cfg);
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
	fp = outset_open(out, base, d);
	if (fp) {
		int written = write_form(cfg, rubric, types, workbook, fp, d);

		if (outset_close(out, fp, d) == 0 && written == 0)
			rc = outset_commit(out, d);
	}
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
	if (parse_args(argc, argv, &cfg, &status) == 0)
		status = run(&cfg);
	g_free(cfg.rubric_path);
	g_free(cfg.template_path);
	g_free(cfg.offices_path);
	g_free(cfg.data_dir);
	if (cfg.form_types)
		g_ptr_array_free(cfg.form_types, TRUE);
	draw_done();
	xmlCleanupParser();
	return status;
}
