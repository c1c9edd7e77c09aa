/* test_score.c — the scored model on hand-built rubrics and datasets (SPEC 4, 6, 8.10-8.13). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "ingest.h"
#include "score.h"
#include "text.h"

/*
 * The rubric used throughout:
 *   scales     ketersediaan: Ada 1, Proses 0.5, Tidak Ada 0, Belum Ada 0
 *              kualitas:     Baik 1, Cukup 0.75, Kurang 0.25
 *   principles P1 aksesibilitas, P2 nondiskriminasi, P3 partisipasi
 *   aspects    A weight 50, B weight 20, C weight 30
 *   grades     Sangat Baik 90, Baik 80, Cukup 60, Kurang 0
 *   award      threshold 80, floor 60, completeness required
 *   lapas      A.01 A ketersediaan w1 P1
 *              A.02 A ketersediaan w2 P1 P2
 *              B.01 B kualitas     w1 P2
 *              C.01 C ketersediaan w1 P3
 *              C.02 C kualitas     w2 P1
 *   rutan      A.01 A ketersediaan w1 P1
 *              A.02 A kualitas     w2 P2
 *              B.01 B ketersediaan w1 P1
 */

enum { ASPECT_A, ASPECT_B, ASPECT_C };
enum { P1, P2, P3 };

static char file_path[] = "tim1.csv";
static char file_encoding[] = "UTF-8";
static struct input_file test_file = {
	.path = file_path, .name = file_path, .encoding = file_encoding, .delimiter = ';', .layout = 'A',
};

#define assert_near(a, b) assert_near_at((a), (b), __FILE__, __LINE__)

static void assert_near_at(double a, double b, const char *file, int line)
{
	if (fabs(a - b) <= 1e-9)
		return;
	print_error("%.12f != %.12f\n", a, b);
	_fail(file, line);
}

/* ---- hand-built rubric ---- */

static void level_free(gpointer p)
{
	struct rubric_level *l = p;

	g_free(l->label);
	g_ptr_array_free(l->keys, TRUE);
	g_free(l);
}

static struct rubric_scale *scale_add(struct rubric *r, const char *id)
{
	struct rubric_scale *s = g_new0(struct rubric_scale, 1);

	s->id = g_strdup(id);
	s->levels = g_ptr_array_new_with_free_func(level_free);
	g_ptr_array_add(r->scales, s);
	return s;
}

static void level_add(struct rubric_scale *s, const char *label, double value)
{
	struct rubric_level *l = g_new0(struct rubric_level, 1);

	l->label = g_strdup(label);
	l->value = value;
	l->keys = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(l->keys, text_fold(label));
	g_ptr_array_add(s->levels, l);
}

static void principle_add(struct rubric *r, const char *id)
{
	struct rubric_principle *p = g_new0(struct rubric_principle, 1);

	p->id = g_strdup(id);
	p->label = g_strdup(id);
	p->index = r->principles->len;
	g_ptr_array_add(r->principles, p);
}

static void aspect_add(struct rubric *r, const char *id, double weight)
{
	struct rubric_aspect *a = g_new0(struct rubric_aspect, 1);

	a->id = g_strdup(id);
	a->label = g_strdup(id);
	a->weight = weight;
	a->index = r->aspects->len;
	g_ptr_array_add(r->aspects, a);
}

static void grade_add(struct rubric *r, double min, const char *label)
{
	struct rubric_grade *g = g_new0(struct rubric_grade, 1);

	g->min = min;
	g->label = g_strdup(label);
	g_ptr_array_add(r->grades, g);
}

static struct rubric_unit_type *type_add(struct rubric *r, const char *id)
{
	struct rubric_unit_type *t = g_new0(struct rubric_unit_type, 1);

	t->id = g_strdup(id);
	t->label = g_strdup(id);
	t->prefixes = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(t->prefixes, text_fold(id));
	t->items = g_ptr_array_new();
	t->by_code = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_ptr_array_add(r->unit_types, t);
	return t;
}

static const struct rubric_scale *scale_named(const struct rubric *r,
					      const char *id)
{
	for (guint i = 0; i < r->scales->len; i++) {
		const struct rubric_scale *s = g_ptr_array_index(r->scales, i);
		if (strcmp(s->id, id) == 0)
			return s;
	}
	fail_msg("no scale %s", id);
	return NULL;
}

/* `principles` holds principle indexes, ended by -1. */
static void item_add(const struct rubric *r, struct rubric_unit_type *t,
		     const char *code, unsigned aspect, const char *scale,
		     double weight, const int *principles)
{
	struct rubric_item *it = g_new0(struct rubric_item, 1);

	it->code = g_strdup(code);
	it->text = g_strdup(code);
	it->aspect = g_ptr_array_index(r->aspects, aspect);
	it->scale = scale_named(r, scale);
	it->principles = g_ptr_array_new();
	for (const int *p = principles; *p >= 0; p++)
		g_ptr_array_add(it->principles,
				g_ptr_array_index(r->principles, (guint)*p));
	it->weight = weight;
	it->index = t->items->len;
	t->scored++;
	g_ptr_array_add(t->items, it);
	g_hash_table_insert(t->by_code, text_fold(code), it);
}

static void make_types(struct rubric *r)
{
	static const int p1[] = { P1, -1 }, p2[] = { P2, -1 }, p3[] = { P3, -1 };
	static const int p12[] = { P1, P2, -1 };
	struct rubric_unit_type *lapas = type_add(r, "lapas");
	struct rubric_unit_type *rutan = type_add(r, "rutan");

	item_add(r, lapas, "A.01", ASPECT_A, "ketersediaan", 1, p1);
	item_add(r, lapas, "A.02", ASPECT_A, "ketersediaan", 2, p12);
	item_add(r, lapas, "B.01", ASPECT_B, "kualitas", 1, p2);
	item_add(r, lapas, "C.01", ASPECT_C, "ketersediaan", 1, p3);
	item_add(r, lapas, "C.02", ASPECT_C, "kualitas", 2, p1);
	item_add(r, rutan, "A.01", ASPECT_A, "ketersediaan", 1, p1);
	item_add(r, rutan, "A.02", ASPECT_A, "kualitas", 2, p2);
	item_add(r, rutan, "B.01", ASPECT_B, "ketersediaan", 1, p1);
}

static struct rubric *make_rubric(void)
{
	struct rubric *r = g_new0(struct rubric, 1);
	struct rubric_scale *s;

	r->path = g_strdup("rubric.xml");
	r->id = g_strdup("permenkumham-27-2018");
	r->version = g_strdup("1");
	r->title = g_strdup("Uji");
	r->scales = g_ptr_array_new();
	r->principles = g_ptr_array_new();
	r->aspects = g_ptr_array_new();
	r->grades = g_ptr_array_new();
	r->unit_types = g_ptr_array_new();
	s = scale_add(r, "ketersediaan");
	level_add(s, "Ada", 1);
	level_add(s, "Proses", 0.5);
	level_add(s, "Tidak Ada", 0);
	level_add(s, "Belum Ada", 0);
	s = scale_add(r, "kualitas");
	level_add(s, "Baik", 1);
	level_add(s, "Cukup", 0.75);
	level_add(s, "Kurang", 0.25);
	principle_add(r, "aksesibilitas");
	principle_add(r, "nondiskriminasi");
	principle_add(r, "partisipasi");
	aspect_add(r, "A", 50);
	aspect_add(r, "B", 20);
	aspect_add(r, "C", 30);
	grade_add(r, 90, "Sangat Baik");
	grade_add(r, 80, "Baik");
	grade_add(r, 60, "Cukup");
	grade_add(r, 0, "Kurang");
	r->threshold = 80;
	r->aspect_floor = 60;
	r->require_complete = 1;
	make_types(r);
	return r;
}

static void free_named(char *id, char *label)
{
	g_free(id);
	g_free(label);
}

static void free_rubric(struct rubric *r)
{
	for (guint i = 0; i < r->unit_types->len; i++) {
		struct rubric_unit_type *t = g_ptr_array_index(r->unit_types, i);
		for (guint k = 0; k < t->items->len; k++) {
			struct rubric_item *it = g_ptr_array_index(t->items, k);
			free_named(it->code, it->text);
			g_ptr_array_free(it->principles, TRUE);
			g_free(it);
		}
		g_ptr_array_free(t->items, TRUE);
		g_ptr_array_free(t->prefixes, TRUE);
		g_hash_table_destroy(t->by_code);
		free_named(t->id, t->label);
		g_free(t);
	}
	for (guint i = 0; i < r->scales->len; i++) {
		struct rubric_scale *s = g_ptr_array_index(r->scales, i);
		g_ptr_array_free(s->levels, TRUE);
		g_free(s->id);
		g_free(s);
	}
	for (guint i = 0; i < r->principles->len; i++) {
		struct rubric_principle *p = g_ptr_array_index(r->principles, i);
		free_named(p->id, p->label);
		g_free(p);
	}
	for (guint i = 0; i < r->aspects->len; i++) {
		struct rubric_aspect *a = g_ptr_array_index(r->aspects, i);
		free_named(a->id, a->label);
		g_free(a);
	}
	for (guint i = 0; i < r->grades->len; i++) {
		struct rubric_grade *g = g_ptr_array_index(r->grades, i);
		g_free(g->label);
		g_free(g);
	}
	g_ptr_array_free(r->unit_types, TRUE);
	g_ptr_array_free(r->scales, TRUE);
	g_ptr_array_free(r->principles, TRUE);
	g_ptr_array_free(r->aspects, TRUE);
	g_ptr_array_free(r->grades, TRUE);
	free_named(r->path, r->id);
	free_named(r->version, r->title);
	g_free(r);
}

/* Tests that probe boundaries set level values directly. */
static void set_value(const struct rubric *r, const char *scale,
		      const char *label, double value)
{
	const struct rubric_scale *s = scale_named(r, scale);

	for (guint i = 0; i < s->levels->len; i++) {
		struct rubric_level *l = g_ptr_array_index(s->levels, i);
		if (strcmp(l->label, label) == 0) {
			l->value = value;
			return;
		}
	}
	fail_msg("no level %s", label);
}

