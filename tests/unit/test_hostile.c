/* test_hostile.c — what hostile input found: each test pins one fix. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "testutil.h"

#include "diag.h"
#include "ingest.h"
#include "previous.h"
#include "rubric.h"
#include "score.h"
#include "text.h"
#include "xmldoc.h"

#define DEFAULT_RUBRIC "../../templates/rubric.xml"

static struct rubric *rubric;

static int setup(void **state)
{
	struct diag d = DIAG_INIT;
	struct scratch *s = g_new0(struct scratch, 1);

	rubric = rubric_load(DEFAULT_RUBRIC, &d);
	if (!rubric || scratch_open(s, "p2ham-hostile") < 0)
		return -1;
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	scratch_close(*state);
	g_free(*state);
	rubric_free(rubric);
	return 0;
}

static int ingest_bytes(struct scratch *s, struct dataset *ds, const char *bytes,
			const char *kanwil, struct diag_capture *c)
{
	struct ingest_options opt = { kanwil, 0, NULL };
	const char *path = scratch_write(s, bytes, strlen(bytes));
	int rc;

	diag_capture_start(c);
	rc = ingest_file(ds, path, &opt, &c->d);
	diag_capture_stop(c);
	return rc;
}

/* A quoted line break or a terminal escape in a cell cannot forge a second
 * diagnostic line or reach the terminal. */
static void test_diagnostics_escape_control_characters(void **state)
{
	struct diag_capture c;

	diag_capture_start(&c);
	diag_error(&c.d, "a\nb.csv", 3, "unit '%s'", "x\ny\r\033[31m\xC2\x9B\tz");
	diag_capture_stop(&c);
	assert_string_equal(c.text,
			    "a\\nb.csv:3: error: unit 'x\\ny\\r\\x1B[31m\\u009B\tz'\n");
	free(c.text);
}

/* Command-line text (paths, --kanwil) may be any bytes: XML output of it is
 * still valid UTF-8 and nothing is read past its end. */
static void test_xml_safe_takes_invalid_utf8(void **state)
{
	char *s = text_xml_legal("a\xF0");
	char *t = text_xml_legal("\xFF\x01ok");

	assert_true(g_utf8_validate(s, -1, NULL));
	assert_string_equal(s, "a\xEF\xBF\xBD");
	assert_string_equal(t, "\xEF\xBF\xBD\xEF\xBF\xBDok");
	g_free(s);
	g_free(t);
}

static void test_kanwil_option_must_be_utf8(void **state)
{
	struct dataset *ds = dataset_new(rubric);
	struct diag_capture c;

	assert_int_equal(ingest_bytes(*state, ds, "unit,kode,nilai\nLapas A,A.01,Ada\n",
				      "K\xF0", &c), -1);
	assert_string_equal(c.text, "p2ham: error: --kanwil is not valid UTF-8\n");
	assert_int_equal(ds->rows_read, 0);
	free(c.text);
	dataset_free(ds);
	assert_null(rubric_find_type(rubric, "lapas\xF0"));
}

/* A 60 KB cell is quoted with its first 100 bytes in the reason kept for
 * summary.xml, not whole. */
static void test_reasons_quote_100_bytes(void **state)
{
	GString *csv = g_string_new("kanwil,unit,kode,nilai\nK,Lapas A,A.01,");
	struct dataset *ds = dataset_new(rubric);
	const struct rejected_row *rr;
	struct diag_capture c;

	for (int i = 0; i < 60000; i++)
		g_string_append_c(csv, i % 2 ? 'b' : 'a');
	g_string_append_c(csv, '\n');
	assert_int_equal(ingest_bytes(*state, ds, csv->str, NULL, &c), 0);
	assert_int_equal(ds->rows_rejected, 1);
	rr = g_ptr_array_index(ds->rejected, 0);
	assert_true(strlen(rr->reason) < 200);
	assert_true(g_str_has_prefix(rr->reason, "unknown answer 'abab"));
	assert_non_null(strstr(rr->reason, "abab...' for A.01 (Ada, Proses, Tidak)"));
	assert_true(c.len < 300);
	free(c.text);
	dataset_free(ds);
	g_string_free(csv, TRUE);
}

