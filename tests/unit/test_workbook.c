/* test_workbook.c — .xlsx and .ods workbooks read as rows of cells (SPEC 3, 7, 8.21). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <zip.h>

#include "testutil.h"

#include "ingest.h"
#include "rubric.h"
#include "workbook.h"

#define DEFAULT_RUBRIC "../../templates/rubric.xml"

/* ---- fixture: a scratch folder and what reading gave -------------------- */

struct fixture {
	struct scratch files;
	GString *seen;          /* the transcript of the callbacks */
	struct diag d;
	char *diag;
	size_t diag_len;
	unsigned zips;
	int skip_sheet;         /* sheet_begin() asks to skip sheets of this name's length */
};

static int setup(void **state)
{
	struct fixture *fx = g_new0(struct fixture, 1);

	if (scratch_open(&fx->files, "p2ham-workbook") < 0) {
		g_free(fx);
		return -1;
	}
	fx->seen = g_string_new(NULL);
	fx->d.out = open_memstream(&fx->diag, &fx->diag_len);
	*state = fx;
	return fx->d.out ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	scratch_close(&fx->files);
	g_string_free(fx->seen, TRUE);
	fclose(fx->d.out);
	free(fx->diag);
	g_free(fx);
	return 0;
}

static const char *diag_text(struct fixture *fx)
{
	fflush(fx->d.out);
	return fx->diag ? fx->diag : "";
}

/* ---- writing workbooks ---------------------------------------------------- */

struct member {
	const char *name;
	const char *text;
};

/* A new path in the scratch folder, removed with it. */
static const char *scratch_path(struct fixture *fx, const char *suffix)
{
	char *path = g_strdup_printf("%s/wb-%u%s", fx->files.dir, fx->zips++, suffix);

	g_ptr_array_add(fx->files.paths, path);
	return path;
}

static zip_t *zip_new(const char *path)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	assert_non_null(z);
	return z;
}

static void zip_put(zip_t *z, const char *name, const void *bytes, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, bytes, len, 0);

	assert_non_null(src);
	assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
}

/* A ZIP archive of the members, NULL names ending the list. */
static const char *zip_of(struct fixture *fx, const char *suffix, const struct member *m)
{
	const char *path = scratch_path(fx, suffix);
	zip_t *z = zip_new(path);

	for (zip_uint64_t i = 0; m->name; m++, i++) {
		zip_put(z, m->name, m->text, strlen(m->text));
		/* As an .ods must store it. */
		if (!strcmp(m->name, "mimetype"))
			assert_int_equal(zip_set_file_compression(z, i, ZIP_CM_STORE, 0), 0);
	}
	assert_int_equal(zip_close(z), 0);
	return path;
}

#define MAIN_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/*
 * An .xlsx: `sheets` are the <sheet> elements of the workbook, naming
 * rId1, rId2, ... for worksheets/sheet1.xml, sheet2.xml, ... whose
 * <sheetData> contents are `data` (NULL-terminated). `sst` and `styles`
 * are the inner XML of those parts, or NULL for none.
 */