/* ---- hand-built datasets ---- */

static struct dataset *make_dataset(const struct rubric *r)
{
	struct dataset *ds = g_new0(struct dataset, 1);

	ds->rubric = r;
	ds->files = g_ptr_array_new();
	g_ptr_array_add(ds->files, &test_file);
	ds->units = g_ptr_array_new();
	ds->unit_by_key = g_hash_table_new(g_str_hash, g_str_equal);
	ds->rejected = g_ptr_array_new();
	return ds;
}

static void free_dataset(struct dataset *ds)
{
	for (guint i = 0; i < ds->units->len; i++) {
		struct unit_obs *u = g_ptr_array_index(ds->units, i);
		for (guint k = 0; k < u->observations->len; k++) {
			struct observation *o = g_ptr_array_index(u->observations, k);
			free_named(o->evidence, o->note);
			g_free(o->verifier);
			g_free(o);
		}
		g_ptr_array_free(u->observations, TRUE);
		free_named(u->name, u->key);
		g_free(u->kanwil);
		g_free(u);
	}
	g_ptr_array_free(ds->units, TRUE);
	g_ptr_array_free(ds->files, TRUE);
	g_ptr_array_free(ds->rejected, TRUE);
	g_hash_table_destroy(ds->unit_by_key);
	g_free(ds);
}

static struct unit_obs *unit_add(struct dataset *ds, const char *name,
				 const char *kanwil, const char *type)
{
	struct unit_obs *u = g_new0(struct unit_obs, 1);

	u->name = g_strdup(name);
	u->key = text_fold(name);
	u->kanwil = g_strdup(kanwil);
	for (guint i = 0; i < ds->rubric->unit_types->len; i++) {
		const struct rubric_unit_type *t =
			g_ptr_array_index(ds->rubric->unit_types, i);
		if (strcmp(t->id, type) == 0)
			u->type = t;
	}
	assert_non_null(u->type);
	u->observations = g_ptr_array_new();
	g_ptr_array_add(ds->units, u);
	g_hash_table_insert(ds->unit_by_key, u->key, u);
	return u;
}

static const struct rubric_item *item_named(const struct rubric_unit_type *t,
					    const char *code)
{
	for (guint i = 0; i < t->items->len; i++) {
		const struct rubric_item *it = g_ptr_array_index(t->items, i);
		if (strcmp(it->code, code) == 0)
			return it;
	}
	fail_msg("no item %s", code);
	return NULL;
}

static const struct rubric_level *level_named(const struct rubric_scale *s,
					      const char *label)
{
	for (guint i = 0; i < s->levels->len; i++) {
		const struct rubric_level *l = g_ptr_array_index(s->levels, i);
		if (strcmp(l->label, label) == 0)
			return l;
	}
	fail_msg("no level %s", label);
	return NULL;
}

static const struct observation *obs_add(struct unit_obs *u, const char *code,
					 const char *answer, int date,
					 const char *evidence, const char *note)
{
	static unsigned long seq;
	struct observation *o = g_new0(struct observation, 1);

	o->item = item_named(u->type, code);
	o->level = level_named(o->item->scale, answer);
	o->date = date;
	o->evidence = g_strdup(evidence);
	o->note = g_strdup(note);
	o->file = &test_file;
	o->seq = ++seq;
	o->line = o->seq + 1;
	g_ptr_array_add(u->observations, o);
	return o;
}

/* One undated observation per item of the type; NULL leaves an item out. */
static void answer(struct unit_obs *u, const char *const answers[])
{
	for (guint i = 0; i < u->type->items->len; i++) {
		const struct rubric_item *it = g_ptr_array_index(u->type->items, i);
		if (answers[i])
			obs_add(u, it->code, answers[i], 0, NULL, NULL);
	}
}

static const char *const lapas_all_top[] = { "Ada", "Ada", "Baik", "Ada", "Baik" };
static const char *const lapas_mixed[] = { "Proses", "Ada", "Cukup", "Tidak Ada", "Baik" };
static const char *const rutan_all_top[] = { "Ada", "Baik", "Ada" };
static const char *const rutan_mixed[] = { "Ada", "Cukup", "Proses" };

/* ---- fixture and look-ups ---- */

struct fixture {
	struct rubric *r;
	struct dataset *ds;
	struct model *m;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	f->r = make_rubric();
	f->ds = make_dataset(f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	model_free(f->m);
	free_dataset(f->ds);
	free_rubric(f->r);
	g_free(f);
	return 0;
}

static const struct scored_unit *unit_named(const struct model *m,
					    const char *name)
{
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *su = g_ptr_array_index(m->units, i);
		if (strcmp(su->name.raw, name) == 0)
			return su;
	}
	fail_msg("no unit %s", name);
	return NULL;
}

static const struct scored_item *item_of(const struct scored_unit *su,
					 const char *code)
{
	for (guint i = 0; i < su->type->items->len; i++)
		if (strcmp(su->items[i].item->code, code) == 0)
			return &su->items[i];
	fail_msg("no item %s", code);
	return NULL;
}

static const struct reason *reason_at(const struct scored_unit *su, guint i)
{
	assert_true(i < su->reasons->len);
	return &g_array_index(su->reasons, struct reason, i);
}

static void assert_reason(const struct scored_unit *su, guint i,
			  enum reason_kind kind, int aspect, double value,
			  double limit)
{
	const struct reason *why = reason_at(su, i);

	assert_int_equal(why->kind, kind);
	if (aspect < 0)
		assert_null(why->aspect);
	else
		assert_int_equal(why->aspect->index, aspect);
	assert_near(why->value, value);
	assert_near(why->limit, limit);
}

/* ---- gates and the evidence rule (SPEC 4.8a, 4.8b) ---- */

/* A gate of scale ketersediaan that fails on `failing`: no aspect, no
 * principles, weight 0, not counted in the type's scored items. */
static void gate_add(const struct rubric *r, struct rubric_unit_type *t,
		     const char *code, const char *failing, const char *text)
{
	struct rubric_item *it = g_new0(struct rubric_item, 1);

	it->code = g_strdup(code);
	it->text = g_strdup(text);
	it->scale = scale_named(r, "ketersediaan");
	it->gate = level_named(it->scale, failing);
	it->principles = g_ptr_array_new();
	it->index = t->items->len;
	g_ptr_array_add(t->items, it);
	g_hash_table_insert(t->by_code, text_fold(code), it);
}

/*
 * A third type whose gates sit between its scored items:
 *   lpka  A.01 A ketersediaan w1 P1
 *         G.01 gate, fails on Ada        "Temuan Ombudsman"
 *         B.01 B kualitas     w1 P2
 *         G.02 gate, fails on Tidak Ada  "Pencanangan"
 *         C.01 C ketersediaan w1 P3
 */
static void make_gated(struct rubric *r)
{
	static const int p1[] = { P1, -1 }, p2[] = { P2, -1 }, p3[] = { P3, -1 };
	struct rubric_unit_type *lpka = type_add(r, "lpka");

	item_add(r, lpka, "A.01", ASPECT_A, "ketersediaan", 1, p1);
	gate_add(r, lpka, "G.01", "Ada", "Temuan Ombudsman");
	item_add(r, lpka, "B.01", ASPECT_B, "kualitas", 1, p2);
	gate_add(r, lpka, "G.02", "Tidak Ada", "Pencanangan");
	item_add(r, lpka, "C.01", ASPECT_C, "ketersediaan", 1, p3);
	assert_int_equal(lpka->items->len, 5);
	assert_int_equal(lpka->scored, 3);
}

/* The rubric's <evidence min distinct effect/>; every item takes `min`. */
static void evidence_rule(struct rubric *r, unsigned min, int distinct,
			  enum evidence_effect effect)
{
	r->has_evidence_rule = 1;
	r->evidence_min = min;
	r->evidence_distinct = distinct;
	r->evidence_effect = effect;
	for (guint i = 0; i < r->unit_types->len; i++) {
		const struct rubric_unit_type *t = g_ptr_array_index(r->unit_types, i);

		for (guint k = 0; k < t->items->len; k++) {
			struct rubric_item *it = g_ptr_array_index(t->items, k);

			it->evidence_min = it->gate ? 0 : min;
		}
	}
}

/* An item's own evidence-min="n". */
static void item_evidence_min(const struct rubric *r, const char *type,
			      const char *code, unsigned n)
{
	for (guint i = 0; i < r->unit_types->len; i++) {
		const struct rubric_unit_type *t = g_ptr_array_index(r->unit_types, i);

		if (strcmp(t->id, type) == 0) {
			((struct rubric_item *)item_named(t, code))->evidence_min = n;
			return;
		}
	}
	fail_msg("no type %s", type);
}

/* Like answer(), with each item's data dukung; NULL answers are left out. */
static void answer_with_evidence(struct unit_obs *u, const char *const answers[],
				 const char *const evidence[])
{
	for (guint i = 0; i < u->type->items->len; i++) {
		const struct rubric_item *it = g_ptr_array_index(u->type->items, i);
		if (answers[i])
			obs_add(u, it->code, answers[i], 0, evidence[i], NULL);
	}
}

static void assert_evidence(const struct scored_unit *su, const char *code,
			    enum evidence_status want)
{
	const struct scored_item *si = item_of(su, code);

	if (si->evidence_status != want)
		fail_msg("%s of %s: evidence status %s, expected %s", code, su->name.raw,
			 score_evidence_name(si->evidence_status) ?
			 score_evidence_name(si->evidence_status) : "unchecked",
			 score_evidence_name(want) ? score_evidence_name(want) : "unchecked");
}

static void assert_gate_reason(const struct scored_unit *su, guint i, const char *code)
{
	const struct reason *why = reason_at(su, i);

	assert_int_equal(why->kind, REASON_GATE);
	assert_non_null(why->gate);
	assert_string_equal(why->gate->code, code);
	assert_null(why->aspect);
}

