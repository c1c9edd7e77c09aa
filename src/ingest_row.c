/* ingest_row.c — one data row checked against the rubric, then accepted or rejected. */
#include "ingest_int.h"

#include "text.h"

/* ---- accepting and rejecting rows --------------------------------------- */

static void reject(struct ingest *in, const struct csvin_record *rec,
		   char *reason)
{
	struct rejected_row *rr = g_new0(struct rejected_row, 1);

	rr->file = in->file;
	rr->line = rec->line;
	rr->reason = reason;
	rr->raw = g_strdup(rec->raw);
	rr->truncated = rec->raw_truncated;
	g_ptr_array_add(in->ds->rejected, rr);
	in->file->rows_rejected++;
	in->ds->rows_rejected++;
	diag_error(in->d, in->file->name, rec->line, "%s", reason);
	if (in->ds->rows_rejected > INGEST_MAX_REJECTED && !in->stop) {
		diag_error(in->d, in->file->name, rec->line,
			   "more than %d rows rejected: reading stops; is this "
			   "verification data for this rubric?", INGEST_MAX_REJECTED);
		in->stop = 1;
	}
}

/* An observation and its texts live in one block (observation_new()). */
static void observation_free(gpointer p)
{
	g_free(p);
}

/*
 * A new observation holding copies of the row's evidence, note and
 * verifier (NULL when blank) in the same block: the dataset keeps one per
 * data row, and one allocation instead of four is both faster and smaller.
 */
static struct observation *observation_new(const struct row *row)
{
	static const int cols[3] = { COL_EVIDENCE, COL_NOTE, COL_VERIFIER };
	size_t len[3], total = sizeof(struct observation);
	struct observation *o;
	char **dst[3];
	char *w;

	for (int i = 0; i < 3; i++) {
		const char *s = row->v[cols[i]];

		len[i] = blank(s) ? 0 : strlen(s) + 1;
		total += len[i];
	}
	o = g_malloc0(total);
	dst[0] = &o->evidence;
	dst[1] = &o->note;
	dst[2] = &o->verifier;
	w = (char *)(o + 1);
	for (int i = 0; i < 3; i++) {
		if (!len[i])
			continue;
		memcpy(w, row->v[cols[i]], len[i]);
		*dst[i] = w;
		w += len[i];
	}
	return o;
}

static struct unit_obs *unit_new(struct dataset *ds, const char *name,
				 const char *key, const char *kanwil,
				 const struct rubric_unit_type *type)
{
	struct unit_obs *u = g_new0(struct unit_obs, 1);

	u->name = g_strdup(name);
	u->key = g_strdup(key);
	u->kanwil = g_strdup(kanwil);
	u->type = type;
	u->observations = g_ptr_array_new_with_free_func(observation_free);
	g_ptr_array_add(ds->units, u);
	g_hash_table_insert(ds->unit_by_key, u->key, u);
	return u;
}

/* Decide the unit's type for this row (SPEC 8.7); NULL with *why set. */
static const struct rubric_unit_type *
row_type(struct ingest *in, const struct row *row,
	 const struct unit_obs *known, char **why)
{
	const struct rubric *r = in->ds->rubric;
	const struct rubric_unit_type *type;
	char buf[SHOW_BUF];

	if (!blank(row->v[COL_JENIS])) {
		if (memo_has(&in->type, row->v[COL_JENIS]))
			return in->type.ptr;
		type = rubric_find_type(r, row->v[COL_JENIS]);
		if (type)
			memo_keep(&in->type, row->v[COL_JENIS], type, 0);
		else
			*why = g_strdup_printf("unknown unit type '%s'",
					       ingest_show(buf, row->v[COL_JENIS]));
		return type;
	}
	if (known)
		return known->type;
	type = rubric_type_of_name(r, row->v[COL_UNIT]);
	if (!type)
		*why = g_strdup_printf("cannot tell the unit type of '%s' from its name; "
				       "give it in a jenis column",
				       ingest_show(buf, row->v[COL_UNIT]));
	return type;
}

