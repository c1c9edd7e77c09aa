/* report_appendix.c — the appendices of report.pdf: conflicts, rejected rows,
 * input files. */
#include "report_int.h"

#include <string.h>

#include "profile.h"
#include "style.h"
#include "text.h"

/* ------------------------------------------------------- appendices */

/* Open an appendix; when it has no entries, say `none` and close it again.
 * Returns whether there is a list to write. */
static int appendix_begin(struct report *r, enum chapter ch, const char *label,
			  guint entries, const char *none)
{
	report_chapter_begin(r, ch, label, 0);
	if (entries)
		return 1;
	flow_paragraph(&r->f, none, &flow_body, 0);
	flow_untag(&r->f, "Sect");
	return 0;
}

/* A row of a long appendix table; the strings of every 64 rows are freed. */
static void appendix_row(struct flow *f, struct flow_table *t,
			 const struct flow_cell *cells, guint i)
{
	flow_table_row(f, t, cells);
	if (i % 64 == 63)
		flow_release(f);
}

static void appendix_end(struct flow *f, struct flow_table *t)
{
	flow_table_end(f, t, 0);
	flow_untag(f, "Sect");
	flow_release(f);
}

void report_appendix_conflicts(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	static const struct flow_column cols[] = {
	    {"No.", 24, DRAW_RIGHT},
	    {"UPT", 120, DRAW_LEFT},
	    {"Kode", 30, DRAW_LEFT},
	    {"Dipakai", 56, DRAW_LEFT},
	    {"Observasi (jawaban · tim · tanggal · berkas:baris)", 250, DRAW_LEFT}};
	struct flow_table t;

	if (!appendix_begin(r, CH_CONFLICTS, "Lampiran B. Konflik jawaban", m->conflicts->len,
			    "Tidak ada konflik jawaban."))
		return;
	report_para(r, 8, "%s butir mendapat jawaban berbeda dari beberapa observasi. "
	     "Jawaban yang "
	     "dipakai adalah yang bertanggal terakhir, atau yang bernilai terendah bila "
	     "tanggalnya sama atau tidak ada. Setiap observasi disebut dengan timnya, "
	     "tanggalnya dan berkas serta barisnya.", flow_count(f, m->conflicts->len));
	flow_table_begin(f, &t, cols, 5, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint i = 0; i < m->conflicts->len; i++) {
		const struct conflict *c = g_ptr_array_index(m->conflicts, i);
		struct flow_cell cells[5] = {
		    {flow_count(f, i + 1), 0, 0, 0},
		    {c->unit->name.display, &flow_td_link,
		     flow_fmt(f, "dest='unit-%s'", c->unit->id), 0},
		    {flow_safe(f, c->item->item->code), 0, 0, 0},
		    {flow_safe(f, c->item->level->label), &flow_td_bold, 0, 0},
		    {profile_observations(f, c), 0, 0, 0}};

		appendix_row(f, &t, cells, i);
	}
	appendix_end(f, &t);
}

void report_appendix_rejected(struct report *r)
{
	struct flow *f = &r->f;
	const GPtrArray *rejected = r->m->rejected;
	static const struct flow_column cols[] = {
		{ "Berkas", 96, DRAW_LEFT }, { "Baris", 34, DRAW_RIGHT },
		{ "Alasan", 140, DRAW_LEFT }, { "Isi baris", 210, DRAW_LEFT } };
	struct flow_table t;

	if (!appendix_begin(r, CH_REJECTED, "Lampiran C. Baris data yang ditolak", rejected->len,
			    "Tidak ada baris data yang ditolak."))
		return;
	report_para(r, 8, "%s baris data ditolak dan tidak ikut dinilai. Isi baris "
	     "ditampilkan "
	     "seperti tertulis (paling banyak 1 KiB); karakter kendali diganti dengan "
	     "tanda �.", flow_count(f, rejected->len));
	flow_table_begin(f, &t, cols, 4, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint i = 0; i < rejected->len; i++) {
		const struct model_rejected *rr = g_ptr_array_index(rejected, i);
		struct flow_cell cells[4] = {
		    {rr->file->name.display, 0, 0, 0},
		    {flow_count(f, rr->line), 0, 0, 0},
		    {rr->reason.display, 0, 0, 0},
		    {rr->truncated
			 ? flow_fmt(f, "%s … (terpotong)", rr->raw.display)
			 : rr->raw.display,
		     &flow_small, 0, 0}};

		appendix_row(f, &t, cells, i);
	}
	appendix_end(f, &t);
}