static const char *xlsx_of(struct fixture *fx, const char *sheets, const char *const *data,
			   const char *sst, const char *styles, int date1904)
{
	GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
	GString *rels = g_string_new("<Relationships xmlns=\"http://schemas.openxmlformats.org/"
				     "package/2006/relationships\">");
	struct member m[40];
	size_t n = 0, i;
	const char *path;

	m[n++] = (struct member){ "[Content_Types].xml", "<Types/>" };
	m[n++] = (struct member){ "_rels/.rels",
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" REL_NS "officeDocument\" "
		"Target=\"xl/workbook.xml\"/></Relationships>" };
	g_ptr_array_add(texts, g_strdup_printf(
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<workbook " MAIN_NS "><workbookPr%s/><sheets>%s</sheets></workbook>",
		date1904 ? " date1904=\"1\"" : "", sheets));
	m[n++] = (struct member){ "xl/workbook.xml", texts->pdata[texts->len - 1] };
	for (i = 0; data[i]; i++) {
		char *name = g_strdup_printf("xl/worksheets/sheet%zu.xml", i + 1);

		g_string_append_printf(rels, "<Relationship Id=\"rId%zu\" Type=\"" REL_NS
				       "worksheet\" Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
		g_ptr_array_add(texts, name);
		g_ptr_array_add(texts, g_strdup_printf("<worksheet " MAIN_NS "><sheetData>%s"
						       "</sheetData></worksheet>", data[i]));
		m[n++] = (struct member){ name, texts->pdata[texts->len - 1] };
	}
	if (sst) {
		g_string_append(rels, "<Relationship Id=\"rIdS\" Type=\"" REL_NS
			       "sharedStrings\" Target=\"sharedStrings.xml\"/>");
		g_ptr_array_add(texts, g_strdup_printf("<sst " MAIN_NS ">%s</sst>", sst));
		m[n++] = (struct member){ "xl/sharedStrings.xml", texts->pdata[texts->len - 1] };
	}
	if (styles) {
		g_string_append(rels, "<Relationship Id=\"rIdT\" Type=\"" REL_NS
			       "styles\" Target=\"/xl/styles.xml\"/>");
		g_ptr_array_add(texts, g_strdup_printf("<styleSheet " MAIN_NS ">%s</styleSheet>",
						       styles));
		m[n++] = (struct member){ "xl/styles.xml", texts->pdata[texts->len - 1] };
	}
	g_string_append(rels, "</Relationships>");
	m[n++] = (struct member){ "xl/_rels/workbook.xml.rels", rels->str };
	m[n] = (struct member){ NULL, NULL };
	path = zip_of(fx, ".xlsx", m);
	g_string_free(rels, TRUE);
	g_ptr_array_free(texts, TRUE);
	return path;
}

/* One sheet named "S" with these rows. */
static const char *xlsx_rows(struct fixture *fx, const char *rows)
{
	const char *data[] = { rows, NULL };

	return xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>", data, NULL, NULL, 0);
}

#define ODS_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

/* An .ods whose <office:spreadsheet> holds `tables`. */
static const char *ods_of(struct fixture *fx, const char *tables, const char *manifest)
{
	char *content = g_strdup_printf(
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " ODS_NS
		" office:version=\"1.2\"><office:body><office:spreadsheet>%s"
		"</office:spreadsheet></office:body></office:document-content>", tables);
	const struct member m[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
		{ "META-INF/manifest.xml", manifest ? manifest : "<manifest:manifest "
		  "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>" },
		{ "content.xml", content },
		{ NULL, NULL },
	};
	const char *path = zip_of(fx, ".ods", m);

	g_free(content);
	return path;
}

/* ---- reading: a transcript of the callbacks ------------------------------ */

static int on_begin(const char *name, void *data)
{
	struct fixture *fx = data;

	g_string_append_printf(fx->seen, "[%s]\n", name);
	return fx->skip_sheet && (int)strlen(name) == fx->skip_sheet ? WORKBOOK_SKIP_SHEET : 0;
}

/* "LINE: a|b|c", or "LINE! ERROR" for a row with an error. */
static int on_record(const struct csvin_record *rec, void *data)
{
	struct fixture *fx = data;

	if (rec->error) {
		g_string_append_printf(fx->seen, "%lu! %s\n", rec->line, rec->error);
		return 0;
	}
	g_string_append_printf(fx->seen, "%lu: ", rec->line);
	for (size_t i = 0; i < rec->n_fields; i++)
		g_string_append_printf(fx->seen, "%s%s", i ? "|" : "", rec->fields[i]);
	g_string_append_c(fx->seen, '\n');
	assert_null(rec->fields[rec->n_fields]);
	return 0;
}

static int on_end(const char *name, void *data)
{
	struct fixture *fx = data;

	g_string_append(fx->seen, "[end]\n");
	return 0;
}

static const struct workbook_callbacks callbacks = { on_begin, on_record, on_end };

/* Read a workbook that must be readable; its transcript. */
static const char *read_ok(struct fixture *fx, const char *path)
{
	struct workbook_info info;

	g_string_truncate(fx->seen, 0);
	if (workbook_read(path, &callbacks, fx, &info, &fx->d) != 0)
		fail_msg("workbook_read failed:\n%s", diag_text(fx));
	assert_int_equal(strlen(info.sha256), 64);
	return fx->seen->str;
}

/* Read a workbook that must be refused; the diagnostics. */
static const char *read_refused(struct fixture *fx, const char *path)
{
	struct workbook_info info;

	g_string_truncate(fx->seen, 0);
	assert_int_equal(workbook_read(path, &callbacks, fx, &info, &fx->d), -1);
	return diag_text(fx);
}

/* ---- numbers -------------------------------------------------------------- */

static void expect_number(double v, const char *text)
{
	char buf[WORKBOOK_NUMBER_BUF];

	workbook_format_number(buf, v);
	assert_string_equal(buf, text);
}

static void test_number_shortest_round_trip(void **state)
{
	expect_number(0.1, "0.1");
	expect_number(0.1 + 0.2, "0.30000000000000004");
	expect_number(3.0, "3");
	expect_number(-0.0, "0");
	expect_number(-2.5, "-2.5");
	expect_number(1e21, "1e+21");
	expect_number(1e20, "100000000000000000000");
	expect_number(123456789012, "123456789012");
	expect_number(1e-7, "1e-7");
	expect_number(0.000001, "0.000001");
	expect_number(1.5e-10, "1.5e-10");
	expect_number(1.7976931348623157e308, "1.7976931348623157e+308");
	expect_number(5e-324, "5e-324");
	expect_number(43741, "43741");
	expect_number(2.0 / 3, "0.6666666666666666");
}

static void test_xlsx_numbers_as_written(void **state)
{
	struct fixture *fx = *state;
	const char *path = xlsx_rows(fx,
		"<row r=\"1\"><c r=\"A1\"><v>0.1</v></c><c r=\"B1\"><v>1E21</v></c>"
		"<c r=\"C1\"><v>-0</v></c><c r=\"D1\" t=\"n\"><v>3.0</v></c>"
		"<c r=\"E1\"><v>0.30000000000000004</v></c><c r=\"F1\"><v> 12 </v></c>"
		"<c r=\"G1\"><v>not a number</v></c><c r=\"H1\"><v>inf</v></c></row>");

	assert_string_equal(read_ok(fx, path),
			    "[S]\n1: 0.1|1e+21|0|3|0.30000000000000004|12|not a number|inf\n[end]\n");
}

/* ---- strings, booleans, formulas, errors ------------------------------------ */

static void test_xlsx_shared_inline_and_rich_strings(void **state)
{
	struct fixture *fx = *state;
	static const char sst[] =
		"<si><t>Ada</t></si>"
		"<si><r><rPr><b/></rPr><t>Lapas </t></r><r><t xml:space=\"preserve\">Kelas I</t></r>"
		"<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
		"<si><t>baris 1_x000D_\nbaris 2 _x005F_x0041_ _xG041_ _x00e9_ _xD800_</t></si>"
		"<si/>"
		"<si><t>&lt;b&gt; &amp; \xC3\xA9</t></si>";
	const char *data[] = {
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
		"<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>sebaris</t></is></c>"
		"<c r=\"B2\" t=\"inlineStr\"><is><r><t>kaya</t></r><r><t> teks</t></r></is></c>"
		"<c r=\"C2\" t=\"str\"><f>A2&amp;\"!\"</f><v>sebaris!</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c></row>",
		NULL };
	const char *path = xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>",
				   data, sst, NULL, 0);

	assert_string_equal(read_ok(fx, path),
			    "[S]\n"
			    "1: Ada|Lapas Kelas I|baris 1\r\nbaris 2 _x0041_ _xG041_ \xC3\xA9 _xD800_||"
			    "<b> & \xC3\xA9\n"
			    "2: sebaris|kaya teks|sebaris!\n"
			    "3! a cell refers to a shared string the workbook does not have\n"
			    "[end]\n");
}

