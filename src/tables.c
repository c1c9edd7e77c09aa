/* tables.c — the ranking and the items as tables for spreadsheets (SPEC 6, Tables). */
#include "tables.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "style.h"
#include "offices.h"
#include "text.h"

/* One cell of a row: text, a whole number, or a score shown with two
 * decimals. Text is owned by the cell. */
enum cell_kind { CELL_TEXT, CELL_COUNT, CELL_SCORE };

struct cell {
	enum cell_kind kind;
	char *text;             /* CELL_TEXT; NULL for an empty cell */
	double value;           /* CELL_COUNT, or CELL_SCORE rounded half-up */
};

static const char *const ranking_headers[] = {
	"Peringkat", "Kantor Wilayah", "UPT", "Jenis UPT", "Nilai Total", "Predikat",
	"Kelengkapan (%)", "Rekomendasi", "Alasan",
};
#define RANKING_COLS G_N_ELEMENTS(ranking_headers)

static const char *const items_headers[] = {
	"Kantor Wilayah", "UPT", "Kode", "Kriteria", "Jawaban", "Nilai", "Status",
	"Status Data Dukung", "Data Dukung", "Tim Verifikasi", "Tanggal", "Sumber",
};
#define ITEMS_COLS G_N_ELEMENTS(items_headers)

/* ---------------------------------------------------------- words */

/* A score as the tables show it: rounded half-up to two decimals, the
 * value behind "85,50". */
static double shown(double v)
{
	char buf[32];

	text_format_2(buf, v);
	return g_ascii_strtod(buf, NULL);
}

/* A limit from the rubric in few digits: "80", "77,5". */
static void format_limit(char *buf, double v)
{
	size_t len;

	text_format_id_2(buf, v);
	len = strlen(buf);
	while (len && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len && buf[len - 1] == ',')
		buf[--len] = '\0';
}

/* The reasons a unit is not recommended, in a few words each, joined by
 * "; "; NULL when there is none. */
static char *reasons_text(const struct scored_unit *u)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; u->reasons && i < u->reasons->len; i++) {
		const struct reason *rs = &g_array_index(u->reasons, struct reason, i);
		char value[32], limit[32];

		text_format_id_2(value, rs->value);
		format_limit(limit, rs->limit);
		if (s->len)
			g_string_append(s, "; ");
		switch (rs->kind) {
		case REASON_TOTAL:
			g_string_append_printf(s, "Nilai total %s di bawah %s", value, limit);
			break;
		case REASON_ASPECT:
			g_string_append_printf(s, "Aspek %s %s di bawah %s", rs->aspect->id,
					       value, limit);
			break;
		case REASON_COMPLETENESS:
			g_string_append_printf(s, "Kelengkapan %s%% di bawah %s%%", value, limit);
			break;
		case REASON_GATE:
			g_string_append_printf(s, "Syarat %s tidak terpenuhi", rs->gate->code);
			break;
		}
	}
	if (!s->len) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

/* The grade; with a rubric without grades, the predicate of an awarded
 * unit (SPEC 4.7, 5); NULL when neither. */
static const char *award_text(const struct model *m, const struct scored_unit *u)
{
	if (m->rubric->grades->len)
		return u->grade;
	return u->recommendation == REC_NOT_RECOMMENDED ? NULL
	       : rubric_award_text(m->rubric, NULL);
}

static const char *status_words(enum item_status st)
{
	switch (st) {
	case ITEM_ASSESSED: return "Dinilai";
	case ITEM_MISSING: return "Tidak diverifikasi";
	case ITEM_CONFLICT: return "Konflik";
	}
	BUG("unknown item status");
}

static const char *evidence_words(enum evidence_status ev)
{
	switch (ev) {
	case EVIDENCE_UNCHECKED: return NULL;
	case EVIDENCE_OK: return "Lengkap";
	case EVIDENCE_MISSING: return "Tidak ada";
	case EVIDENCE_INSUFFICIENT: return "Kurang";
	case EVIDENCE_REUSED: return "Dipakai ulang";
	}
	BUG("unknown evidence status");
}

/* ---------------------------------------------------------- rows */

static void cell_text(struct cell *c, const char *text)
{
	c->kind = CELL_TEXT;
	c->text = text && *text ? g_strdup(text) : NULL;
}

static void cell_take(struct cell *c, char *text)
{
	c->kind = CELL_TEXT;
	c->text = text;
}

static void cell_count(struct cell *c, unsigned long n)
{
	c->kind = CELL_COUNT;
	c->value = (double)n;
}

static void cell_score(struct cell *c, double v)
{
	c->kind = CELL_SCORE;
	c->value = shown(v);
}

static void cells_clear(struct cell *row, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(row[i].text);
		row[i].text = NULL;
	}
}