/* What checking a row found out. */
struct verdict {
	struct unit_obs *unit;          /* NULL for a unit not seen before */
	const struct rubric_unit_type *type;
	const struct rubric_item *item;
	const struct rubric_level *level;
	int date;
	const char *kanwil;
};

/* The level of `answer` in `scale`: rows alternate between a few scales and
 * answers, so the last four found are kept. */
static const struct rubric_level *answer_level(struct ingest *in,
					       const struct rubric_scale *scale,
					       const char *answer)
{
	const struct rubric_level *level;
	struct memo *m;

	for (size_t i = 0; i < G_N_ELEMENTS(in->level); i++)
		if (in->level[i].ctx == scale && memo_has(&in->level[i], answer))
			return in->level[i].ptr;
	level = rubric_match_level(scale, answer);
	if (level) {
		m = &in->level[in->next_level++ % G_N_ELEMENTS(in->level)];
		memo_keep(m, answer, level, 0);
		m->ctx = scale;
	}
	return level;
}

/* Rows follow the rubric's order: when the row's code is spelt exactly as
 * the rubric spells the item after the last row's, that is its item (codes
 * are unique in a type once folded, so it is the one rubric_find_item()
 * would find). NULL otherwise. */
static const struct rubric_item *next_item(const struct ingest *in,
					   const struct rubric_unit_type *type,
					   const char *kode)
{
	const struct rubric_item *it;

	if (in->next_item >= type->items->len)
		return NULL;
	it = g_ptr_array_index(type->items, in->next_item);
	return strcmp(it->code, kode) == 0 ? it : NULL;
}

/* Why `answer` is not an answer to `item`: the item and the labels of its
 * scale's levels, so that whoever fixes the row sees what it takes. */
static char *unknown_answer(const struct rubric_item *item, const char *answer)
{
	GString *s = g_string_new(NULL);
	char buf[SHOW_BUF];

	g_string_printf(s, "unknown answer '%s' for %s (", ingest_show(buf, answer), item->code);
	for (guint i = 0; i < item->scale->levels->len; i++) {
		const struct rubric_level *lv = g_ptr_array_index(item->scale->levels, i);

		g_string_append_printf(s, "%s%s", i ? ", " : "", lv->label);
	}
	g_string_append_c(s, ')');
	return g_string_free(s, FALSE);
}

/*
 * The date in `cell`, or 0 when it is not one. A two-digit year is read as
 * 20YY (SPEC 8.22) and said once per file, at the line `line` where the
 * first one is read.
 */
int ingest_read_date(struct ingest *in, unsigned long line, const char *cell)
{
	char buf[SHOW_BUF], iso[16];
	int yy, date;

	if (memo_has(&in->date, cell))
		return in->date.num;
	date = text_parse_date(cell, &yy);
	if (date)
		memo_keep(&in->date, cell, NULL, date);
	if (yy && !in->warned_yy) {
		text_format_iso_date(iso, date);
		diag_warning(in->d, in->file->path, line,
			     "two-digit years are read as 20YY: '%s' is %s", ingest_show(buf, cell), iso);
		in->warned_yy = 1;
	}
	return date;
}

/* Check a data row against the rubric and the units seen so far. Returns the
 * reason it is rejected, or NULL when it is accepted and `v` is filled;
 * `line` is where the row starts. */