/* A cell quoted after a multi-byte character is cut on a boundary. */
static void test_reason_cut_on_character_boundary(void **state)
{
	GString *csv = g_string_new("kanwil,unit,kode,nilai\nK,Lapas A,A.01,a");
	struct dataset *ds = dataset_new(rubric);
	const struct rejected_row *rr;
	struct diag_capture c;

	for (int i = 0; i < 200; i++)
		g_string_append(csv, "\xC3\xA9");
	g_string_append_c(csv, '\n');
	assert_int_equal(ingest_bytes(*state, ds, csv->str, NULL, &c), 0);
	rr = g_ptr_array_index(ds->rejected, 0);
	assert_true(g_utf8_validate(rr->reason, -1, NULL));
	assert_non_null(strstr(rr->reason, "\xC3\xA9...'"));
	free(c.text);
	dataset_free(ds);
	g_string_free(csv, TRUE);
}

/* Past INGEST_MAX_REJECTED rejected rows reading stops, and is fatal. */
static void test_rejected_rows_limited(void **state)
{
	GString *csv = g_string_new("kanwil,unit,kode,nilai\n");
	struct dataset *ds = dataset_new(rubric);
	struct diag_capture c;
	char *want;

	for (int i = 0; i < INGEST_MAX_REJECTED + 50; i++)
		g_string_append(csv, "K,Lapas A,A.01,Adaa\n");
	assert_int_equal(ingest_bytes(*state, ds, csv->str, NULL, &c), -1);
	assert_int_equal(ds->rows_rejected, INGEST_MAX_REJECTED + 1);
	assert_int_equal(ds->rows_read, INGEST_MAX_REJECTED + 1);
	assert_int_equal(ds->rejected->len, INGEST_MAX_REJECTED + 1);
	want = g_strdup_printf(":%d: error: more than %d rows rejected: reading stops",
			       INGEST_MAX_REJECTED + 2, INGEST_MAX_REJECTED);
	assert_non_null(strstr(c.text, want));
	g_free(want);
	free(c.text);
	dataset_free(ds);
	g_string_free(csv, TRUE);
}

/* Past INGEST_MAX_UNITS units the row of the next one is rejected and
 * reading stops; the counts still add up. */
static void test_units_limited(void **state)
{
	GString *csv = g_string_new("kanwil,unit,kode,nilai\n");
	struct dataset *ds = dataset_new(rubric);
	struct diag_capture c;
	char *want;

	for (int i = 0; i < INGEST_MAX_UNITS + 5; i++)
		g_string_append_printf(csv, "K,Lapas %d,A.01,Ada\n", i);
	assert_int_equal(ingest_bytes(*state, ds, csv->str, NULL, &c), -1);
	assert_int_equal(ds->units->len, INGEST_MAX_UNITS);
	assert_int_equal(ds->rows_read, INGEST_MAX_UNITS + 1);
	assert_int_equal(ds->rows_accepted, INGEST_MAX_UNITS);
	assert_int_equal(ds->rows_rejected, 1);
	want = g_strdup_printf("error: more than %d units: reading stops", INGEST_MAX_UNITS);
	assert_non_null(strstr(c.text, want));
	g_free(want);
	free(c.text);
	dataset_free(ds);
	g_string_free(csv, TRUE);
}

/* Names that all give one id get unique ids in one step each (it took
 * minutes for 10^5 such units), the same ids as before. */
static void test_many_units_with_one_id(void **state)
{
	GString *csv = g_string_new("kanwil,unit,jenis,kode,nilai\n");
	struct dataset *ds = dataset_new(rubric);
	struct diag_capture c;
	struct model *m;
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
	char *last;

	/* "unit-3" is taken by a name before the suffixes reach it. */
	g_string_append(csv, "K,Unit 3,lapas,A.01,Ada\n");
	for (int i = 0; i < INGEST_MAX_UNITS - 1; i++) {
		g_string_append(csv, "K,");
		for (int n = i; ; n /= 32) {
			g_string_append_unichar(csv, 0x0430 + n % 32);
			if (n < 32)
				break;
		}
		g_string_append(csv, ",lapas,A.01,Ada\n");
	}
	assert_int_equal(ingest_bytes(*state, ds, csv->str, NULL, &c), 0);
	m = model_build(ds, 2019, 20191210, NULL);
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *su = g_ptr_array_index(m->units, i);
		assert_false(g_hash_table_contains(ids, su->id));
		g_hash_table_add(ids, su->id);
	}
	assert_int_equal(g_hash_table_size(ids), INGEST_MAX_UNITS);
	assert_true(g_hash_table_contains(ids, "unit"));
	assert_true(g_hash_table_contains(ids, "unit-2"));
	assert_true(g_hash_table_contains(ids, "unit-3"));
	assert_true(g_hash_table_contains(ids, "unit-4"));
	last = g_strdup_printf("unit-%d", INGEST_MAX_UNITS);
	assert_true(g_hash_table_contains(ids, last));
	g_free(last);
	last = g_strdup_printf("unit-%d", INGEST_MAX_UNITS + 1);
	assert_false(g_hash_table_contains(ids, last));
	g_free(last);
	g_hash_table_destroy(ids);
	model_free(m);
	free(c.text);
	dataset_free(ds);
	g_string_free(csv, TRUE);
}

