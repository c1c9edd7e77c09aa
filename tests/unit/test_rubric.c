/* test_rubric.c — the rubric loader, its look-ups and the safe XML reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "rubric.h"
#include "testutil.h"
#include "xmldoc.h"

#define DEFAULT_RUBRIC "../../templates/rubric.xml"

static struct rubric *load(const char *path, struct diag_capture *c)
{
	struct rubric *r;

	diag_capture_start(c);
	r = rubric_load(path, &c->d);
	diag_capture_stop(c);
	return r;
}

static const struct rubric_unit_type *type_at(const struct rubric *r, guint i)
{
	return r->unit_types->pdata[i];
}

static const struct rubric_scale *scale_named(const struct rubric *r, const char *id)
{
	for (guint i = 0; i < r->scales->len; i++) {
		const struct rubric_scale *sc = r->scales->pdata[i];

		if (strcmp(sc->id, id) == 0)
			return sc;
	}
	fail_msg("no scale '%s'", id);
	return NULL;
}

static const char *type_id(const struct rubric_unit_type *t)
{
	return t ? t->id : "(none)";
}

static int setup_default(void **state)
{
	struct diag_capture c;
	struct rubric *r = load(DEFAULT_RUBRIC, &c);

	if (!r)
		fprintf(stderr, "%s", c.text);
	free(c.text);
	*state = r;
	return r ? 0 : -1;
}

static int teardown_default(void **state)
{
	rubric_free(*state);
	return 0;
}

static void test_default_counts(void **state)
{
	const struct rubric *r = *state;
	static const char *const types[] = { "lapas", "rutan", "lpka", "bapas", "imigrasi",
					     "bhp" };
	/* Scored items plus the gate G.01 (SPEC 5's table). */
	static const guint items[] = { 21, 21, 21, 17, 19, 16 };
	static const char *const grades[] = { "Sangat Baik", "Baik", "Cukup", "Kurang" };
	static const double mins[] = { 90, 80, 60, 0 };
	static const double weights[] = { 50, 20, 30 };

	assert_string_equal(r->id, "permenkumham-27-2018");
	assert_string_equal(r->version, "2");
	assert_string_equal(r->title, "Kriteria Pelayanan Publik Berbasis HAM");
	assert_string_equal(r->path, DEFAULT_RUBRIC);

	assert_int_equal(r->scales->len, 3);
	assert_int_equal(scale_named(r, "ketersediaan")->levels->len, 3);
	assert_int_equal(scale_named(r, "siaga")->levels->len, 2);
	assert_int_equal(scale_named(r, "kepatuhan")->levels->len, 3);

	assert_int_equal(r->principles->len, 13);
	for (guint i = 0; i < r->principles->len; i++) {
		const struct rubric_principle *p = r->principles->pdata[i];

		assert_int_equal(p->index, i);
		assert_non_null(p->label);
		assert_non_null(p->label_en);
	}
	assert_string_equal(((struct rubric_principle *)r->principles->pdata[0])->id,
			    "kepentingan-umum");
	assert_string_equal(((struct rubric_principle *)r->principles->pdata[12])->label_en,
			    "Accessibility");

	assert_int_equal(r->aspects->len, 3);
	for (guint i = 0; i < 3; i++) {
		const struct rubric_aspect *a = r->aspects->pdata[i];
		char id[2] = { (char)('A' + i), '\0' };

		assert_string_equal(a->id, id);
		assert_int_equal(a->index, i);
		assert_float_equal(a->weight, weights[i], 0);
	}

	assert_int_equal(r->grades->len, 4);
	for (guint i = 0; i < 4; i++) {
		const struct rubric_grade *g = r->grades->pdata[i];

		assert_string_equal(g->label, grades[i]);
		assert_float_equal(g->min, mins[i], 0);
	}
	assert_float_equal(r->threshold, 80, 0);
	assert_float_equal(r->aspect_floor, 60, 0);
	assert_int_equal(r->require_complete, 1);

	assert_int_equal(r->unit_types->len, 6);
	assert_true(r->has_evidence_rule);
	assert_int_equal(r->evidence_min, 1);
	assert_true(r->evidence_distinct);
	assert_int_equal(r->evidence_effect, EVIDENCE_FLAG);
	assert_int_equal(r->groups->len, 2);
	for (guint i = 0; i < 6; i++) {
		const struct rubric_unit_type *t = type_at(r, i);

		assert_string_equal(t->id, types[i]);
		assert_int_equal(t->items->len, items[i]);
		assert_int_equal(t->scored, items[i] - 1);
		assert_int_equal(g_hash_table_size(t->by_code), items[i]);
		for (guint j = 0; j < t->items->len; j++) {
			const struct rubric_item *it = t->items->pdata[j];

			assert_int_equal(it->index, j);
			assert_true(*it->text);
			if (it->gate) {
				/* G.01 fails on Ada and weighs nothing. */
				assert_string_equal(it->code, "G.01");
				assert_string_equal(it->gate->label, "Ada");
				assert_null(it->aspect);
				assert_float_equal(it->weight, 0, 0);
				continue;
			}
			assert_int_equal(it->aspect->id[0], it->code[0]);
			assert_float_equal(it->weight, 1, 0);
			assert_int_equal(it->evidence_min, 1);
			assert_true(it->principles->len >= 1);
		}
	}
}

