/* profile.c — the profile of one unit in report.pdf. */
#include "profile.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "chart.h"
#include "plain.h"
#include "style.h"
#include "text.h"

#define LEFT FLOW_LEFT
#define WIDTH FLOW_WIDTH

/* What a figure of the profile draws. */
struct figure_data {
	const struct model *m;
	const struct scored_unit *u;
};

/* The unit's key figures as eight key-value pairs, two per row. */
static void unit_info_values(struct flow *f, const struct model *m,
			     const struct scored_unit *u, const char *kv[8][2])
{
	const struct rubric_unit_type *ty = u->type;
	const char *values[8][2] = {
	    {"Kantor wilayah", u->kanwil.display},
	    {"Nilai total", u->grade ? flow_fmt(f, "%s — %s", flow_num2(f, u->total),
						flow_safe(f, u->grade))
				     : flow_num2(f, u->total)},
	    {"Jenis UPT", flow_safe(f, ty->label)},
	    {"Peringkat", flow_fmt(f, "%u dari %u", u->rank, m->units->len)},
	    {"Rekomendasi", style_recommendation_label(u->recommendation)},
	    {"Kelengkapan",
	     flow_fmt(f, "%s%% (%u dari %u butir)", flow_num2(f, u->completeness),
		      u->observed, ty->scored)},
	    {"Kode verifikasi", u->code},
	    {u->has_previous ? "Tahun sebelumnya" : "",
	     !u->has_previous
		 ? ""
		 : flow_fmt(f, "%s, %s (%s%s)", flow_num2(f, u->previous_total),
			    style_recommendation_label(u->previous_recommendation),
			    u->total >= u->previous_total ? "+" : "−",
			    flow_num2(f, fabs(u->total - u->previous_total)))},
	};
	memcpy(kv, values, sizeof values);
}

static void unit_info(struct flow *f, const struct model *m, const struct scored_unit *u)
{
	const char *kv[8][2];
	double colw = WIDTH / 2, keyw = 76, vw = colw - keyw - 12, line, total = 0, h[4];
	int one_line = 1;

	unit_info_values(f, m, u, kv);
	line = plain_height(f->cr, "Ag", vw, &flow_val);
	for (int row = 0; row < 4; row++) {
		h[row] = fmax(plain_height(f->cr, kv[2 * row][1], vw, &flow_val),
			      plain_height(f->cr, kv[2 * row + 1][1], vw, &flow_val));
		one_line &= h[row] < line + 0.01;
		total += h[row] + 3;
	}
	flow_need(f, total + 12);
	if (f->drawing)
		draw_fill_rect(f->cr, LEFT, f->y, WIDTH, total + 8, flow_panel);
	f->y += 4;
	flow_tag(f, "P", NULL);
	if (one_line) {
		/* Keys and values as four columns of lines: four texts, not sixteen. */
		struct draw_style key = flow_key, val = flow_val;

		key.spacing = val.spacing = 3;
		for (int c = 0; c < 4; c++) {
			GString *col = g_string_new(NULL);

			for (int row = 0; row < 4; row++)
				g_string_append_printf(col, "%s%s", row ? "\n" : "",
						       kv[2 * row + c / 2][c % 2]);
			flow_plain(f, col->str,
				   LEFT + 8 + (c / 2) * colw + (c % 2) * keyw, f->y,
				   c % 2 ? vw : keyw, c % 2 ? &val : &key);
			g_string_free(col, TRUE);
		}
		f->y += total;
	} else {
		for (int row = 0; row < 4; row++) {
			for (int c = 0; c < 2; c++) {
				double x = LEFT + 8 + c * colw;

				flow_plain(f, kv[2 * row + c][0], x, f->y, keyw,
					   &flow_key);
				flow_plain(f, kv[2 * row + c][1], x + keyw, f->y, vw,
					   &flow_val);
			}
			f->y += h[row] + 3;
		}
	}
	flow_untag(f, "P");
	f->y += 14;
}

static void draw_aspects(cairo_t *cr, const void *data, double x, double y, double w,
			 double h)
{
	const struct figure_data *fd = data;

	chart_unit_aspects(cr, fd->m, fd->u, x, y, w, h);
}

static void draw_radar(cairo_t *cr, const void *data, double x, double y, double w,
		       double h)
{
	const struct figure_data *fd = data;

	chart_unit_principles(cr, fd->m, fd->u, x, y, w, h);
}

