/* csv_compare.c — p2ham's CSV reader against libcsv: SPEC 8.4's readings and speed.
 *
 * usage: csv_compare readings
 *        csv_compare bench [-r RUNS] FILE...
 *
 * `readings` puts small inputs through libcsv (default options, as a
 * reader that must not refuse files would use it) and through csvin_read(),
 * and prints what SPEC 3 and 8.4 want, what each gives, and which differ.
 * It exits 1 if p2ham's reader ever differs from what SPEC wants.
 *
 * `bench` reads the same files, in turn within each run, with
 *   libcsv       64 KiB blocks, callbacks that count fields and records;
 *   libcsv+lines the same fed a byte at a time, which is what it takes to
 *                know the physical line each record starts on (libcsv
 *                reports no position);
 *   csvin        csvin_read() with a callback that counts the same,
 * and prints each one's median seconds over RUNS runs.
 */
#include <csv.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"

#define BLOCK (64 * 1024)

/* ---- what each reader gives, as text: [field][field] / [field] ... ---- */

struct shown {
	GString *out;
	unsigned long lines_seen;       /* the byte-at-a-time line count */
	unsigned long fields, records, field_bytes;
};

/* A field in brackets, its line breaks shown as \\n and \\r. */
static void show_field(GString *out, const char *s, size_t len)
{
	g_string_append_c(out, '[');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			g_string_append(out, "\\n");
		else if (s[i] == '\r')
			g_string_append(out, "\\r");
		else
			g_string_append_c(out, s[i]);
	}
	g_string_append_c(out, ']');
}

static void lc_field(void *s, size_t len, void *data)
{
	struct shown *w = data;

	w->fields++;
	w->field_bytes += len;
	if (w->out)
		show_field(w->out, s ? s : "", s ? len : 0);
}

static void lc_record(int term, void *data)
{
	struct shown *w = data;

	(void)term;
	w->records++;
	if (w->out)
		g_string_append(w->out, " / ");
}

static void libcsv_text(const char *in, size_t len, char delim, struct shown *w)
{
	struct csv_parser p;

	csv_init(&p, CSV_APPEND_NULL);
	csv_set_delim(&p, (unsigned char)delim);
	csv_parse(&p, in, len, lc_field, lc_record, w);
	csv_fini(&p, lc_field, lc_record, w);
	csv_free(&p);
}

static int csvin_count(const struct csvin_record *rec, void *data)
{
	struct shown *w = data;

	w->records++;
	for (size_t i = 0; i < rec->n_fields; i++) {
		w->fields++;
		w->field_bytes += strlen(rec->fields[i]);
		if (w->out)
			show_field(w->out, rec->fields[i], strlen(rec->fields[i]));
	}
	if (w->out && rec->error)
		g_string_append_printf(w->out, " (line %lu rejected: %s)", rec->line, rec->error);
	if (w->out)
		g_string_append(w->out, " / ");
	return 0;
}

static int csvin_file(const char *path, char delim, struct shown *w)
{
	struct csvin_options opt = { delim, NULL };
	struct csvin_info info;
	struct diag d = DIAG_INIT;

	return csvin_read(path, &opt, csvin_count, w, &info, &d);
}

/* ---- readings ----------------------------------------------------------- */

struct reading {
	const char *what;
	const char *in;
	const char *want;       /* SPEC's records, as shown */
};

static const struct reading readings[] = {
	{ "text after a closing quote is appended (8.4)",
	  "\"ab\"cd,e\nx,y\n", "[abcd][e] / [x][y] / " },
	{ "a quote inside an unquoted field is literal (8.4)",
	  "ab\"cd,e\nx,y\n", "[ab\"cd][e] / [x][y] / " },
	{ "quoted only when the first character is a quote (8.4)",
	  "  \"a,b\" ,c\n", "[\"a][b\"][c] / " },
	{ "an unterminated quote rejects one record; the next line is read (8.4)",
	  "a,\"b\nc,d\ne,f\n",
	  "[a] (line 1 rejected: unterminated quoted field) / [c][d] / [e][f] / " },
	{ "CR-only line ends (3)", "a,b\rc,d\r", "[a][b] / [c][d] / " },
	{ "unquoted fields trimmed, quoted ones kept (8.4)",
	  " a \t, b ,\" c \"\n", "[a][b][ c ] / " },
	{ "line breaks inside quotes kept (3)", "\"a\r\nb\",c\n", "[a\\r\\nb][c] / " },
};