static void test_xlsx_booleans_errors_and_formulas(void **state)
{
	struct fixture *fx = *state;
	const char *path = xlsx_rows(fx,
		"<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c>"
		"<c r=\"C1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
		"<c r=\"D1\"><f>SUM(1,2)</f><v>3</v></c>"
		"<c r=\"E1\"><f>NOW()</f></c>"
		"<c r=\"F1\" t=\"d\"><v>2019-10-03T10:30:00</v></c></row>");

	assert_string_equal(read_ok(fx, path), "[S]\n1: TRUE|FALSE|#DIV/0!|3||2019-10-03\n[end]\n");
}

/* ---- dates ------------------------------------------------------------------ */

/* Styles: xf 0 general, 1 built-in 14 (a date), 2 a custom date format
 * with a locale prefix, 3 a custom format that only quotes a 'd', 4 a
 * date and time, 5 built-in 2 (0.00). */
static const char date_styles[] =
	"<numFmts count=\"3\">"
	"<numFmt numFmtId=\"164\" formatCode=\"[$-421]dd\\ mmmm\\ yyyy;@\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0&quot; d&quot;\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0.00_);\\(#,##0\\)\"/>"
	"</numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"22\"/><xf numFmtId=\"2\"/><xf numFmtId=\"166\"/>"
	"</cellXfs>";

static void test_xlsx_dates_1900(void **state)
{
	struct fixture *fx = *state;
	const char *data[] = {
		"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43741</v></c><c r=\"B1\" s=\"2\"><v>43741</v></c>"
		"<c r=\"C1\" s=\"3\"><v>43741</v></c><c r=\"D1\" s=\"4\"><v>43741.75</v></c>"
		"<c r=\"E1\" s=\"5\"><v>43741</v></c><c r=\"F1\"><v>43741</v></c>"
		"<c r=\"G1\" s=\"6\"><v>43741</v></c></row>"
		/* Lotus's 1900-02-29, the days around it, the first day, a time
		 * a hair before midnight, a negative and an out-of-range serial. */
		"<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c><c r=\"B2\" s=\"1\"><v>60</v></c>"
		"<c r=\"C2\" s=\"1\"><v>61</v></c><c r=\"D2\" s=\"1\"><v>1</v></c>"
		"<c r=\"E2\" s=\"4\"><v>43741.9999999999</v></c><c r=\"F2\" s=\"1\"><v>-1</v></c>"
		"<c r=\"G2\" s=\"1\"><v>3000000</v></c><c r=\"H2\" s=\"99\"><v>43741</v></c></row>",
		NULL };
	const char *path = xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>",
				   data, NULL, date_styles, 0);

	assert_string_equal(read_ok(fx, path),
			    "[S]\n"
			    "1: 2019-10-03|2019-10-03|43741|2019-10-03|43741|43741|43741\n"
			    "2: 1900-02-28|1900-02-29|1900-03-01|1900-01-01|2019-10-04|-1|3000000|43741\n"
			    "[end]\n");
}