static void ranking_row(const struct model *m, const struct scored_unit *u,
			struct cell row[RANKING_COLS])
{
	cell_count(&row[0], u->rank);
	cell_text(&row[1], u->kanwil.raw);
	cell_text(&row[2], u->name.raw);
	cell_text(&row[3], u->type->label);
	cell_score(&row[4], u->total);
	cell_text(&row[5], award_text(m, u));
	cell_score(&row[6], u->completeness);
	cell_text(&row[7], style_recommendation_label(u->recommendation));
	cell_take(&row[8], u->recommendation == REC_NOT_RECOMMENDED ? reasons_text(u)
								    : NULL);
}

static void item_row(const struct scored_unit *u, const struct scored_item *si,
		     struct cell row[ITEMS_COLS])
{
	const struct model_obs *obs = si->chosen;
	char date[16] = "";

	cell_text(&row[0], u->kanwil.raw);
	cell_text(&row[1], u->name.raw);
	cell_text(&row[2], si->item->code);
	cell_text(&row[3], si->item->text);
	cell_text(&row[4], si->level ? si->level->label : NULL);
	/* A gate has no score: its outcome is its value (SPEC 4.8a). An
	 * unobserved gate neither passes nor fails. */
	if (!si->item->gate)
		cell_score(&row[5], si->score);
	else
		cell_text(&row[5], !si->level ? NULL
				   : si->gate_failed ? "Tidak memenuhi syarat"
				   : "Memenuhi syarat");
	cell_text(&row[6], status_words(si->status));
	cell_text(&row[7], evidence_words(si->evidence_status));
	cell_text(&row[8], si->evidence.raw);
	cell_text(&row[9], obs ? obs->verifier.raw : NULL);
	if (obs && obs->date)
		text_format_iso_date(date, obs->date);
	cell_text(&row[10], date);
	cell_take(&row[11], obs ? g_strdup_printf("%s:%lu", obs->file->path, obs->line)
				: NULL);
}

/* ---------------------------------------------------------- CSV */

static void csv_cell(FILE *fp, const struct cell *c)
{
	char buf[32];

	switch (c->kind) {
	case CELL_TEXT:
		if (c->text) {
			char *cell = text_csv_cell(c->text);

			fputs(cell, fp);
			g_free(cell);
		}
		break;
	case CELL_COUNT:
		fprintf(fp, "%.0f", c->value);
		break;
	case CELL_SCORE:
		text_format_id_2(buf, c->value);
		fputs(buf, fp);
		break;
	}
}

static void csv_row(FILE *fp, const struct cell *row, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(';', fp);
		csv_cell(fp, &row[i]);
	}
	fputs("\r\n", fp);
}

static void csv_header(FILE *fp, const char *const *headers, size_t n)
{
	/* The BOM tells a spreadsheet the file is UTF-8. */
	fputs("\xEF\xBB\xBF", fp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(';', fp);
		fputs(headers[i], fp);
	}
	fputs("\r\n", fp);
}

int tables_write_ranking_csv(const struct model *m, FILE *fp)
{
	struct cell row[RANKING_COLS] = { 0 };

	csv_header(fp, ranking_headers, RANKING_COLS);
	for (guint i = 0; i < m->units->len; i++) {
		ranking_row(m, g_ptr_array_index(m->units, i), row);
		csv_row(fp, row, RANKING_COLS);
		cells_clear(row, RANKING_COLS);
	}
	return ferror(fp) ? -1 : 0;
}

int tables_write_items_csv(const struct model *m, FILE *fp)
{
	struct cell row[ITEMS_COLS] = { 0 };

	csv_header(fp, items_headers, ITEMS_COLS);
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		for (guint k = 0; k < u->type->items->len; k++) {
			item_row(u, &u->items[k], row);
			csv_row(fp, row, ITEMS_COLS);
			cells_clear(row, ITEMS_COLS);
		}
	}
	return ferror(fp) ? -1 : 0;
}

/* ---------------------------------------------------------- XLSX */

/* Excel's longest cell text, as libxlsxwriter counts it (characters). */
#define XLSX_MAX_CHARS 32767
/* Column widths, in characters of the default font. */
#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 80

/* What the workbook writer needs besides the sheet. */
struct xlsx {
	lxw_worksheet *ws;
	lxw_format *score;
	const char *name;
	struct diag *d;
	unsigned width[RANKING_COLS];
	int failed;
};

static void xlsx_check(struct xlsx *x, lxw_error err)
{
	if (err != LXW_NO_ERROR && !x->failed) {
		diag_error(x->d, x->name, 0, "cannot write: %s", lxw_strerror(err));
		x->failed = 1;
	}
}

static void xlsx_fit(struct xlsx *x, size_t col, unsigned chars)
{
	if (chars > x->width[col])
		x->width[col] = chars;
}

