/* report_summary.c — the executive summary and the ranking of report.pdf. */
#include "report_int.h"

#include <math.h>
#include <string.h>

#include "style.h"
#include "text.h"

#define TOP_CRITERIA 5
#define SPLIT_REGIONS 14        /* more regions: the table in two halves */

/* ------------------------------------------------ executive summary */

/* Regions from `first`, `n` of them, as a small table at x, w wide. */
static void region_table(struct report *r, guint first, guint n, double x, double w)
{
	struct flow *f = &r->f;
	static const struct flow_column cols[] = {
		{ "Kantor wilayah", 114, DRAW_LEFT }, { "UPT", 28, DRAW_RIGHT },
		{ "Direkomen-\ndasikan", 54, DRAW_RIGHT },
		{ "Dipertahan-\nkan", 54, DRAW_RIGHT } };
	struct flow_table t;

	flow_table_begin(f, &t, cols, 4, x, w, 1);
	for (guint k = first; k < first + n; k++) {
		GPtrArray *list = g_ptr_array_index(r->region_units, k);
		const struct region *rg = g_ptr_array_index(r->m->regions, k);
		unsigned rec = 0, ret = 0;

		for (guint i = 0; i < list->len; i++) {
			const struct scored_unit *u = g_ptr_array_index(list, i);

			rec += u->recommendation == REC_RECOMMENDED;
			ret += u->recommendation == REC_RETAINED;
		}
		flow_table_row(f, &t, (struct flow_cell[4]){
			{ rg->kanwil.display, 0, 0, 0 },
			{ flow_count(f, rg->units), 0, 0, 0 },
			{ flow_count(f, rec), &flow_td_bold, 0, 0 },
			{ flow_count(f, ret), 0, 0, 0 } });
	}
	flow_table_end(f, &t, 0);
}

/* The regions' table, in two halves side by side when it is long. */
static void summary_regions(struct report *r)
{
	struct flow *f = &r->f;
	guint n = r->m->regions->len, half = (n + 1) / 2;
	double y0, end, gap = 12, w = (FLOW_WIDTH - gap) / 2;

	flow_heading(f, 3, "UPT per kantor wilayah", NULL);
	if (n <= SPLIT_REGIONS) {
		region_table(r, 0, n, FLOW_LEFT, FLOW_WIDTH * 0.75);
		f->y += 6;
		return;
	}
	y0 = f->y;
	region_table(r, 0, half, FLOW_LEFT, w);
	end = f->y;
	f->y = y0;
	region_table(r, half, n - half, FLOW_LEFT + w + gap, w);
	f->y = fmax(end, f->y) + 6;
}

struct miss {
	const struct rubric_item *item;
	unsigned units;
};

static gint miss_cmp(gconstpointer a, gconstpointer b)
{
	const struct miss *x = a, *y = b;

	if (x->units != y->units)
		return x->units > y->units ? -1 : 1;
	return strcmp(x->item->code, y->item->code);
}

/* The criteria most often not fully met, with how many units. */
static void summary_criteria(struct report *r)
{
	struct flow *f = &r->f;
	GHashTable *by_code = g_hash_table_new(g_str_hash, g_str_equal);
	GArray *list = g_array_new(FALSE, TRUE, sizeof(struct miss));
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < r->m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(r->m->units, i);

		for (guint k = 0; k < u->type->items->len; k++) {
			const struct scored_item *si = &u->items[k];
			gpointer at;

			if (si->item->gate || si->score >= 1 - 1e-9)
				continue;
			if (!g_hash_table_lookup_extended(by_code, si->item->code, NULL, &at)) {
				struct miss m = { si->item, 0 };

				g_array_append_val(list, m);
				at = GUINT_TO_POINTER(list->len);
				g_hash_table_insert(by_code, si->item->code, at);
			}
			g_array_index(list, struct miss, GPOINTER_TO_UINT(at) - 1).units++;
		}
	}
	g_array_sort(list, miss_cmp);
	for (guint i = 0; i < list->len && i < TOP_CRITERIA; i++) {
		const struct miss *m = &g_array_index(list, struct miss, i);

		g_string_append_printf(s, "%s%u. %s %s — %s UPT", i ? "\n" : "", i + 1,
				       flow_safe(f, m->item->code), flow_safe(f, m->item->text),
				       flow_count(f, m->units));
	}
	flow_heading(f, 3, "Kriteria yang paling sering belum terpenuhi", NULL);
	flow_paragraph(f, s->len ? flow_fmt(f, "%s", s->str) :
		       "Seluruh kriteria terpenuhi pada setiap UPT.", &flow_body, 4);
	g_string_free(s, TRUE);
	g_array_free(list, TRUE);
	g_hash_table_destroy(by_code);
}

/* The principle with the lowest mean over all units that have it. */
static void summary_principle(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	const struct rubric_principle *weakest = NULL;
	double low = INFINITY;

	for (guint p = 0; p < rb->principles->len; p++) {
		double sum = 0;
		unsigned n = 0;

		for (guint i = 0; i < r->m->units->len; i++) {
			const struct scored_unit *u = g_ptr_array_index(r->m->units, i);

			if (!isnan(u->principles[p])) {
				sum += u->principles[p];
				n++;
			}
		}
		if (n && sum / n < low) {
			low = sum / n;
			weakest = g_ptr_array_index(rb->principles, p);
		}
	}
	if (!weakest)
		return;
	flow_heading(f, 3, "Prinsip terlemah", NULL);
	report_para(r, 4, "%s, dengan rata-rata nasional %s.", flow_safe(f, weakest->label),
		    flow_num2(f, low));
}