static void test_xlsx_dates_1904(void **state)
{
	struct fixture *fx = *state;
	const char *data[] = {
		"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42279</v></c><c r=\"B1\" s=\"1\"><v>0</v></c>"
		"<c r=\"C1\" s=\"2\"><v>42279.5</v></c></row>",
		NULL };
	const char *path = xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>",
				   data, NULL, date_styles, 1);

	assert_string_equal(read_ok(fx, path), "[S]\n1: 2019-10-03|1904-01-01|2019-10-03\n[end]\n");
}

/* ---- rows, columns, sheets ------------------------------------------------------ */

static void test_xlsx_rows_and_columns_by_reference(void **state)
{
	struct fixture *fx = *state;
	/* Rows 1 and 2 empty or missing; a gap between cells; cells without
	 * a reference follow the one before, rows without a number too;
	 * styled empty cells at the end make no field. */
	const char *path = xlsx_rows(fx,
		"<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\"><v></v></c></row>"
		"<row r=\"3\"><c r=\"B3\"><v>1</v></c><c r=\"D3\"><v>2</v></c><c><v>3</v></c>"
		"<c r=\"Z3\" s=\"1\"/></row>"
		"<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
		/* White space only: an empty row, as ingest reads its cells. */
		"<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t> \xC2\xA0\t</t></is></c></row>"
		"<row><c r=\"AA6\"><v>7</v></c></row>"
		"<row r=\"9\"><c r=\"XFD9\"><v>8</v></c></row>");
	const char *seen = read_ok(fx, path);
	GString *want = g_string_new("[S]\n3: |1||2|3\n4: x\n6: ");

	for (int i = 0; i < 26; i++)
		g_string_append_c(want, '|');
	g_string_append(want, "7\n9: ");
	for (int i = 0; i < 16383; i++)
		g_string_append_c(want, '|');
	g_string_append(want, "8\n[end]\n");
	assert_string_equal(seen, want->str);
	g_string_free(want, TRUE);
}

static void test_xlsx_row_and_cell_limits(void **state)
{
	struct fixture *fx = *state;
	GString *rows = g_string_new("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"
				     "<row r=\"2\"><c r=\"XFE2\" s=\"1\"/><c r=\"A2\"><v>1</v></c></row>"
				     "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>");
	const char *path, *seen;

	for (int i = 0; i < CSVIN_MAX_FIELD + 1; i++)
		g_string_append_c(rows, 'x');
	g_string_append(rows, "</t></is></c><c r=\"B3\"><v>2</v></c></row>"
			"<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>");
	path = xlsx_rows(fx, rows->str);
	g_string_free(rows, TRUE);
	assert_int_equal(workbook_read(path, &callbacks, fx, &(struct workbook_info){ 0 },
				       &fx->d), -1);
	seen = fx->seen->str;
	assert_string_equal(seen,
			    "[S]\n"
			    "1! a cell beyond column XFD, the last a workbook has\n"
			    "2: 1\n"
			    "3! cell longer than 64 KiB\n");
	assert_contains(diag_text(fx), "[S]: error: a row beyond row 1048576");
}

static void test_xlsx_rows_out_of_order_refused(void **state)
{
	struct fixture *fx = *state;
	const char *path = xlsx_rows(fx, "<row r=\"3\"><c><v>1</v></c></row>"
					 "<row r=\"2\"><c><v>1</v></c></row>");

	assert_contains(read_refused(fx, path), "[S]: error: row 2 comes after row 3");
}

static void test_xlsx_sheets_in_workbook_order_hidden_too(void **state)
{
	struct fixture *fx = *state;
	const char *data[] = {
		"<row r=\"1\"><c t=\"inlineStr\"><is><t>satu</t></is></c></row>",
		"<row r=\"1\"><c t=\"inlineStr\"><is><t>dua</t></is></c></row>",
		"",
		"<row r=\"1\"><c t=\"inlineStr\"><is><t>empat</t></is></c></row>",
		NULL };
	/* The workbook lists the parts in another order than their numbers. */
	const char *path = xlsx_of(fx,
		"<sheet name=\"Tim 2\" sheetId=\"2\" r:id=\"rId2\"/>"
		"<sheet name=\"Tersembunyi\" sheetId=\"4\" state=\"hidden\" r:id=\"rId4\"/>"
		"<sheet name=\"Kosong\" sheetId=\"3\" r:id=\"rId3\"/>"
		"<sheet name=\"Tim 1\" sheetId=\"1\" state=\"veryHidden\" r:id=\"rId1\"/>",
		data, NULL, NULL, 0);

	assert_string_equal(read_ok(fx, path),
			    "[Tim 2]\n1: dua\n[end]\n"
			    "[Tersembunyi]\n1: empat\n[end]\n"
			    "[Kosong]\n[end]\n"
			    "[Tim 1]\n1: satu\n[end]\n");
}