/* Text always as a string: a name like "=SUM(A1)" stays text. Made safe
 * for XML (libxlsxwriter escapes only the markup) and cut to what a cell
 * holds, which only a pathological name reaches. */
static void xlsx_text(struct xlsx *x, lxw_row_t r, size_t col, const char *text,
		      lxw_format *fmt)
{
	char *safe = text_xml_legal(text);
	glong chars = g_utf8_strlen(safe, -1);

	if (chars > XLSX_MAX_CHARS) {
		char *cut = g_utf8_substring(safe, 0, XLSX_MAX_CHARS);

		diag_warning(x->d, x->name, 0, "a cell of row %u is cut to %d characters",
			     (unsigned)r + 1, XLSX_MAX_CHARS);
		g_free(safe);
		safe = cut;
		chars = XLSX_MAX_CHARS;
	}
	xlsx_check(x, worksheet_write_string(x->ws, r, (lxw_col_t)col, safe, fmt));
	xlsx_fit(x, col, (unsigned)chars);
	g_free(safe);
}

static void xlsx_cell(struct xlsx *x, lxw_row_t r, size_t col, const struct cell *c)
{
	char buf[32];

	switch (c->kind) {
	case CELL_TEXT:
		if (c->text)
			xlsx_text(x, r, col, c->text, NULL);
		break;
	case CELL_COUNT:
		xlsx_check(x, worksheet_write_number(x->ws, r, (lxw_col_t)col, c->value, NULL));
		xlsx_fit(x, col, (unsigned)g_snprintf(buf, sizeof buf, "%.0f", c->value));
		break;
	case CELL_SCORE:
		xlsx_check(x, worksheet_write_number(x->ws, r, (lxw_col_t)col, c->value,
						     x->score));
		text_format_id_2(buf, c->value);
		xlsx_fit(x, col, (unsigned)strlen(buf));
		break;
	}
}

/* Midnight UTC of a YYYYMMDD date. Never 0, which libxlsxwriter takes
 * for "now". */
static time_t date_epoch(int ymd)
{
	time_t t = text_day_start(ymd);

	return t ? t : 1;
}

static void xlsx_sheet(const struct model *m, lxw_workbook *wb, struct xlsx *x)
{
	lxw_format *bold = workbook_add_format(wb);
	struct cell row[RANKING_COLS] = { 0 };
	lxw_row_t last = (lxw_row_t)m->units->len;

	x->score = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(x->score, "0.00");
	for (size_t c = 0; c < RANKING_COLS; c++) {
		xlsx_text(x, 0, c, ranking_headers[c], bold);
		/* Room for the filter's drop-down button. */
		x->width[c] += 3;
	}
	for (guint i = 0; i < m->units->len; i++) {
		ranking_row(m, g_ptr_array_index(m->units, i), row);
		for (size_t c = 0; c < RANKING_COLS; c++)
			xlsx_cell(x, (lxw_row_t)i + 1, c, &row[c]);
		cells_clear(row, RANKING_COLS);
	}
	for (size_t c = 0; c < RANKING_COLS; c++) {
		unsigned w = CLAMP(x->width[c] + 1, XLSX_MIN_WIDTH, XLSX_MAX_WIDTH);

		xlsx_check(x, worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	xlsx_check(x, worksheet_autofilter(x->ws, 0, 0, last, RANKING_COLS - 1));
	worksheet_set_landscape(x->ws);
	worksheet_set_paper(x->ws, 9);          /* A4 */
	worksheet_fit_to_pages(x->ws, 1, 0);
	xlsx_check(x, worksheet_repeat_rows(x->ws, 0, 0));
}

int tables_write_ranking_xlsx(const struct model *m, const char *path,
			      const char *name, struct diag *d)
{
	char *title = g_strdup_printf("Peringkat UPT Penghargaan Pelayanan Publik "
				      "Berbasis HAM Tahun %d", m->year);
	lxw_doc_properties props = {
		.title = title,
		.author = m->issuer ? m->issuer->name : NULL,
		.created = date_epoch(m->date),
	};
	struct xlsx x = { .name = name, .d = d };
	lxw_workbook *wb = workbook_new(path);
	lxw_error err;

	if (!wb) {
		diag_error(d, name, 0, "cannot create: %s", g_strerror(errno ? errno : EIO));
		g_free(title);
		return -1;
	}
	xlsx_check(&x, workbook_set_properties(wb, &props));
	x.ws = workbook_add_worksheet(wb, "Peringkat");
	if (!x.ws)
		xlsx_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	else
		xlsx_sheet(m, wb, &x);
	/* Closing writes the file, and frees the workbook either way. */
	err = workbook_close(wb);
	xlsx_check(&x, err);
	g_free(title);
	return x.failed ? -1 : 0;
}