/* ---- tests ---- */

/*
 * C.02 unanswered: s = 0.
 * A: 100 (1*1 + 2*1)/3 = 100; B: 100; C: 100 (1*1 + 2*0)/3 = 33.33
 * P1: 100 (1*1 + 2*1 + 2*0)/5 = 60; P2: 100; P3: 100
 * total: (50*100 + 20*100 + 30*33.33)/100 = 80.00 → Baik
 * completeness 4/5 = 80 → reasons: aspect C, completeness
 */
static void test_missing_item(void **state)
{
	struct fixture *f = *state;
	static const char *const answers[] = { "Ada", "Ada", "Baik", "Ada", NULL };
	const struct scored_unit *su;
	const struct scored_item *si;

	answer(unit_add(f->ds, "Lapas Kelas I Cipinang", "Kanwil DKI", "lapas"),
	       answers);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_int_equal(f->m->year, 2019);
	assert_int_equal(f->m->date, 20191210);
	su = unit_named(f->m, "Lapas Kelas I Cipinang");
	si = item_of(su, "C.02");
	assert_int_equal(si->status, ITEM_MISSING);
	assert_null(si->level);
	assert_null(si->chosen);
	assert_null(si->evidence.raw);
	assert_null(si->note.raw);
	assert_near(si->score, 0);
	assert_int_equal(item_of(su, "A.01")->status, ITEM_ASSESSED);
	assert_int_equal(su->observed, 4);
	assert_near(su->completeness, 80);
	assert_near(su->aspects[ASPECT_A], 100);
	assert_near(su->aspects[ASPECT_B], 100);
	assert_near(su->aspects[ASPECT_C], 100.0 / 3);
	assert_near(su->principles[P1], 60);
	assert_near(su->principles[P2], 100);
	assert_near(su->principles[P3], 100);
	assert_near(su->total, 80);
	assert_string_equal(su->grade, "Baik");
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 2);
	assert_reason(su, 0, REASON_ASPECT, ASPECT_C, 100.0 / 3, 60);
	assert_reason(su, 1, REASON_COMPLETENESS, -1, 80, 100);
	assert_int_equal(su->has_previous, 0);
	assert_int_equal(f->m->conflicts->len, 0);
}

/*
 * A.01 answered "Ada" four times: evidence foto, foto, SK, (empty);
 * notes (none), ok, (empty), ok → evidence "foto; SK", note "ok".
 * The first observation is chosen even though it is not the latest.
 */
static void test_equal_answers_merge(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Merge", "Kanwil DKI", "lapas");
	const struct observation *first;
	const struct scored_item *si;

	first = obs_add(u, "A.01", "Ada", 20191003, "foto", NULL);
	obs_add(u, "A.01", "Ada", 20191005, "foto", "ok");
	obs_add(u, "A.01", "Ada", 20191004, "SK", "");
	obs_add(u, "A.01", "Ada", 20191001, "", "ok");
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	si = item_of(unit_named(f->m, "Lapas Merge"), "A.01");
	assert_int_equal(si->status, ITEM_ASSESSED);
	assert_int_equal(si->chosen->seq, first->seq);
	assert_string_equal(si->level->label, "Ada");
	assert_near(si->score, 1);
	assert_string_equal(si->evidence.raw, "foto; SK");
	assert_string_equal(si->note.raw, "ok");
	assert_int_equal(unit_named(f->m, "Lapas Merge")->observed, 1);
	assert_int_equal(f->m->conflicts->len, 0);
}

/*
 * The berita acara's teams and dates come from every accepted row: Tim 2
 * agrees with Tim 1 on everything, so no chosen answer and no conflict is
 * its, and it is a team of the unit all the same; a verifier given twice
 * counts once, a bidirectional control is shown as U+FFFD, dates are
 * distinct and ascending, an undated row adds none.
 */
static void test_unit_teams_and_dates(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Tim", "Kanwil DKI", "lapas");
	struct observation *o[4];
	const struct scored_unit *su;

	o[0] = (struct observation *)obs_add(u, "A.01", "Ada", 20191005, "foto", NULL);
	o[1] = (struct observation *)obs_add(u, "A.01", "Ada", 20191003, "foto", NULL);
	o[2] = (struct observation *)obs_add(u, "A.02", "Ada", 20191005, "foto", NULL);
	o[3] = (struct observation *)obs_add(u, "C.01", "Ada", 0, "foto", NULL);
	o[0]->verifier = g_strdup("Tim 1");
	o[1]->verifier = g_strdup("Tim 2 \u202Eevil");
	o[2]->verifier = g_strdup("Tim 1");
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Tim");
	assert_int_equal(f->m->conflicts->len, 0);
	assert_int_equal(su->teams->len, 2);
	assert_string_equal(g_ptr_array_index(su->teams, 0), "Tim 1");
	assert_string_equal(g_ptr_array_index(su->teams, 1), "Tim 2 \uFFFDevil");
	assert_int_equal(su->dates->len, 2);
	assert_int_equal(g_array_index(su->dates, int, 0), 20191003);
	assert_int_equal(g_array_index(su->dates, int, 1), 20191005);
}

/*
 * A.01, all dated: the latest (2019-10-05, Ada) wins although Ada is the
 * highest value; the evidence comes from every "Ada": e2, then e4.
 * A.02, two share the latest date: Proses (0.5) beats Ada (1).
 */