/* What csvin gives for `in`, through a file as it reads one. */
static char *csvin_text(const char *in)
{
	char path[] = "/tmp/csv_compare-XXXXXX";
	int fd = mkstemp(path);
	struct shown w = { .out = g_string_new(NULL) };

	if (fd < 0 || write(fd, in, strlen(in)) != (ssize_t)strlen(in))
		abort();
	close(fd);
	csvin_file(path, ',', &w);
	unlink(path);
	return g_string_free(w.out, FALSE);
}

/* A 1 MiB field: libcsv keeps it all, p2ham rejects the record at 64 KiB. */
static void show_field_buffer(void)
{
	struct csv_parser p;
	struct shown w = { 0 };
	char *big = g_malloc(1 << 20);
	size_t size;

	memset(big, 'x', 1 << 20);
	csv_init(&p, 0);
	csv_parse(&p, big, 1 << 20, lc_field, lc_record, &w);
	size = csv_get_buffer_size(&p);
	csv_fini(&p, lc_field, lc_record, &w);
	csv_free(&p);
	printf("a 1 MiB field: libcsv's field buffer grew to %zu bytes; "
	       "p2ham stops keeping it at 64 KiB and rejects the record\n\n", size);
	g_free(big);
}

static int run_readings(void)
{
	int bad = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(readings); i++) {
		const struct reading *r = &readings[i];
		struct shown lc = { .out = g_string_new(NULL) };
		char *ours = csvin_text(r->in);

		libcsv_text(r->in, strlen(r->in), ',', &lc);
		printf("%s\n  SPEC wants: %s\n  p2ham:      %s\n  libcsv:     %s\n  -> libcsv %s\n\n",
		       r->what, r->want, ours, lc.out->str,
		       strcmp(lc.out->str, r->want) ? "DIFFERS" : "agrees");
		bad |= strcmp(ours, r->want) != 0;
		g_free(ours);
		g_string_free(lc.out, TRUE);
	}
	show_field_buffer();
	puts("line numbers: libcsv's callbacks say no position; a record's first line "
	     "is known only\nby feeding libcsv a byte at a time (see `bench`, libcsv+lines).");
	return bad;
}

/* ---- bench -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The first line's most frequent of ; , TAB |, as p2ham sniffs. */
static char file_delimiter(const char *path)
{
	char line[4096] = "";
	FILE *fp = fopen(path, "rb");

	if (fp) {
		if (!fgets(line, sizeof line, fp))
			line[0] = '\0';
		fclose(fp);
	}
	return csvin_sniff_delimiter(line, strlen(line));
}

/* libcsv over one file, in blocks, or a byte at a time counting lines. */
static void libcsv_file(const char *path, char delim, int bytewise, struct shown *w)
{
	static unsigned char buf[BLOCK];
	struct csv_parser p;
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		abort();
	csv_init(&p, CSV_APPEND_NULL);
	csv_set_delim(&p, (unsigned char)delim);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (!bytewise) {
			csv_parse(&p, buf, n, lc_field, lc_record, w);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			csv_parse(&p, buf + i, 1, lc_field, lc_record, w);
			w->lines_seen += buf[i] == '\n';
		}
	}
	csv_fini(&p, lc_field, lc_record, w);
	csv_free(&p);
	fclose(fp);
}

static double timed(int which, char **files, int n, const char *delims)
{
	struct shown w = { 0 };
	gint64 t0 = g_get_monotonic_time();

	for (int i = 0; i < n; i++) {
		if (which == 2)
			csvin_file(files[i], delims[i], &w);
		else
			libcsv_file(files[i], delims[i], which == 1, &w);
	}
	return (double)(g_get_monotonic_time() - t0) / 1e6;
}

static int run_bench(int argc, char **argv)
{
	static const char *const names[] = { "libcsv", "libcsv+lines", "csvin" };
	double t[3][64];
	int runs = 5, opt, n;
	char *delims;

	while ((opt = getopt(argc, argv, "r:")) != -1)
		if (opt != 'r' || (runs = atoi(optarg)) < 1 || runs > 64)
			return 2;
	n = argc - optind;
	delims = g_malloc((size_t)n + 1);
	for (int i = 0; i < n; i++)
		delims[i] = file_delimiter(argv[optind + i]);
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < 3; k++)
			t[k][r] = timed(k, argv + optind, n, delims);
	for (int k = 0; k < 3; k++) {
		qsort(t[k], (size_t)runs, sizeof(double), cmp_double);
		printf("%-13s %.4f s (median of %d)\n", names[k], t[k][runs / 2], runs);
	}
	g_free(delims);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "readings"))
		return run_readings();
	if (argc >= 3 && !strcmp(argv[1], "bench"))
		return run_bench(argc - 1, argv + 1);
	fputs("usage: csv_compare readings | csv_compare bench [-r RUNS] FILE...\n", stderr);
	return 2;
}
