/* options.c — the command line read into a configuration (SPEC 2).
 *
 * Only reads argv and the environment; what to run and the exit status
 * are main.c's. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "form.h"
#include "rubric.h"
#include "summary.h"
#include "text.h"

#ifndef P2HAM_VERSION
#define P2HAM_VERSION "0"
#endif
#ifndef P2HAM_DATADIR
#define P2HAM_DATADIR "/usr/local/share/p2ham"
#endif

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
"      --no-report, --no-certificates, --no-charts, --no-profiles,\n"
"      --no-letters, --no-tables   skip that output\n"
"      --charts LIST      chart formats: svg, png or svg,png (default: svg)\n"
"      --data-dir DIR     where templates and fonts are (default: $P2HAM_DATA,\n"
"                         then " P2HAM_DATADIR ", then beside the program)\n"
"  -q, --quiet            errors and the closing line only\n"
"  -v, --verbose          more detail on stderr\n"
"  -h, --help             this text\n"
"  -V, --version          the version\n"
"\n"
"build writes summary.xml, report.pdf, certificates.pdf, certificates/UNIT-ID.pdf,\n"
"charts/*.svg, profiles/UNIT-ID.pdf, letters/OFFICE-ID.pdf and tables/\n"
"(ranking.csv, ranking.xlsx, items.csv) into --out,\n"
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
	OPT_NO_CHARTS, OPT_NO_TABLES, OPT_NO_PROFILES, OPT_NO_LETTERS, OPT_CHARTS,
	OPT_DATA_DIR, OPT_TYPE, OPT_UNIT, OPT_OFFICES,
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
	{ "no-profiles", no_argument, NULL, OPT_NO_PROFILES },
	{ "no-letters", no_argument, NULL, OPT_NO_LETTERS },
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

/* An option whose argument must be checked. Returns 0, or -1 after a
 * usage message. */