/* A FIFO without a writer, or a device, is refused at once: reading it
 * would block or never end. */
static void test_inputs_must_be_regular_files(void **state)
{
	struct scratch *s = *state;
	char *fifo = g_build_filename(s->dir, "fifo", NULL);
	struct dataset *ds = dataset_new(rubric);
	struct ingest_options opt = { "K", 0, NULL };
	struct diag_capture c;

	assert_int_equal(mkfifo(fifo, 0600), 0);
	diag_capture_start(&c);
	assert_int_equal(ingest_file(ds, fifo, &opt, &c.d), -1);
	assert_int_equal(ingest_file(ds, "/dev/zero", &opt, &c.d), -1);
	assert_null(xmldoc_read(fifo, &c.d));
	assert_null(previous_load("/dev/zero", &c.d));
	diag_capture_stop(&c);
	assert_int_equal(c.d.errors, 4);
	for (char *p = c.text, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		assert_true(g_str_has_suffix(p, "fifo: error: cannot read: not a regular file") ||
			    !strcmp(p, "/dev/zero: error: cannot read: not a regular file"));
	}
	unlink(fifo);
	g_free(fifo);
	free(c.text);
	dataset_free(ds);
}

/* libxml2 reports encoding errors to its generic handler; they must come
 * out as one diagnostic in compiler form, and nothing else on stderr. */
static void test_xml_encoding_error_reported_once(void **state)
{
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n"
				  "<rubric id=\"\xFF\xFF\xFF\xFF\">\n";
	const char *path = scratch_write(*state, xml, sizeof(xml) - 1);
	struct diag_capture c;

	diag_capture_start(&c);
	assert_null(rubric_load(path, &c.d));
	diag_capture_stop(&c);
	assert_int_equal(c.d.errors, 1);
	assert_true(g_str_has_prefix(c.text, path));
	free(c.text);
}

/* Lists in a rubric are checked with sets, not by scanning: 140,000
 * aliases (970 KB, within the 1 MiB an attribute may hold) load and match
 * at once (this took minutes; hostile.sh has a time limit on a larger
 * case). */
static void test_rubric_long_lists(void **state)
{
	char *src, *big, **parts;
	GString *aliases = g_string_new("ya;tersedia;sudah");
	struct rubric *r;
	const struct rubric_unit_type *t;
	const struct rubric_item *it;
	struct diag_capture c;

	assert_true(g_file_get_contents(DEFAULT_RUBRIC, &src, NULL, NULL));
	for (int i = 0; i < 140000; i++)
		g_string_append_printf(aliases, ";a%d", i);
	assert_true(aliases->len <= XMLDOC_MAX_VALUE);
	parts = g_strsplit(src, "aliases=\"ya;tersedia;sudah\"", 2);
	big = g_strdup_printf("%saliases=\"%s\"%s", parts[0], aliases->str, parts[1]);
	diag_capture_start(&c);
	r = rubric_load(scratch_write(*state, big, strlen(big)), &c.d);
	diag_capture_stop(&c);
	assert_non_null(r);
	t = rubric_find_type(r, "lapas");
	it = rubric_find_item(t, "A.01");
	assert_string_equal(rubric_match_level(it->scale, "A139999")->label, "Ada");
	assert_null(rubric_match_level(it->scale, "a140000"));
	rubric_free(r);
	free(c.text);
	g_free(big);
	g_strfreev(parts);
	g_free(src);
	g_string_free(aliases, TRUE);
}

/* "-0" and "0" are the same grade minimum. */
static void test_rubric_grade_minus_zero_is_zero(void **state)
{
	static const char grade[] = "<grade min=\"0\" label=\"Kurang\"/>";
	char *src, *bad, **parts;
	struct diag_capture c;

	assert_true(g_file_get_contents(DEFAULT_RUBRIC, &src, NULL, NULL));
	parts = g_strsplit(src, grade, 2);
	bad = g_strdup_printf("%s%s<grade min=\"-0\" label=\"Nol\"/>%s", parts[0], grade,
			      parts[1]);
	diag_capture_start(&c);
	assert_null(rubric_load(scratch_write(*state, bad, strlen(bad)), &c.d));
	diag_capture_stop(&c);
	assert_non_null(strstr(c.text, "min '0' of grade 'Nol' is used twice"));
	free(c.text);
	g_free(bad);
	g_strfreev(parts);
	g_free(src);
}

