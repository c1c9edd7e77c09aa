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
	assert_string_equal(rubric_award_text(r, rubric_grade(r, 85)), "Baik");
	assert_null(rubric_award_text(r, NULL));
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

static const struct rubric_level *level_of(const struct rubric_scale *sc,
					   const char *label)
{
	for (guint i = 0; i < sc->levels->len; i++) {
		const struct rubric_level *lv = sc->levels->pdata[i];

		if (strcmp(lv->label, label) == 0)
			return lv;
	}
	fail_msg("no level '%s' in scale '%s'", label, sc->id);
	return NULL;
}

/*
 * rubric-v2.xml: two groups, a predicate and grades, an evidence rule given
 * after the unit types (min 2, distinct, effect zero); type t1 has A.01
 * (group pengunjung, default min), the gate G.01 failing on Tidak, A.02
 * (group wbp, min 3) and A.03 (no group, min 0); type t2 has the gate G.02
 * failing on "ya" (Ya, named by an alias, in another case) and A.01.
 */
static void test_v2(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-v2.xml", &c);
	const struct rubric_group *pengunjung, *wbp;
	const struct rubric_unit_type *t1, *t2;
	const struct rubric_item *a01, *a02, *a03, *g01, *g02;
	const struct rubric_scale *yt;

	assert_non_null(r);
	assert_int_equal(c.len, 0);
	assert_string_equal(r->version, "2");
	yt = scale_named(r, "yt");

	assert_int_equal(r->groups->len, 2);
	pengunjung = r->groups->pdata[0];
	wbp = r->groups->pdata[1];
	assert_string_equal(pengunjung->id, "pengunjung");
	assert_string_equal(pengunjung->label, "Layanan bagi pengunjung/pemohon");
	assert_int_equal(pengunjung->index, 0);
	assert_string_equal(wbp->id, "wbp");
	assert_string_equal(wbp->label, "Layanan bagi warga binaan");
	assert_int_equal(wbp->index, 1);

	assert_true(r->has_evidence_rule);
	assert_int_equal(r->evidence_min, 2);
	assert_true(r->evidence_distinct);
	assert_int_equal(r->evidence_effect, EVIDENCE_ZERO);
	assert_string_equal(r->predicate, "Unit Kerja Pelayanan Publik Berbasis HAM");

	t1 = rubric_find_type(r, "t1");
	assert_non_null(t1);
	assert_int_equal(t1->items->len, 4);
	assert_int_equal(t1->scored, 3);
	a01 = rubric_find_item(t1, "A.01");
	g01 = rubric_find_item(t1, "g.01");
	a02 = rubric_find_item(t1, "A.02");
	a03 = rubric_find_item(t1, "A.03");
	assert_non_null(a01);
	assert_non_null(g01);
	assert_non_null(a02);
	assert_non_null(a03);
	assert_ptr_equal(t1->items->pdata[1], g01);
	assert_int_equal(g01->index, 1);
	assert_int_equal(a02->index, 2);

	assert_ptr_equal(a01->group, pengunjung);
	assert_ptr_equal(a02->group, wbp);
	assert_null(a03->group);
	assert_int_equal(a01->evidence_min, 2);
	assert_int_equal(a02->evidence_min, 3);
	assert_int_equal(a03->evidence_min, 0);
	assert_null(a01->gate);
	assert_null(a02->gate);
	assert_float_equal(a01->weight, 1, 0);

	assert_ptr_equal(g01->gate, level_of(yt, "Tidak"));
	assert_ptr_equal(g01->scale, yt);
	assert_float_equal(g01->weight, 0, 0);
	assert_null(g01->aspect);
	assert_null(g01->group);
	assert_int_equal(g01->principles->len, 0);
	assert_string_equal(g01->text, "Pencanangan");

	t2 = rubric_find_type(r, "t2");
	assert_non_null(t2);
	assert_int_equal(t2->items->len, 2);
	assert_int_equal(t2->scored, 1);
	g02 = rubric_find_item(t2, "G.02");
	assert_non_null(g02);
	assert_ptr_equal(g02->gate, level_of(yt, "Ya"));
	assert_null(g02->aspect);
	assert_ptr_equal(rubric_find_item(t2, "A.01")->group, wbp);

	/* With grades, the award text is the grade, not the predicate. */
	assert_int_equal(r->grades->len, 2);
	assert_string_equal(rubric_grade(r, 85), "Baik");
	assert_string_equal(rubric_award_text(r, rubric_grade(r, 85)), "Baik");
	assert_string_equal(rubric_award_text(r, rubric_grade(r, 10)), "Kurang");
	/* No grade reached: no award text, even though a predicate is given. */
	assert_null(rubric_award_text(r, NULL));
	rubric_free(r);
	free(c.text);
}