static void test_default_item(void **state)
{
	const struct rubric *r = *state;
	const struct rubric_item *a01 = type_at(r, 0)->items->pdata[0];
	const struct rubric_item *b01 = rubric_find_item(type_at(r, 4), "B.01");

	assert_string_equal(a01->code, "A.01");
	assert_string_equal(a01->text, "Maklumat pelayanan");
	assert_ptr_equal(a01->aspect, r->aspects->pdata[0]);
	assert_string_equal(a01->scale->id, "ketersediaan");
	assert_int_equal(a01->principles->len, 3);
	assert_string_equal(((struct rubric_principle *)a01->principles->pdata[0])->id,
			    "keterbukaan");
	assert_string_equal(((struct rubric_principle *)a01->principles->pdata[2])->id,
			    "kepastian-hukum");
	assert_non_null(b01);
	assert_string_equal(b01->scale->id, "siaga");
	assert_string_equal(b01->aspect->id, "B");
}

static void test_find_type(void **state)
{
	const struct rubric *r = *state;

	assert_string_equal(type_id(rubric_find_type(r, "lapas")), "lapas");
	assert_string_equal(type_id(rubric_find_type(r, "LAPAS")), "lapas");
	assert_string_equal(type_id(rubric_find_type(r, "Lembaga  Pemasyarakatan ")), "lapas");
	assert_string_equal(type_id(rubric_find_type(r, "Rumah Tahanan Negara")), "rutan");
	assert_string_equal(type_id(rubric_find_type(r, "rumah tahanan")), "rutan");
	assert_string_equal(type_id(rubric_find_type(r, "Kanim")), "imigrasi");
	assert_string_equal(type_id(rubric_find_type(r, "Kantor Imigrasi")), "imigrasi");
	assert_string_equal(type_id(rubric_find_type(r, "balai pemasyarakatan")), "bapas");
	assert_null(rubric_find_type(r, "Lapas Kelas I Serang"));
	assert_null(rubric_find_type(r, "kanwil"));
	assert_null(rubric_find_type(r, ""));
}

static void test_type_of_name(void **state)
{
	const struct rubric *r = *state;

	assert_string_equal(type_id(rubric_type_of_name(r, "Kantor Imigrasi Kelas II TPI Sampit")),
			    "imigrasi");
	assert_string_equal(type_id(rubric_type_of_name(r, "Lembaga Pemasyarakatan Kelas IIA Serang")),
			    "lapas");
	assert_string_equal(type_id(rubric_type_of_name(r, "  LAPAS   Kelas III Cilegon")), "lapas");
	assert_string_equal(type_id(rubric_type_of_name(r, "Lapas-Perempuan")), "lapas");
	assert_string_equal(type_id(rubric_type_of_name(r, "Rutan")), "rutan");
	assert_string_equal(type_id(rubric_type_of_name(r, "Rumah Tahanan Negara Pandeglang")), "rutan");
	assert_string_equal(type_id(rubric_type_of_name(r, "LPKA Tangerang")), "lpka");
	assert_string_equal(type_id(rubric_type_of_name(r, "Bapas Serang")), "bapas");
	assert_string_equal(type_id(rubric_type_of_name(r, "Kanim Serang")), "imigrasi");
	assert_string_equal(type_id(rubric_type_of_name(r, "Imigrasi Cilegon")), "imigrasi");
	assert_null(rubric_type_of_name(r, "Lapasan X"));
	assert_null(rubric_type_of_name(r, "Lapas2 Serang"));
	assert_null(rubric_type_of_name(r, "Kantor Wilayah Banten"));
	assert_null(rubric_type_of_name(r, "Serang Lapas"));
	assert_null(rubric_type_of_name(r, ""));
}

