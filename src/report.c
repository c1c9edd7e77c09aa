/* report.c — report.pdf: the document, its cover, regions and profiles. */
#include "report.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "chart.h"
#include "flow.h"
#include "plain.h"
#include "profile.h"
#include "report_int.h"
#include "style.h"
#include "text.h"

static const struct {
	const char *title, *dest;
} chapters[CH_N] = {
	{ "Ringkasan eksekutif", "ringkasan" },
	{ "1. Peringkat UPT", "peringkat" },
	{ "2. Hasil per kantor wilayah", "kanwil" },
	{ "3. Profil UPT", "profil" },
	{ "Lampiran A. Metode penilaian", "metode" },
	{ "Lampiran B. Konflik jawaban", "lampiran-konflik" },
	{ "Lampiran C. Baris data yang ditolak", "lampiran-ditolak" },
	{ "Lampiran D. Berkas data masukan", "lampiran-berkas" },
};


void report_para(struct report *r, double after, const char *format, ...)
{
	va_list ap;
	char *text;

	va_start(ap, format);
	text = g_strdup_vprintf(format, ap);
	va_end(ap);
	flow_paragraph(&r->f, text, &flow_body, after);
	g_free(text);
}

/* A line of body text at y on the cover, formatted. */
static void para_at(struct report *r, double y, const char *format, ...)
	G_GNUC_PRINTF(3, 4);

static void para_at(struct report *r, double y, const char *format, ...)
{
	va_list ap;
	char *text;

	va_start(ap, format);
	text = g_strdup_vprintf(format, ap);
	va_end(ap);
	flow_text(&r->f, text, FLOW_LEFT, y, FLOW_WIDTH, &flow_body);
	g_free(text);
}

int report_chapter_begin(struct report *r, enum chapter ch, const char *running,
			 int open)
{
	struct flow *f = &r->f;

	flow_running(f, running);
	flow_new_page(f);
	if (!f->drawing)
		r->chapter_page[ch] = f->page;
	flow_tag(f, "Sect", NULL);
	flow_heading(f, 1, chapters[ch].title, chapters[ch].dest);
	return flow_outline(f, CAIRO_PDF_OUTLINE_ROOT, chapters[ch].title,
			    chapters[ch].dest, open);
}

/* The contents, with links, from the pages the measuring pass found. */
static void contents(struct report *r, double y)
{
	struct flow *f = &r->f;
	struct draw_style num = flow_body;

	num.align = DRAW_RIGHT;
	flow_tag(f, "H2", NULL);
	flow_text(f, "Daftar isi", FLOW_LEFT, y, FLOW_WIDTH, &flow_h3);
	flow_untag(f, "H2");
	y += 18;
	for (int ch = 0; ch < CH_N; ch++, y += 14) {
		const char *link = flow_fmt(f, "dest='%s'", chapters[ch].dest);

		flow_tag(f, "P", NULL);
		flow_tag(f, CAIRO_TAG_LINK, link);
		flow_plain(f, chapters[ch].title, FLOW_LEFT, y, FLOW_WIDTH * 0.8,
			   &flow_body);
		flow_plain(f, flow_count(f, (unsigned long)r->chapter_page[ch]),
			   FLOW_LEFT, y, FLOW_WIDTH, &num);
		flow_untag(f, CAIRO_TAG_LINK);
		flow_untag(f, "P");
		if (f->drawing)
			draw_line(f->cr, FLOW_LEFT, y + 13.5, FLOW_LEFT + FLOW_WIDTH,
				  y + 13.5, 0.4, flow_rule);
	}
}

/* ------------------------------------------------------------ cover */

/* The navy band with the ministry, the office and the title, then the year
 * and the rubric. */