static void test_sheet_skipped_on_request(void **state)
{
	struct fixture *fx = *state;
	const char *data[] = {
		"<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>",
		"<row r=\"1\"><c><v>3</v></c></row>",
		NULL };
	const char *path = xlsx_of(fx,
		"<sheet name=\"AB\" sheetId=\"1\" r:id=\"rId1\"/>"
		"<sheet name=\"C\" sheetId=\"2\" r:id=\"rId2\"/>", data, NULL, NULL, 0);

	fx->skip_sheet = 2;
	assert_string_equal(read_ok(fx, path), "[AB]\n[end]\n[C]\n1: 3\n[end]\n");
}

/* ---- .ods ------------------------------------------------------------------------ */

static void test_ods_values_and_text(void **state)
{
	struct fixture *fx = *state;
	const char *path = ods_of(fx,
		"<table:table table:name=\"Tim 1\"><table:table-column/>"
		"<table:table-row>"
		"<table:table-cell office:value-type=\"string\"><text:p>Lapas</text:p>"
		"<text:p>Kelas<text:s text:c=\"3\"/>I<text:tab/>x<text:line-break/>y</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"float\" office:value=\"0.1\"><text:p>0,1</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"percentage\" office:value=\"0.5\"><text:p>50%</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"currency\" office:currency=\"IDR\" office:value=\"3.0\"><text:p>Rp3</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"date\" office:date-value=\"2019-10-03T08:00:00\"><text:p>03/10/19</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>BENAR</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"string\"><office:annotation><text:p>komentar</text:p></office:annotation><text:p>a  <text:span>b</text:span>\n c</text:p></table:table-cell>"
		"<table:covered-table-cell/>"
		"<table:table-cell office:value-type=\"time\" office:time-value=\"PT10H\"><text:p>10:00</text:p></table:table-cell>"
		"</table:table-row>"
		"</table:table>", NULL);

	assert_string_equal(read_ok(fx, path),
			    "[Tim 1]\n1: Lapas\nKelas   I\tx\ny|0.1|0.5|3|2019-10-03|TRUE|a b c||10:00\n"
			    "[end]\n");
}

static void test_ods_repeated_rows_and_cells(void **state)
{
	struct fixture *fx = *state;
	const char *path = ods_of(fx,
		"<table:table table:name=\"S\">"
		/* Rows 1-3 empty, with a trailing run of empty cells. */
		"<table:table-row table:number-rows-repeated=\"3\">"
		"<table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
		"<table:table-header-rows><table:table-row>"
		"<table:table-cell table:number-columns-repeated=\"2\"/>"
		"<table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"3\">"
		"<text:p>v</text:p></table:table-cell>"
		"<table:table-cell table:number-columns-repeated=\"16000\"/>"
		"</table:table-row></table:table-header-rows>"
		/* Rows 5 and 6 the same; then a million empty rows. */
		"<table:table-row-group><table:table-row table:number-rows-repeated=\"2\">"
		"<table:table-cell office:value-type=\"float\" office:value=\"7\"/>"
		"</table:table-row></table:table-row-group>"
		"<table:table-row table:number-rows-repeated=\"1048569\">"
		"<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
		"</table:table>"
		"<table:table table:name=\"Kedua\"/>", NULL);

	assert_string_equal(read_ok(fx, path),
			    "[S]\n4: ||v|v|v\n5: 7\n6: 7\n[end]\n[Kedua]\n[end]\n");
}

static void test_ods_repeats_beyond_the_limits(void **state)
{
	struct fixture *fx = *state;
	const char *path = ods_of(fx,
		"<table:table table:name=\"S\"><table:table-row>"
		"<table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"20000\">"
		"<text:p>v</text:p></table:table-cell></table:table-row>"
		"<table:table-row table:number-rows-repeated=\"4294967296000\"/>"
		"<table:table-row><table:table-cell office:value-type=\"string\"><text:p>late</text:p>"
		"</table:table-cell></table:table-row></table:table>", NULL);

	assert_contains(read_refused(fx, path), "[S]: error: a row beyond row 1048576");
	assert_string_equal(fx->seen->str,
			    "[S]\n1! a cell beyond column XFD, the last a workbook has\n");
}

/* Parts of more than 1 MiB are inflated by a thread ahead of the parser:
 * the rows, and where reading stops, are what they are for small parts. */