static void test_conflict_latest_date_wins(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Konflik", "Kanwil DKI", "lapas");
	const struct observation *o[4], *p;
	const struct scored_unit *su;
	const struct scored_item *si;
	const struct conflict *c;

	o[0] = obs_add(u, "A.01", "Tidak Ada", 20191001, "e1", NULL);
	o[1] = obs_add(u, "A.01", "Ada", 20191005, "e2", "n2");
	obs_add(u, "A.02", "Ada", 20191005, NULL, NULL);
	p = obs_add(u, "A.02", "Proses", 20191005, NULL, NULL);
	obs_add(u, "A.02", "Tidak Ada", 20191001, NULL, NULL);
	o[2] = obs_add(u, "A.01", "Tidak Ada", 20191003, "e3", NULL);
	o[3] = obs_add(u, "A.01", "Ada", 20190901, "e4", NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Konflik");
	si = item_of(su, "A.01");
	assert_int_equal(si->status, ITEM_CONFLICT);
	assert_int_equal(si->chosen->seq, o[1]->seq);
	assert_string_equal(si->level->label, "Ada");
	assert_near(si->score, 1);
	assert_string_equal(si->evidence.raw, "e2; e4");
	assert_string_equal(si->note.raw, "n2");
	assert_int_equal(item_of(su, "A.02")->chosen->seq, p->seq);
	assert_null(item_of(su, "A.02")->evidence.raw);
	assert_int_equal(su->observed, 2);
	assert_int_equal(f->m->conflicts->len, 2);
	c = g_ptr_array_index(f->m->conflicts, 0);
	assert_ptr_equal(c->unit, su);
	assert_ptr_equal(c->item, si);
	assert_int_equal(c->observations->len, 4);
	for (guint i = 0; i < 4; i++)
		assert_int_equal(((const struct model_obs *)g_ptr_array_index(c->observations, i))->seq,
				 o[i]->seq);
}

/* No dates: Ada, Proses, Ada → the lowest, Proses (0.5), wins. */
static void test_conflict_undated_lowest_wins(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Tanpa Tanggal", "K", "lapas");
	const struct observation *low;
	const struct scored_item *si;

	obs_add(u, "A.01", "Ada", 0, "a1", NULL);
	low = obs_add(u, "A.01", "Proses", 0, "p", NULL);
	obs_add(u, "A.01", "Ada", 0, "a2", NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	si = item_of(unit_named(f->m, "Lapas Tanpa Tanggal"), "A.01");
	assert_int_equal(si->status, ITEM_CONFLICT);
	assert_int_equal(si->chosen->seq, low->seq);
	assert_near(si->score, 0.5);
	assert_string_equal(si->evidence.raw, "p");
	assert_null(si->note.raw);
}

/*
 * Proses 2019-10-10, Tidak Ada undated, Ada 2019-10-20: not every answer is
 * dated, so all compete and Tidak Ada (0) wins over the latest Ada.
 */
static void test_conflict_some_dates_missing(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Sebagian", "K", "lapas");
	const struct observation *low;
	const struct scored_item *si;

	obs_add(u, "A.01", "Proses", 20191010, NULL, NULL);
	low = obs_add(u, "A.01", "Tidak Ada", 0, NULL, NULL);
	obs_add(u, "A.01", "Ada", 20191020, NULL, NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	si = item_of(unit_named(f->m, "Lapas Sebagian"), "A.01");
	assert_int_equal(si->status, ITEM_CONFLICT);
	assert_int_equal(si->chosen->seq, low->seq);
	assert_near(si->score, 0);
}

/*
 * A.01 undated: Ada, Belum Ada (b1), Tidak Ada (t), Belum Ada (b2). Belum
 * Ada and Tidak Ada both score 0: the first seen, Belum Ada, wins, with the
 * evidence of both of its observations "b1; b2".
 * A.02 same date: Tidak Ada then Belum Ada → Tidak Ada.
 */
static void test_conflict_tie_first_seen(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *u = unit_add(f->ds, "Lapas Seri", "K", "lapas");
	const struct observation *first, *dated;
	const struct scored_unit *su;

	obs_add(u, "A.01", "Ada", 0, "a", NULL);
	first = obs_add(u, "A.01", "Belum Ada", 0, "b1", NULL);
	obs_add(u, "A.01", "Tidak Ada", 0, "t", NULL);
	obs_add(u, "A.01", "Belum Ada", 0, "b2", NULL);
	dated = obs_add(u, "A.02", "Tidak Ada", 20191005, NULL, NULL);
	obs_add(u, "A.02", "Belum Ada", 20191005, NULL, NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Seri");
	assert_int_equal(item_of(su, "A.01")->chosen->seq, first->seq);
	assert_string_equal(item_of(su, "A.01")->level->label, "Belum Ada");
	assert_string_equal(item_of(su, "A.01")->evidence.raw, "b1; b2");
	assert_int_equal(item_of(su, "A.02")->chosen->seq, dated->seq);
	assert_int_equal(f->m->conflicts->len, 2);
}

/*
 * Proses 0.5, Ada 1, Cukup 0.75, Tidak Ada 0, Baik 1:
 * A: 100 (1*0.5 + 2*1)/3 = 83.33; B: 75; C: 100 (1*0 + 2*1)/3 = 66.67
 * P1 (A.01, A.02, C.02): 100 (0.5 + 2 + 2)/5 = 90
 * P2 (A.02, B.01): 100 (2 + 0.75)/3 = 91.67; P3 (C.01): 0
 * total: (50*83.33 + 20*75 + 30*66.67)/100 = 230/3 = 76.67 → Cukup,
 * one reason: total below 80.
 */
static void test_weighted_formulas(void **state)
{
	struct fixture *f = *state;
	const struct scored_unit *su;

	answer(unit_add(f->ds, "Lapas Campur", "K", "lapas"), lapas_mixed);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Campur");
	assert_near(su->aspects[ASPECT_A], 250.0 / 3);
	assert_near(su->aspects[ASPECT_B], 75);
	assert_near(su->aspects[ASPECT_C], 200.0 / 3);
	assert_near(su->principles[P1], 90);
	assert_near(su->principles[P2], 275.0 / 3);
	assert_near(su->principles[P3], 0);
	assert_near(su->total, 230.0 / 3);
	assert_near(su->completeness, 100);
	assert_string_equal(su->grade, "Cukup");
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 1);
	assert_reason(su, 0, REASON_TOTAL, -1, 230.0 / 3, 80);
}

/*
 * Rutan (no aspect C, no P3): Ada 1, Cukup 0.75, Proses 0.5
 * A: 100 (1*1 + 2*0.75)/3 = 83.33; B: 50; C: NAN
 * P1 (A.01, B.01): 100 (1 + 0.5)/2 = 75; P2 (A.02): 75; P3: NAN
 * total over A and B only: (50*83.33 + 20*50)/70 = 15500/210 = 73.81
 * reasons: total, aspect B (no reason for the absent C)
 */
static void test_absent_aspect_omitted(void **state)
{
	struct fixture *f = *state;
	const struct scored_unit *su;

	answer(unit_add(f->ds, "Rutan Campur", "K", "rutan"), rutan_mixed);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Rutan Campur");
	assert_near(su->aspects[ASPECT_A], 250.0 / 3);
	assert_near(su->aspects[ASPECT_B], 50);
	assert_true(isnan(su->aspects[ASPECT_C]));
	assert_near(su->principles[P1], 75);
	assert_near(su->principles[P2], 75);
	assert_true(isnan(su->principles[P3]));
	assert_near(su->total, 15500.0 / 210);
	assert_near(su->completeness, 100);
	assert_int_equal(su->reasons->len, 2);
	assert_reason(su, 0, REASON_TOTAL, -1, 15500.0 / 210, 80);
	assert_reason(su, 1, REASON_ASPECT, ASPECT_B, 50, 60);
}

/*
 * Every answer of a unit scores v, so every aspect and the total are 100 v.
 *   Satu: v = 0.799999999999 → 79.9999999999, within 1e-9 of 80: Baik,
 *         recommended.
 *   Dua:  v = 0.79999999 → 79.999999: Cukup, reason total only.
 *   Tiga: v = 0.599999999999 → 59.9999999999: Cukup (60 with slack); the
 *         aspects pass the floor of 60 with slack, so only the total fails.
 */
static void test_grade_and_floor_slack(void **state)
{
	struct fixture *f = *state;
	static const char *const top[] = { "Ada", "Ada", "Baik", "Ada", "Baik" };
	static const char *const mid[] = { "Proses", "Proses", "Cukup", "Proses", "Cukup" };
	static const char *const low[] = { "Tidak Ada", "Tidak Ada", "Kurang",
					   "Tidak Ada", "Kurang" };
	const struct scored_unit *su;

	set_value(f->r, "ketersediaan", "Ada", 0.799999999999);
	set_value(f->r, "kualitas", "Baik", 0.799999999999);
	set_value(f->r, "ketersediaan", "Proses", 0.79999999);
	set_value(f->r, "kualitas", "Cukup", 0.79999999);
	set_value(f->r, "ketersediaan", "Tidak Ada", 0.599999999999);
	set_value(f->r, "kualitas", "Kurang", 0.599999999999);
	answer(unit_add(f->ds, "Lapas Tiga", "K", "lapas"), low);
	answer(unit_add(f->ds, "Lapas Dua", "K", "lapas"), mid);
	answer(unit_add(f->ds, "Lapas Satu", "K", "lapas"), top);
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	su = unit_named(f->m, "Lapas Satu");
	assert_true(su->total < 80);
	assert_string_equal(su->grade, "Baik");
	assert_int_equal(su->recommendation, REC_RECOMMENDED);
	assert_int_equal(su->reasons->len, 0);
	assert_int_equal(su->rank, 1);

	su = unit_named(f->m, "Lapas Dua");
	assert_string_equal(su->grade, "Cukup");
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 1);
	assert_reason(su, 0, REASON_TOTAL, -1, 79.999999, 80);
	/* 79.999999 shows as 80.00, like Lapas Satu: the rank is shared. */
	assert_int_equal(su->rank, 1);

	su = unit_named(f->m, "Lapas Tiga");
	assert_true(su->total < 60);
	assert_string_equal(su->grade, "Cukup");
	assert_int_equal(su->reasons->len, 1);
	assert_reason(su, 0, REASON_TOTAL, -1, 59.9999999999, 80);
	assert_int_equal(su->rank, 3);
}

static void test_score_at_least(void **state)
{
	assert_true(score_at_least(80, 80));
	assert_true(score_at_least(79.9999999999, 80));
	assert_true(score_at_least(80.5, 80));
	assert_false(score_at_least(79.999999, 80));
	assert_false(score_at_least(79.99999999, 80));
}

/*
 * Tidak Ada 0, Tidak Ada 0, Kurang 0.25, Ada 1, C.02 missing:
 * A: 0; B: 25; C: 100 (1*1 + 2*0)/3 = 33.33
 * total: (50*0 + 20*25 + 30*33.33)/100 = 15 → Kurang; completeness 80.
 * Every condition fails: total, aspects A, B, C in rubric order, completeness.
 */
static void test_every_reason_listed(void **state)
{
	struct fixture *f = *state;
	static const char *const answers[] = { "Tidak Ada", "Tidak Ada", "Kurang",
					       "Ada", NULL };
	const struct scored_unit *su;

	answer(unit_add(f->ds, "Lapas Gagal", "K", "lapas"), answers);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Gagal");
	assert_near(su->total, 15);
	assert_string_equal(su->grade, "Kurang");
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 5);
	assert_reason(su, 0, REASON_TOTAL, -1, 15, 80);
	assert_reason(su, 1, REASON_ASPECT, ASPECT_A, 0, 60);
	assert_reason(su, 2, REASON_ASPECT, ASPECT_B, 25, 60);
	assert_reason(su, 3, REASON_ASPECT, ASPECT_C, 100.0 / 3, 60);
	assert_reason(su, 4, REASON_COMPLETENESS, -1, 80, 100);
}

/*
 * Proses is set to 1 - 1e-12, so "Lapas B" (Proses on A.01) totals
 * (50 * 100 (0.999999999999 + 2)/3 + 20*100 + 30*100)/100 = 99.99999999998,
 * which rounds to 100 at 9 decimals and ties with "Lapas a" and "Lapas Ébc"
 * (all 100). Ties go by code point: "B" (U+0042) < "a" (U+0061) < "É" (U+00C9).
 * "Lapas C" has no answers: total 0, last.
 */
static void test_rank_ties_by_name(void **state)
{
	struct fixture *f = *state;
	static const char *const near_top[] = { "Proses", "Ada", "Baik", "Ada", "Baik" };
	static const char *const order[] = { "Lapas B", "Lapas a", "Lapas \xc3\x89" "bc",
					     "Lapas C" };

	set_value(f->r, "ketersediaan", "Proses", 1 - 1e-12);
	unit_add(f->ds, "Lapas C", "K", "lapas");
	answer(unit_add(f->ds, "Lapas a", "K", "lapas"), lapas_all_top);
	answer(unit_add(f->ds, "Lapas \xc3\x89" "bc", "K", "lapas"), lapas_all_top);
	answer(unit_add(f->ds, "Lapas B", "K", "lapas"), near_top);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_true(unit_named(f->m, "Lapas B")->total <
		    unit_named(f->m, "Lapas a")->total);
	assert_int_equal(f->m->units->len, 4);
	for (guint i = 0; i < 4; i++) {
		const struct scored_unit *su = g_ptr_array_index(f->m->units, i);
		assert_string_equal(su->name.raw, order[i]);
		/* SPEC 8.12: equal totals as shown share the rank. */
		assert_int_equal(su->rank, i < 3 ? 1 : 4);
	}
}

/*
 * Ids in order of first appearance, whatever the rank:
 *   Rutan Kelas IIB Pangkalan Bûn → rutan-kelas-iib-pangkalan-bun
 *   Lapas X-3 → lapas-x-3;  Lapas X → lapas-x;  LAPAS X! → lapas-x-2
 *   Lapas X. → lapas-x, -2 taken, -3 is Lapas X-3's own → lapas-x-4
 *   Lapas X 2 → lapas-x-2 taken → lapas-x-2-2
 *   !!! → unit;  ¿? → unit-2;  -Lapas Ω- → lapas
 */
static void test_ids(void **state)
{
	struct fixture *f = *state;
	static const char *const names[][2] = {
		{ "Rutan Kelas IIB Pangkalan B\xc3\xbbn", "rutan-kelas-iib-pangkalan-bun" },
		{ "Lapas X-3", "lapas-x-3" },
		{ "Lapas X", "lapas-x" },
		{ "LAPAS X!", "lapas-x-2" },
		{ "Lapas X.", "lapas-x-4" },
		{ "Lapas X 2", "lapas-x-2-2" },
		{ "!!!", "unit" },
		{ "\xc2\xbf?", "unit-2" },
		{ "-Lapas \xce\xa9-", "lapas" },
	};

	for (guint i = 0; i < G_N_ELEMENTS(names); i++)
		unit_add(f->ds, names[i][0], "K", i == 0 ? "rutan" : "lapas");
	/* The fourth unit ranks first; its id still follows appearance. */
	answer(g_ptr_array_index(f->ds->units, 3), lapas_all_top);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_string_equal(((const struct scored_unit *)
			     g_ptr_array_index(f->m->units, 0))->name.raw, "LAPAS X!");
	for (guint i = 0; i < G_N_ELEMENTS(names); i++)
		assert_string_equal(unit_named(f->m, names[i][0])->id, names[i][1]);
}

/*
 * Long names (SPEC 8.17): a unit's id and a region's id are cut and end
 * with 8 hex digits of SHA-256 of the name (here by GChecksum); a collision
 * suffix comes after them. The first unit is named exactly like the capped
 * id of the second, so the second's id is taken and gets -2.
 */
static void test_long_ids(void **state)
{
	struct fixture *f = *state;
	GString *unit = g_string_new(NULL), *kanwil = g_string_new("Kanwil");
	char *unit_hex, *kanwil_hex, *first, *want;
	const struct region *rg;

	for (int i = 0; unit->len < 300; i++)
		g_string_append_printf(unit, "Lapas Kelas %d ", i);
	g_string_truncate(unit, 300);
	while (kanwil->len < 100)
		g_string_append(kanwil, " Kementerian Hukum dan HAM");
	unit_hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, unit->str, -1);
	kanwil_hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, kanwil->str, -1);
	/* lapas-kelas-0-lapas-kelas-1-lapas-kelas-2-lapas-kelas-3-l...: the
	 * last '-' of the first 55 bytes is their 54th. */
	first = g_strdup_printf("lapas-kelas-0-lapas-kelas-1-lapas-kelas-2-lapas-kelas-%.8s",
				unit_hex);
	unit_add(f->ds, first, "K", "lapas");
	unit_add(f->ds, unit->str, kanwil->str, "lapas");
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	assert_string_equal(unit_named(f->m, first)->id, first);
	want = g_strdup_printf("%s-2", first);
	assert_string_equal(unit_named(f->m, unit->str)->id, want);
	g_free(want);
	rg = g_ptr_array_index(f->m->regions, 1);
	/* kanwil-kementerian-hukum-dan-ham-kementerian-hukum-dan-ham-...: the
	 * last '-' of the first 55 bytes is their 55th. */
	want = g_strdup_printf("kanwil-kementerian-hukum-dan-ham-kementerian-hukum-dan-%.8s",
			       kanwil_hex);
	assert_string_equal(rg->id, want);
	g_free(want);
	g_free(first);
	g_free(unit_hex);
	g_free(kanwil_hex);
	g_string_free(unit, TRUE);
	g_string_free(kanwil, TRUE);
}

