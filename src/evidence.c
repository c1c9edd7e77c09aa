/* evidence.c — the rubric's evidence rule on a unit's scored items (SPEC 4.8b). */
#include "evidence.h"

#include "text.h"

/* Add the folded entries of an item's data dukung to `entries` (a set):
 * the cell split on ';', '|' and line breaks, trimmed, blanks dropped. */
static void evidence_entries(const char *evidence, GHashTable *entries)
{
	char **parts = g_strsplit_set(evidence ? evidence : "", ";|\r\n", -1);

	for (char **p = parts; *p; p++) {
		if (text_is_blank(*p))
			continue;
		g_hash_table_add(entries, text_fold(*p));
	}
	g_strfreev(parts);
}

/* Whether the evidence rule looks at this item: assessed, scored, and
 * answered with a level worth more than 0. */
static int evidence_checked(const struct scored_item *si)
{
	return si->level && !si->item->gate && si->level->value > 0;
}

void evidence_check(struct scored_unit *su, const struct rubric *r)
{
	guint n = su->type->items->len;
	GHashTable **sets = g_new0(GHashTable *, n ? n : 1);
	GHashTable *owner = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTableIter it;
	gpointer key;

	for (guint i = 0; i < n; i++) {
		struct scored_item *si = &su->items[i];
		guint count;

		if (!evidence_checked(si))
			continue;
		sets[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		evidence_entries(si->evidence.raw, sets[i]);
		count = g_hash_table_size(sets[i]);
		si->evidence_status = count >= si->item->evidence_min ? EVIDENCE_OK
				      : count ? EVIDENCE_INSUFFICIENT : EVIDENCE_MISSING;
		if (!r->evidence_distinct)
			continue;
		g_hash_table_iter_init(&it, sets[i]);
		while (g_hash_table_iter_next(&it, &key, NULL)) {
			gpointer first = g_hash_table_lookup(owner, key);
			struct scored_item *other = first ? &su->items[GPOINTER_TO_UINT(first) - 1]
							  : NULL;

			if (!other) {
				g_hash_table_insert(owner, key, GUINT_TO_POINTER(i + 1));
				continue;
			}
			if (other->evidence_status == EVIDENCE_OK)
				other->evidence_status = EVIDENCE_REUSED;
			if (si->evidence_status == EVIDENCE_OK)
				si->evidence_status = EVIDENCE_REUSED;
		}
	}
	for (guint i = 0; i < n; i++) {
		struct scored_item *si = &su->items[i];

		if (si->evidence_status > EVIDENCE_OK) {
			su->evidence_flags++;
			if (r->evidence_effect == EVIDENCE_ZERO)
				si->score = 0;
		}
	}
	g_hash_table_destroy(owner);
	for (guint i = 0; i < n; i++)
		if (sets[i])
			g_hash_table_destroy(sets[i]);
	g_free(sets);
}
