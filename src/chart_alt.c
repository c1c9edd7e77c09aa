/* chart_alt.c — the alternative text of each chart: what it shows, in words and
 * numbers, for the report's figure tags and the SVG files' <desc>. */
#include "chart_int.h"

/* User text as the display rule has it, on one line. */
static void put(GString *out, const char *s)
{
	char *safe = text_display_safe(s ? s : "");
	const char *t = safe ? safe : s ? s : "";

	for (; *t; t++)
		g_string_append_c(out, *t == '\n' ? ' ' : *t);
	g_free(safe);
}

static void put_num(GString *out, double v)
{
	char buf[32];

	if (isnan(v)) {
		g_string_append(out, "tidak dinilai");
		return;
	}
	fmt2(buf, v);
	g_string_append(out, buf);
}

static void put_limit(GString *out, const char *what, double v)
{
	char buf[32];

	fmt_limit(buf, v);
	g_string_append_printf(out, " %s %s.", what, buf);
}

char *chart_alt_unit_aspects(const struct model *m, const struct scored_unit *u)
{
	const struct rubric *rb = m->rubric;
	GString *out = g_string_new("Nilai per aspek ");
	int first = 1;

	put(out, u->name.display);
	g_string_append_c(out, ':');
	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);

		if (isnan(u->aspects[a]))
			continue;
		g_string_append(out, first ? " " : "; ");
		put(out, asp->id);
		g_string_append(out, ". ");
		put(out, asp->label);
		g_string_append_c(out, ' ');
		put_num(out, u->aspects[a]);
		first = 0;
	}
	g_string_append_c(out, '.');
	put_limit(out, "Batas aspek", rb->aspect_floor);
	return g_string_free(out, FALSE);
}

char *chart_alt_unit_principles(const struct model *m, const struct scored_unit *u)
{
	const struct region *r = chart_unit_region(m, u);
	GString *out = g_string_new("Nilai per prinsip ");
	guint rows[64];
	unsigned n = chart_principle_order(m, u, rows, G_N_ELEMENTS(rows));

	put(out, u->name.display);
	g_string_append(out, ", dari yang terendah, dengan rata-rata ");
	put(out, r ? r->kanwil.display : "kanwil");
	g_string_append(out, " dalam kurung:");
	for (unsigned k = 0; k < n; k++) {
		const struct rubric_principle *pr =
		    g_ptr_array_index(m->rubric->principles, rows[k]);

		g_string_append(out, k ? "; " : " ");
		put(out, pr->label);
		g_string_append_c(out, ' ');
		put_num(out, u->principles[rows[k]]);
		g_string_append(out, " (");
		put_num(out, r ? r->principles[rows[k]] : NAN);
		g_string_append_c(out, ')');
	}
	g_string_append_c(out, '.');
	put_limit(out, "Ambang penghargaan", m->rubric->threshold);
	return g_string_free(out, FALSE);
}

char *chart_alt_region_principles(const struct model *m, const struct region *r)
{
	GString *out = g_string_new("Rata-rata nilai per prinsip ");
	int compare = m->regions->len > 1, first = 1;

	put(out, r->kanwil.display);
	g_string_append(out, compare ? ", dengan rata-rata seluruh UPT dalam kurung:" : ":");
	for (guint p = 0; p < m->rubric->principles->len; p++) {
		const struct rubric_principle *pr = g_ptr_array_index(m->rubric->principles, p);

		if (isnan(r->principles[p]))
			continue;
		g_string_append(out, first ? " " : "; ");
		put(out, pr->label);
		g_string_append_c(out, ' ');
		put_num(out, r->principles[p]);
		if (compare) {
			g_string_append(out, " (");
			put_num(out, chart_overall_principle(m, p));
			g_string_append_c(out, ')');
		}
		first = 0;
	}
	g_string_append_c(out, '.');
	return g_string_free(out, FALSE);
}

static void heat_row_alt(GString *out, const struct model *m, const struct region *r,
			 const double *scores)
{
	int first = 1;

	for (guint p = 0; p < m->rubric->principles->len; p++) {
		const struct rubric_principle *pr = g_ptr_array_index(m->rubric->principles, p);

		if (isnan(r->principles[p]))
			continue;
		g_string_append(out, first ? " " : ", ");
		put(out, pr->label);
		g_string_append_c(out, ' ');
		put_num(out, scores[p]);
		first = 0;
	}
	g_string_append_c(out, '.');
}

char *chart_alt_region_heatmap(const struct model *m, const struct region *r,
			       unsigned first, unsigned count)
{
	GPtrArray *units = chart_region_units(m, r);
	GString *out = g_string_new("Nilai prinsip per UPT ");

	first = MIN(first, units->len);
	count = MIN(count, units->len - first);
	put(out, r->kanwil.display);
	g_string_append_c(out, '.');
	for (unsigned i = first; i < first + count; i++) {
		const struct scored_unit *u = g_ptr_array_index(units, i);

		g_string_append_printf(out, " %u. ", u->rank);
		put(out, u->name.display);
		g_string_append_c(out, ':');
		heat_row_alt(out, m, r, u->principles);
	}
	if (first + count == units->len) {
		g_string_append(out, " Rata-rata kanwil:");
		heat_row_alt(out, m, r, r->principles);
	}
	g_ptr_array_unref(units);
	return g_string_free(out, FALSE);
}

char *chart_alt_ranking(const struct model *m, const struct region *r, unsigned first,
			unsigned count)
{
	GPtrArray *units = chart_region_units(m, r);
	GString *out = g_string_new("Peringkat nilai total ");

	first = MIN(first, units->len);
	count = MIN(count, units->len - first);
	if (r)
		put(out, r->kanwil.display);
	else
		g_string_append(out, "seluruh UPT");
	g_string_append_c(out, ':');
	for (unsigned i = first; i < first + count; i++) {
		const struct scored_unit *u = g_ptr_array_index(units, i);

		g_string_append_printf(out, "%s%u. ", i > first ? "; " : " ", u->rank);
		put(out, u->name.display);
		g_string_append_c(out, ' ');
		put_num(out, u->total);
		g_string_append_printf(out, " (%s)",
				       style_recommendation_label(u->recommendation));
	}
	g_string_append_c(out, '.');
	put_limit(out, "Ambang penghargaan", m->rubric->threshold);
	g_ptr_array_unref(units);
	return g_string_free(out, FALSE);
}
