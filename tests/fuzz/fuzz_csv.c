/* fuzz_csv.c — CSV ingestion, both layouts, from raw bytes.
 *
 * Each input is a CSV file as a team would send it. It is ingested twice
 * into one dataset: once with everything sniffed, once with a delimiter,
 * encoding and --kanwil chosen from the bytes (so every input also drives
 * the forced-option paths, and the second pass meets units the first one
 * fixed). The dataset is then scored and written as summary.xml, which must
 * parse, and the row counts must add up. */
#include "fuzz_common.h"
#include "workbook.h"

static struct rubric *rubric;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d;

	fuzz_setup(".csv");
	fuzz_diag(&d);
	rubric = rubric_load(FUZZ_DATA_DIR "/templates/rubric.xml", &d);
	if (!rubric)
		abort();
	return 0;
}

/* Forced options for the second pass, from a cheap digest of the bytes. */
static void pick_options(const uint8_t *data, size_t size, struct ingest_options *opt)
{
	static const char delimiters[] = { 0, ';', ',', '\t', '|' };
	static const char *const encodings[] = {
		NULL, "UTF-8", "WINDOWS-1252", "ISO-8859-15", "CP1252", "UTF-16",
	};
	unsigned sum = (unsigned)size;

	for (size_t i = 0; i < size; i++)
		sum = sum * 31 + data[i];
	opt->delimiter = delimiters[sum % G_N_ELEMENTS(delimiters)];
	sum /= G_N_ELEMENTS(delimiters);
	opt->encoding = encodings[sum % G_N_ELEMENTS(encodings)];
	sum /= G_N_ELEMENTS(encodings);
	opt->kanwil = sum % 2 ? "Kanwil Fuzz" : NULL;
}

/* The file's hash and sniffed encoding, checked against GLib's own SHA-256
 * and UTF-8 validation (NUL bytes are the parser's business, not the
 * encoding's; a BOM is not part of the text); a UTF-16 BOM names its byte
 * order. */
static void check_sniffed(const struct input_file *f, const uint8_t *data, size_t size)
{
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, size);
	size_t bom = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	char *text = g_malloc(size - bom + 1);
	const char *want;

	for (size_t i = 0; i < size - bom; i++)
		text[i] = data[bom + i] ? (char)data[bom + i] : ' ';
	text[size - bom] = '\0';
	want = g_utf8_validate(text, (gssize)(size - bom), NULL) ? "UTF-8" : "WINDOWS-1252";
	if (size >= 2 && !memcmp(data, "\xFF\xFE", 2))
		want = "UTF-16LE";
	else if (size >= 2 && !memcmp(data, "\xFE\xFF", 2))
		want = "UTF-16BE";
	if (strcmp(sha, f->sha256) != 0 || strcmp(f->encoding, want) != 0)
		abort();
	g_free(text);
	g_free(sha);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_options sniffed = { NULL, 0, NULL }, forced;
	const char *path = fuzz_write(data, size);
	struct dataset *ds = dataset_new(rubric);
	struct diag d;

	fuzz_diag(&d);
	pick_options(data, size, &forced);
	/* A file that is unreadable input leaves the dataset consistent, so
	 * the model is built whatever the results. */
	ingest_file(ds, path, &sniffed, &d);
	/* Bytes that start like a ZIP or OLE2 file are a workbook's business
	 * (fuzz_workbook), and may leave no file behind. */
	if (workbook_sniff(path) == WORKBOOK_NONE)
		check_sniffed(g_ptr_array_index(ds->files, 0), data, size);
	ingest_file(ds, path, &forced, &d);
	fuzz_check_counts(ds);
	fuzz_score_and_write(ds, NULL);
	dataset_free(ds);
	unlink(path);
	return 0;
}