/*
 * Kanwil Banten:     Lapas Satu 100 (P 100/100/100, recommended)
 *                    Lapas Dua 230/3 (P 90, 275/3, 0)
 *                    Rutan Lima 100 (P 100/100/NAN, recommended)
 * Kanwil Jawa Barat: Rutan Tiga 15500/210 (P 75/75/NAN)
 * kanwil banten:     Lapas Empat, no answers: 0 (P 0/0/0)
 * Banten: mean (100 + 230/3 + 100)/3 = 830/9 = 92.22
 *         P1 (100 + 90 + 100)/3 = 96.67; P2 (100 + 275/3 + 100)/3 = 875/9
 *         P3 over the two lapas only: (100 + 0)/2 = 50
 * Another spelling of a kanwil is another region; its id gets -2.
 */
static void test_regions(void **state)
{
	struct fixture *f = *state;
	const struct region *rg;

	answer(unit_add(f->ds, "Lapas Satu", "Kanwil Banten", "lapas"), lapas_all_top);
	answer(unit_add(f->ds, "Lapas Dua", "Kanwil Banten", "lapas"), lapas_mixed);
	answer(unit_add(f->ds, "Rutan Tiga", "Kanwil Jawa Barat", "rutan"), rutan_mixed);
	unit_add(f->ds, "Lapas Empat", "kanwil banten", "lapas");
	answer(unit_add(f->ds, "Rutan Lima", "Kanwil Banten", "rutan"), rutan_all_top);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_int_equal(f->m->regions->len, 3);

	rg = g_ptr_array_index(f->m->regions, 0);
	assert_string_equal(rg->kanwil.raw, "Kanwil Banten");
	assert_string_equal(rg->id, "kanwil-banten");
	assert_int_equal(rg->units, 3);
	assert_int_equal(rg->recommended, 2);
	assert_near(rg->mean_total, 830.0 / 9);
	assert_near(rg->principles[P1], 290.0 / 3);
	assert_near(rg->principles[P2], 875.0 / 9);
	assert_near(rg->principles[P3], 50);

	rg = g_ptr_array_index(f->m->regions, 1);
	assert_string_equal(rg->id, "kanwil-jawa-barat");
	assert_int_equal(rg->units, 1);
	assert_int_equal(rg->recommended, 0);
	assert_near(rg->mean_total, 15500.0 / 210);
	assert_near(rg->principles[P1], 75);
	assert_near(rg->principles[P2], 75);
	assert_true(isnan(rg->principles[P3]));

	rg = g_ptr_array_index(f->m->regions, 2);
	assert_string_equal(rg->kanwil.raw, "kanwil banten");
	assert_string_equal(rg->id, "kanwil-banten-2");
	assert_int_equal(rg->units, 1);
	assert_near(rg->mean_total, 0);
	assert_near(rg->principles[P3], 0);
}

/*
 * Expected codes, computed with coreutils:
 *   printf '2019|Kanwil Banten|Lapas Kelas III Cilegon|85.50|permenkumham-27-2018' | sha256sum
 *     → 56a2a8d2d94f4977c0afdac9a1da6cf4c5d567e46a537083655316fb786d309f
 *   printf '2019|Kanwil Kalimantan Tengah|Rutan Kelas IIB Pangkalan Bûn|76.67|permenkumham-27-2018' | sha256sum
 *     → ace0b4cd90c7e4f9526f3bab11bb7b40813843fba852e29e6d3dcc8aeeccbe61
 *   printf '2019|Kanwil Banten|Lapas Kelas III Cilegon|76.67|permenkumham-27-2018' | sha256sum
 *     → 1aa8cee072262c53276a504e90b0bb725fd3602a9e9ca56ffe15e3e765014a78
 * The last is the model's code for lapas_mixed answers (total 230/3).
 */
static void test_verification_code(void **state)
{
	struct fixture *f = *state;
	char code[11];

	score_verification_code(code, 2019, "Kanwil Banten", "Lapas Kelas III Cilegon",
				85.5, "permenkumham-27-2018");
	assert_string_equal(code, "56A2A8D2D9");
	/* Hashed as printed: 85.499999 is 85.50 too. */
	score_verification_code(code, 2019, "Kanwil Banten", "Lapas Kelas III Cilegon",
				85.499999, "permenkumham-27-2018");
	assert_string_equal(code, "56A2A8D2D9");
	score_verification_code(code, 2019, "Kanwil Kalimantan Tengah",
				"Rutan Kelas IIB Pangkalan B\xc3\xbbn", 230.0 / 3,
				"permenkumham-27-2018");
	assert_string_equal(code, "ACE0B4CD90");

	answer(unit_add(f->ds, "Lapas Kelas III Cilegon", "Kanwil Banten", "lapas"),
	       lapas_mixed);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_string_equal(unit_named(f->m, "Lapas Kelas III Cilegon")->code,
			    "1AA8CEE072");
}

/*
 * Lapas Rendah: C.01 Ada/Proses (given first), A.01 Ada/Tidak Ada; the rest
 *   missing: A 0, B 0, C 100 (0.5)/3 = 16.67 → total 30*16.67/100 = 5.
 * Lapas Tinggi: all top, B.01 also Cukup → 0.75: A 100, B 75, C 100 →
 *   total (5000 + 1500 + 3000)/100 = 95, rank 1.
 * Conflicts: Tinggi B.01, then Rendah A.01, Rendah C.01.
 */
