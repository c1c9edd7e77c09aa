/* test_xmldoc.c — XML inputs read safely: no DOCTYPE, bounded values, regular files only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "xmldoc.h"
#include "testutil.h"

/* Read `xml` from a scratch file; the diagnostics end up in c->text. */
static xmlDocPtr read_text(struct scratch *s, struct diag_capture *c, const char *xml,
			   size_t len)
{
	const char *path = scratch_write(s, xml, len);
	xmlDocPtr doc;

	diag_capture_start(c);
	doc = xmldoc_read(path, &c->d);
	diag_capture_stop(c);
	return doc;
}

static void test_a_plain_document_is_read(void **state)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n"
				  "<r:rubric xmlns:r=\"urn:x\" id=\"a&amp;b\">\n  <item code=\"A.01\"/>\n</r:rubric>\n";
	struct scratch s = { 0 };
	struct diag_capture c;
	xmlDocPtr doc;
	xmlNodePtr root, item;
	char *id;

	assert_int_equal(scratch_open(&s, "xmldoc"), 0);
	doc = read_text(&s, &c, xml, sizeof xml - 1);
	assert_non_null(doc);
	assert_int_equal(c.d.errors, 0);
	root = xmlDocGetRootElement(doc);
	/* The namespace prefix does not matter. */
	assert_true(xmldoc_is(root, "rubric"));
	assert_false(xmldoc_is(root, "item"));
	id = xmldoc_attr(root, "id");
	assert_string_equal(id, "a&b");
	xmlFree(id);
	assert_null(xmldoc_attr(root, "title"));
	for (item = root->children; item && item->type != XML_ELEMENT_NODE; item = item->next)
		;
	assert_non_null(item);
	assert_true(xmldoc_is(item, "item"));
	assert_false(xmldoc_is(root->children, "item"));      /* a text node */
	xmlFreeDoc(doc);
	free(c.text);
	scratch_close(&s);
}

static void test_doctype_is_refused(void **state)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n"
				  "<!DOCTYPE x [ <!ENTITY e SYSTEM \"file:///etc/passwd\"> ]>\n"
				  "<x>&e;</x>\n";
	struct scratch s = { 0 };
	struct diag_capture c;

	assert_int_equal(scratch_open(&s, "xmldoc"), 0);
	assert_null(read_text(&s, &c, xml, sizeof xml - 1));
	assert_int_equal(c.d.errors, 1);
	assert_contains(c.text, ":2: error: DOCTYPE and entity declarations are not allowed");
	assert_null(strstr(c.text, "root:"));
	free(c.text);
	scratch_close(&s);
}

/* XMLDOC_MAX_VALUE bytes pass; one more does not, for an attribute and a text. */
static void test_values_are_bounded(void **state)
{
	struct scratch s = { 0 };
	struct diag_capture c;
	GString *xml = g_string_new("<x a=\"");
	xmlDocPtr doc;

	assert_int_equal(scratch_open(&s, "xmldoc"), 0);
	for (unsigned i = 0; i < XMLDOC_MAX_VALUE; i++)
		g_string_append_c(xml, 'v');
	g_string_append(xml, "\"/>");
	doc = read_text(&s, &c, xml->str, xml->len);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	free(c.text);

	g_string_insert_c(xml, 6, 'v');
	assert_null(read_text(&s, &c, xml->str, xml->len));
	assert_contains(c.text, "error: attribute 'a' is longer than 1 MiB, the limit for XML inputs");
	free(c.text);

	g_string_assign(xml, "<x>");
	for (unsigned i = 0; i <= XMLDOC_MAX_VALUE; i++)
		g_string_append_c(xml, 't');
	g_string_append(xml, "</x>");
	assert_null(read_text(&s, &c, xml->str, xml->len));
	assert_contains(c.text, "error: a text is longer than 1 MiB, the limit for XML inputs");
	free(c.text);
	g_string_free(xml, TRUE);
	scratch_close(&s);
}

static void test_not_a_regular_file(void **state)
{
	struct scratch s = { 0 };
	struct diag_capture c;
	char *fifo;

	assert_int_equal(scratch_open(&s, "xmldoc"), 0);
	fifo = g_build_filename(s.dir, "fifo.xml", NULL);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	diag_capture_start(&c);
	/* A FIFO without a writer: refused at once, not waited on. */
	assert_null(xmldoc_read(fifo, &c.d));
	assert_null(xmldoc_read(s.dir, &c.d));
	assert_null(xmldoc_read("/nonexistent/r.xml", &c.d));
	diag_capture_stop(&c);
	assert_int_equal(c.d.errors, 3);
	assert_contains(c.text, "fifo.xml: error: cannot read: not a regular file");
	assert_contains(c.text, "error: cannot read: Is a directory");
	assert_contains(c.text, "/nonexistent/r.xml: error: cannot read: No such file or directory");
	unlink(fifo);
	g_free(fifo);
	free(c.text);
	scratch_close(&s);
}

static void test_malformed_and_empty(void **state)
{
	static const char bad[] = "<x>\n<y></x>\n";
	struct scratch s = { 0 };
	struct diag_capture c;

	assert_int_equal(scratch_open(&s, "xmldoc"), 0);
	assert_null(read_text(&s, &c, bad, sizeof bad - 1));
	assert_int_equal(c.d.errors, 1);
	assert_contains(c.text, ": error: ");
	free(c.text);
	assert_null(read_text(&s, &c, "", 0));
	assert_int_equal(c.d.errors, 1);
	free(c.text);
	scratch_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_plain_document_is_read),
		cmocka_unit_test(test_doctype_is_refused),
		cmocka_unit_test(test_values_are_bounded),
		cmocka_unit_test(test_not_a_regular_file),
		cmocka_unit_test(test_malformed_and_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
