/* report_method.c — appendix A of report.pdf: how units are scored and awarded,
 * as the issuing office has set it. */
#include "report_int.h"

#include <string.h>

#include "style.h"
#include "text.h"

/* ----------------------------------------------------------- method */

/* The aspects with their weights and shares of the total. */
static void method_aspects(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	static const struct flow_column aspect_cols[] = {
		{ "Kode", 40, DRAW_LEFT }, { "Aspek", 330, DRAW_LEFT },
		{ "Bobot", 50, DRAW_RIGHT }, { "Porsi", 50, DRAW_RIGHT } };
	struct flow_table t;
	double wsum = 0;

	for (guint a = 0; a < rb->aspects->len; a++)
		wsum += ((const struct rubric_aspect *)g_ptr_array_index(rb->aspects, a))
			    ->weight;
	flow_heading(f, 3, "Aspek dan bobot", NULL);
	flow_table_begin(f, &t, aspect_cols, 4, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);
		struct flow_cell c[4] = {
		    {flow_safe(f, asp->id), 0, 0, 0},
		    {flow_safe(f, asp->label), 0, 0, 0},
		    {flow_limit(f, asp->weight), 0, 0, 0},
		    {flow_fmt(f, "%s%%", flow_limit(f, 100 * asp->weight / wsum)), 0, 0,
		     0}};

		flow_table_row(f, &t, c);
	}
	flow_table_end(f, &t, 4);
}

/* A scale as people know it: its answers, "Ada / Proses / Tidak"; a
 * string of f's pool. */
static const char *scale_words(struct flow *f, const struct rubric_scale *sc, int values)
{
	GString *s = g_string_new(NULL);

	for (guint l = 0; l < sc->levels->len; l++) {
		const struct rubric_level *lv = g_ptr_array_index(sc->levels, l);

		g_string_append_printf(s, "%s%s", l ? " / " : "",
				       values ? flow_limit(f, lv->value) : flow_safe(f, lv->label));
	}
	g_ptr_array_add(f->pool, s->str);
	return g_string_free(s, FALSE);
}

/* Every scale's answers and their values. */
static void method_scales(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	static const struct flow_column scale_cols[] = {
		{ "Pilihan jawaban", 240, DRAW_LEFT }, { "Nilai", 120, DRAW_LEFT } };
	struct flow_table t;

	flow_heading(f, 3, "Skala jawaban", NULL);
	flow_table_begin(f, &t, scale_cols, 2, FLOW_LEFT, FLOW_WIDTH * 0.75, 0);
	for (guint s = 0; s < rb->scales->len; s++) {
		const struct rubric_scale *sc = g_ptr_array_index(rb->scales, s);

		flow_table_row(f, &t, (struct flow_cell[2]){
			{ scale_words(f, sc, 0), 0, 0, 0 }, { scale_words(f, sc, 1), 0, 0, 0 } });
	}
	flow_table_end(f, &t, 4);
}

/* The grades and their minimum totals, or the one predicate. */
static void method_grades(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	static const struct flow_column grade_cols[] = {
	    {"Predikat", 200, DRAW_LEFT}, {"Nilai total minimum", 120, DRAW_RIGHT}};
	struct flow_table t;

	flow_heading(f, 3, "Predikat", NULL);
	if (!rb->grades->len) {
		flow_paragraph(f, rb->predicate
				  ? flow_fmt(f, "Rubrik ini tidak memakai tingkatan predikat. "
					     "UPT yang direkomendasikan memperoleh predikat "
					     "\u201c%s\u201d.", flow_safe(f, rb->predicate))
				  : "Rubrik ini tidak memakai predikat.",
			       &flow_body, 0);
		return;
	}
	flow_table_begin(f, &t, grade_cols, 2, FLOW_LEFT, FLOW_WIDTH * 0.6, 0);
	for (guint g = 0; g < rb->grades->len; g++) {
		const struct rubric_grade *gr = g_ptr_array_index(rb->grades, g);
		struct flow_cell c[2] = {{flow_safe(f, gr->label), 0, 0, 0},
					 {flow_num2(f, gr->min), 0, 0, 0}};

		flow_table_row(f, &t, c);
	}
	flow_table_end(f, &t, 4);
}

