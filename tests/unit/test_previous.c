/* test_previous.c — last year's summary: what is read, what is refused, lookups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "previous.h"
#include "summary.h"
#include "testutil.h"

#define HEAD "<?xml version=\"1.0\"?>\n<p2ham-summary xmlns=\"" SUMMARY_NAMESPACE "\" version=\"1\">\n"

/* previous_load() on `xml`; diagnostics in c->text. */
static struct previous *load(struct scratch *s, struct diag_capture *c, const char *xml)
{
	const char *path = scratch_write(s, xml, strlen(xml));
	struct previous *p;

	diag_capture_start(c);
	p = previous_load(path, &c->d);
	diag_capture_stop(c);
	return p;
}

static void test_units_found_by_id_then_name(void **state)
{
	static const char xml[] = HEAD
		"<unit id=\"lapas-a\" name=\"Lapas Kelas I  A\" total=\"88.25\" recommendation=\"recommended\"/>\n"
		"<unit id=\"rutan-b\" name=\"Rutan B\" total=\"40\" recommendation=\"not-recommended\"/>\n"
		"<unit id=\"lpka-c\" name=\"LPKA C\" total=\"91.5\" recommendation=\"retained\"/>\n"
		"</p2ham-summary>\n";
	struct scratch s = { 0 };
	struct diag_capture c;
	struct previous *p;
	const struct previous_unit *u;

	assert_int_equal(scratch_open(&s, "previous"), 0);
	p = load(&s, &c, xml);
	assert_non_null(p);
	assert_int_equal(c.d.errors, 0);
	u = previous_find(p, "lapas-a", "whatever");
	assert_non_null(u);
	assert_float_equal(u->total, 88.25, 1e-9);
	assert_int_equal(u->recommendation, REC_RECOMMENDED);
	/* Not by id: by the folded name (case and spaces do not matter). */
	u = previous_find(p, "new-id", "  lapas kelas i a ");
	assert_non_null(u);
	assert_string_equal(u->id, "lapas-a");
	u = previous_find(p, "x", "RUTAN B");
	assert_non_null(u);
	assert_int_equal(u->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(previous_find(p, "lpka-c", "")->recommendation, REC_RETAINED);
	assert_null(previous_find(p, "lapas-z", "Lapas Z"));
	previous_free(p);
	free(c.text);
	scratch_close(&s);
}

static void test_wrong_root_namespace_or_version(void **state)
{
	struct scratch s = { 0 };
	struct diag_capture c;

	assert_int_equal(scratch_open(&s, "previous"), 0);
	assert_null(load(&s, &c, "<p2ham-summary version=\"1\"/>"));
	assert_contains(c.text, "error: not a p2ham summary: expected <p2ham-summary> in namespace '"
				SUMMARY_NAMESPACE "'");
	free(c.text);
	assert_null(load(&s, &c, "<summary xmlns=\"" SUMMARY_NAMESPACE "\" version=\"1\"/>"));
	assert_contains(c.text, "error: not a p2ham summary");
	free(c.text);
	assert_null(load(&s, &c, "<p2ham-summary xmlns=\"" SUMMARY_NAMESPACE "\" version=\"9\"/>"));
	assert_contains(c.text, ":1: error: summary version '9' is not supported (expected '1' or '2')");
	free(c.text);
	scratch_close(&s);
}

/* Every malformed unit is reported, with its line, and nothing is loaded. */
static void test_malformed_units(void **state)
{
	static const char xml[] = HEAD
		"<unit id=\"a\" name=\"A\" total=\"1\"/>\n"
		"<unit id=\"b\" name=\"B\" total=\"12x\" recommendation=\"recommended\"/>\n"
		"<unit id=\"c\" name=\"C\" total=\"inf\" recommendation=\"recommended\"/>\n"
		"<unit id=\"d\" name=\"D\" total=\"5\" recommendation=\"maybe\"/>\n"
		"<unit id=\"e\" name=\"E\" total=\"5\" recommendation=\"recommended\"/>\n"
		"</p2ham-summary>\n";
	struct scratch s = { 0 };
	struct diag_capture c;

	assert_int_equal(scratch_open(&s, "previous"), 0);
	assert_null(load(&s, &c, xml));
	assert_int_equal(c.d.errors, 4);
	assert_contains(c.text, ":3: error: unit without id, name, total or recommendation");
	assert_contains(c.text, ":4: error: unit 'b' has a bad total '12x'");
	assert_contains(c.text, ":5: error: unit 'c' has a bad total 'inf'");
	assert_contains(c.text, ":6: error: unit 'd' has an unknown recommendation 'maybe'");
	free(c.text);
	scratch_close(&s);
}

/* Version 2 (this program's current one) is read too; other elements are passed over. */
static void test_version_2_and_other_elements(void **state)
{
	static const char xml[] = "<p2ham-summary xmlns=\"" SUMMARY_NAMESPACE "\" version=\"2\">"
		"<rubric id=\"r\" version=\"2\"/><region id=\"k\"/>"
		"<unit id=\"u\" name=\"U\" total=\"70.00\" recommendation=\"recommended\"><aspect id=\"a\"/></unit>"
		"</p2ham-summary>";
	struct scratch s = { 0 };
	struct diag_capture c;
	struct previous *p;

	assert_int_equal(scratch_open(&s, "previous"), 0);
	p = load(&s, &c, xml);
	assert_non_null(p);
	assert_int_equal(c.d.errors, 0);
	assert_float_equal(previous_find(p, "u", "U")->total, 70.0, 1e-9);
	previous_free(p);
	free(c.text);
	scratch_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units_found_by_id_then_name),
		cmocka_unit_test(test_wrong_root_namespace_or_version),
		cmocka_unit_test(test_malformed_units),
		cmocka_unit_test(test_version_2_and_other_elements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