static int apply_checked(struct config *cfg, int opt, const char *arg)
{
	long n;

	switch (opt) {
	case OPT_YEAR:
		if (parse_long(arg, 1000, 9999, &n) < 0) {
			usage_error("--year wants a four-digit year, not '%s'", arg);
			return -1;
		}
		cfg->year = (int)n;
		return 0;
	case OPT_DATE:
		cfg->date = strlen(arg) == 10 ? text_parse_date(arg, NULL) : 0;
		if (!cfg->date || arg[4] != '-') {
			usage_error("--date wants YYYY-MM-DD, not '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_DELIMITER:
		if (parse_delimiter(arg, &cfg->delimiter) < 0) {
			usage_error("--delimiter wants ',' ';' 'tab' or '|', not '%s'", arg);
			return -1;
		}
		return 0;
	case 'j':
		if (parse_long(arg, 1, 1024, &cfg->jobs) < 0) {
			usage_error("--jobs wants a number from 1 to 1024, not '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_CHARTS:
		if (strcmp(arg, "svg") && strcmp(arg, "png") && strcmp(arg, "svg,png") &&
		    strcmp(arg, "png,svg")) {
			usage_error("--charts wants svg, png or svg,png, not '%s'", arg);
			return -1;
		}
		cfg->charts = arg;
		return 0;
	}
	fputs("try 'p2ham --help'\n", stderr);
	return -1;
}

/* `arg` as the text of `option`: every text function assumes UTF-8, and
 * the shell's bytes may be anything. Returns 0, or -1 after a usage
 * message. */
static int utf8_arg(const char *option, const char *arg, const char **out)
{
	if (!g_utf8_validate(arg, -1, NULL)) {
		usage_error("%s is not valid UTF-8", option);
		return -1;
	}
	*out = arg;
	return 0;
}

/* Apply one option to `cfg`. Returns 0, or -1 after a usage message. */
static int apply_option(struct config *cfg, int opt, const char *arg)
{
	switch (opt) {
	case 'o': cfg->out_dir = arg; cfg->out_given = 1; break;
	case 'r': cfg->rubric_path = g_strdup(arg); break;
	case 't': cfg->template_path = g_strdup(arg); break;
	case OPT_OFFICES: cfg->offices_path = g_strdup(arg); break;
	case OPT_KANWIL: return utf8_arg("--kanwil", arg, &cfg->kanwil);
	case OPT_PREVIOUS: cfg->previous = arg; break;
	case OPT_ENCODING: cfg->encoding = arg; break;
	case OPT_STRICT: cfg->strict = 1; break;
	case OPT_NO_REPORT: cfg->no_report = 1; break;
	case OPT_NO_CERTIFICATES: cfg->no_certificates = 1; break;
	case OPT_NO_CHARTS: cfg->no_charts = 1; break;
	case OPT_NO_TABLES: cfg->no_tables = 1; break;
	case OPT_NO_PROFILES: cfg->no_profiles = 1; break;
	case OPT_NO_LETTERS: cfg->no_letters = 1; break;
	case OPT_DATA_DIR: cfg->data_dir = g_strdup(arg); break;
	case OPT_TYPE:
		if (!cfg->form_types)
			cfg->form_types = g_ptr_array_new();
		g_ptr_array_add(cfg->form_types, (gpointer)arg);
		break;
	case OPT_UNIT: return utf8_arg("--unit", arg, &cfg->form_unit);
	case 'q': cfg->quiet = 1; break;
	case 'v': cfg->verbose = 1; break;
	default: return apply_checked(cfg, opt, arg);
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

int options_form_to_workbook(const struct config *cfg)
{
	return cfg->out_given && form_is_workbook_name(cfg->out_dir);
}

/* The command, argv[1]. Returns 0, or -1 after a usage message. */
static int parse_command(const char *arg, struct config *cfg)
{
	if (!strcmp(arg, "build"))
		cfg->command = CMD_BUILD;
	else if (!strcmp(arg, "check"))
		cfg->command = CMD_CHECK;
	else if (!strcmp(arg, "form"))
		cfg->command = CMD_FORM;
	else {
		usage_error("unknown command '%s'", arg);
		return -1;
	}
	return 0;
}

/* Whether the options and files fit the command. Returns 0, or -1 after
 * a usage message. */
static int check_command(const struct config *cfg, const char *command)
{
	if (cfg->command == CMD_FORM && (cfg->n_files || !cfg->form_types)) {
		usage_error("%s", cfg->n_files ? "form takes no input files" :
			    "form wants --type TYPE");
		return -1;
	}
	if (cfg->command == CMD_FORM && !options_form_to_workbook(cfg) &&
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
		usage_error("%s: no input files", command);
		return -1;
	}
	return 0;
}

/* The defaults of what the command line did not say. */
static void fill_defaults(struct config *cfg)
{
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
}

enum options_result options_parse(int argc, char **argv, struct config *cfg)
{
	int opt, help;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return OPTIONS_BAD;
	}
	help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");
	if (help || !strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		show_info(help);
		return OPTIONS_DONE;
	}
	if (parse_command(argv[1], cfg) < 0)
		return OPTIONS_BAD;
	cfg->out_dir = "out";
	cfg->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	cfg->charts = "svg";
	optind = 2;
	while ((opt = getopt_long(argc, argv, "o:r:t:j:qvhV", long_options, NULL)) != -1) {
		if (opt == 'h' || opt == 'V') {
			show_info(opt == 'h');
			return OPTIONS_DONE;
		}
		if (apply_option(cfg, opt, optarg) < 0)
			return OPTIONS_BAD;
	}
	cfg->files = argv + optind;
	cfg->n_files = argc - optind;
	if (check_command(cfg, argv[1]) < 0)
		return OPTIONS_BAD;
	fill_defaults(cfg);
	return OPTIONS_RUN;
}

void options_release(struct config *cfg)
{
	g_free(cfg->rubric_path);
	g_free(cfg->template_path);
	g_free(cfg->offices_path);
	g_free(cfg->data_dir);
	if (cfg->form_types)
		g_ptr_array_free(cfg->form_types, TRUE);
}