/* Gates and the evidence rule (SPEC 4.8a, 4.8b), as the rubric sets them. */
static void method_conditions(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GString *s = g_string_new(NULL);

	for (guint t = 0; t < rb->unit_types->len; t++) {
		const struct rubric_unit_type *ty = g_ptr_array_index(rb->unit_types, t);

		for (guint i = 0; i < ty->items->len; i++) {
			const struct rubric_item *it = g_ptr_array_index(ty->items, i);

			if (!it->gate || g_hash_table_contains(seen, it->code))
				continue;
			g_hash_table_add(seen, it->code);
			g_string_append_printf(s, "%s• %s %s: UPT tidak direkomendasikan bila "
					       "jawabannya \u201c%s\u201d.", s->len ? "\n" : "",
					       flow_safe(f, it->code), flow_safe(f, it->text),
					       flow_safe(f, it->gate->label));
		}
	}
	if (s->len) {
		flow_heading(f, 3, "Syarat penghargaan", NULL);
		flow_paragraph(f, flow_fmt(f, "%s\nSyarat yang tidak diverifikasi tidak "
					   "menggugurkan; syarat tidak diberi bobot dan tidak "
					   "dihitung dalam kelengkapan.", s->str),
			       &flow_body, 0);
	}
	if (rb->has_evidence_rule) {
		flow_heading(f, 3, "Data dukung", NULL);
		flow_paragraph(
		    f, flow_fmt(f, "Setiap butir yang dinilai terpenuhi (seluruhnya atau "
				"sebagian) memerlukan sekurang-kurangnya %u data dukung%s. "
				"%s",
				rb->evidence_min,
				rb->evidence_distinct ? "; satu data dukung tidak boleh "
							"dipakai untuk dua butir" : "",
				rb->evidence_effect == EVIDENCE_ZERO
				    ? "Butir yang tidak memenuhinya dinilai 0."
				    : "Butir yang tidak memenuhinya ditandai; nilainya tidak "
				      "diubah."),
		    &flow_body, 0);
	}
	g_string_free(s, TRUE);
	g_hash_table_destroy(seen);
}

static void method_types(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	static const struct flow_column cols[] = {
		{ "Jenis UPT", 300, DRAW_LEFT }, { "Butir kriteria", 90, DRAW_RIGHT },
		{ "UPT dinilai", 90, DRAW_RIGHT } };
	struct flow_table t;

	flow_heading(f, 3, "Jenis UPT", NULL);
	flow_table_begin(f, &t, cols, 3, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint k = 0; k < m->rubric->unit_types->len; k++) {
		const struct rubric_unit_type *ty =
		    g_ptr_array_index(m->rubric->unit_types, k);
		unsigned n = 0;

		for (guint i = 0; i < m->units->len; i++)
			n += ((const struct scored_unit *)g_ptr_array_index(m->units, i))
				 ->type == ty;
		{
			struct flow_cell c[3] = {{flow_safe(f, ty->label), 0, 0, 0},
						 {flow_count(f, ty->items->len), 0, 0, 0},
						 {flow_count(f, n), 0, 0, 0}};

			flow_table_row(f, &t, c);
		}
	}
	flow_table_end(f, &t, 4);
}

/* Every criterion once, with the unit types that have it: unit profiles
 * name criteria by code. */
static void method_criteria(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	static const struct flow_column cols[] = {
		{ "Kode", 30, DRAW_LEFT }, { "Kriteria", 200, DRAW_LEFT },
		{ "Aspek", 34, DRAW_LEFT }, { "Pilihan jawaban", 92, DRAW_LEFT },
		{ "Jenis UPT", 126, DRAW_LEFT } };
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	struct flow_table t;

	flow_heading(f, 3, "Daftar kriteria", NULL);
	flow_table_begin(f, &t, cols, 5, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint k = 0; k < rb->unit_types->len; k++) {
		const struct rubric_unit_type *ty = g_ptr_array_index(rb->unit_types, k);

		for (guint i = 0; i < ty->items->len; i++) {
			const struct rubric_item *it = g_ptr_array_index(ty->items, i);
			GString *types = g_string_new(NULL);
			int all = 1;

			if (!g_hash_table_add(seen, it->code)) {
				g_string_free(types, TRUE);
				continue;
			}
			for (guint j = k; j < rb->unit_types->len; j++) {
				const struct rubric_unit_type *other =
				    g_ptr_array_index(rb->unit_types, j);

				if (rubric_find_item(other, it->code))
					g_string_append_printf(types, "%s%s",
							       types->len ? "; " : "",
							       other->label);
				else
					all = 0;
			}
			if (k > 0)
				all = 0;
			{
				struct flow_cell c[5] = {
				    {flow_safe(f, it->code), 0, 0, 0},
				    {flow_safe(f, it->text), 0, 0, 0},
				    /* A gate (SPEC 4.8a) belongs to no aspect. */
				    {it->gate ? "Syarat" : flow_safe(f, it->aspect->id), 0, 0,
				     0},
				    {scale_words(f, it->scale, 0), 0, 0, 0},
				    {all ? "Semua jenis" : flow_safe(f, types->str), 0, 0, 0}};

				flow_table_row(f, &t, c);
			}
			g_string_free(types, TRUE);
		}
	}
	flow_table_end(f, &t, 4);
	g_hash_table_destroy(seen);
}

