/* rubric_query.c — looking things up in a loaded rubric. */
#include "rubric.h"

#include <string.h>

#include "text.h"

const struct rubric_unit_type *rubric_find_type(const struct rubric *r,
						const char *name)
{
	char *key;
	const struct rubric_unit_type *found = NULL;

	/* `form --type` passes the shell's bytes, which may not be UTF-8. */
	if (!g_utf8_validate(name, -1, NULL))
		return NULL;
	key = text_fold(name);

	for (guint i = 0; !found && *key && i < r->unit_types->len; i++) {
		const struct rubric_unit_type *t = r->unit_types->pdata[i];

		if (text_fold_equal(t->id, key) || text_fold_equal(t->label, key) ||
		    g_ptr_array_find_with_equal_func(t->prefixes, key, g_str_equal, NULL))
			found = t;
	}
	g_free(key);
	return found;
}

const struct rubric_unit_type *rubric_type_of_name(const struct rubric *r,
						   const char *unit_name)
{
	char *name = text_fold(unit_name);
	const struct rubric_unit_type *best = NULL;
	size_t best_len = 0;

	for (guint i = 0; i < r->unit_types->len; i++) {
		const struct rubric_unit_type *t = r->unit_types->pdata[i];

		for (guint j = 0; j < t->prefixes->len; j++) {
			const char *p = t->prefixes->pdata[j];
			size_t len = strlen(p);

			/* "Lapasan" is not a Lapas: the prefix must end a word. */
			if (len <= best_len || strncmp(name, p, len) != 0 ||
			    (name[len] && g_unichar_isalnum(g_utf8_get_char(name + len))))
				continue;
			best = t;
			best_len = len;
		}
	}
	g_free(name);
	return best;
}

const struct rubric_item *rubric_find_item(const struct rubric_unit_type *type,
					   const char *code)
{
	char *key = text_fold(code);
	const struct rubric_item *it = g_hash_table_lookup(type->by_code, key);

	g_free(key);
	return it;
}

const struct rubric_level *rubric_match_level(const struct rubric_scale *scale,
					      const char *answer)
{
	char *key = text_fold(answer);
	/* Keys are unique within a scale (the loader refuses a repeat). */
	const struct rubric_level *found = g_hash_table_lookup(scale->by_key, key);

	g_free(key);
	return found;
}

const char *rubric_grade(const struct rubric *r, double total)
{
	for (guint i = 0; i < r->grades->len; i++) {
		const struct rubric_grade *g = r->grades->pdata[i];

		if (total + 1e-9 >= g->min)
			return g->label;
	}
	return NULL;
}

const char *rubric_award_text(const struct rubric *r, const char *grade)
{
	if (r->grades->len)
		return grade;
	return r->predicate;
}