static void test_conflicts_by_rank_then_item(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *low = unit_add(f->ds, "Lapas Rendah", "K", "lapas");
	struct unit_obs *high = unit_add(f->ds, "Lapas Tinggi", "K", "lapas");
	static const char *const expect[][2] = {
		{ "Lapas Tinggi", "B.01" }, { "Lapas Rendah", "A.01" },
		{ "Lapas Rendah", "C.01" },
	};

	obs_add(low, "C.01", "Ada", 0, NULL, NULL);
	obs_add(low, "C.01", "Proses", 0, NULL, NULL);
	obs_add(low, "A.01", "Ada", 0, NULL, NULL);
	obs_add(low, "A.01", "Tidak Ada", 0, NULL, NULL);
	answer(high, lapas_all_top);
	obs_add(high, "B.01", "Cukup", 0, NULL, NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_near(unit_named(f->m, "Lapas Rendah")->total, 5);
	assert_near(unit_named(f->m, "Lapas Tinggi")->total, 95);
	assert_int_equal(f->m->conflicts->len, 3);
	for (guint i = 0; i < 3; i++) {
		const struct conflict *c = g_ptr_array_index(f->m->conflicts, i);
		const struct model_obs *o = g_ptr_array_index(c->observations, 0);
		guint at;

		assert_string_equal(c->unit->name.raw, expect[i][0]);
		assert_string_equal(c->item->item->code, expect[i][1]);
		assert_int_equal(c->item->status, ITEM_CONFLICT);
		assert_int_equal(c->observations->len, 2);
		assert_true(g_ptr_array_find(c->item->item->scale->levels, o->level, &at));
	}
}

/*
 * Lpka Temuan: A.01 Ada, G.01 Ada (its failing level), B.01 Baik, G.02 Ada,
 *   C.01 Ada: every aspect 100, total 100, complete; G.01 fails, so the unit
 *   is not recommended with one reason, the gate; G.02 passes.
 * Lpka Gagal: A.01 Tidak Ada, G.01 Ada, B.01 Kurang, G.02 Tidak Ada,
 *   C.01 Ada: A 0, B 25, C 100 → total (0 + 500 + 3000)/100 = 35; the
 *   scored reasons first (total, A, B), then both gates in item order.
 */
static void test_gate_failed(void **state)
{
	struct fixture *f = *state;
	static const char *const temuan[] = { "Ada", "Ada", "Baik", "Ada", "Ada" };
	static const char *const gagal[] = { "Tidak Ada", "Ada", "Kurang", "Tidak Ada", "Ada" };
	const struct scored_unit *su;
	const struct scored_item *g01;

	make_gated(f->r);
	answer(unit_add(f->ds, "Lpka Temuan", "K", "lpka"), temuan);
	answer(unit_add(f->ds, "Lpka Gagal", "K", "lpka"), gagal);
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	su = unit_named(f->m, "Lpka Temuan");
	assert_near(su->total, 100);
	assert_near(su->aspects[ASPECT_A], 100);
	assert_near(su->principles[P1], 100);
	assert_near(su->completeness, 100);
	assert_int_equal(su->observed, 3);
	assert_string_equal(su->grade, "Sangat Baik");
	assert_true(su->gate_failed);
	g01 = item_of(su, "G.01");
	assert_int_equal(g01->status, ITEM_ASSESSED);
	assert_string_equal(g01->level->label, "Ada");
	assert_true(g01->gate_failed);
	assert_near(g01->score, 0);
	assert_false(item_of(su, "G.02")->gate_failed);
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 1);
	assert_gate_reason(su, 0, "G.01");
	assert_ptr_equal(reason_at(su, 0)->gate, g01->item);
	assert_string_equal(reason_at(su, 0)->gate->text, "Temuan Ombudsman");

	su = unit_named(f->m, "Lpka Gagal");
	assert_near(su->total, 35);
	assert_true(item_of(su, "G.02")->gate_failed);
	assert_int_equal(su->reasons->len, 5);
	assert_reason(su, 0, REASON_TOTAL, -1, 35, 80);
	assert_reason(su, 1, REASON_ASPECT, ASPECT_A, 0, 60);
	assert_reason(su, 2, REASON_ASPECT, ASPECT_B, 25, 60);
	assert_gate_reason(su, 3, "G.01");
	assert_gate_reason(su, 4, "G.02");
}

/* G.01 Tidak Ada and G.02 Proses: neither is its gate's failing level. */
static void test_gate_passed(void **state)
{
	struct fixture *f = *state;
	static const char *const answers[] = { "Ada", "Tidak Ada", "Baik", "Proses", "Ada" };
	const struct scored_unit *su;

	make_gated(f->r);
	answer(unit_add(f->ds, "Lpka Lulus", "K", "lpka"), answers);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lpka Lulus");
	assert_false(su->gate_failed);
	assert_false(item_of(su, "G.01")->gate_failed);
	assert_false(item_of(su, "G.02")->gate_failed);
	assert_string_equal(item_of(su, "G.02")->level->label, "Proses");
	assert_near(su->total, 100);
	assert_int_equal(su->recommendation, REC_RECOMMENDED);
	assert_int_equal(su->reasons->len, 0);
}

/*
 * Lpka Diam: every scored item answered, no gate: nothing fails, and the
 *   unit is complete (3 of 3 scored items), so it is recommended.
 * Lpka Separuh: B.01 unanswered, both gates answered and passing: 2 of 3
 *   scored items → 66.67, not 3/5 or 4/5; A 100, B 0, C 100 → total 80,
 *   reasons aspect B and completeness.
 */
static void test_gate_unobserved_and_completeness(void **state)
{
	struct fixture *f = *state;
	static const char *const silent[] = { "Ada", NULL, "Baik", NULL, "Ada" };
	static const char *const half[] = { "Ada", "Tidak Ada", NULL, "Ada", "Ada" };
	const struct scored_unit *su;
	const struct scored_item *g01;

	make_gated(f->r);
	answer(unit_add(f->ds, "Lpka Diam", "K", "lpka"), silent);
	answer(unit_add(f->ds, "Lpka Separuh", "K", "lpka"), half);
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	su = unit_named(f->m, "Lpka Diam");
	g01 = item_of(su, "G.01");
	assert_int_equal(g01->status, ITEM_MISSING);
	assert_null(g01->level);
	assert_false(g01->gate_failed);
	assert_false(su->gate_failed);
	assert_int_equal(su->observed, 3);
	assert_near(su->completeness, 100);
	assert_int_equal(su->recommendation, REC_RECOMMENDED);
	assert_int_equal(su->reasons->len, 0);

	su = unit_named(f->m, "Lpka Separuh");
	assert_int_equal(su->observed, 2);
	assert_near(su->completeness, 200.0 / 3);
	assert_near(su->total, 80);
	assert_int_equal(su->reasons->len, 2);
	assert_reason(su, 0, REASON_ASPECT, ASPECT_B, 0, 60);
	assert_reason(su, 1, REASON_COMPLETENESS, -1, 200.0 / 3, 100);
}

/*
 * Undated gate observations all compete, and the failing level wins
 * wherever it is listed (a scored item would take the lowest value):
 *   Lpka Kedua   G.01 Tidak Ada, Ada, Belum Ada → Ada (failing, second)
 *                G.02 Belum Ada, Tidak Ada: both 0, a scored item would
 *                take the first seen; the failing Tidak Ada wins
 *   Lpka Pertama G.01 Ada, Tidak Ada → Ada (failing, first)
 */
static void test_gate_conflict_undated(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *second, *first;
	const struct observation *fail1, *fail2, *fail3;
	const struct scored_unit *su;
	const struct scored_item *si;

	make_gated(f->r);
	second = unit_add(f->ds, "Lpka Kedua", "K", "lpka");
	obs_add(second, "A.01", "Ada", 0, NULL, NULL);
	obs_add(second, "B.01", "Baik", 0, NULL, NULL);
	obs_add(second, "C.01", "Ada", 0, NULL, NULL);
	obs_add(second, "G.01", "Tidak Ada", 0, NULL, NULL);
	fail1 = obs_add(second, "G.01", "Ada", 0, NULL, NULL);
	obs_add(second, "G.01", "Belum Ada", 0, NULL, NULL);
	obs_add(second, "G.02", "Belum Ada", 0, NULL, NULL);
	fail2 = obs_add(second, "G.02", "Tidak Ada", 0, NULL, NULL);
	first = unit_add(f->ds, "Lpka Pertama", "K", "lpka");
	fail3 = obs_add(first, "G.01", "Ada", 0, NULL, NULL);
	obs_add(first, "G.01", "Tidak Ada", 0, NULL, NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	su = unit_named(f->m, "Lpka Kedua");
	si = item_of(su, "G.01");
	assert_int_equal(si->status, ITEM_CONFLICT);
	assert_int_equal(si->chosen->seq, fail1->seq);
	assert_true(si->gate_failed);
	si = item_of(su, "G.02");
	assert_int_equal(si->status, ITEM_CONFLICT);
	assert_int_equal(si->chosen->seq, fail2->seq);
	assert_string_equal(si->level->label, "Tidak Ada");
	assert_true(si->gate_failed);
	assert_near(su->total, 100);
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 2);
	assert_gate_reason(su, 0, "G.01");
	assert_gate_reason(su, 1, "G.02");

	si = item_of(unit_named(f->m, "Lpka Pertama"), "G.01");
	assert_int_equal(si->chosen->seq, fail3->seq);
	assert_true(si->gate_failed);
	/* Gate conflicts are listed like any other. */
	assert_int_equal(f->m->conflicts->len, 3);
}

/*
 * All dated: only the latest compete.
 *   Lpka Lama    G.01 Ada 2019-10-01 (failing), Tidak Ada 2019-10-05 → Tidak
 *                Ada: the failing answer is older, the gate passes
 *                G.02 Tidak Ada 2019-10-01 (failing), Ada 2019-10-09 → passes
 *   Lpka Terbaru G.01 Proses 2019-10-05, Ada 2019-10-05, Tidak Ada
 *                2019-10-01 → among the two latest the failing Ada wins over
 *                the lower Proses
 */
static void test_gate_conflict_dated(void **state)
{
	struct fixture *f = *state;
	struct unit_obs *old, *latest;
	const struct observation *pass1, *pass2, *fail;
	const struct scored_unit *su;

	make_gated(f->r);
	old = unit_add(f->ds, "Lpka Lama", "K", "lpka");
	obs_add(old, "G.01", "Ada", 20191001, NULL, NULL);
	pass1 = obs_add(old, "G.01", "Tidak Ada", 20191005, NULL, NULL);
	obs_add(old, "G.02", "Tidak Ada", 20191001, NULL, NULL);
	pass2 = obs_add(old, "G.02", "Ada", 20191009, NULL, NULL);
	latest = unit_add(f->ds, "Lpka Terbaru", "K", "lpka");
	obs_add(latest, "G.01", "Proses", 20191005, NULL, NULL);
	fail = obs_add(latest, "G.01", "Ada", 20191005, NULL, NULL);
	obs_add(latest, "G.01", "Tidak Ada", 20191001, NULL, NULL);
	f->m = model_build(f->ds, 2019, 20191210, NULL);

	su = unit_named(f->m, "Lpka Lama");
	assert_int_equal(item_of(su, "G.01")->chosen->seq, pass1->seq);
	assert_int_equal(item_of(su, "G.02")->chosen->seq, pass2->seq);
	assert_false(su->gate_failed);
	for (guint i = 0; i < su->reasons->len; i++)
		assert_int_not_equal(reason_at(su, i)->kind, REASON_GATE);

	su = unit_named(f->m, "Lpka Terbaru");
	assert_int_equal(item_of(su, "G.01")->chosen->seq, fail->seq);
	assert_true(item_of(su, "G.01")->gate_failed);
	assert_true(su->gate_failed);
	assert_gate_reason(su, su->reasons->len - 1, "G.01");
}

