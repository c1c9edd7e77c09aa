/* test_diag.c — diagnostics: the compiler form, counting, quiet, escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"

/* A sink that writes to memory; text() gives what it printed so far. */
struct sink {
	struct diag d;
	char *buf;
	size_t len;
};

static void sink_open(struct sink *s)
{
	struct diag init = DIAG_INIT;

	s->d = init;
	s->buf = NULL;
	s->len = 0;
	s->d.out = open_memstream(&s->buf, &s->len);
	assert_non_null(s->d.out);
}

static const char *text(struct sink *s)
{
	fflush(s->d.out);
	return s->buf;
}

static void sink_close(struct sink *s)
{
	fclose(s->d.out);
	free(s->buf);
}

static void test_forms_of_the_location(void **state)
{
	struct sink s;

	sink_open(&s);
	diag_error(&s.d, "a.csv", 12, "record has %d fields", 11);
	diag_error(&s.d, "a.csv", 0, "not a p2ham input");
	diag_error(&s.d, NULL, 99, "no input files");
	assert_string_equal(text(&s), "a.csv:12: error: record has 11 fields\n"
				      "a.csv: error: not a p2ham input\n"
				      "p2ham: error: no input files\n");
	assert_int_equal(s.d.errors, 3);
	assert_int_equal(s.d.warnings, 0);
	sink_close(&s);
}

static void test_warnings_count_and_print(void **state)
{
	struct sink s;

	sink_open(&s);
	diag_warning(&s.d, "o.xml", 4, "unknown attribute '%s'", "x");
	assert_string_equal(text(&s), "o.xml:4: warning: unknown attribute 'x'\n");
	assert_int_equal(s.d.warnings, 1);
	assert_int_equal(s.d.errors, 0);
	sink_close(&s);
}

static void test_quiet_counts_warnings_but_prints_only_errors(void **state)
{
	struct sink s;

	sink_open(&s);
	s.d.quiet = 1;
	diag_warning(&s.d, "o.xml", 4, "ignored");
	diag_warning(&s.d, "o.xml", 5, "ignored too");
	diag_error(&s.d, "o.xml", 6, "fatal");
	assert_string_equal(text(&s), "o.xml:6: error: fatal\n");
	assert_int_equal(s.d.warnings, 2);
	assert_int_equal(s.d.errors, 1);
	sink_close(&s);
}

/* A line break in quoted input cannot forge a second diagnostic, and
 * terminal controls (C0, DEL, C1) are shown, not sent; TAB and non-ASCII
 * text pass as they are. */
static void test_controls_are_escaped(void **state)
{
	struct sink s;

	sink_open(&s);
	diag_error(&s.d, "x\ny.csv", 2, "unit 'A\r\nb.csv:1: error: forged'");
	diag_error(&s.d, "z.csv", 3, "\x1b[31mred\x7f\tand \xc2\x9b and Sulawesi \xc3\xa9");
	assert_string_equal(text(&s),
			    "x\\ny.csv:2: error: unit 'A\\r\\nb.csv:1: error: forged'\n"
			    "z.csv:3: error: \\x1B[31mred\\x7F\tand \\u009B and Sulawesi \xc3\xa9\n");
	assert_int_equal(s.d.errors, 2);
	sink_close(&s);
}

/* Every diagnostic is one line, however long. */
static void test_long_message_is_one_line(void **state)
{
	struct sink s;
	char *big = g_strnfill(100000, 'x');
	const char *t;

	sink_open(&s);
	diag_error(&s.d, "f", 1, "%s", big);
	t = text(&s);
	assert_int_equal(strlen(t), strlen("f:1: error: ") + 100000 + 1);
	assert_ptr_equal(strchr(t, '\n'), t + strlen(t) - 1);
	g_free(big);
	sink_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms_of_the_location),
		cmocka_unit_test(test_warnings_count_and_print),
		cmocka_unit_test(test_quiet_counts_warnings_but_prints_only_errors),
		cmocka_unit_test(test_controls_are_escaped),
		cmocka_unit_test(test_long_message_is_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