/*
 * SPEC 8.20 at the edges. xml_with(head, n, unit, tail): head, n copies of
 * unit, tail, written to a scratch file; read_refused(...) expects
 * xmldoc_read() to refuse it with `message` at `line` (0: no line).
 */
static const char *xml_with(struct scratch *s, const char *head, size_t n,
			    const char *unit, const char *tail)
{
	GString *x = g_string_new(head);
	const char *path;

	for (size_t i = 0; i < n; i++)
		g_string_append(x, unit);
	g_string_append(x, tail);
	path = scratch_write(s, x->str, x->len);
	g_string_free(x, TRUE);
	return path;
}

static void read_accepted(const char *path)
{
	struct diag_capture c;
	xmlDocPtr doc;

	diag_capture_start(&c);
	doc = xmldoc_read(path, &c.d);
	diag_capture_stop(&c);
	if (!doc)
		fail_msg("refused: %s", c.text);
	xmlFreeDoc(doc);
	free(c.text);
}

static void read_refused(const char *path, unsigned long line, const char *message)
{
	struct diag_capture c;
	char *want = line ? g_strdup_printf("%s:%lu: error: %s\n", path, line, message)
			  : g_strdup_printf("%s: error: %s\n", path, message);

	diag_capture_start(&c);
	assert_null(xmldoc_read(path, &c.d));
	diag_capture_stop(&c);
	assert_int_equal(c.d.errors, 1);
	assert_string_equal(c.text, want);
	free(c.text);
	g_free(want);
}

static void test_xml_attribute_bound(void **state)
{
	const size_t mib = XMLDOC_MAX_VALUE;

	read_accepted(xml_with(*state, "<r>\n<e v=\"", mib, "x", "\"/></r>"));
	read_refused(xml_with(*state, "<r>\n<e v=\"", mib + 1, "x", "\"/></r>"), 2,
		     "attribute 'v' is longer than 1 MiB, the limit for XML inputs");
	/* Counted in bytes: 2 each. */
	read_accepted(xml_with(*state, "<r v=\"", mib / 2, "\xc3\xa9", "\"/>"));
	read_refused(xml_with(*state, "<r v=\"", mib / 2 + 1, "\xc3\xa9", "\"/>"), 1,
		     "attribute 'v' is longer than 1 MiB, the limit for XML inputs");
	/* Past libxml2's own limit of 10 MB, said the same way. */
	read_refused(xml_with(*state, "<r>\n\n<e v=\"", 12 << 20, "x", "\"/></r>"), 3,
		     "an attribute is longer than 1 MiB, the limit for XML inputs");
	read_refused(xml_with(*state, "<r xmlns:p=\"", mib + 1, "x", "\"/>"), 1,
		     "a namespace attribute is longer than 1 MiB, the limit for XML inputs");
}

static void test_xml_text_bound(void **state)
{
	const size_t mib = XMLDOC_MAX_VALUE;

	read_accepted(xml_with(*state, "<r>", mib, "x", "</r>"));
	read_refused(xml_with(*state, "<r>", mib + 1, "x", "</r>"), 1,
		     "a text is longer than 1 MiB, the limit for XML inputs");
	/* One text node, though libxml2 hands it over in pieces; a character
	 * reference and an escape are part of it. */
	read_refused(xml_with(*state, "<r>\n&amp;&#233;", mib / 8, "abcdefgh", "</r>"), 2,
		     "a text is longer than 1 MiB, the limit for XML inputs");
	/* An element ends a text: 1 MiB, an element, then more text. */
	read_accepted(xml_with(*state, "<r>", mib, "x", "<a/>xxxx</r>"));
	read_accepted(xml_with(*state, "<r><![CDATA[", mib, "x", "]]></r>"));
	read_refused(xml_with(*state, "<r><![CDATA[", mib + 1, "x", "]]></r>"), 1,
		     "a CDATA section is longer than 1 MiB, the limit for XML inputs");
}

#define T(f) cmocka_unit_test(f)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_diagnostics_escape_control_characters),
		T(test_xml_safe_takes_invalid_utf8),
		T(test_kanwil_option_must_be_utf8),
		T(test_reasons_quote_100_bytes),
		T(test_reason_cut_on_character_boundary),
		T(test_rejected_rows_limited),
		T(test_units_limited),
		T(test_many_units_with_one_id),
		T(test_inputs_must_be_regular_files),
		T(test_xml_encoding_error_reported_once),
		T(test_rubric_long_lists),
		T(test_rubric_grade_minus_zero_is_zero),
		T(test_xml_attribute_bound),
		T(test_xml_text_bound),
	};

	return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