static void test_find_item(void **state)
{
	const struct rubric *r = *state;
	const struct rubric_unit_type *lapas = type_at(r, 0), *bapas = type_at(r, 3);
	const struct rubric_item *it = rubric_find_item(lapas, "a.01");

	assert_non_null(it);
	assert_string_equal(it->code, "A.01");
	assert_non_null(rubric_find_item(lapas, " A.24 "));
	assert_non_null(rubric_find_item(lapas, "c.04"));
	assert_null(rubric_find_item(lapas, "c.05"));
	assert_null(rubric_find_item(lapas, "A.12"));
	assert_null(rubric_find_item(bapas, "A.21"));
	assert_non_null(rubric_find_item(bapas, "C.11"));
	assert_null(rubric_find_item(lapas, "C.11"));
	assert_null(rubric_find_item(lapas, "A01"));
	assert_null(rubric_find_item(lapas, ""));
}

static const char *level_label(const struct rubric_level *lv)
{
	return lv ? lv->label : "(none)";
}

static void test_match_level(void **state)
{
	const struct rubric *r = *state;
	const struct rubric_scale *k = scale_named(r, "ketersediaan");
	const struct rubric_scale *p = scale_named(r, "kepatuhan");
	const struct rubric_scale *s = scale_named(r, "siaga");

	assert_string_equal(level_label(rubric_match_level(k, "  YA ")), "Ada");
	assert_string_equal(level_label(rubric_match_level(k, "ada")), "Ada");
	assert_string_equal(level_label(rubric_match_level(k, "dalam   proses")), "Proses");
	assert_string_equal(level_label(rubric_match_level(k, "TIDAK ADA")), "Tidak");
	assert_float_equal(rubric_match_level(k, "proses")->value, 0.5, 0);
	assert_null(rubric_match_level(k, "Adaa"));
	assert_null(rubric_match_level(k, "siaga"));
	assert_null(rubric_match_level(k, ""));
	assert_string_equal(level_label(rubric_match_level(s, "Siaga")), "Ada");
	assert_string_equal(level_label(rubric_match_level(p, "cukup  SESUAI")), "Cukup patuh");
	assert_string_equal(level_label(rubric_match_level(p, "tidak sesuai")), "Kurang patuh");
	assert_null(rubric_match_level(p, "proses"));
}

static void test_grade(void **state)
{
	const struct rubric *r = *state;

	assert_string_equal(rubric_grade(r, 100), "Sangat Baik");
	assert_string_equal(rubric_grade(r, 90), "Sangat Baik");
	assert_string_equal(rubric_grade(r, 89.9999999999), "Sangat Baik");
	assert_string_equal(rubric_grade(r, 89.9999999995), "Sangat Baik");
	assert_string_equal(rubric_grade(r, 89.999999998), "Baik");
	assert_string_equal(rubric_grade(r, 89.99), "Baik");
	assert_string_equal(rubric_grade(r, 80), "Baik");
	assert_string_equal(rubric_grade(r, 79.99), "Cukup");
	assert_string_equal(rubric_grade(r, 0), "Kurang");
	assert_null(rubric_grade(r, -1));
}