static void test_xlsx_large_parts_read_ahead(void **state)
{
	struct fixture *fx = *state;
	GString *sst = g_string_new(NULL), *rows = g_string_new(NULL);
	GString *expect = g_string_new("[Big]\n");
	char *tail, *bad;
	const char *data[4];
	const char *path;

	for (int i = 0; i < 30000; i++)
		g_string_append_printf(sst, "<si><t>string %05d of a table over a MiB</t></si>", i);
	for (int r = 1; r <= 30000; r++) {
		g_string_append_printf(rows, "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>%d</v></c>"
				       "<c r=\"C%d\"><v>%d.5</v></c></row>", r, r, 30000 - r, r, r);
		g_string_append_printf(expect, "%d: string %05d of a table over a MiB||%d.5\n", r,
				       30000 - r, r);
	}
	g_string_append(expect, "[end]\n[Stop]\n1: string 29999 of a table over a MiB||1.5\n"
		       "[end]\n[Bad]\n");
	/* Past </sheetData> nothing is parsed, not even what is malformed. */
	tail = g_strdup_printf("%.*s</sheetData><<<%s",
			       (int)(strstr(rows->str, "</row>") + 6 - rows->str), rows->str, rows->str);
	data[0] = rows->str;
	data[1] = tail;
	bad = g_strdup_printf("%s<row r=\"30001\"><c></row>", rows->str);
	data[2] = bad;
	data[3] = NULL;
	path = xlsx_of(fx, "<sheet name=\"Big\" sheetId=\"1\" r:id=\"rId1\"/>"
		       "<sheet name=\"Stop\" sheetId=\"2\" r:id=\"rId2\"/>"
		       "<sheet name=\"Bad\" sheetId=\"3\" r:id=\"rId3\"/>", data, sst->str, NULL, 0);
	assert_contains(read_refused(fx, path), "[Bad]: error: malformed XML in part "
			"'xl/worksheets/sheet3.xml' at line 1: opening and ending tag mismatch");
	/* Sheet Big twice over, then Stop, then Bad's rows up to the error. */
	g_string_append_len(expect, strchr(expect->str, '\n') + 1,
			    (gssize)(strstr(expect->str, "[end]") - strchr(expect->str, '\n') - 1));
	assert_string_equal(fx->seen->str, expect->str);
	g_free(tail);
	g_free(bad);
	g_string_free(expect, TRUE);
	g_string_free(rows, TRUE);
	g_string_free(sst, TRUE);
}

/* ---- what is refused ------------------------------------------------------------------ */

static void test_zip_bomb_refused(void **state)
{
	struct fixture *fx = *state;
	size_t len = WORKBOOK_MAX_PART + 1;
	char *zeros = g_malloc0(len);
	const char *data[] = { "", NULL };
	const char *path = xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>", data,
				   NULL, NULL, 0);
	zip_t *z;
	int err = 0;

	/* The sheet replaced with 256 MiB and a byte of zeros: about 256 KiB. */
	z = zip_open(path, 0, &err);
	assert_non_null(z);
	assert_int_equal(zip_file_replace(z, (zip_uint64_t)zip_name_locate(z,
				"xl/worksheets/sheet1.xml", 0),
			 zip_source_buffer(z, zeros, len, 0), 0), 0);
	assert_int_equal(zip_close(z), 0);
	g_free(zeros);
	assert_contains(read_refused(fx, path), "more than the 256 MiB allowed for a workbook part");
}

static void test_legacy_xls_refused(void **state)
{
	struct fixture *fx = *state;
	unsigned char bytes[2048] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	const char *path;

	/* A directory entry "Workbook", in UTF-16LE. */
	memcpy(bytes + 1024, "W\0o\0r\0k\0b\0o\0o\0k\0", 16);
	path = scratch_write(&fx->files, bytes, sizeof bytes);
	assert_int_equal(workbook_sniff(path), WORKBOOK_XLS);
	assert_contains(read_refused(fx, path),
			": error: a legacy .xls workbook: save it as .xlsx or CSV");
}

static void test_encrypted_workbooks_refused(void **state)
{
	struct fixture *fx = *state;
	unsigned char bytes[2048] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	static const char enc_name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
	const char *path;
	zip_t *z;

	/* An OLE2 file with an EncryptionInfo stream: Excel's "password to open". */
	memcpy(bytes + 1152, enc_name, sizeof enc_name);
	path = scratch_write(&fx->files, bytes, sizeof bytes);
	assert_contains(read_refused(fx, path),
			": error: an encrypted workbook: save it without a password");

	/* An .ods whose manifest lists encryption data. */
	path = ods_of(fx, "",
		      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
		      "xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\">"
		      "<manifest:encryption-data manifest:checksum=\"x\"/></manifest:file-entry>"
		      "</manifest:manifest>");
	assert_contains(read_refused(fx, path), "an encrypted workbook: save it without a password");

	/* A ZIP with an encrypted member, when libzip can write one. */
	path = scratch_path(fx, ".xlsx");
	z = zip_new(path);
	zip_put(z, "[Content_Types].xml", "<Types/>", 8);
	if (zip_file_set_encryption(z, 0, ZIP_EM_AES_256, "geheim") != 0) {
		zip_discard(z);
		return;
	}
	assert_int_equal(zip_close(z), 0);
	assert_contains(read_refused(fx, path), "an encrypted workbook");
}

