/* test_summary.c — summary.xml from a scored model: valid, complete, escaped, repeatable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "ingest.h"
#include "offices.h"
#include "rubric.h"
#include "score.h"
#include "summary.h"
#include "testutil.h"

#define DATA "../../templates/"

/* Three rows of one unit whose name needs escaping, one of a second unit,
 * two answers to one item that differ (a conflict) and one bad row. */
static const char CSV[] =
	"kanwil,unit,kode,nilai,tanggal\n"
	"Kanwil Banten,Lapas \"A\" & <B>,A.01,Ada,2019-10-01\n"
	"Kanwil Banten,Lapas \"A\" & <B>,A.02,Tidak,2019-10-01\n"
	"Kanwil Banten,Lapas \"A\" & <B>,A.02,Ada,2019-10-01\n"
	"Kanwil Banten,Rutan Serang,A.01,Ada,2019-10-02\n"
	"Kanwil Banten,Rutan Serang,A.01,Maybe,2019-10-02\n";

/* CSV read and scored with the default rubric and offices. */
struct built {
	struct diag quiet;
	struct scratch s;
	struct rubric *r;
	struct offices *o;
	struct dataset *ds;
	struct model *m;
};

static void build(struct built *b)
{
	struct ingest_options opt = { NULL, 0, NULL };

	memset(b, 0, sizeof *b);
	b->quiet.out = fopen("/dev/null", "w");
	b->quiet.quiet = 1;
	assert_int_equal(scratch_open(&b->s, "summary"), 0);
	b->r = rubric_load(DATA "rubric.xml", &b->quiet);
	b->o = offices_load(DATA "offices.xml", &b->quiet);
	assert_non_null(b->r);
	assert_non_null(b->o);
	b->ds = dataset_new(b->r);
	assert_int_equal(ingest_file(b->ds, scratch_write(&b->s, CSV, sizeof CSV - 1), &opt,
				     &b->quiet), 0);
	b->m = model_build(b->ds, 2019, 20191210, NULL);
	model_assign_offices(b->m, b->o, &b->quiet);
}

static void unbuild(struct built *b)
{
	model_free(b->m);
	dataset_free(b->ds);
	offices_free(b->o);
	rubric_free(b->r);
	scratch_close(&b->s);
	fclose(b->quiet.out);
}

/* summary.xml of CSV as a string; free() it. */
static char *summary_of_csv(void)
{
	struct built b;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	build(&b);
	fp = open_memstream(&text, &len);
	assert_int_equal(summary_write(b.m, fp), 0);
	fclose(fp);
	unbuild(&b);
	return text;
}

static void test_valid_against_the_schema(void **state)
{
	char *text = summary_of_csv();
	xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), "summary.xml", NULL, XML_PARSE_NONET);
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(DATA "summary.xsd");
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);

	assert_non_null(doc);
	assert_non_null(schema);
	assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "p2ham-summary");
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	xmlFreeDoc(doc);
	free(text);
}

static void test_counts_units_conflicts_rejections(void **state)
{
	char *text = summary_of_csv();

	assert_contains(text, "xmlns=\"" SUMMARY_NAMESPACE "\"");
	assert_contains(text, "version=\"" SUMMARY_VERSION "\"");
	assert_contains(text, "rows-read=\"5\" rows-accepted=\"4\" rows-rejected=\"1\"");
	/* The name escaped in its attribute, never raw. */
	assert_contains(text, "name=\"Lapas &quot;A&quot; &amp; &lt;B&gt;\"");
	assert_null(strstr(text, "<B>"));
	assert_contains(text, "name=\"Rutan Serang\"");
	assert_contains(text, "office=\"banten\"");
	/* Equal dates: the lower answer is chosen, and both are listed. */
	assert_contains(text, "<conflict unit=\"lapas-a-b\" code=\"A.02\" chosen=\"Tidak\">");
	assert_contains(text, "<observation answer=\"Ada\" date=\"2019-10-01\"");
	assert_contains(text, "line=\"6\" reason=\"unknown answer 'Maybe' for A.01 (Ada, Proses, Tidak)\">"
			"Kanwil Banten,Rutan Serang,A.01,Maybe,2019-10-02</rejected>");
	free(text);
}

/* The text without the scratch folder's name, which differs between runs. */
static char *without_folder(char *text)
{
	GRegex *re = g_regex_new("[^\"]*summary-[A-Za-z0-9]{6}/", 0, 0, NULL);
	char *out = g_regex_replace_literal(re, text, -1, 0, "", 0, NULL);

	g_regex_unref(re);
	free(text);
	return out;
}

/* The same input gives the same bytes. */
static void test_repeatable(void **state)
{
	char *a = without_folder(summary_of_csv()), *b = without_folder(summary_of_csv());

	assert_string_equal(a, b);
	assert_contains(a, "source=\"in-0.csv:4\"");
	g_free(a);
	g_free(b);
}

/* A write error (a full disk) is reported, not ignored. */
static void test_write_error(void **state)
{
	struct built b;
	FILE *fp = fopen("/dev/full", "w");

	if (!fp)
		fail_msg("/dev/full cannot be opened");
	build(&b);
	setvbuf(fp, NULL, _IONBF, 0);
	assert_int_equal(summary_write(b.m, fp), -1);
	fclose(fp);
	unbuild(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_against_the_schema),
		cmocka_unit_test(test_counts_units_conflicts_rejections),
		cmocka_unit_test(test_repeatable),
		cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
