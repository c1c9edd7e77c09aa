/* form.c — the blank verification form (layout B) for one unit type. */
#include "form.h"

#include <string.h>

#include "text.h"

#define SEP ";"
#define EOL "\r\n"

/* A cell of text from the command line or the rubric: guarded against
 * formulas and quoted as text_csv_cell() says; NULL is an empty cell. */
static void field(FILE *out, const char *s)
{
	char *cell;

	if (!s)
		return;
	cell = text_csv_cell(s);
	fputs(cell, out);
	g_free(cell);
}

static void meta(FILE *out, const char *key, const char *value)
{
	fputs(key, out);
	fputs(SEP, out);
	field(out, value);
	fputs(EOL, out);
}

/* The answer labels of the type's scales, each once, in rubric order. */
static GPtrArray *answer_labels(const struct rubric *r,
				const struct rubric_unit_type *type)
{
	GPtrArray *labels = g_ptr_array_new();

	for (guint s = 0; s < r->scales->len; s++) {
		const struct rubric_scale *scale = g_ptr_array_index(r->scales, s);
		int used = 0;

		for (guint i = 0; i < type->items->len && !used; i++)
			used = ((const struct rubric_item *)
				g_ptr_array_index(type->items, i))->scale == scale;
		for (guint l = 0; used && l < scale->levels->len; l++) {
			const struct rubric_level *lv = g_ptr_array_index(scale->levels, l);
			int seen = 0;

			for (guint k = 0; k < labels->len && !seen; k++)
				seen = !strcmp(g_ptr_array_index(labels, k), lv->label);
			if (!seen)
				g_ptr_array_add(labels, lv->label);
		}
	}
	return labels;
}

void form_write(const struct rubric *r, const struct rubric_unit_type *type,
		const char *unit, const char *kanwil, FILE *out)
{
	GPtrArray *labels = answer_labels(r, type);

	fputs("\xEF\xBB\xBF", out);
	meta(out, "Kanwil", kanwil);
	meta(out, "Unit", unit);
	meta(out, "Jenis", type->id);
	meta(out, "Verifikator", NULL);
	meta(out, "Tanggal", NULL);
	fputs(EOL, out);
	fputs("Kode" SEP "Kriteria", out);
	for (guint k = 0; k < labels->len; k++) {
		fputs(SEP, out);
		field(out, g_ptr_array_index(labels, k));
	}
	fputs(SEP "Data dukung" SEP "Catatan" EOL, out);
	for (guint i = 0; i < type->items->len; i++) {
		const struct rubric_item *item = g_ptr_array_index(type->items, i);

		field(out, item->code);
		fputs(SEP, out);
		field(out, item->text);
		for (guint k = 0; k < labels->len + 2; k++)
			fputs(SEP, out);
		fputs(EOL, out);
	}
	g_ptr_array_free(labels, TRUE);
}