/* The principles that scores are computed for. */
static void method_principles(struct report *r)
{
	struct flow *f = &r->f;
	const struct rubric *rb = r->m->rubric;
	GString *pr = g_string_new(NULL);

	for (guint p = 0; p < rb->principles->len; p++) {
		const struct rubric_principle *pp = g_ptr_array_index(rb->principles, p);

		g_string_append_printf(pr, "%s%s", p ? "; " : "", pp->label);
	}
	flow_heading(f, 3, "Prinsip pelayanan publik", NULL);
	report_para(r, 2, "Nilai prinsip dihitung untuk: %s. Prinsip tanpa butir pada "
		    "suatu jenis UPT tidak dinilai untuk jenis itu.", flow_safe(f, pr->str));
	g_string_free(pr, TRUE);
}

void report_method(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	const struct rubric *rb = m->rubric;
	char thr[32], flo[32];

	report_chapter_begin(r, CH_METHOD, "Lampiran A. Metode penilaian", 0);
	report_para(r, 6, "Laporan ini menyajikan hasil penilaian pelayanan publik "
	     "berbasis hak asasi manusia (P2HAM) tahun %d atas %s unit pelaksana teknis "
	     "(UPT) pada %s kantor wilayah, berdasarkan %s, versi %s. Tim verifikasi "
	     "memeriksa setiap kriteria di lokasi dan mencatat jawaban beserta data "
	     "dukungnya.", m->year, flow_count(f, m->units->len),
	     flow_count(f, m->regions->len), flow_safe(f, rb->title),
	     flow_safe(f, rb->version));
	report_para(r, 6, "Rubrik, bobot, ambang dan ketentuan dalam lampiran ini "
	     "ditetapkan sebagai kebijakan %s untuk penilaian tahun %d.", flow_safe(f, r->office),
	     m->year);
	flow_heading(f, 3, "Perhitungan nilai", NULL);
	report_para(r, 2, "Nilai butir adalah nilai jawaban pada skalanya (0 sampai 1); "
	     "butir yang "
	     "tidak diverifikasi bernilai 0. Nilai aspek dan nilai prinsip adalah 100 × "
	     "Σ(bobot butir × nilai butir) / Σ bobot butir atas butir jenis UPT yang "
	     "bersangkutan. Nilai total adalah rata-rata nilai aspek yang ditimbang dengan "
	     "bobot aspek. Kelengkapan adalah persentase butir yang telah diverifikasi. Bila "
	     "satu butir mendapat jawaban berbeda, yang dipakai adalah jawaban bertanggal "
	     "terakhir, atau jawaban dengan nilai terendah bila tanggalnya sama atau tidak "
	     "ada; setiap kasus dicatat sebagai konflik (Lampiran B).");
	method_aspects(r);
	method_scales(r);
	method_grades(r);
	text_format_id_2(thr, rb->threshold);
	text_format_id_2(flo, rb->aspect_floor);
	flow_heading(f, 3, "Kriteria rekomendasi penghargaan", NULL);
	flow_paragraph(f,
		       flow_fmt(f,
				"UPT direkomendasikan untuk memperoleh penghargaan "
				"apabila nilai totalnya "
				"sekurang-kurangnya %s dan nilai setiap aspeknya "
				"sekurang-kurangnya %s%s. "
				"UPT yang direkomendasikan dan tahun sebelumnya juga "
				"direkomendasikan atau "
				"dipertahankan berstatus dipertahankan.",
				thr, flo,
				rb->require_complete
				    ? ", serta seluruh butirnya telah diverifikasi "
				      "(kelengkapan 100%)"
				    : ""),
		       &flow_body, 2);
	method_conditions(r);
	method_principles(r);
	method_types(r);
	method_criteria(r);
	flow_untag(f, "Sect");
}
