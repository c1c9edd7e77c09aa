/* fuzz_workbook.c — .xlsx and .ods workbooks, from raw bytes or from their parts.
 *
 * An input is either a whole file (a ZIP or OLE2 file as a team would send
 * it: the container is fuzzed) or, when it starts with 'X' or 'O', the XML
 * parts of an .xlsx or .ods separated by lines "==": those are packed into
 * a ZIP here, stored uncompressed, so that the fuzzer works on the XML the
 * reader streams rather than on deflate and CRC bytes it would break.
 *
 * Each workbook is read twice: with callbacks that check what every record
 * must be (fields NUL-terminated, valid UTF-8, at most 64 KiB; raw text at
 * most 1 KiB; rows in order and within the sheet's bounds), and through
 * ingest into a dataset that is scored and written as summary.xml (which
 * must parse; the counts must add up). */
#include "fuzz_common.h"

#include <zip.h>

#include "workbook.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rubric *rubric;

/* The parts an 'X' input fills in, in order; the package's own two are fixed. */
static const char *const xlsx_parts[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
	"xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
};
static const char *const ods_parts[] = { "content.xml", "META-INF/manifest.xml" };

static const char content_types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/"
				    "package/2006/content-types\"/>";
static const char package_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	"2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char ods_mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d;

	fuzz_setup(".xlsx");
	fuzz_diag(&d);
	rubric = rubric_load(FUZZ_DATA_DIR "/templates/rubric.xml", &d);
	if (!rubric)
		abort();
	return 0;
}

static void add(zip_t *z, const char *name, const void *bytes, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, bytes, len, 0);
	zip_int64_t i;

	if (!src || (i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE)) < 0 ||
	    zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) < 0)
		abort();
}

/* Pack the parts of a structured input into the scratch file. */
static void pack(const uint8_t *data, size_t size)
{
	int err = 0, ods = data[0] == 'O';
	const char *const *names = ods ? ods_parts : xlsx_parts;
	size_t n_names = ods ? G_N_ELEMENTS(ods_parts) : G_N_ELEMENTS(xlsx_parts);
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	zip_t *z = zip_open(fuzz_path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	if (!z)
		abort();
	if (ods) {
		add(z, "mimetype", ods_mimetype, sizeof ods_mimetype - 1);
	} else {
		add(z, "[Content_Types].xml", content_types, sizeof content_types - 1);
		add(z, "_rels/.rels", package_rels, sizeof package_rels - 1);
	}
	for (size_t i = 0; i < n_names && p <= end; i++) {
		const char *sep = g_strstr_len(p, end - p, "\n==\n");
		const char *stop = sep ? sep : end;

		add(z, names[i], p, (size_t)(stop - p));
		p = stop + 4;
	}
	/* An empty archive is not written at all: a workbook is always. */
	if (zip_close(z) < 0)
		abort();
}

/* ---- what every record must be ------------------------------------------ */

struct check {
	unsigned long last_line;
	int in_sheet;
};

static int begin(const char *name, void *data)
{
	struct check *c = data;

	if (c->in_sheet || !g_utf8_validate(name, -1, NULL))
		abort();
	c->in_sheet = 1;
	c->last_line = 0;
	return 0;
}

static int record(const struct csvin_record *rec, void *data)
{
	struct check *c = data;

	if (!c->in_sheet || rec->line <= c->last_line || rec->line > WORKBOOK_MAX_ROWS ||
	    rec->n_fields > WORKBOOK_MAX_COLS || rec->fields[rec->n_fields] ||
	    strlen(rec->raw) > CSVIN_MAX_RAW || !g_utf8_validate(rec->raw, -1, NULL))
		abort();
	for (size_t i = 0; i < rec->n_fields; i++)
		if (strlen(rec->fields[i]) > CSVIN_MAX_FIELD ||
		    !g_utf8_validate(rec->fields[i], -1, NULL))
			abort();
	/* A row without an error has a non-empty last cell. */
	if (!rec->error && (rec->n_fields == 0 || !*rec->fields[rec->n_fields - 1]))
		abort();
	c->last_line = rec->line;
	return 0;
}

static int end(const char *name, void *data)
{
	struct check *c = data;

	if (!c->in_sheet)
		abort();
	c->in_sheet = 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct workbook_callbacks cb = { begin, record, end };
	struct ingest_options opt = { "Kanwil Fuzz", 0, NULL };
	struct check c = { 0, 0 };
	struct workbook_info info;
	struct dataset *ds;
	struct diag d;

	if (size > 0 && (data[0] == 'X' || data[0] == 'O'))
		pack(data, size);
	else
		fuzz_write(data, size);
	fuzz_diag(&d);
	workbook_read(fuzz_path, &cb, &c, &info, &d);
	ds = dataset_new(rubric);
	ingest_file(ds, fuzz_path, &opt, &d);
	fuzz_check_counts(ds);
	fuzz_score_and_write(ds, NULL);
	dataset_free(ds);
	unlink(fuzz_path);
	return 0;
}
