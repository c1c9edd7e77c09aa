/* test_placeholder.c — {placeholder} texts: parsing, braces, sets, expansion, numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "placeholder.h"

/* Parse `s` as a text of any placeholder; it must succeed. */
static void parse_ok(const char *s, struct ph_text *t)
{
	char *error = NULL;

	if (placeholder_parse(s, 0, t, &error) != 0)
		fail_msg("'%s' refused: %s", s, error);
	assert_null(error);
}

/* The error for `s` (with `number` as for placeholder_parse()); freed by
 * the caller. */
static char *parse_error(const char *s, int number)
{
	struct ph_text t = { 0 };
	char *error = NULL;

	assert_int_equal(placeholder_parse(s, number, &t, &error), -1);
	assert_non_null(error);
	return error;
}

/* `text` parsed and expanded with `values` gives `want`; `per_unit` is
 * whether it uses a placeholder that differs from unit to unit. */
static void expect_expanded(const char *text, const char *const values[PH_COUNT],
			    const char *want, int per_unit)
{
	struct ph_text t;
	char *s;

	parse_ok(text, &t);
	s = placeholder_expand(&t, values);
	assert_string_equal(s, want);
	assert_int_equal(t.per_unit, per_unit);
	g_free(s);
	placeholder_clear(&t);
}

static void test_expand_fills_each_placeholder(void **state)
{
	const char *values[PH_COUNT] = { 0 };

	values[PH_UNIT] = "Lapas Kelas I Cipinang";
	values[PH_YEAR] = "2019";
	values[PH_GRADE] = "Sangat Baik";
	/* An absent value ({kanwil}) is nothing. */
	expect_expanded("Diberikan kepada {unit} tahun {year}, predikat {grade}{kanwil}.", values,
			"Diberikan kepada Lapas Kelas I Cipinang tahun 2019, predikat Sangat Baik.", 1);
	expect_expanded("", values, "", 0);
}

static void test_double_braces_are_braces(void **state)
{
	const char *values[PH_COUNT] = { 0 };

	values[PH_YEAR] = "2019";
	/* {year} is the same on every certificate of an office. */
	expect_expanded("{{year}} is {year}; }}{{", values, "{year} is 2019; }{", 0);
}

static void test_errors_name_the_problem(void **state)
{
	char *e;

	e = parse_error("Nama {nama}", 0);
	assert_string_equal(e, "unknown placeholder '{nama}'");
	g_free(e);
	e = parse_error("a } b", 0);
	assert_string_equal(e, "unmatched '}'; write '}}' for a brace");
	g_free(e);
	e = parse_error("a {unit", 0);
	assert_string_equal(e, "unclosed '{'; write '{{' for a brace");
	g_free(e);
	e = parse_error("a {un{it}", 0);
	assert_string_equal(e, "unclosed '{'; write '{{' for a brace");
	g_free(e);
}

static void test_number_patterns(void **state)
{
	struct ph_text t;
	char *error = NULL, *s;

	assert_int_equal(placeholder_parse("W11-HAM-{seq:03}/{year}", 1, &t, &error), 0);
	s = placeholder_number(&t, 1, 2019);
	assert_string_equal(s, "W11-HAM-001/2019");
	g_free(s);
	s = placeholder_number(&t, 12345, 2020);
	assert_string_equal(s, "W11-HAM-12345/2020");
	g_free(s);
	placeholder_clear(&t);

	assert_int_equal(placeholder_parse("{seq}", 1, &t, &error), 0);
	s = placeholder_number(&t, 7, 2019);
	assert_string_equal(s, "7");
	g_free(s);
	placeholder_clear(&t);

	s = parse_error("W11-HAM/{year}", 1);
	assert_string_equal(s, "no {seq}: every certificate would get the same number");
	g_free(s);
	s = parse_error("{seq}/{unit}", 1);
	assert_string_equal(s, "unknown placeholder '{unit}' (only {seq}, {seq:0N} and {year})");
	g_free(s);
	/* A width is one digit from 1 to 9. */
	s = parse_error("{seq:00}", 1);
	assert_string_equal(s, "unknown placeholder '{seq:00}' (only {seq}, {seq:0N} and {year})");
	g_free(s);
}

static void test_parse_only_limits_the_set(void **state)
{
	struct ph_text t;
	char *error = NULL;
	unsigned allowed = PH_BIT(PH_OFFICE) | PH_BIT(PH_PLACE);

	assert_int_equal(placeholder_parse_only("{office}, {place}", allowed, 0, &t, &error), 0);
	assert_false(t.per_unit);
	placeholder_clear(&t);
	assert_int_equal(placeholder_parse_only("{office} {date}", allowed, 0, &t, &error), -1);
	assert_string_equal(error, "unknown placeholder '{date}' (only {place} and {office})");
	g_free(error);
}

static void test_expand_seq_pads(void **state)
{
	const char *values[PH_COUNT] = { 0 };
	struct ph_text t;
	char *error = NULL, *s;

	values[PH_OFFICE] = "Banten";
	assert_int_equal(placeholder_parse_only("{office}/{seq:05}", PH_BIT(PH_OFFICE) | PH_BIT(PH_SEQ),
						1, &t, &error), 0);
	s = placeholder_expand_seq(&t, values, 42);
	assert_string_equal(s, "Banten/00042");
	g_free(s);
	placeholder_clear(&t);
}

static void test_names(void **state)
{
	assert_string_equal(placeholder_name(PH_SIG_NAME), "signatory.name");
	assert_string_equal(placeholder_name(PH_HEADING), "office.heading");
	assert_string_equal(placeholder_name(PH_SEQ), "seq");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_fills_each_placeholder),
		cmocka_unit_test(test_double_braces_are_braces),
		cmocka_unit_test(test_errors_name_the_problem),
		cmocka_unit_test(test_number_patterns),
		cmocka_unit_test(test_parse_only_limits_the_set),
		cmocka_unit_test(test_expand_seq_pads),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