/* The aspect scores as a table: weights and the total. */
static void score_table(struct flow *f, const struct model *m,
			const struct scored_unit *u, double x, double w)
{
	const struct rubric *rb = m->rubric;
	static const struct flow_column cols[] = {{"Aspek", 130, DRAW_LEFT},
						  {"Bobot", 34, DRAW_RIGHT},
						  {"Nilai", 40, DRAW_RIGHT}};
	struct flow_table t;

	flow_table_begin(f, &t, cols, 3, x, w, 1);
	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);
		struct flow_cell c[3] = {{flow_fmt(f, "%s. %s", flow_safe(f, asp->id),
						   flow_safe(f, asp->label)),
					  0, 0, 0},
					 {flow_limit(f, asp->weight), 0, 0, 0},
					 {flow_num2(f, u->aspects[a]),
					  score_at_least(u->aspects[a], rb->aspect_floor)
					      ? NULL
					      : &flow_td_bad,
					  0, 0}};

		if (!isnan(u->aspects[a]))
			flow_table_row(f, &t, c);
	}
	{
		struct flow_cell c[3] = {{"Nilai total", &flow_td_bold, 0, 0},
					 {"", 0, 0, 0},
					 {flow_num2(f, u->total), &flow_td_bold, 0, 0}};

		flow_table_row(f, &t, c);
	}
	flow_table_end(f, &t, 0);
}

/* Aspect chart and score table on the left, the principle radar on the right. */
static void charts(struct flow *f, const struct model *m, const struct scored_unit *u)
{
	const double lw = 206, rx = LEFT + lw + 14, rw = WIDTH - lw - 14, ah = 112,
		     rh = 196;
	struct figure_data fd = { m, u };
	double y0, left_end;
	char *alt;

	flow_need(f, rh + 8);
	y0 = f->y;
	alt = chart_alt_unit_aspects(m, u);
	flow_figure(f, alt, draw_aspects, &fd, LEFT, lw, ah);
	g_free(alt);
	f->y += ah + 4;
	score_table(f, m, u, LEFT, lw);
	left_end = f->y;
	f->y = y0;
	alt = chart_alt_unit_principles(m, u);
	flow_figure(f, alt, draw_radar, &fd, rx, rw, rh);
	g_free(alt);
	f->y = fmax(left_end, y0 + rh) + 4;
}

static const char *answer_text(struct flow *f, const struct scored_item *si)
{
	if (si->status == ITEM_MISSING)
		return "Tidak diverifikasi";
	return si->status == ITEM_CONFLICT ?
	       flow_fmt(f, "%s (konflik)", flow_safe(f, si->level->label)) :
	       flow_safe(f, si->level->label);
}

static int fully_met(const struct scored_item *si)
{
	return si->score >= 1 - 1e-9;
}

static const char *follow_up(const struct scored_item *si)
{
	if (si->status == ITEM_MISSING)
		return "verifikasi butir ini";
	return si->score > 1e-9 ? "tuntaskan pemenuhan kriteria" : "penuhi kriteria";
}

/* The items not fully met, what the unit should improve: a list rather
 * than a table, since every unit has one and a list costs a fraction of
 * the drawing. */
static void fixes(struct flow *f, const struct scored_unit *u)
{
	const double code_w = 30;
	int any = 0;

	flow_heading(f, 3, "Rekomendasi perbaikan", NULL);
	for (guint i = 0; i < u->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];
		const char *text;
		double h;

		if (si->item->gate || fully_met(si))
			continue;
		any = 1;
		text = flow_fmt(f, "%s — %s: %s.%s%s", flow_safe(f, si->item->text),
				answer_text(f, si), follow_up(si),
				si->note.raw ? " Catatan tim: " : "",
				si->note.raw ? si->note.display : "");
		h = plain_height(f->cr, text, WIDTH - code_w, &flow_list) + 2;
		flow_need(f, h);
		flow_tag(f, "P", NULL);
		flow_plain(f, flow_safe(f, si->item->code), LEFT, f->y, code_w,
			   &flow_list_code);
		flow_plain(f, text, LEFT + code_w, f->y, WIDTH - code_w, &flow_list);
		flow_untag(f, "P");
		f->y += h;
	}
	if (!any)
		flow_paragraph(
		    f, "Seluruh kriteria terpenuhi; tidak ada rekomendasi perbaikan.",
		    &flow_body, 0);
}