static void test_custom(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-custom.xml", &c);
	const struct rubric_unit_type *t;
	const struct rubric_item *d01, *e01;
	const struct rubric_principle *integritas;
	const struct rubric_aspect *d;

	assert_non_null(r);
	assert_int_equal(c.d.errors + c.d.warnings, 0);
	assert_int_equal(c.len, 0);
	assert_string_equal(r->id, "custom-2024");
	assert_int_equal(r->principles->len, 3);
	integritas = r->principles->pdata[1];
	assert_string_equal(integritas->id, "integritas");
	assert_int_equal(integritas->index, 1);
	assert_null(integritas->label_en);
	assert_int_equal(r->aspects->len, 3);
	d = r->aspects->pdata[1];
	assert_string_equal(d->id, "D");
	assert_float_equal(d->weight, 10.5, 0);
	assert_float_equal(((struct rubric_aspect *)r->aspects->pdata[2])->weight, 10, 0);

	t = rubric_find_type(r, "Kantor Wilayah");
	assert_non_null(t);
	assert_int_equal(t->items->len, 3);
	d01 = rubric_find_item(t, "d.01");
	assert_non_null(d01);
	assert_ptr_equal(d01->aspect, d);
	assert_string_equal(d01->text, "Inovasi pelayanan publik");
	assert_float_equal(d01->weight, 2, 0);
	assert_int_equal(d01->principles->len, 2);
	assert_string_equal(((struct rubric_principle *)d01->principles->pdata[0])->id, "inovasi");
	assert_ptr_equal(d01->principles->pdata[1], integritas);
	e01 = rubric_find_item(t, "E.01");
	assert_non_null(e01);
	assert_int_equal(e01->principles->len, 0);
	assert_float_equal(rubric_match_level(d01->scale, "proses")->value, 0.25, 0);

	/* "kantor wilayah" is longer than "kantor", so it wins. */
	assert_string_equal(type_id(rubric_type_of_name(r, "Kantor Wilayah Banten")), "kanwil");
	assert_string_equal(type_id(rubric_type_of_name(r, "Kantor Pusat")), "kantor");
	assert_string_equal(type_id(rubric_type_of_name(r, "Kanwil Jawa Barat")), "kanwil");

	assert_string_equal(((struct rubric_grade *)r->grades->pdata[0])->label, "Baik");
	assert_string_equal(rubric_grade(r, 75.4999999995), "Baik");
	assert_string_equal(rubric_grade(r, 75.4), "Lulus");
	assert_string_equal(rubric_grade(r, 49), "Gagal");
	assert_float_equal(r->threshold, 75, 0);
	assert_int_equal(r->require_complete, 0);
	rubric_free(r);
	free(c.text);
}

static void test_fixture_base_loads(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-valid.xml", &c);

	assert_non_null(r);
	assert_int_equal(c.len, 0);
	assert_int_equal(r->require_complete, 0);
	rubric_free(r);
	free(c.text);
}

static void test_unknown_attribute_warns(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-typo-attr.xml", &c);

	assert_non_null(r);
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(c.d.warnings, 1);
	assert_contains(c.text, "data/rubric-typo-attr.xml:13: warning: "
			"unknown attribute 'wieght' on 'item' is ignored");
	rubric_free(r);
	free(c.text);
}

static const struct {
	const char *file;
	const char *expect;
} refused[] = {
	{ "dup-code", ":13: error: duplicate item code 'a.01' in unit type 't1'" },
	{ "dup-scale", ":7: error: duplicate scale id 'yt'" },
	{ "dup-principle", ":8: error: duplicate principle id 'p1'" },
	{ "dup-aspect", ":9: error: duplicate aspect id 'A'" },
	{ "dup-type", ":15: error: duplicate unit type id 'T1'" },
	{ "dup-prefix", ":15: error: prefix 'tipe' of unit type 't2' is already used by unit type 't1'" },
	{ "dup-alias", ":5: error: answer 'sudah' of level 'Tidak' already belongs to level 'Ya' in scale 'yt'" },
	{ "dup-label", ":5: error: answer 'ya' of level 'ya' already belongs to level 'Ya' in scale 'yt'" },
	{ "unknown-aspect", ":13: error: item 'A.02' names unknown aspect 'Z'" },
	{ "unknown-scale", ":12: error: item 'A.01' names unknown scale 'ketersediaan'" },
	{ "unknown-principle", ":12: error: item 'A.01' names unknown principle 'p9'" },
	{ "level-range", ":4: error: value '1.5' of level 'Ya' is outside [0,1]" },
	{ "level-nan", ":5: error: attribute 'value' of 'level' is not a number: 'nan'" },
	{ "level-text", ":5: error: attribute 'value' of 'level' is not a number: '0,5'" },
	{ "weight-zero", ":8: error: weight '0' of aspect 'A' must be greater than 0" },
	{ "item-weight", ":13: error: weight '-2' of item 'A.02' must be greater than 0" },
	{ "bad-number", ":13: error: attribute 'weight' of 'item' is not a number: '1x'" },
	{ "item-weight-inf", ":13: error: attribute 'weight' of 'item' is not a number: 'inf'" },
	{ "missing-attr", ":13: error: element 'item' is missing attribute 'scale'" },
	{ "missing-label", ":7: error: element 'principle' is missing attribute 'label'" },
	{ "unknown-element", ":10: error: unknown element 'note'" },
	{ "unknown-child", ":13: error: unknown element 'criterion' in 'unit-type'" },
	{ "no-types", ":2: error: rubric 't' has no unit types" },
	{ "no-aspects", ":2: error: rubric 't' has no aspects" },
	{ "no-award", ":2: error: rubric 't' has no 'award' element" },
	{ "award-range", ":9: error: threshold '120' is outside [0,100]" },
	{ "award-range", ":9: error: attribute 'require-complete' must be 'true' or 'false', not 'yes'" },
	{ "not-rubric", ":2: error: root element is 'rubrik', expected 'rubric'" },
	{ "malformed", ":13: error: opening and ending tag mismatch: item line 13 and itme" },
	{ "doctype", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "xxe", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "laughs", ":2: error: DOCTYPE and entity declarations are not allowed" },
};