void report_summary(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	unsigned rec = 0, ret = 0;

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		rec += u->recommendation == REC_RECOMMENDED;
		ret += u->recommendation == REC_RETAINED;
	}
	report_chapter_begin(r, CH_SUMMARY, "Ringkasan eksekutif", 0);
	report_para(r, 4, "Penilaian tahun %d mencakup %s UPT pada %s kantor wilayah. %s UPT "
		    "direkomendasikan untuk memperoleh penghargaan dan %s UPT "
		    "dipertahankan; %s UPT tidak direkomendasikan.", m->year,
		    flow_count(f, m->units->len), flow_count(f, m->regions->len),
		    flow_count(f, rec), flow_count(f, ret),
		    flow_count(f, m->units->len - rec - ret));
	summary_regions(r);
	summary_criteria(r);
	summary_principle(r);
	flow_heading(f, 3, "Konflik jawaban dan baris data yang ditolak", NULL);
	report_para(r, 0, "Konflik jawaban: %s butir (Lampiran B).\nBaris data yang "
		    "ditolak: %s dari %s baris (Lampiran C).",
		    flow_count(f, m->conflicts->len), flow_count(f, m->rows_rejected),
		    flow_count(f, m->rows_read));
	flow_untag(f, "Sect");
	flow_release(f);
}

/* ---------------------------------------------------------- ranking */

/* The grade, or with a rubric without grades the predicate of an awarded
 * unit; a dash otherwise. */
static const char *award_words(struct flow *f, const struct model *m,
			       const struct scored_unit *u)
{
	const char *award = m->rubric->grades->len ? u->grade
			    : u->recommendation != REC_NOT_RECOMMENDED ? m->rubric->predicate
			    : NULL;

	return award ? flow_safe(f, award) : "–";
}

const char *report_reason_words(struct flow *f, const struct scored_unit *u)
{
	GString *s;

	if (u->recommendation != REC_NOT_RECOMMENDED)
		return "";
	s = g_string_new(NULL);
	for (guint i = 0; i < u->reasons->len; i++) {
		const struct reason *rs = &g_array_index(u->reasons, struct reason, i);

		if (s->len)
			g_string_append(s, "; ");
		if (rs->kind == REASON_GATE)
			g_string_append_printf(s, "syarat %s tidak terpenuhi",
					       flow_safe(f, rs->gate->code));
		else if (rs->kind == REASON_TOTAL)
			g_string_append_printf(s, "nilai di bawah ambang %s",
					       flow_limit(f, rs->limit));
		else if (rs->kind == REASON_ASPECT)
			g_string_append_printf(s, "aspek %s di bawah %s",
					       flow_safe(f, rs->aspect->id),
					       flow_limit(f, rs->limit));
		else
			g_string_append_printf(s, "kelengkapan di bawah %s%%",
					       flow_limit(f, rs->limit));
	}
	if (u->evidence_flags)
		g_string_append_printf(s, "%s%u butir kurang data dukung", s->len ? "; " : "",
				       u->evidence_flags);
	g_ptr_array_add(f->pool, s->str);
	return g_string_free(s, FALSE);
}

void report_ranking(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	static const struct flow_column cols[] = {
		{ "No.", 20, DRAW_LEFT }, { "Nama UPT", 120, DRAW_LEFT },
		{ "Kantor wilayah", 96, DRAW_LEFT }, { "Nilai", 32, DRAW_RIGHT },
		{ "Predikat", 52, DRAW_LEFT }, { "Lengkap", 40, DRAW_RIGHT },
		{ "Rekomendasi dan alasan", 123, DRAW_LEFT } };
	struct flow_table t;

	report_chapter_begin(r, CH_RANKING, "Peringkat UPT", 0);
	report_para(r, 8, "Tabel berikut mengurutkan %s UPT menurut nilai total; UPT "
		    "dengan nilai yang sama (dua desimal) berbagi peringkat dan diurutkan "
		    "menurut nama. Untuk UPT yang tidak direkomendasikan, tabel menyebut "
		    "ketentuan yang tidak dipenuhi (Lampiran A). Nama UPT menaut ke "
		    "profilnya pada bab 3.", flow_count(f, m->units->len));
	flow_table_begin(f, &t, cols, 7, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);
		int no = u->recommendation == REC_NOT_RECOMMENDED;

		flow_table_row(f, &t, (struct flow_cell[7]){
			{ flow_count(f, u->rank), 0, 0, 0 },
			{ u->name.display, &flow_td_link,
			  flow_fmt(f, "dest='unit-%s'", u->id), 0 },
			{ u->kanwil.display, 0, 0, 0 },
			{ flow_num2(f, u->total), &flow_td_bold, 0, 0 },
			{ award_words(f, m, u), 0, 0, 0 },
			{ flow_fmt(f, "%s%%", flow_num2(f, u->completeness)), 0, 0, 0 },
			{ no ? flow_fmt(f, "Tidak: %s", report_reason_words(f, u))
			     : style_recommendation_label(u->recommendation),
			  no ? 0 : &flow_td_bold, 0, 0 } });
		if (i % 64 == 63)
			flow_release(f);
	}
	flow_table_end(f, &t, 0);
	if (!m->units->len)
		flow_paragraph(f, "Tidak ada UPT yang dinilai.", &flow_body, 0);
	flow_untag(f, "Sect");
	flow_release(f);
}