static void reasons(struct flow *f, const struct scored_unit *u)
{
	GString *s;

	if (u->recommendation != REC_NOT_RECOMMENDED || !u->reasons->len)
		return;
	s = g_string_new(NULL);
	for (guint i = 0; i < u->reasons->len; i++) {
		const struct reason *rs = &g_array_index(u->reasons, struct reason, i);

		if (i)
			g_string_append_c(s, '\n');
		if (rs->kind == REASON_TOTAL)
			g_string_append_printf(
			    s, "• Nilai total %s di bawah ambang penghargaan %s.",
			    flow_num2(f, rs->value), flow_num2(f, rs->limit));
		else if (rs->kind == REASON_ASPECT)
			g_string_append_printf(
			    s, "• Nilai aspek %s (%s) %s di bawah batas minimum %s.",
			    flow_safe(f, rs->aspect->id), flow_safe(f, rs->aspect->label),
			    flow_num2(f, rs->value), flow_num2(f, rs->limit));
		else if (rs->kind == REASON_GATE)
			g_string_append_printf(
			    s, "• Syarat tidak terpenuhi: %s (%s).",
			    flow_safe(f, rs->gate->text), flow_safe(f, rs->gate->code));
		else
			g_string_append_printf(
			    s,
			    "• Kelengkapan %s%% di bawah %s%%: %u butir belum "
			    "diverifikasi.",
			    flow_num2(f, rs->value), flow_num2(f, rs->limit),
			    u->type->scored - u->observed);
	}
	flow_heading(f, 3, "Alasan tidak direkomendasikan", NULL);
	flow_paragraph(f, flow_fmt(f, "%s", s->str), &flow_body, 0);
	g_string_free(s, TRUE);
}

static void conflicts_table(struct flow *f, const GPtrArray *list)
{
	static const struct flow_column cols[] = {
		{ "Kode", 30, DRAW_LEFT }, { "Kriteria", 160, DRAW_LEFT },
		{ "Dipakai", 62, DRAW_LEFT },
		{ "Observasi (jawaban · tim · tanggal · berkas:baris)", 230, DRAW_LEFT } };
	struct flow_table t;

	if (!list || !list->len)
		return;
	flow_heading(f, 3, "Konflik jawaban", NULL);
	flow_table_begin(f, &t, cols, 4, LEFT, WIDTH, 0);
	for (guint i = 0; i < list->len; i++) {
		const struct conflict *c = g_ptr_array_index(list, i);
		struct flow_cell cells[4] = {
			{ flow_safe(f, c->item->item->code), 0, 0, 0 },
			{ flow_safe(f, c->item->item->text), 0, 0, 0 },
			{ flow_safe(f, c->item->level->label), &flow_td_bold, 0, 0 },
			{ profile_observations(f, c), 0, 0, 0 } };

		flow_table_row(f, &t, cells);
	}
	flow_table_end(f, &t, 0);
}

/* The evidence of every item that has some, its web addresses as links. */
static void evidence(struct flow *f, const struct scored_unit *u)
{
	const double lead_w = 84;
	int any = 0;

	for (guint i = 0; i < u->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];
		const char *text;
		double h;

		if (!si->evidence.raw || si->status == ITEM_MISSING)
			continue;
		if (!any++) {
			flow_heading(f, 3, "Data dukung", NULL);
			flow_tag(f, "P", NULL);
		}
		text = si->evidence.display;
		h = flow_evidence_height(f, text, WIDTH - lead_w, &flow_list) + 2;
		flow_need(f, h);
		flow_plain(f, flow_fmt(f, "%s  %s", flow_safe(f, si->item->code),
				       flow_safe(f, si->level->label)),
			   LEFT, f->y, lead_w, &flow_list_key);
		flow_evidence(f, text, LEFT + lead_w, f->y, WIDTH - lead_w, &flow_list);
		f->y += h;
	}
	if (any)
		flow_untag(f, "P");
}

/* The gates of the unit's type (SPEC 4.8a): each condition and its outcome. */
static void gates(struct flow *f, const struct scored_unit *u)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < u->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];

		if (!si->item->gate)
			continue;
		g_string_append_printf(
		    s, "%s• %s %s — %s", s->len ? "\n" : "", flow_safe(f, si->item->code),
		    flow_safe(f, si->item->text),
		    !si->level ? "tidak diverifikasi (tidak menggugurkan)"
		    : si->gate_failed
			? flow_fmt(f, "jawaban %s: TIDAK MEMENUHI SYARAT",
				   flow_safe(f, si->level->label))
			: flow_fmt(f, "jawaban %s: memenuhi syarat",
				   flow_safe(f, si->level->label)));
	}
	if (s->len) {
		flow_heading(f, 3, "Syarat penghargaan", NULL);
		flow_paragraph(f, flow_fmt(f, "%s", s->str), &flow_body, 0);
	}
	g_string_free(s, TRUE);
}