static void test_evidence_names(void **state)
{
	assert_null(score_evidence_name(EVIDENCE_UNCHECKED));
	assert_string_equal(score_evidence_name(EVIDENCE_OK), "ok");
	assert_string_equal(score_evidence_name(EVIDENCE_MISSING), "missing");
	assert_string_equal(score_evidence_name(EVIDENCE_INSUFFICIENT), "insufficient");
	assert_string_equal(score_evidence_name(EVIDENCE_REUSED), "reused");
}

/*
 * Rule: min 1, distinct, flag.
 *   A.01 Ada "foto-a01"            → ok
 *   A.02 Ada, no data dukung       → missing
 *   B.01 Baik " ; | \n "           → missing: only blanks between separators
 *   C.01 Tidak Ada "FOTO-A01"      → unchecked (worth 0); its entry does not
 *                                    make A.01 reused either
 *   C.02 not answered              → unchecked
 * Two flags; with "flag" every score stands: A 100, B 100, C 0 → total 70.
 * Without a rule nothing is checked at all.
 */
static void test_evidence_ok_missing_unchecked(void **state)
{
	struct fixture *f = *state;
	static const char *const answers[] = { "Ada", "Ada", "Baik", "Tidak Ada", NULL };
	static const char *const evidence[] = { "foto-a01", NULL, " ; | \n ", "FOTO-A01", NULL };
	const struct scored_unit *su;
	struct model *bare;

	answer_with_evidence(unit_add(f->ds, "Lapas Bukti", "K", "lapas"), answers, evidence);
	bare = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(bare, "Lapas Bukti");
	for (guint i = 0; i < su->type->items->len; i++)
		assert_int_equal(su->items[i].evidence_status, EVIDENCE_UNCHECKED);
	assert_int_equal(su->evidence_flags, 0);
	model_free(bare);

	evidence_rule(f->r, 1, 1, EVIDENCE_FLAG);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Bukti");
	assert_evidence(su, "A.01", EVIDENCE_OK);
	assert_evidence(su, "A.02", EVIDENCE_MISSING);
	assert_evidence(su, "B.01", EVIDENCE_MISSING);
	assert_evidence(su, "C.01", EVIDENCE_UNCHECKED);
	assert_evidence(su, "C.02", EVIDENCE_UNCHECKED);
	assert_int_equal(su->evidence_flags, 2);
	assert_near(item_of(su, "A.02")->score, 1);
	assert_near(item_of(su, "B.01")->score, 1);
	assert_near(su->total, 70);
}

/*
 * Rule: min 2, not distinct, flag; A.02 has its own minimum 1, C.02 3.
 *   A.01 "foto; SK"        → 2 entries, ok
 *   A.02 "foto"            → 1 entry, its minimum 1: ok (shares "foto"
 *                            with A.01, but the rule is not distinct)
 *   B.01 "Dok;dok; DOK "   → one entry counted once (folded, trimmed):
 *                            insufficient
 *   C.01 "a|b"             → 2 entries, ok
 *   C.02 "c\r\nd"          → 2 entries, its minimum 3: insufficient
 * Lapas Nol: C.01 with minimum 0 and no data dukung is ok, not missing.
 */
static void test_evidence_insufficient(void **state)
{
	struct fixture *f = *state;
	static const char *const evidence[] = { "foto; SK", "foto", "Dok;dok; DOK ", "a|b",
						"c\r\nd" };
	static const char *const none[] = { "x; y", "z; w", "v; u", NULL, "t; s" };
	const struct scored_unit *su;

	evidence_rule(f->r, 2, 0, EVIDENCE_FLAG);
	item_evidence_min(f->r, "lapas", "A.02", 1);
	item_evidence_min(f->r, "lapas", "C.02", 3);
	answer_with_evidence(unit_add(f->ds, "Lapas Kurang", "K", "lapas"), lapas_all_top,
			     evidence);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Kurang");
	assert_evidence(su, "A.01", EVIDENCE_OK);
	assert_evidence(su, "A.02", EVIDENCE_OK);
	assert_evidence(su, "B.01", EVIDENCE_INSUFFICIENT);
	assert_evidence(su, "C.01", EVIDENCE_OK);
	assert_evidence(su, "C.02", EVIDENCE_INSUFFICIENT);
	assert_int_equal(su->evidence_flags, 2);
	assert_near(su->total, 100);

	model_free(f->m);
	item_evidence_min(f->r, "lapas", "C.01", 0);
	item_evidence_min(f->r, "lapas", "C.02", 2);
	answer_with_evidence(unit_add(f->ds, "Lapas Nol", "K", "lapas"), lapas_all_top, none);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Nol");
	assert_evidence(su, "C.01", EVIDENCE_OK);
	assert_int_equal(su->evidence_flags, 0);
}

/*
 * Rule: min 1, distinct, flag. Lapas Ganda:
 *   A.01 "Foto Ruang;SK-1"         A.02 "  sk-1 "  → both reused (folded, trimmed)
 *   B.01 "bukti-b | Dokumen\nfoto b"
 *   C.02 "lain\r\nDOKUMEN"          → both reused (split on '|' and line breaks)
 *   C.01 "unik"                     → ok
 * Lapas Lain has A.01 "SK-1" too: reuse is within a unit, so it is ok.
 */
static void test_evidence_reused(void **state)
{
	struct fixture *f = *state;
	static const char *const evidence[] = { "Foto Ruang;SK-1", "  sk-1 ",
						"bukti-b | Dokumen\nfoto b", "unik",
						"lain\r\nDOKUMEN" };
	static const char *const other[] = { "SK-1", "p", "q", "r", "s" };
	const struct scored_unit *su;

	evidence_rule(f->r, 1, 1, EVIDENCE_FLAG);
	answer_with_evidence(unit_add(f->ds, "Lapas Ganda", "K", "lapas"), lapas_all_top,
			     evidence);
	answer_with_evidence(unit_add(f->ds, "Lapas Lain", "K", "lapas"), lapas_all_top, other);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Ganda");
	assert_evidence(su, "A.01", EVIDENCE_REUSED);
	assert_evidence(su, "A.02", EVIDENCE_REUSED);
	assert_evidence(su, "B.01", EVIDENCE_REUSED);
	assert_evidence(su, "C.01", EVIDENCE_OK);
	assert_evidence(su, "C.02", EVIDENCE_REUSED);
	assert_int_equal(su->evidence_flags, 4);
	assert_near(su->total, 100);

	su = unit_named(f->m, "Lapas Lain");
	for (guint i = 0; i < su->type->items->len; i++)
		assert_int_equal(su->items[i].evidence_status, EVIDENCE_OK);
	assert_int_equal(su->evidence_flags, 0);
}

/*
 * Rule: min 2, distinct, flag. Insufficient wins over reused whichever of
 * the two items comes first:
 *   A.01 "foto; sk"  → 2 entries, but "sk" also supports A.02: reused
 *   A.02 "SK"        → 1 entry: insufficient, not reused
 *   B.01 "Dok"       → 1 entry: insufficient, not reused
 *   C.01 "x; y"      → ok
 *   C.02 "p; dok"    → 2 entries, but "dok" also supports B.01: reused
 */
static void test_evidence_insufficient_wins_over_reused(void **state)
{
	struct fixture *f = *state;
	static const char *const evidence[] = { "foto; sk", "SK", "Dok", "x; y", "p; dok" };
	const struct scored_unit *su;

	evidence_rule(f->r, 2, 1, EVIDENCE_FLAG);
	answer_with_evidence(unit_add(f->ds, "Lapas Campur Bukti", "K", "lapas"),
			     lapas_all_top, evidence);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Campur Bukti");
	assert_evidence(su, "A.01", EVIDENCE_REUSED);
	assert_evidence(su, "A.02", EVIDENCE_INSUFFICIENT);
	assert_evidence(su, "B.01", EVIDENCE_INSUFFICIENT);
	assert_evidence(su, "C.01", EVIDENCE_OK);
	assert_evidence(su, "C.02", EVIDENCE_REUSED);
	assert_int_equal(su->evidence_flags, 4);
}

/*
 * All top answers; A.01 "a", A.02 none (missing), B.01 "b", C.01 "c" and
 * C.02 "C" (reused). Rule min 1, distinct.
 *   flag: scores stand, total 100, recommended, three flags.
 *   zero: A.02, C.01, C.02 score 0: A 100 (1)/3 = 33.33, B 100, C 0 →
 *         total (5000/3 + 2000)/100 = 110/3 = 36.67; P1 (A.01 w1, A.02 w2,
 *         C.02 w2) 100/5 = 20, P2 (A.02 w2, B.01 w1) 100/3, P3 (C.01) 0;
 *         reasons total, aspect A, aspect C. The answers stay as given.
 */