static void test_refused(void **state)
{
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char *path = g_strdup_printf("data/rubric-%s.xml", refused[i].file);
		char *expect = g_strconcat(path, refused[i].expect, NULL);
		struct diag_capture c;
		struct rubric *r = load(path, &c);

		if (r)
			fail_msg("%s was accepted", path);
		assert_true(c.d.errors >= 1);
		assert_contains(c.text, expect);
		/* Nothing of an entity's replacement text may ever show. */
		assert_null(strstr(c.text, "root:"));
		assert_null(strstr(c.text, "lollol"));
		free(c.text);
		g_free(expect);
		g_free(path);
	}
}

/* Every problem is reported, not just the first. */
static void test_all_problems_reported(void **state)
{
	static const char *const expect[] = {
		"data/rubric-many-errors.xml:4: error: value '2' of level 'Ya' is outside [0,1]",
		"data/rubric-many-errors.xml:8: error: weight '-1' of aspect 'A' must be greater than 0",
		"data/rubric-many-errors.xml:12: error: item 'A.01' names unknown principle 'p2'",
		"data/rubric-many-errors.xml:13: error: item 'A.01' names unknown aspect 'B'",
		"data/rubric-many-errors.xml:13: error: duplicate item code 'A.01' in unit type 't1'",
	};
	struct diag_capture c;
	struct rubric *r = load("data/rubric-many-errors.xml", &c);

	assert_null(r);
	assert_int_equal(c.d.errors, G_N_ELEMENTS(expect));
	for (size_t i = 0; i < G_N_ELEMENTS(expect); i++)
		assert_contains(c.text, expect[i]);
	free(c.text);
}

static void test_unreadable(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-does-not-exist.xml", &c);

	assert_null(r);
	assert_int_equal(c.d.errors, 1);
	assert_string_equal(c.text, "data/rubric-does-not-exist.xml: error: "
			    "cannot read: No such file or directory\n");
	free(c.text);

	r = load("data", &c);
	assert_null(r);
	assert_string_equal(c.text, "data: error: cannot read: Is a directory\n");
	free(c.text);
}

static void test_xmldoc_helpers(void **state)
{
	struct diag_capture c;
	xmlDocPtr doc;
	xmlNodePtr root, child;
	char *id;

	diag_capture_start(&c);
	doc = xmldoc_read("data/rubric-valid.xml", &c.d);
	diag_capture_stop(&c);
	assert_non_null(doc);
	assert_int_equal(c.len, 0);
	root = xmlDocGetRootElement(doc);
	assert_true(xmldoc_is(root, "rubric"));
	assert_false(xmldoc_is(root, "scale"));
	assert_false(xmldoc_is(NULL, "rubric"));
	id = xmldoc_attr(root, "title");
	assert_string_equal(id, "Test");
	xmlFree(id);
	assert_null(xmldoc_attr(root, "missing"));
	child = root->children;
	assert_false(xmldoc_is(child, "text"));
	xmlFreeDoc(doc);
	free(c.text);
}

int main(void)
{
	const struct CMUnitTest with_default[] = {
		cmocka_unit_test(test_default_counts),
		cmocka_unit_test(test_default_item),
		cmocka_unit_test(test_find_type),
		cmocka_unit_test(test_type_of_name),
		cmocka_unit_test(test_find_item),
		cmocka_unit_test(test_match_level),
		cmocka_unit_test(test_grade),
	};
	const struct CMUnitTest standalone[] = {
		cmocka_unit_test(test_custom),
		cmocka_unit_test(test_fixture_base_loads),
		cmocka_unit_test(test_unknown_attribute_warns),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_xmldoc_helpers),
	};
	int failed;

	failed = cmocka_run_group_tests_name("rubric (default)", with_default,
					     setup_default, teardown_default);
	failed += cmocka_run_group_tests_name("rubric (fixtures)", standalone, NULL, NULL);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