static const char *evidence_words(struct flow *f, const struct scored_item *si)
{
	switch (si->evidence_status) {
	case EVIDENCE_MISSING:
		return "tanpa data dukung";
	case EVIDENCE_INSUFFICIENT:
		return flow_fmt(f, "data dukung kurang dari %u", si->item->evidence_min);
	case EVIDENCE_REUSED:
		return "data dukung sama dengan butir lain";
	default:
		return "";
	}
}

/* The evidence rule's flags (SPEC 4.8b): items answered as met whose data
 * dukung is missing, too short or shared with another item. */
static void evidence_flags(struct flow *f, const struct model *m,
			   const struct scored_unit *u)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < u->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];

		if (si->evidence_status <= EVIDENCE_OK)
			continue;
		g_string_append_printf(s, "%s• %s %s — %s", s->len ? "\n" : "",
				       flow_safe(f, si->item->code),
				       flow_safe(f, si->item->text), evidence_words(f, si));
	}
	flow_heading(f, 3, "Pemeriksaan data dukung", NULL);
	if (!s->len)
		flow_paragraph(f, "Setiap butir yang dinilai terpenuhi memiliki data "
				  "dukung yang cukup.", &flow_body, 0);
	else
		flow_paragraph(f, flow_fmt(f, "%s%s", s->str,
					   m->rubric->evidence_effect == EVIDENCE_ZERO
					       ? "\nButir-butir ini dinilai 0."
					       : "\nNilai butir-butir ini tidak diubah; "
						 "mohon dilengkapi."),
			       &flow_body, 0);
	g_string_free(s, TRUE);
}

/* Items said to be met, wholly or in part, with no evidence to show it. */
static void no_evidence(struct flow *f, const struct scored_unit *u)
{
	GString *s = g_string_new(NULL);
	unsigned n = 0;

	for (guint i = 0; i < u->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];

		if (si->status == ITEM_MISSING || si->item->gate || si->evidence.raw ||
		    si->score < 1e-9)
			continue;
		g_string_append_printf(s, "%s%s %s", n++ ? "; " : "",
				       flow_safe(f, si->item->code),
				       flow_safe(f, si->item->text));
	}
	flow_heading(f, 3, "Butir tanpa data dukung", NULL);
	flow_paragraph(
	    f,
	    n ? flow_fmt(f,
			 "%s butir dinilai terpenuhi (seluruhnya atau sebagian) "
			 "tanpa data dukung: %s.",
			 flow_count(f, n), s->str)
	      : "Setiap butir yang dinilai terpenuhi memiliki data dukung.",
	    &flow_body, 0);
	g_string_free(s, TRUE);
}

void profile_write(struct flow *f, const struct model *m, const struct scored_unit *u,
		   const GPtrArray *conflicts, int parent)
{
	const char *dest = flow_fmt(f, "unit-%s", u->id),
		   *name = u->name.display;

	flow_section_page(f, name, flow_fmt(f, "%s (lanjutan)", name));
	flow_tag(f, "Sect", NULL);
	flow_heading(f, 2, name, dest);
	flow_outline(f, parent, name, dest, 0);
	unit_info(f, m, u);
	charts(f, m, u);
	fixes(f, u);
	reasons(f, u);
	gates(f, u);
	conflicts_table(f, conflicts);
	evidence(f, u);
	if (m->rubric->has_evidence_rule)
		evidence_flags(f, m, u);
	else
		no_evidence(f, u);
	flow_untag(f, "Sect");
}

const char *profile_observations(struct flow *f, const struct conflict *c)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < c->observations->len; i++) {
		const struct model_obs *o = g_ptr_array_index(c->observations, i);
		char date[32] = "";

		if (o->date)
			text_format_id_date(date, o->date);
		g_string_append_printf(s, "%s%s", i ? "\n" : "", flow_safe(f, o->level->label));
		if (o->verifier.display)
			g_string_append_printf(s, " · %s", o->verifier.display);
		if (*date)
			g_string_append_printf(s, " · %s", date);
		g_string_append_printf(s, " · %s", o->source.display);
	}
	g_ptr_array_add(f->pool, s->str);
	return g_string_free(s, FALSE);
}