static void test_other_archives_and_bad_parts_refused(void **state)
{
	struct fixture *fx = *state;
	const struct member odt[] = { { "mimetype", "application/vnd.oasis.opendocument.text" },
				      { NULL, NULL } };
	const struct member jar[] = { { "META-INF/MANIFEST.MF", "x" }, { NULL, NULL } };
	const struct member docx[] = {
		{ "[Content_Types].xml", "<Types/>" },
		{ "_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"" REL_NS
		  "officeDocument\" Target=\"word/document.xml\"/></Relationships>" },
		{ "word/document.xml", "<document/>" }, { NULL, NULL } };
	const struct member xlsb[] = {
		{ "[Content_Types].xml", "<Types/>" },
		{ "_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"" REL_NS
		  "officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>" },
		{ NULL, NULL } };
	static const char not_zip[] = "PK\x03\x04 this is no archive";
	const char *doctype[] = { "", NULL };
	const char *path;

	assert_contains(read_refused(fx, zip_of(fx, ".ods", odt)),
			"an OpenDocument file that is not a spreadsheet (vnd.oasis.opendocument.text)");
	assert_contains(read_refused(fx, zip_of(fx, ".xlsx", jar)),
			"a ZIP archive that is neither an .xlsx nor an .ods workbook");
	assert_contains(read_refused(fx, zip_of(fx, ".xlsx", docx)),
			"not an .xlsx workbook: its main part 'word/document.xml' is a 'document'");
	assert_contains(read_refused(fx, zip_of(fx, ".xlsx", xlsb)),
			"an .xlsb binary workbook: save it as .xlsx or CSV");
	path = scratch_write(&fx->files, not_zip, sizeof not_zip - 1);
	assert_int_equal(workbook_sniff(path), WORKBOOK_XLSX);
	assert_contains(read_refused(fx, path), "a damaged ZIP archive, not readable as a workbook");

	/* A DOCTYPE is refused before any entity could be declared. */
	path = xlsx_of(fx, "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>", doctype,
		       "<!-- c --><si><t>&e;</t></si>", NULL, 0);
	{
		zip_t *z = zip_open(path, 0, &(int){ 0 });
		static const char evil[] = "<?xml version=\"1.0\"?><!-- a -- comment? no -->"
			"<!DOCTYPE sst [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><sst/>";

		assert_int_equal(zip_file_replace(z, (zip_uint64_t)zip_name_locate(z,
					"xl/sharedStrings.xml", 0),
				 zip_source_buffer(z, evil, sizeof evil - 1, 0), 0), 0);
		assert_int_equal(zip_close(z), 0);
	}
	assert_contains(read_refused(fx, path), "has a DOCTYPE or entity declaration: not allowed");

	/* Malformed XML names its part and line. */
	path = xlsx_rows(fx, "<row r=\"1\"><c><v>1</v></row>");
	assert_contains(read_refused(fx, path),
			"[S]: error: malformed XML in part 'xl/worksheets/sheet1.xml' at line 1");
}

