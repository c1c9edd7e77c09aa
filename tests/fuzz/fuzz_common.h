/* fuzz_common.h — what the fuzz targets share: a scratch file for the input
 * bytes, a diagnostics sink that prints nothing, and the invariants every
 * run must keep (SPEC 7). Included by one target per program. */
#ifndef P2HAM_FUZZ_COMMON_H
#define P2HAM_FUZZ_COMMON_H

#include <fcntl.h>
#include <glib.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "ingest.h"
#include "rubric.h"
#include "score.h"
#include "summary.h"

#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "."
#endif

/* The modules read files by path, so each input is written to one scratch
 * file (in /dev/shm when there is one: no disk traffic). */
static char *fuzz_path;
static FILE *fuzz_null;

static void fuzz_setup(const char *suffix)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir();

	fuzz_path = g_strdup_printf("%s/p2ham-fuzz-%ld%s", dir, (long)getpid(), suffix);
	fuzz_null = fopen("/dev/null", "w");
	if (!fuzz_null)
		abort();
	xmlInitParser();
}

/* Write the input to the scratch file; aborts when that fails, since a
 * fuzzer that silently tests nothing is worse than one that stops. */
static const char *fuzz_write(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(fuzz_path, "wb");

	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	return fuzz_path;
}

static void fuzz_diag(struct diag *d)
{
	struct diag init = DIAG_INIT;

	*d = init;
	d->out = fuzz_null;
}

/* SPEC 7: every row read is accepted or rejected, and each rejection is kept. */
static void fuzz_check_counts(const struct dataset *ds)
{
	unsigned long read = 0, accepted = 0, rejected = 0, observations = 0;

	for (guint i = 0; i < ds->files->len; i++) {
		const struct input_file *f = g_ptr_array_index(ds->files, i);
		if (f->rows_read != f->rows_accepted + f->rows_rejected)
			abort();
		read += f->rows_read;
		accepted += f->rows_accepted;
		rejected += f->rows_rejected;
	}
	for (guint i = 0; i < ds->units->len; i++) {
		const struct unit_obs *u = g_ptr_array_index(ds->units, i);
		observations += u->observations->len;
	}
	if (read != ds->rows_read || accepted != ds->rows_accepted ||
	    rejected != ds->rows_rejected || read != accepted + rejected ||
	    ds->rejected->len != rejected || observations != accepted)
		abort();
}

/* Score the dataset and write summary.xml to memory; it must be
 * well-formed XML whatever went in. */
static void fuzz_score_and_write(const struct dataset *ds, const struct previous *prev)
{
	struct model *m = model_build(ds, 2019, 20191210, prev);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	xmlDocPtr doc;

	if (!fp)
		abort();
	if (summary_write(m, fp) < 0)
		abort();
	if (fclose(fp) != 0)
		abort();
	if (len > INT32_MAX)
		abort();
	doc = xmlReadMemory(buf, (int)len, "summary.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			    XML_PARSE_HUGE);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
	free(buf);
	model_free(m);
}

#endif