/* The encoding as people call it: "Windows-1252", "UTF-8", "buku kerja
 * Excel"; NULL for one to show as it was named. */
static const char *encoding_words(struct flow *f, const char *encoding)
{
	if (!g_ascii_strcasecmp(encoding, "XLSX"))
		return "buku kerja Excel";
	if (!g_ascii_strcasecmp(encoding, "ODS"))
		return "buku kerja OpenDocument";
	if (!g_ascii_strncasecmp(encoding, "WINDOWS-", 8))
		return flow_fmt(f, "Windows-%s", encoding + 8);
	if (!g_ascii_strncasecmp(encoding, "UTF-", 4))
		return flow_fmt(f, "UTF-%s", encoding + 4);
	return NULL;
}

/* How a file's columns are separated, in words. */
static const char *delimiter_words(char delimiter)
{
	switch (delimiter) {
	case ',': return "koma";
	case ';': return "titik koma";
	case '\t': return "tab";
	case '|': return "garis tegak";
	case 0: return "–";
	default: return NULL;
	}
}

static const char *layout_words(char layout)
{
	return layout == 'B' ? "formulir per UPT" : "tabel per butir";
}

void report_appendix_inputs(struct report *r)
{
	struct flow *f = &r->f;
	const struct model *m = r->m;
	static const struct flow_column cols[] = {
		{ "Berkas", 150, DRAW_LEFT }, { "Bentuk", 92, DRAW_LEFT },
		{ "Pengodean", 70, DRAW_LEFT }, { "Pemisah", 48, DRAW_LEFT },
		{ "Dibaca", 40, DRAW_RIGHT }, { "Diterima", 44, DRAW_RIGHT },
		{ "Ditolak", 40, DRAW_RIGHT } };
	struct flow_table t;

	if (!appendix_begin(r, CH_INPUTS, "Lampiran D. Berkas data masukan", m->files->len,
			    "Tidak ada berkas data masukan."))
		return;
	report_para(r, 8, "Berkas data verifikasi yang dibaca untuk laporan ini, disebut "
		    "dengan namanya, beserta cara isinya dibaca.");
	flow_table_begin(f, &t, cols, 7, FLOW_LEFT, FLOW_WIDTH, 0);
	for (guint i = 0; i < m->files->len; i++) {
		const struct model_file *in = g_ptr_array_index(m->files, i);
		const char *enc = encoding_words(f, in->encoding.raw ? in->encoding.raw : "");
		const char *delim = delimiter_words(in->delimiter);

		appendix_row(f, &t, (struct flow_cell[7]){
			{ in->name.display, 0, 0, 0 },
			{ in->sheet ? flow_fmt(f, "lembar kerja, %s", layout_words(in->layout))
				    : layout_words(in->layout), 0, 0, 0 },
			{ enc ? enc : in->encoding.display, 0, 0, 0 },
			{ in->sheet ? "–" : delim ? delim
			  : flow_fmt(f, "\u201c%c\u201d", in->delimiter), 0, 0, 0 },
			{ flow_count(f, in->rows_read), 0, 0, 0 },
			{ flow_count(f, in->rows_accepted), 0, 0, 0 },
			{ flow_count(f, in->rows_rejected), 0, 0, 0 } }, i);
	}
	flow_table_row(f, &t, (struct flow_cell[7]){
		{ "Jumlah", &flow_td_bold, 0, 0 }, { "", 0, 0, 0 }, { "", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ flow_count(f, m->rows_read), &flow_td_bold, 0, 0 },
		{ flow_count(f, m->rows_accepted), &flow_td_bold, 0, 0 },
		{ flow_count(f, m->rows_rejected), &flow_td_bold, 0, 0 } });
	appendix_end(f, &t);
}