static void cover_title(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	struct draw_style st = flow_body;

	if (f->drawing) {
		draw_fill_rect(f->cr, 0, 0, FLOW_PAGE_W, 318, flow_navy);
		draw_fill_rect(f->cr, FLOW_LEFT, 196, 48, 3, flow_gold);
		cairo_tag_begin(f->cr, CAIRO_TAG_DEST, "name='sampul'");
		cairo_tag_end(f->cr, CAIRO_TAG_DEST);
	}
	st.color = flow_white;
	st.font = STYLE_FONT_BOLD;
	st.size = (10);
	flow_tag(f, "P", NULL);
	flow_text(f, "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA\nREPUBLIK INDONESIA",
		  FLOW_LEFT, 64, FLOW_WIDTH, &st);
	st.size = (14);
	flow_text(f, r->office, FLOW_LEFT, 104, FLOW_WIDTH, &st);
	flow_untag(f, "P");
	st.size = (30);
	flow_tag(f, "H1", NULL);
	flow_text(f, "Laporan Hasil Penilaian", FLOW_LEFT, 214, FLOW_WIDTH, &st);
	flow_untag(f, "H1");
	st.font = STYLE_FONT;
	st.size = (16);
	flow_tag(f, "P", NULL);
	flow_text(f, "Pelayanan Publik Berbasis Hak Asasi Manusia (P2HAM)", FLOW_LEFT,
		  254, FLOW_WIDTH, &st);
	flow_untag(f, "P");

	st = flow_h1;
	st.size = (24);
	flow_tag(f, "P", NULL);
	flow_text(f, flow_fmt(f, "Tahun %d", m->year), FLOW_LEFT, 344, FLOW_WIDTH, &st);
	flow_text(f,
		  flow_fmt(f, "Berdasarkan %s, versi %s", flow_safe(f, m->rubric->title),
			   flow_safe(f, m->rubric->version)),
		  FLOW_LEFT, 378, FLOW_WIDTH, &flow_body);
	flow_untag(f, "P");
}

/* Four key figures in boxes: units, regions, recommended, mean total. */
static void cover_figures(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	struct draw_style st;
	unsigned recommended = 0;
	double mean = 0, bx;
	const char *figures[4][2];

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		recommended += u->recommendation != REC_NOT_RECOMMENDED;
		mean += u->total / m->units->len;
	}
	figures[0][0] = flow_count(f, m->units->len);
	figures[0][1] = "UPT dinilai";
	figures[1][0] = flow_count(f, m->regions->len);
	figures[1][1] = "Kantor wilayah";
	figures[2][0] = flow_count(f, recommended);
	figures[2][1] = "UPT direkomendasikan";
	figures[3][0] = m->units->len ? flow_num2(f, mean) : "–";
	figures[3][1] = "Rata-rata nilai total";
	bx = FLOW_LEFT;
	flow_tag(f, "Table", NULL);
	flow_tag(f, "TR", NULL);
	for (int i = 0; i < 4; i++, bx += (FLOW_WIDTH + 12) / 4) {
		st = flow_h1;
		st.size = (22);
		if (f->drawing)
			draw_fill_rect(f->cr, bx, 440, (FLOW_WIDTH + 12) / 4 - 12, 64,
				       flow_panel);
		flow_tag(f, "TD", NULL);
		flow_text(f, figures[i][0], bx + 10, 450, (FLOW_WIDTH + 12) / 4 - 32,
			  &st);
		flow_text(f, figures[i][1], bx + 10, 482, (FLOW_WIDTH + 12) / 4 - 32,
			  &flow_key);
		flow_untag(f, "TD");
	}
	flow_untag(f, "TR");
	flow_untag(f, "Table");
}

static void cover(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	struct draw_style st;
	double y;

	flow_tag(f, "Sect", NULL);
	cover_title(r);
	cover_figures(r);
	flow_tag(f, "P", NULL);
	para_at(r, 524, "Data masukan: %s berkas; %s baris dibaca, %s diterima, %s ditolak.",
		flow_count(f, m->files->len), flow_count(f, m->rows_read),
		flow_count(f, m->rows_accepted), flow_count(f, m->rows_rejected));
	flow_untag(f, "P");
	contents(r, 552);
	y = 706;
	st = flow_body;
	st.align = DRAW_RIGHT;
	flow_tag(f, "P", NULL);
	flow_text(f, r->info->place && *r->info->place ?
		flow_fmt(f, "%s, %s", flow_safe(f, r->info->place), r->date) : r->date,
		FLOW_LEFT, y, FLOW_WIDTH, &st);
	st.font = STYLE_FONT_BOLD;
	flow_text(f, r->office, FLOW_LEFT, y + 16, FLOW_WIDTH, &st);
	flow_untag(f, "P");
	flow_untag(f, "Sect");
	flow_outline(f, CAIRO_PDF_OUTLINE_ROOT, "Sampul", "sampul", 0);
	f->y = FLOW_BOTTOM;          /* the cover is full */
}

/* ---------------------------------------------------------- regions */