static char *check_row(struct ingest *in, unsigned long line,
		       const struct row *row, struct verdict *v)
{
	const char *unit = row->v[COL_UNIT], *kode = row->v[COL_KODE];
	const char *answer = row->v[COL_NILAI], *date = row->v[COL_DATE];
	char *key, *why = NULL;
	char b1[SHOW_BUF], b2[SHOW_BUF], b3[SHOW_BUF];

	if (blank(unit))
		return g_strdup("empty unit");
	if (blank(kode))
		return g_strdup("empty kode");
	if (blank(answer))
		return g_strdup("empty answer");
	if (memo_has(&in->unit, unit)) {
		v->unit = (struct unit_obs *)in->unit.ptr;
	} else {
		key = text_fold(unit);
		v->unit = g_hash_table_lookup(in->ds->unit_by_key, key);
		g_free(key);
		/* Units are never removed: a unit found stays the answer. */
		if (v->unit)
			memo_keep(&in->unit, unit, v->unit, 0);
	}
	/* Without a kanwil of its own, a row takes its unit's, like its type. */
	v->kanwil = row->v[COL_KANWIL];
	if (blank(v->kanwil))
		v->kanwil = v->unit ? v->unit->kanwil : in->opt->kanwil;
	if (blank(v->kanwil))
		return g_strdup("no kanwil: add a kanwil column or use --kanwil");
	v->type = row_type(in, row, v->unit, &why);
	if (!v->type)
		return why;
	if (v->unit && v->unit->type != v->type)
		return g_strdup_printf("unit '%s' is of type %s, not %s",
				       ingest_show(b1, v->unit->name), v->unit->type->id,
				       v->type->id);
	if (v->unit && !text_fold_equal(v->unit->kanwil, v->kanwil))
		return g_strdup_printf("unit '%s' belongs to '%s', not '%s'",
				       ingest_show(b1, v->unit->name), ingest_show(b2, v->unit->kanwil),
				       ingest_show(b3, v->kanwil));
	v->item = next_item(in, v->type, kode);
	if (!v->item)
		v->item = rubric_find_item(v->type, kode);
	if (v->item)
		in->next_item = v->item->index + 1;
	if (!v->item)
		return g_strdup_printf("item code '%s' is not in the rubric for type %s",
				       ingest_show(b1, kode), v->type->id);
	v->level = answer_level(in, v->item->scale, answer);
	if (!v->level)
		return unknown_answer(v->item, answer);
	v->date = blank(date) ? 0 : ingest_read_date(in, line, date);
	if (!blank(date) && !v->date)
		return g_strdup_printf("bad date '%s'", ingest_show(b1, date));
	return NULL;
}

/* Take a data row: accept it, or reject it with `why` (owned) or with what
 * checking it finds. */
void ingest_take_row(struct ingest *in, const struct csvin_record *rec,
		     const struct row *row, char *why)
{
	struct verdict v = { 0 };
	struct observation *obs;

	in->file->rows_read++;
	in->ds->rows_read++;
	if (!why)
		why = rec->error ? g_strdup(rec->error) : check_row(in, rec->line, row, &v);
	if (!why && !v.unit && in->ds->units->len >= INGEST_MAX_UNITS) {
		why = g_strdup_printf("more than %d units: reading stops", INGEST_MAX_UNITS);
		in->stop = 1;
	}
	if (why) {
		reject(in, rec, why);
		return;
	}
	if (!v.unit) {
		char *name = text_trim(row->v[COL_UNIT]);
		char *key = text_fold(name);
		char *kanwil = text_trim(v.kanwil);
		v.unit = unit_new(in->ds, name, key, kanwil, v.type);
		g_free(name);
		g_free(key);
		g_free(kanwil);
	}
	if (!blank(row->v[COL_KRITERIA]) &&
	    !text_fold_equal(row->v[COL_KRITERIA], v.item->text))
		diag_warning(in->d, in->file->name, rec->line,
			     "criterion text of '%s' differs from the rubric's '%s'",
			     v.item->code, v.item->text);
	obs = observation_new(row);
	obs->item = v.item;
	obs->level = v.level;
	obs->date = v.date;
	obs->file = in->file;
	obs->line = rec->line;
	obs->seq = in->ds->rows_accepted;
	g_ptr_array_add(v.unit->observations, obs);
	in->file->rows_accepted++;
	in->ds->rows_accepted++;
	if (v.date > in->ds->latest_date)
		in->ds->latest_date = v.date;
}