/* A rule given first, with distinct="false" and effect="flag". */
static void test_evidence_flag(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-v2-flag.xml", &c);
	const struct rubric_unit_type *t;

	assert_non_null(r);
	assert_int_equal(c.len, 0);
	assert_true(r->has_evidence_rule);
	assert_int_equal(r->evidence_min, 1);
	assert_false(r->evidence_distinct);
	assert_int_equal(r->evidence_effect, EVIDENCE_FLAG);
	assert_int_equal(r->groups->len, 0);
	assert_null(r->predicate);
	t = type_at(r, 0);
	assert_int_equal(t->scored, 2);
	assert_int_equal(rubric_find_item(t, "A.01")->evidence_min, 1);
	assert_int_equal(rubric_find_item(t, "A.02")->evidence_min, 4);
	assert_null(rubric_find_item(t, "A.01")->group);
	rubric_free(r);
	free(c.text);
}

/* SPEC 4.7: grades are optional; the award text is then the predicate. */
static void test_no_grades(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-no-grades.xml", &c);

	assert_non_null(r);
	assert_int_equal(c.d.errors + c.d.warnings, 0);
	assert_int_equal(r->grades->len, 0);
	assert_null(rubric_grade(r, 100));
	assert_null(rubric_grade(r, 0));
	/* The predicate is trimmed like every attribute. */
	assert_string_equal(r->predicate, "Unit Kerja Pelayanan Publik Berbasis HAM");
	assert_string_equal(rubric_award_text(r, NULL),
			    "Unit Kerja Pelayanan Publik Berbasis HAM");
	assert_false(r->has_evidence_rule);
	assert_int_equal(type_at(r, 0)->scored, 2);
	rubric_free(r);
	free(c.text);
}

/* Each forbidden attribute of a gate is one error, and nothing else is:
 * a gate needs no aspect, so none is reported missing. */
static void test_gate_attributes_each_reported(void **state)
{
	struct diag_capture c;
	struct rubric *r = load("data/rubric-gate-attrs.xml", &c);

	assert_null(r);
	assert_int_equal(c.d.errors, 5);
	assert_null(strstr(c.text, "missing attribute"));
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
	{ "unknown-group", ":13: error: item 'A.02' names unknown group 'WBP'" },
	{ "dup-group", ":11: error: duplicate group id 'g1'" },
	{ "gate-level", ":12: error: gate 'Proses' of item 'G.01' is not a level of scale 'yt'" },
	{ "gate-attrs", ":14: error: gate item 'G.01' cannot have 'aspect'" },
	{ "gate-attrs", ":15: error: gate item 'G.02' cannot have 'principles'" },
	{ "gate-attrs", ":16: error: gate item 'G.03' cannot have 'weight'" },
	{ "gate-attrs", ":17: error: gate item 'G.04' cannot have 'group'" },
	{ "gate-attrs", ":18: error: gate item 'G.05' cannot have 'evidence-min'" },
	{ "dup-evidence", ":11: error: duplicate element 'evidence'" },
	{ "evidence-negative", ":9: error: min '-1' must be a whole number from 0 to 100" },
	{ "evidence-fraction", ":9: error: min '1.5' must be a whole number from 0 to 100" },
	{ "evidence-over", ":9: error: min '101' must be a whole number from 0 to 100" },
	{ "evidence-text", ":9: error: attribute 'min' of 'evidence' is not a number: 'x'" },
	{ "evidence-item-min", ":12: error: evidence-min '-2' must be a whole number from 0 to 100" },
	{ "evidence-item-min", ":13: error: evidence-min '2.5' must be a whole number from 0 to 100" },
	{ "evidence-item-min", ":14: error: evidence-min '1000' must be a whole number from 0 to 100" },
	{ "evidence-effect", ":9: error: attribute 'effect' of 'evidence' must be 'flag' or 'zero', not 'drop'" },
	{ "evidence-distinct", ":9: error: attribute 'distinct' must be 'true' or 'false', not 'yes'" },
	{ "evidence-no-rule", ":12: error: item 'A.02' has 'evidence-min' but the rubric has no 'evidence' rule" },
	{ "blank-predicate", ":9: error: attribute 'predicate' is blank" },
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
		cmocka_unit_test(test_v2),
		cmocka_unit_test(test_evidence_flag),
		cmocka_unit_test(test_no_grades),
		cmocka_unit_test(test_gate_attributes_each_reported),
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