/* Part of a chart with a row per unit, or the whole of another. */
struct chart_part {
	const struct model *m;
	const struct region *region;
	unsigned first, count;
};

static void draw_ranking(cairo_t *cr, const void *data, double x, double y, double w,
			 double h)
{
	const struct chart_part *p = data;

	chart_ranking_part(cr, p->m, p->region, p->first, p->count, x, y, w, h);
}

static void draw_heatmap(cairo_t *cr, const void *data, double x, double y, double w,
			 double h)
{
	const struct chart_part *p = data;

	chart_region_heatmap_part(cr, p->m, p->region, p->first, p->count, x, y, w, h);
}

static void draw_principles(cairo_t *cr, const void *data, double x, double y, double w,
			    double h)
{
	const struct chart_part *p = data;

	chart_region_principles(cr, p->m, p->region, x, y, w, h);
}

/* A chart of one row per unit, in parts of as many rows as a page holds. */
static void chart_in_parts(struct report *r, const struct region *rg, int heat)
{
	struct flow *f = &r->f;
	double h0 = heat ? chart_heatmap_height(0, 1) : chart_ranking_height(0);
	double pitch = (heat ? chart_heatmap_height(1, 1) : chart_ranking_height(1)) - h0;
	unsigned per_page = (unsigned)((FLOW_BOTTOM - FLOW_TOP - h0) / pitch);
	struct chart_part p = { r->m, rg, 0, 0 };
	char *alt;

	while (p.first < rg->units) {
		double h;

		p.count = MIN(per_page, rg->units - p.first);
		h = heat ? chart_heatmap_height(p.count, p.first + p.count == rg->units) :
		    chart_ranking_height(p.count);
		flow_need(f, h);
		alt = heat ? chart_alt_region_heatmap(r->m, rg, p.first, p.count)
			   : chart_alt_ranking(r->m, rg, p.first, p.count);
		flow_figure(f, alt, heat ? draw_heatmap : draw_ranking, &p, FLOW_LEFT,
			    FLOW_WIDTH, h);
		g_free(alt);
		f->y += h + 14;
		p.first += p.count;
	}
}

static void region_section(struct report *r, const struct region *rg, int parent,
			   int first)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	char mean[32];
	double h;
	unsigned np = 0;
	char *alt;

	for (guint p = 0; p < m->rubric->principles->len; p++)
		np += !isnan(rg->principles[p]);
	/* The first follows the chapter's opening words on its page. */
	(first ? flow_continued : flow_section_page)(
	    f, rg->kanwil.display, flow_fmt(f, "%s (lanjutan)", rg->kanwil.display));
	flow_tag(f, "Sect", NULL);
	flow_heading(f, 2, rg->kanwil.display, flow_fmt(f, "region-%s", rg->id));
	flow_outline(f, parent, rg->kanwil.display,
		     flow_fmt(f, "region-%s", rg->id), 0);
	text_format_id_2(mean, rg->mean_total);
	report_para(r, 8, "%s UPT dinilai, %s di antaranya direkomendasikan atau "
	     "dipertahankan. "
	     "Rata-rata nilai total %s.", flow_count(f, rg->units),
	     flow_count(f, rg->recommended), mean);
	chart_in_parts(r, rg, 0);
	h = 16 + 13 + 3 + np * 18.0 + 24;
	flow_need(f, h);
	alt = chart_alt_region_principles(m, rg);
	flow_figure(f, alt, draw_principles,
		    &(struct chart_part){ m, rg, 0, 0 }, FLOW_LEFT, FLOW_WIDTH, h);
	g_free(alt);
	f->y += h + 14;
	chart_in_parts(r, rg, 1);
	flow_untag(f, "Sect");
}

static void regions(struct report *r)
{
	struct flow *f = &r->f;
	int top;

	top = report_chapter_begin(r, CH_REGIONS, "Hasil per kantor wilayah", 1);
	report_para(r, 8, "Untuk setiap kantor wilayah: peringkat nilai total UPT "
	     "dengan ambang "
	     "penghargaan, rata-rata nilai per prinsip dibandingkan dengan rata-rata seluruh "
	     "UPT, dan peta panas nilai prinsip setiap UPT yang diarsir menurut predikat.");
	for (guint k = 0; k < r->m->regions->len; k++) {
		region_section(r, g_ptr_array_index(r->m->regions, k), top, k == 0);
		flow_release(f);
	}
	flow_untag(f, "Sect");
}