static void test_sniff(void **state)
{
	struct fixture *fx = *state;
	const char *path;

	assert_int_equal(workbook_sniff(xlsx_rows(fx, "")), WORKBOOK_XLSX);
	assert_int_equal(workbook_sniff(ods_of(fx, "", NULL)), WORKBOOK_ODS);
	assert_int_equal(workbook_sniff(scratch_write(&fx->files, "PK", 2)), WORKBOOK_NONE);
	assert_int_equal(workbook_sniff(scratch_write(&fx->files, "a,b\n", 4)), WORKBOOK_NONE);
	assert_int_equal(workbook_sniff(fx->files.dir), WORKBOOK_NONE);
	assert_int_equal(workbook_sniff("/nonexistent/x.xlsx"), WORKBOOK_NONE);
	/* An archive without members is its end record alone. */
	path = scratch_write(&fx->files, "PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22);
	assert_int_equal(workbook_sniff(path), WORKBOOK_XLSX);
	assert_contains(read_refused(fx, path),
			"a ZIP archive that is neither an .xlsx nor an .ods workbook");
}

/* ---- ingest: sheets read as CSV files ---------------------------------------------------- */

static struct rubric *rubric;

static int load_rubric(void **state)
{
	struct diag d = DIAG_INIT;

	rubric = rubric_load(DEFAULT_RUBRIC, &d);
	return rubric ? 0 : -1;
}

static int free_rubric(void **state)
{
	rubric_free(rubric);
	return 0;
}

static void test_ingest_sheets_as_files(void **state)
{
	struct fixture *fx = *state;
	struct ingest_options opt = { "Kanwil Banten", ';', "WINDOWS-1252" };
	struct dataset *ds = dataset_new(rubric);
	const char *data[] = {
		"<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>catatan saja</t></is></c></row>",
		"<row r=\"3\"><c t=\"inlineStr\"><is><t>unit</t></is></c><c t=\"inlineStr\"><is><t>kode</t></is></c>"
		"<c t=\"inlineStr\"><is><t>nilai</t></is></c></row>"
		"<row r=\"5\"><c t=\"inlineStr\"><is><t>Lapas A</t></is></c><c t=\"inlineStr\"><is><t>A.01</t></is></c>"
		"<c t=\"inlineStr\"><is><t>Ada</t></is></c></row>"
		"<row r=\"6\"><c t=\"inlineStr\"><is><t>Lapas A</t></is></c><c t=\"inlineStr\"><is><t>A.02</t></is></c>"
		"<c t=\"inlineStr\"><is><t>Adaa</t></is></c></row>",
		"",
		NULL };
	const char *path = xlsx_of(fx,
		"<sheet name=\"Catatan\" sheetId=\"1\" r:id=\"rId1\"/>"
		"<sheet name=\"Tim 1\" sheetId=\"2\" r:id=\"rId2\"/>"
		"<sheet name=\"Kosong\" sheetId=\"3\" r:id=\"rId3\"/>", data, NULL, NULL, 0);
	const struct input_file *f;
	const struct rejected_row *rr;
	char *where;

	assert_int_equal(ingest_file(ds, path, &opt, &fx->d), 0);
	assert_int_equal(ds->files->len, 1);
	f = g_ptr_array_index(ds->files, 0);
	assert_string_equal(f->path, path);
	assert_string_equal(f->sheet, "Tim 1");
	assert_string_equal(f->encoding, "XLSX");
	assert_int_equal(f->delimiter, ',');
	assert_int_equal(f->layout, 'A');
	assert_int_equal(f->rows_read, 2);
	assert_int_equal(f->rows_rejected, 1);
	rr = g_ptr_array_index(ds->rejected, 0);
	assert_int_equal(rr->line, 6);
	assert_string_equal(rr->raw, "Lapas A,A.02,Adaa");
	where = ingest_location(f, 6);
	assert_true(g_str_has_prefix(where, path));
	assert_string_equal(where + strlen(path), "[Tim 1]:6");
	g_free(where);
	assert_contains(diag_text(fx), "[Catatan]:2: warning: sheet 'Catatan' skipped: its "
			"first row is neither a layout A header");
	assert_contains(diag_text(fx), "[Tim 1]:6: error: unknown answer 'Adaa'");
	assert_contains(diag_text(fx), "[Kosong]: warning: sheet 'Kosong' skipped: it is empty");
	dataset_free(ds);
}

static void test_ingest_workbook_without_usable_sheet(void **state)
{
	struct fixture *fx = *state;
	struct ingest_options opt = { NULL, 0, NULL };
	struct dataset *ds = dataset_new(rubric);
	const char *path = ods_of(fx,
		"<table:table table:name=\"Formulir\"><table:table-row><table:table-cell "
		"office:value-type=\"string\"><text:p>Unit</text:p></table:table-cell>"
		"<table:table-cell office:value-type=\"string\"><text:p>Lapas A</text:p>"
		"</table:table-cell></table:table-row></table:table>", NULL);

	assert_int_equal(ingest_file(ds, path, &opt, &fx->d), -1);
	assert_int_equal(ds->files->len, 0);
	assert_contains(diag_text(fx), "[Formulir]: warning: sheet 'Formulir' skipped: a layout B "
			"form without a header row");
	assert_contains(diag_text(fx), ": error: no sheet holds a layout A header");
	dataset_free(ds);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_number_shortest_round_trip),
		T(test_xlsx_numbers_as_written),
		T(test_xlsx_shared_inline_and_rich_strings),
		T(test_xlsx_booleans_errors_and_formulas),
		T(test_xlsx_dates_1900),
		T(test_xlsx_dates_1904),
		T(test_xlsx_rows_and_columns_by_reference),
		T(test_xlsx_row_and_cell_limits),
		T(test_xlsx_rows_out_of_order_refused),
		T(test_xlsx_sheets_in_workbook_order_hidden_too),
		T(test_sheet_skipped_on_request),
		T(test_xlsx_large_parts_read_ahead),
		T(test_ods_values_and_text),
		T(test_ods_repeated_rows_and_cells),
		T(test_ods_repeats_beyond_the_limits),
		T(test_zip_bomb_refused),
		T(test_legacy_xls_refused),
		T(test_encrypted_workbooks_refused),
		T(test_other_archives_and_bad_parts_refused),
		T(test_sniff),
		T(test_ingest_sheets_as_files),
		T(test_ingest_workbook_without_usable_sheet),
	};

	return cmocka_run_group_tests_name("workbook", tests, load_rubric, free_rubric);
}
