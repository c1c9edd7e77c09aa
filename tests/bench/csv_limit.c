/* csv_limit.c — the ingest limit: libcsv parsing the same files, nothing else. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * Reads every file in 64 KiB blocks and hands them to libcsv with callbacks
 * that only count fields, records and field bytes: what any CSV reader must
 * at least do. p2ham's ingest (which also hashes, validates the encoding,
 * validates every row against the rubric and keeps the observations) is
 * reported as a ratio to this. The delimiter is the most frequent of
 * ; , TAB | in the first line, like p2ham's sniffing.
 *
 * usage: csv_limit [-r RUNS] FILE...
 * prints: bytes, records, fields, and the median seconds over RUNS runs.
 */

#define BLOCK (64 * 1024)

struct counts {
	unsigned long long fields, records, field_bytes;
};

static void on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	c->fields++;
	c->field_bytes += len;
}

static void on_record(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->records++;
}

static unsigned char sniff(const unsigned char *buf, size_t len)
{
	static const unsigned char cand[] = { ';', ',', '\t', '|' };
	size_t n[4] = { 0 }, best = 0;

	for (size_t i = 0; i < len && buf[i] != '\n' && buf[i] != '\r'; i++)
		for (size_t k = 0; k < 4; k++)
			n[k] += buf[i] == cand[k];
	for (size_t k = 1; k < 4; k++)
		if (n[k] > n[best])
			best = k;
	return cand[best];
}

/* Parse one file; returns its size in bytes, or -1. */
static long long parse_file(const char *path, unsigned char *buf, struct counts *c)
{
	struct csv_parser p;
	long long total = 0;
	size_t n;
	int first = 1;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		fprintf(stderr, "csv_limit: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		fclose(fp);
		return -1;
	}
	while ((n = fread(buf, 1, BLOCK, fp)) > 0) {
		if (first)
			csv_set_delim(&p, sniff(buf, n));
		first = 0;
		if (csv_parse(&p, buf, n, on_field, on_record, c) != n) {
			fprintf(stderr, "csv_limit: %s: %s\n", path,
				csv_strerror(csv_error(&p)));
			break;
		}
		total += (long long)n;
	}
	csv_fini(&p, on_field, on_record, c);
	csv_free(&p);
	fclose(fp);
	return total;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	unsigned char *buf = malloc(BLOCK);
	double times[64];
	struct counts c = { 0 };
	long long bytes = 0;
	int runs = 5, opt;

	while ((opt = getopt(argc, argv, "r:")) != -1) {
		if (opt != 'r' || (runs = atoi(optarg)) < 1 || runs > 64) {
			fputs("usage: csv_limit [-r RUNS] FILE...\n", stderr);
			return 2;
		}
	}
	if (!buf || optind >= argc) {
		fputs("usage: csv_limit [-r RUNS] FILE...\n", stderr);
		return 2;
	}
	for (int r = 0; r < runs; r++) {
		double t0 = now();

		memset(&c, 0, sizeof(c));
		bytes = 0;
		for (int i = optind; i < argc; i++) {
			long long n = parse_file(argv[i], buf, &c);
			if (n < 0)
				return 1;
			bytes += n;
		}
		times[r] = now() - t0;
	}
	qsort(times, (size_t)runs, sizeof(times[0]), cmp_double);
	printf("bytes %lld\nrecords %llu\nfields %llu\nseconds %.6f\n", bytes, c.records,
	       c.fields, times[runs / 2]);
	free(buf);
	return 0;
}