static void test_evidence_effect_zero_and_flag(void **state)
{
	struct fixture *f = *state;
	static const char *const evidence[] = { "a", NULL, "b", "c", "C" };
	const struct scored_unit *su;
	struct model *zero;

	evidence_rule(f->r, 1, 1, EVIDENCE_FLAG);
	answer_with_evidence(unit_add(f->ds, "Lapas Nilai", "K", "lapas"), lapas_all_top,
			     evidence);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(f->m, "Lapas Nilai");
	assert_evidence(su, "A.02", EVIDENCE_MISSING);
	assert_evidence(su, "C.01", EVIDENCE_REUSED);
	assert_evidence(su, "C.02", EVIDENCE_REUSED);
	assert_int_equal(su->evidence_flags, 3);
	assert_near(item_of(su, "A.02")->score, 1);
	assert_near(item_of(su, "C.02")->score, 1);
	assert_near(su->total, 100);
	assert_int_equal(su->recommendation, REC_RECOMMENDED);

	f->r->evidence_effect = EVIDENCE_ZERO;
	zero = model_build(f->ds, 2019, 20191210, NULL);
	su = unit_named(zero, "Lapas Nilai");
	assert_int_equal(su->evidence_flags, 3);
	assert_near(item_of(su, "A.01")->score, 1);
	assert_near(item_of(su, "A.02")->score, 0);
	assert_near(item_of(su, "B.01")->score, 1);
	assert_near(item_of(su, "C.01")->score, 0);
	assert_near(item_of(su, "C.02")->score, 0);
	assert_string_equal(item_of(su, "A.02")->level->label, "Ada");
	assert_int_equal(item_of(su, "A.02")->status, ITEM_ASSESSED);
	assert_near(su->aspects[ASPECT_A], 100.0 / 3);
	assert_near(su->aspects[ASPECT_B], 100);
	assert_near(su->aspects[ASPECT_C], 0);
	assert_near(su->principles[P1], 20);
	assert_near(su->principles[P2], 100.0 / 3);
	assert_near(su->principles[P3], 0);
	assert_near(su->total, 110.0 / 3);
	assert_near(su->completeness, 100);
	assert_int_equal(su->recommendation, REC_NOT_RECOMMENDED);
	assert_int_equal(su->reasons->len, 3);
	assert_reason(su, 0, REASON_TOTAL, -1, 110.0 / 3, 80);
	assert_reason(su, 1, REASON_ASPECT, ASPECT_A, 100.0 / 3, 60);
	assert_reason(su, 2, REASON_ASPECT, ASPECT_C, 0, 60);
	model_free(zero);
}

/* Give every unit of the lapas type one value per level pair: Ada and Baik
 * v1, Proses and Cukup v2, Tidak Ada and Kurang v3. A unit answering all
 * of one pair then totals 100 v (all its aspects are 100 v). */
static const char *const pair_top[] = { "Ada", "Ada", "Baik", "Ada", "Baik" };
static const char *const pair_mid[] = { "Proses", "Proses", "Cukup", "Proses", "Cukup" };
static const char *const pair_low[] = { "Tidak Ada", "Tidak Ada", "Kurang", "Tidak Ada",
					"Kurang" };

static void set_pairs(const struct rubric *r, double v1, double v2, double v3)
{
	set_value(r, "ketersediaan", "Ada", v1);
	set_value(r, "kualitas", "Baik", v1);
	set_value(r, "ketersediaan", "Proses", v2);
	set_value(r, "kualitas", "Cukup", v2);
	set_value(r, "ketersediaan", "Tidak Ada", v3);
	set_value(r, "kualitas", "Kurang", v3);
}

static void assert_shown(double total, const char *want)
{
	char buf[32];

	text_format_2(buf, total);
	assert_string_equal(buf, want);
}

/*
 * SPEC 4.10, 8.12: ranks are shared on totals as shown.
 *   Lapas B  v 0.85004 → 85.00399999999999 (85.00)
 *   Lapas A  v 0.84996 → 84.99600000000001 (85.00)
 *   Lapas C  v 0.8499  → 84.99
 * A and B share rank 1 and, being equal as shown, go by name: A before B
 * although B's total is higher. C is third: "1, 1, 3".
 */
static void test_rank_shared_as_shown(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "Lapas A", "Lapas B", "Lapas C" };
	static const unsigned ranks[] = { 1, 1, 3 };

	set_pairs(f->r, 0.85004, 0.84996, 0.8499);
	answer(unit_add(f->ds, "Lapas C", "K", "lapas"), pair_low);
	answer(unit_add(f->ds, "Lapas B", "K", "lapas"), pair_top);
	answer(unit_add(f->ds, "Lapas A", "K", "lapas"), pair_mid);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_true(unit_named(f->m, "Lapas B")->total > unit_named(f->m, "Lapas A")->total);
	assert_shown(unit_named(f->m, "Lapas A")->total, "85.00");
	assert_shown(unit_named(f->m, "Lapas B")->total, "85.00");
	assert_shown(unit_named(f->m, "Lapas C")->total, "84.99");
	for (guint i = 0; i < 3; i++) {
		const struct scored_unit *su = g_ptr_array_index(f->m->units, i);

		assert_string_equal(su->name.raw, order[i]);
		assert_int_equal(su->rank, ranks[i]);
	}
}

/*
 * Half-up of the total as computed, not of a decimal it never was:
 *   Lapas Z  v 0.85005: 0.85005 is 0.85004999999999997229 in binary, and
 *            the total comes out as the double nearest 85.005, which is
 *            85.00499999999999545252649113535881042480468750: below the
 *            half, so half-up gives 85.00 (and so does the XML).
 *   Lapas A  v 0.85: total 84.99999999999999857891452847979962825775146484375
 *            → 85.00.
 * Both show 85.00, so they share rank 1 and go by name: A, then Z. (Rounding
 * 85.005 as a decimal would rank Z alone above a total it is shown equal to.)
 *   Lapas M  v 0.8499 → 84.99, rank 3.
 */
static void test_rank_half_up_below_half(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "Lapas A", "Lapas Z", "Lapas M" };
	static const unsigned ranks[] = { 1, 1, 3 };
	char digits[32];

	set_pairs(f->r, 0.85005, 0.85, 0.8499);
	answer(unit_add(f->ds, "Lapas Z", "K", "lapas"), pair_top);
	answer(unit_add(f->ds, "Lapas A", "K", "lapas"), pair_mid);
	answer(unit_add(f->ds, "Lapas M", "K", "lapas"), pair_low);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	g_snprintf(digits, sizeof digits, "%.17g", unit_named(f->m, "Lapas Z")->total);
	assert_string_equal(digits, "85.004999999999995");
	assert_shown(unit_named(f->m, "Lapas Z")->total, "85.00");
	assert_shown(unit_named(f->m, "Lapas A")->total, "85.00");
	assert_near(score_rank_key(85.005), 85.00);
	for (guint i = 0; i < 3; i++) {
		const struct scored_unit *su = g_ptr_array_index(f->m->units, i);

		assert_string_equal(su->name.raw, order[i]);
		assert_int_equal(su->rank, ranks[i]);
	}
}

/*
 * An exact half: 0.85125 gives a total of exactly 85.125 (a binary
 * fraction, 85 + 1/8), which half-up makes 85.13, shown and ranked alike.
 *   Lapas Z  v 0.85125 → 85.125             → 85.13
 *   Lapas A  v 0.8513  → 85.12999999999998 → 85.13
 *   Lapas B  v 0.8512  → 85.11999999999998 → 85.12
 * A and Z share rank 1 (A first by name), B is third.
 */
static void test_rank_half_up_exact_half(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "Lapas A", "Lapas Z", "Lapas B" };
	static const unsigned ranks[] = { 1, 1, 3 };

	set_pairs(f->r, 0.85125, 0.8513, 0.8512);
	answer(unit_add(f->ds, "Lapas Z", "K", "lapas"), pair_top);
	answer(unit_add(f->ds, "Lapas A", "K", "lapas"), pair_mid);
	answer(unit_add(f->ds, "Lapas B", "K", "lapas"), pair_low);
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_true(unit_named(f->m, "Lapas Z")->total == 85.125);
	assert_shown(unit_named(f->m, "Lapas Z")->total, "85.13");
	assert_shown(unit_named(f->m, "Lapas A")->total, "85.13");
	assert_shown(unit_named(f->m, "Lapas B")->total, "85.12");
	assert_near(score_rank_key(85.125), 85.13);
	for (guint i = 0; i < 3; i++) {
		const struct scored_unit *su = g_ptr_array_index(f->m->units, i);

		assert_string_equal(su->name.raw, order[i]);
		assert_int_equal(su->rank, ranks[i]);
	}
}

static void test_empty_dataset(void **state)
{
	struct fixture *f = *state;

	f->m = model_build(f->ds, 2019, 20191210, NULL);
	assert_int_equal(f->m->units->len, 0);
	assert_int_equal(f->m->regions->len, 0);
	assert_int_equal(f->m->conflicts->len, 0);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_missing_item),
		TEST(test_equal_answers_merge),
		TEST(test_unit_teams_and_dates),
		TEST(test_conflict_latest_date_wins),
		TEST(test_conflict_undated_lowest_wins),
		TEST(test_conflict_some_dates_missing),
		TEST(test_conflict_tie_first_seen),
		TEST(test_weighted_formulas),
		TEST(test_absent_aspect_omitted),
		TEST(test_grade_and_floor_slack),
		cmocka_unit_test(test_score_at_least),
		TEST(test_every_reason_listed),
		TEST(test_rank_ties_by_name),
		TEST(test_ids),
		TEST(test_long_ids),
		TEST(test_regions),
		TEST(test_verification_code),
		TEST(test_conflicts_by_rank_then_item),
		TEST(test_empty_dataset),
		TEST(test_gate_failed),
		TEST(test_gate_passed),
		TEST(test_gate_unobserved_and_completeness),
		TEST(test_gate_conflict_undated),
		TEST(test_gate_conflict_dated),
		cmocka_unit_test(test_evidence_names),
		TEST(test_evidence_ok_missing_unchecked),
		TEST(test_evidence_insufficient),
		TEST(test_evidence_reused),
		TEST(test_evidence_insufficient_wins_over_reused),
		TEST(test_evidence_effect_zero_and_flag),
		TEST(test_rank_shared_as_shown),
		TEST(test_rank_half_up_below_half),
		TEST(test_rank_half_up_exact_half),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