/* ------------------------------------------------------------- units */

static void units(struct report *r)
{
	struct flow *f = &r->f;
	int top;

	top = report_chapter_begin(r, CH_UNITS, "Profil UPT", 1);
	report_para(r, 0, "Satu profil untuk setiap UPT, masing-masing mulai pada halaman "
	     "baru, dikelompokkan menurut kantor wilayah dan diurutkan menurut peringkat: "
	     "nilai per aspek dan per prinsip, rekomendasi perbaikan untuk setiap kriteria "
	     "yang belum terpenuhi, konflik jawaban, data dukung setiap butir (alamat web "
	     "dapat diklik) dan pemeriksaan data dukung. Uraian setiap kriteria ada pada "
	     "Daftar kriteria di Lampiran A.");
	for (guint k = 0; k < r->m->regions->len; k++) {
		const struct region *rg = g_ptr_array_index(r->m->regions, k);
		GPtrArray *list = g_ptr_array_index(r->region_units, k);
		const struct scored_unit *first = g_ptr_array_index(list, 0);
		/* A region's bookmark opens its first unit. */
		int parent = flow_outline(f, top, rg->kanwil.display,
					  flow_fmt(f, "unit-%s", first->id), 0);

		for (guint i = 0; i < list->len; i++) {
			const struct scored_unit *u = g_ptr_array_index(list, i);

			profile_write(f, r->m, u, g_hash_table_lookup(r->conflicts, u),
				      parent);
			flow_release(f);
		}
	}
	flow_untag(f, "Sect");
}

/* ---------------------------------------------------------- document */

static void document(struct report *r, int drawing)
{
	struct flow *f = &r->f;

	flow_begin_pass(f, drawing);
	flow_tag(f, "Document", NULL);
	cover(r);
	report_summary(r);
	report_ranking(r);
	regions(r);
	units(r);
	report_method(r);
	report_appendix_conflicts(r);
	report_appendix_rejected(r);
	report_appendix_inputs(r);
	flow_untag(f, "Document");
	flow_end_pass(f);
}

/* What the report reads again and again: each region's units, each unit's conflicts. */
static void index_model(struct report *r)
{
	const struct model *m = r->m;

	r->region_units =
	    g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	for (guint k = 0; k < m->regions->len; k++)
		g_ptr_array_add(r->region_units,
				chart_region_units(m, g_ptr_array_index(m->regions, k)));
	r->conflicts =
	    g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
	for (guint i = 0; i < m->conflicts->len; i++) {
		const struct conflict *c = g_ptr_array_index(m->conflicts, i);
		GPtrArray *list = g_hash_table_lookup(r->conflicts, c->unit);

		if (!list) {
			list = g_ptr_array_new();
			g_hash_table_insert(r->conflicts, (gpointer)c->unit, list);
		}
		g_ptr_array_add(list, (gpointer)c);
	}
}

int report_write(const struct model *m, const struct report_info *info, FILE *fp,
		 struct diag *d)
{
	struct report r = { 0 };
	struct draw_pdf_info pdf;
	char *title, *subject, *keywords;
	int rc;

	r.m = m;
	r.info = info;
	r.office = g_strdup(info->office && *info->office ? info->office :
			    "Kementerian Hukum dan Hak Asasi Manusia");
	text_format_id_date(r.date, m->date);
	index_model(&r);
	title = g_strdup_printf("Laporan Penilaian P2HAM Tahun %d", m->year);
	subject = g_strdup_printf("Hasil penilaian pelayanan publik berbasis hak asasi "
				  "manusia tahun %d: peringkat, hasil per kantor wilayah dan "
				  "profil UPT", m->year);
	keywords = g_strdup_printf("P2HAM; pelayanan publik; hak asasi manusia; %d",
				   m->year);
	pdf = (struct draw_pdf_info){ title, r.office, subject, keywords, m->date };
	flow_init(&r.f, fp, &pdf, title, r.office);
	document(&r, 0);
	document(&r, 1);
	rc = flow_finish(&r.f);
	if (rc < 0)
		diag_error(d, "report.pdf", 0, "cannot write the report");
	g_free(r.office);
	g_free(title);
	g_free(subject);
	g_free(keywords);
	g_ptr_array_unref(r.region_units);
	g_hash_table_destroy(r.conflicts);
	return rc;
}
