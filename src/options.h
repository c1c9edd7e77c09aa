/* options.h — the command line read into a configuration (SPEC 2). */
#ifndef P2HAM_OPTIONS_H
#define P2HAM_OPTIONS_H

#include <glib.h>

enum command { CMD_BUILD, CMD_CHECK, CMD_FORM };

/*
 * Everything the command line decides, built once by options_parse() and
 * then read only. The strings that options_parse() makes (the paths and
 * the data folder) and the form_types array belong to the config: release
 * them with options_release(). The other strings point into argv.
 */
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
	int no_report, no_certificates, no_charts, no_tables, no_profiles, no_letters;
	const char *charts;
	int quiet, verbose;
	char **files;
	int n_files;
	GPtrArray *form_types;  /* form: each --type (const char *), or NULL */
	const char *form_unit;  /* form: --unit */
	int out_given;
};

/* What options_parse() found. */
enum options_result {
	OPTIONS_RUN,            /* a command to run, as `cfg` says */
	OPTIONS_DONE,           /* --help or --version, printed to stdout */
	OPTIONS_BAD,            /* a usage error, reported on stderr */
};

/*
 * Fill `cfg` (zeroed by the caller) from the command line, with the
 * defaults of everything not given. Prints the help, the version or a
 * usage error itself.
 */
enum options_result options_parse(int argc, char **argv, struct config *cfg);

/* Free what options_parse() made; `cfg` may be partly filled. */
void options_release(struct config *cfg);

/* Whether form writes a workbook: --out names an .xlsx file. */
int options_form_to_workbook(const struct config *cfg);

#endif
