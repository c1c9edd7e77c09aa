/* fuzz_previous.c — the --previous loader (last year's summary.xml).
 *
 * Each input is a summary.xml. When it loads, it is matched against a fixed
 * dataset (the samples' Banten file, read once) the way a run uses it, and
 * summary.xml is written with it; that output must parse. */
#include "fuzz_common.h"

#include "previous.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rubric *rubric;
static struct dataset *dataset;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ingest_options opt = { NULL, 0, NULL };
	struct diag d;

	fuzz_setup(".xml");
	fuzz_diag(&d);
	rubric = rubric_load(FUZZ_DATA_DIR "/templates/rubric.xml", &d);
	if (!rubric)
		abort();
	dataset = dataset_new(rubric);
	if (ingest_file(dataset, FUZZ_DATA_DIR "/samples/banten-tim1.csv", &opt, &d) < 0 ||
	    dataset->units->len == 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "", "unit", "lapas-kelas-iii-cilegon", " x " };
	const char *path = fuzz_write(data, size);
	struct previous *prev;
	struct diag d;

	fuzz_diag(&d);
	prev = previous_load(path, &d);
	if ((!prev && d.errors == 0) || (prev && d.errors))
		abort();
	if (prev) {
		for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
			previous_find(prev, keys[i], keys[i]);
		fuzz_score_and_write(dataset, prev);
	}
	previous_free(prev);
	unlink(path);
	return 0;
}
