/* score_office.c — the issuing office of every unit and region, and the
 * certificate numbers (SPEC 6.1). The offices are borrowed. */
#include "score_int.h"

#include <string.h>

#include "diag.h"
#include "offices.h"

/* The office of `kanwil`, or the national issuer with a warning at the
 * row `file`:`line` (NULL: the offices file), once per kanwil. */
static const struct office *office_of(const struct offices *o, const char *kanwil,
				      const char *file, unsigned long line,
				      GHashTable *warned, struct diag *d)
{
	const struct office *of = offices_match(o, kanwil);

	if (of)
		return of;
	if (!g_hash_table_contains(warned, kanwil)) {
		g_hash_table_add(warned, (gpointer)kanwil);
		diag_warning(d, file ? file : o->path, file ? line : 0,
			     "kanwil '%s' matches no office in %s; its documents are issued "
			     "by %s", kanwil, o->path, o->national->name);
	}
	return o->national;
}

const struct office *score_office_of(const struct offices *o, const struct unit_obs *u,
				     GHashTable *warned, struct diag *d)
{
	const struct observation *first =
	    u->observations->len ? g_ptr_array_index(u->observations, 0) : NULL;

	return office_of(o, u->kanwil ? u->kanwil : "", first ? first->file->name : NULL,
			 first ? first->line : 0, warned, d);
}

static const struct office *unit_office(const struct offices *o,
					const struct scored_unit *u,
					GHashTable *warned, struct diag *d)
{
	return office_of(o, u->kanwil.raw, u->first_file ? u->first_file->name.raw : NULL,
			 u->first_line, warned, d);
}

void model_assign_offices(struct model *m, const struct offices *o, struct diag *d)
{
	GHashTable *warned = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *seq = g_hash_table_new(NULL, NULL);

	m->offices = o;
	m->issuer = NULL;
	/* Regions first: they are in order of first appearance, like the
	 * rows, so warnings come in input order. */
	for (guint i = 0; i < m->regions->len; i++) {
		struct region *rg = g_ptr_array_index(m->regions, i);
		const struct scored_unit *first = NULL;

		for (guint k = 0; k < m->units->len; k++) {
			const struct scored_unit *u = g_ptr_array_index(m->units, k);

			if (strcmp(u->kanwil.raw, rg->kanwil.raw) == 0 &&
			    (!first || u->order < first->order))
				first = u;
		}
		rg->office = first ? unit_office(o, first, warned, d) : o->national;
	}
	for (guint i = 0; i < m->units->len; i++) {
		struct scored_unit *u = g_ptr_array_index(m->units, i);
		unsigned n;

		u->office = unit_office(o, u, warned, d);
		m->issuer = !m->issuer || m->issuer == u->office ? u->office : o->national;
		g_clear_pointer(&u->certificate, g_free);
		if (u->recommendation == REC_NOT_RECOMMENDED)
			continue;
		n = GPOINTER_TO_UINT(g_hash_table_lookup(seq, u->office)) + 1;
		g_hash_table_insert(seq, (gpointer)u->office, GUINT_TO_POINTER(n));
		u->certificate = office_certificate_number(u->office, n, m->year);
	}
	if (!m->issuer)
		m->issuer = o->national;
	g_hash_table_destroy(seq);
	g_hash_table_destroy(warned);
}
