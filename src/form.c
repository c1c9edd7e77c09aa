/* form.c — the blank verification form: CSV (layout B) or a workbook. */
#include "form.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "text.h"

#include "text.h"

#define SEP ";"
#define EOL "\r\n"

/* A cell of text from the command line or the rubric: guarded against
 * formulas and quoted as text_csv_cell() says; NULL is an empty cell. */
static void field(FILE *out, const char *s)
{
	char *cell;

	if (!s)
		return;
	cell = text_csv_cell(s);
	fputs(cell, out);
	g_free(cell);
}

static void meta(FILE *out, const char *key, const char *value)
{
	fputs(key, out);
	fputs(SEP, out);
	field(out, value);
	fputs(EOL, out);
}

/* The answer labels of the type's scales, each once, in rubric order. */
static GPtrArray *answer_labels(const struct rubric *r,
				const struct rubric_unit_type *type)
{
	GPtrArray *labels = g_ptr_array_new();

	for (guint s = 0; s < r->scales->len; s++) {
		const struct rubric_scale *scale = g_ptr_array_index(r->scales, s);
		int used = 0;

		for (guint i = 0; i < type->items->len && !used; i++)
			used = ((const struct rubric_item *)
				g_ptr_array_index(type->items, i))->scale == scale;
		for (guint l = 0; used && l < scale->levels->len; l++) {
			const struct rubric_level *lv = g_ptr_array_index(scale->levels, l);
			int seen = 0;

			for (guint k = 0; k < labels->len && !seen; k++)
				seen = !strcmp(g_ptr_array_index(labels, k), lv->label);
			if (!seen)
				g_ptr_array_add(labels, lv->label);
		}
	}
	return labels;
}

void form_write(const struct rubric *r, const struct rubric_unit_type *type,
		const char *unit, const char *kanwil, FILE *out)
{
	GPtrArray *labels = answer_labels(r, type);

	fputs("\xEF\xBB\xBF", out);
	meta(out, "Kanwil", kanwil);
	meta(out, "Unit", unit);
	meta(out, "Jenis", type->id);
	meta(out, "Verifikator", NULL);
	meta(out, "Tanggal", NULL);
	fputs(EOL, out);
	fputs("Kode" SEP "Kriteria", out);
	for (guint k = 0; k < labels->len; k++) {
		fputs(SEP, out);
		field(out, g_ptr_array_index(labels, k));
	}
	fputs(SEP "Data dukung" SEP "Catatan" EOL, out);
	for (guint i = 0; i < type->items->len; i++) {
		const struct rubric_item *item = g_ptr_array_index(type->items, i);

		field(out, item->code);
		fputs(SEP, out);
		field(out, item->text);
		for (guint k = 0; k < labels->len + 2; k++)
			fputs(SEP, out);
		fputs(EOL, out);
	}
	g_ptr_array_free(labels, TRUE);
}

/* ---- the workbook ---------------------------------------------------------- */

static struct form_section *section_new(const char *title)
{
	struct form_section *s = g_new(struct form_section, 1);

	s->title = title;
	s->items = g_ptr_array_new();
	return s;
}

static void section_free(gpointer p)
{
	struct form_section *s = p;

	g_ptr_array_free(s->items, TRUE);
	g_free(s);
}

/* `s` added to `all` when it holds items, freed otherwise. */
static void add_section(GPtrArray *all, struct form_section *s)
{
	if (s->items->len)
		g_ptr_array_add(all, s);
	else
		section_free(s);
}

GPtrArray *form_sections(const struct rubric *r, const struct rubric_unit_type *type)
{
	GPtrArray *all = g_ptr_array_new_with_free_func(section_free);
	struct form_section **groups = g_new(struct form_section *, r->groups->len + 1);
	struct form_section *others = section_new(FORM_TITLE_OTHERS);
	struct form_section *gates = section_new(FORM_TITLE_GATES);

	for (guint g = 0; g < r->groups->len; g++)
		groups[g] = section_new(((const struct rubric_group *)
					 g_ptr_array_index(r->groups, g))->label);
	for (guint i = 0; i < type->items->len; i++) {
		const struct rubric_item *it = g_ptr_array_index(type->items, i);
		struct form_section *s = others;

		if (it->gate)
			s = gates;
		else if (it->group)
			s = groups[it->group->index];
		g_ptr_array_add(s->items, (gpointer)it);
	}
	for (guint g = 0; g < r->groups->len; g++)
		add_section(all, groups[g]);
	/* A form without groups has one list of criteria: no title for it. */
	if (!all->len)
		others->title = NULL;
	add_section(all, others);
	add_section(all, gates);
	g_free(groups);
	return all;
}

int form_is_section_title(const struct rubric *r, const char *cell)
{
	if (text_fold_equal(cell, FORM_TITLE_OTHERS) ||
	    text_fold_equal(cell, FORM_TITLE_GATES))
		return 1;
	for (guint g = 0; g < r->groups->len; g++)
		if (text_fold_equal(cell, ((const struct rubric_group *)
					   g_ptr_array_index(r->groups, g))->label))
			return 1;
	return 0;
}

/* Excel's limit on a sheet name, counted in UTF-16 units. */
#define SHEET_NAME_MAX 31

static size_t utf16_units(gunichar c)
{
	return c >= 0x10000 ? 2 : 1;
}

/* `s` cut to at most `max` UTF-16 units, on a character boundary. */
static void cut_utf16(GString *s, size_t max)
{
	size_t units = 0;

	for (const char *p = s->str; *p; p = g_utf8_next_char(p)) {
		units += utf16_units(g_utf8_get_char(p));
		if (units > max) {
			g_string_truncate(s, (gsize)(p - s->str));
			return;
		}
	}
}

static int trimmed(char c)
{
	return c == '\'' || g_ascii_isspace(c);
}

/* Apostrophes and white space dropped from both ends. */
static void trim_name(GString *s)
{
	size_t start = 0;

	while (s->len && trimmed(s->str[s->len - 1]))
		g_string_truncate(s, s->len - 1);
	while (start < s->len && trimmed(s->str[start]))
		start++;
	g_string_erase(s, 0, (gssize)start);
}

static int name_taken(const char *name, const GPtrArray *taken)
{
	char *key = g_utf8_casefold(name, -1);
	int found = strcmp(key, "history") == 0;

	for (guint i = 0; i < taken->len && !found; i++) {
		char *other = g_utf8_casefold(g_ptr_array_index(taken, i), -1);

		found = strcmp(key, other) == 0;
		g_free(other);
	}
	g_free(key);
	return found;
}

char *form_sheet_name(const char *label, const char *id, const GPtrArray *taken)
{
	const char *src = label && *label ? label : id;
	GString *base = g_string_new(NULL);
	char *name;

	for (const char *p = src; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if ((c < 0x80 && strchr("[]:*?/\\", (int)c)) || g_unichar_iscntrl(c))
			g_string_append_c(base, '-');
		else
			g_string_append_unichar(base, c);
	}
	cut_utf16(base, SHEET_NAME_MAX);
	trim_name(base);
	if (!base->len)
		g_string_assign(base, "Formulir");
	name = g_strdup(base->str);
	for (unsigned n = 2; name_taken(name, taken); n++) {
		char suffix[16];
		GString *cut = g_string_new(base->str);

		snprintf(suffix, sizeof suffix, " (%u)", n);
		cut_utf16(cut, SHEET_NAME_MAX - strlen(suffix));
		trim_name(cut);
		g_free(name);
		name = g_strconcat(cut->str, suffix, NULL);
		g_string_free(cut, TRUE);
	}
	g_string_free(base, TRUE);
	return name;
}

int form_is_workbook_name(const char *path)
{
	size_t len = strlen(path);

	return len >= 5 && g_ascii_strcasecmp(path + len - 5, ".xlsx") == 0;
}

/* Excel's limits that the form's own text must respect. */
#define LIST_MAX 255            /* an inline drop-down list, separators included */
#define MESSAGE_MAX 255         /* a validation message */
#define HEADER_PART_MAX 60      /* each part of the printed page header */

/* Rows and columns of a sheet (0-based). */
enum { META_ROWS = 5, HEADER_ROW = META_ROWS + 1 };
enum { COL_KODE, COL_KRITERIA, COL_JAWABAN, COL_EVIDENCE, COL_NOTE, N_COLS };

struct styles {
	lxw_format *key, *value, *fixed, *date;         /* the metadata */
	lxw_format *header, *title;                     /* the table's header, a group */
	lxw_format *code, *text, *answer, *free;        /* an item's cells */
};

/* The workbook being written and what its sheets share. */
struct book {
	lxw_workbook *wb;
	struct styles st;
	lxw_error err;          /* the first error; later calls still run */
	GHashTable *lists;      /* scale -> char **: its labels, NULL-terminated */
	GHashTable *messages;   /* scale -> char *: the refusal message */
};

static void keep(struct book *b, lxw_error e)
{
	if (!b->err)
		b->err = e;
}

static lxw_format *style(lxw_workbook *wb, int bold, int border, int unlocked)
{
	lxw_format *f = workbook_add_format(wb);

	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (unlocked)
		format_set_unlocked(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

static void make_styles(lxw_workbook *wb, struct styles *st)
{
	st->key = style(wb, 1, 0, 0);
	/* Typed text stays text ("1/2" in a note is no date). */
	st->value = style(wb, 0, 1, 1);
	format_set_num_format(st->value, "@");
	st->fixed = style(wb, 0, 1, 0);
	st->date = style(wb, 0, 1, 1);
	format_set_num_format(st->date, "yyyy-mm-dd");
	format_set_align(st->date, LXW_ALIGN_LEFT);
	st->header = style(wb, 1, 1, 0);
	format_set_bg_color(st->header, 0xD9D9D9);
	format_set_text_wrap(st->header);
	st->title = style(wb, 1, 1, 0);
	format_set_bg_color(st->title, 0xF2F2F2);
	st->code = style(wb, 0, 1, 0);
	st->text = style(wb, 0, 1, 0);
	format_set_text_wrap(st->text);
	st->answer = style(wb, 0, 1, 1);
	format_set_num_format(st->answer, "@");
	st->free = style(wb, 0, 1, 1);
	format_set_num_format(st->free, "@");
	format_set_text_wrap(st->free);
}

/* What a refused entry in a Jawaban cell of `sc` shows: the answers it
 * takes when they fit in a message. The caller owns the result. */
static char *refusal(const struct rubric_scale *sc)
{
	GString *m = g_string_new("Pilih salah satu jawaban dari daftar: ");

	for (guint l = 0; l < sc->levels->len; l++) {
		const struct rubric_level *lv = g_ptr_array_index(sc->levels, l);

		g_string_append_printf(m, "%s%s", l ? ", " : "", lv->label);
	}
	g_string_append_c(m, '.');
	if (g_utf8_strlen(m->str, -1) > MESSAGE_MAX)
		g_string_assign(m, "Pilih salah satu jawaban dari daftar.");
	return g_string_free(m, FALSE);
}

/*
 * The drop-down list of `sc`, checked against what an inline list can hold:
 * no ',' (the separator) and no '"' in a label, at most LIST_MAX bytes in
 * all. Returns 0, or -1 after reporting.
 */
static int add_list(struct book *b, const struct rubric *r, const struct rubric_scale *sc,
		    struct diag *d)
{
	char **list = g_new0(char *, sc->levels->len + 1);
	size_t len = 0;
	int rc = 0;

	for (guint l = 0; l < sc->levels->len; l++) {
		const struct rubric_level *lv = g_ptr_array_index(sc->levels, l);

		list[l] = lv->label;
		len += strlen(lv->label) + (l > 0);
		if (strpbrk(lv->label, ",\"")) {
			diag_error(d, r->path, 0, "scale '%s': the answer '%s' cannot be "
				   "in a drop-down list (it has a ',' or '\"'); "
				   "use a CSV form", sc->id, lv->label);
			rc = -1;
		}
	}
	if (len > LIST_MAX) {
		diag_error(d, r->path, 0, "scale '%s': its answers are too long for a "
			   "drop-down list (%d characters in all); use a CSV form",
			   sc->id, LIST_MAX);
		rc = -1;
	}
	g_hash_table_insert(b->lists, (gpointer)sc, list);
	g_hash_table_insert(b->messages, (gpointer)sc, refusal(sc));
	return rc;
}

/* The drop-down lists of every scale that the types use. Returns 0, or -1
 * after reporting each that cannot be one. */
static int make_lists(struct book *b, const struct rubric *r, const GPtrArray *types,
		      struct diag *d)
{
	int rc = 0;

	b->lists = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	b->messages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	for (guint t = 0; t < types->len; t++) {
		const struct rubric_unit_type *type = g_ptr_array_index(types, t);

		for (guint i = 0; i < type->items->len; i++) {
			const struct rubric_item *it = g_ptr_array_index(type->items, i);

			if (!g_hash_table_contains(b->lists, it->scale) &&
			    add_list(b, r, it->scale, d) < 0)
				rc = -1;
		}
	}
	return rc;
}

/* A metadata line: its key and, unless `fixed`, an editable value cell. */
static void meta_cell(struct book *b, lxw_worksheet *ws, lxw_row_t row, const char *key,
		      const char *value, lxw_format *fmt)
{
	keep(b, worksheet_write_string(ws, row, COL_KODE, key, b->st.key));
	if (value && *value)
		keep(b, worksheet_write_string(ws, row, COL_KRITERIA, value, fmt));
	else
		keep(b, worksheet_write_blank(ws, row, COL_KRITERIA, fmt));
}

static void write_meta(struct book *b, lxw_worksheet *ws,
		       const struct rubric_unit_type *type,
		       const struct form_options *opt)
{
	lxw_data_validation when = {
		.validate = LXW_VALIDATION_TYPE_DATE,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_datetime = { 2000, 1, 1, 0, 0, 0 },
		.maximum_datetime = { 2099, 12, 31, 0, 0, 0 },
		.error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
		.error_title = "Tanggal tidak sah",
		.error_message = "Isi tanggal verifikasi (tahun 2000 sampai 2099), "
				 "misalnya 2024-03-05.",
	};

	meta_cell(b, ws, 0, "Kanwil", opt->kanwil, b->st.value);
	meta_cell(b, ws, 1, "Unit", opt->unit, b->st.value);
	meta_cell(b, ws, 2, "Jenis", type->id, b->st.fixed);
	meta_cell(b, ws, 3, "Verifikator", NULL, b->st.value);
	meta_cell(b, ws, 4, "Tanggal", NULL, b->st.date);
	keep(b, worksheet_data_validation_cell(ws, 4, COL_KRITERIA, &when));
}

static void write_item(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		       const struct rubric_item *it)
{
	lxw_data_validation answer = {
		.validate = LXW_VALIDATION_TYPE_LIST,
		.value_list = g_hash_table_lookup(b->lists, it->scale),
		.error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
		.error_title = "Jawaban tidak dikenal",
		.error_message = g_hash_table_lookup(b->messages, it->scale),
	};

	keep(b, worksheet_write_string(ws, row, COL_KODE, it->code, b->st.code));
	keep(b, worksheet_write_string(ws, row, COL_KRITERIA, it->text, b->st.text));
	keep(b, worksheet_write_blank(ws, row, COL_JAWABAN, b->st.answer));
	keep(b, worksheet_data_validation_cell(ws, row, COL_JAWABAN, &answer));
	keep(b, worksheet_write_blank(ws, row, COL_EVIDENCE, b->st.free));
	keep(b, worksheet_write_blank(ws, row, COL_NOTE, b->st.free));
}

/* `s` cut to HEADER_PART_MAX characters, with '&' doubled as a page header
 * needs it, appended to `out`. */
static void header_part(GString *out, const char *s)
{
	const char *p = s ? s : "";

	for (long n = 0; *p && n < HEADER_PART_MAX; p = g_utf8_next_char(p), n++) {
		if (*p == '&')
			g_string_append_c(out, '&');
		g_string_append_unichar(out, g_utf8_get_char(p));
	}
}

/* Column widths: Kode and the metadata keys, Kriteria and the metadata
 * values as long as their text up to a wrapping width, Jawaban as its
 * longest answer and the drop-down arrow. */
static void set_widths(struct book *b, lxw_worksheet *ws,
		       const struct rubric_unit_type *type,
		       const struct form_options *opt)
{
	long code = (long)strlen("Verifikator"), answer = (long)strlen("Jawaban");
	long text = 30;

	for (guint i = 0; i < type->items->len; i++) {
		const struct rubric_item *it = g_ptr_array_index(type->items, i);

		code = MAX(code, g_utf8_strlen(it->code, -1));
		text = MAX(text, g_utf8_strlen(it->text, -1));
		for (guint l = 0; l < it->scale->levels->len; l++)
			answer = MAX(answer, g_utf8_strlen(((const struct rubric_level *)
				g_ptr_array_index(it->scale->levels, l))->label, -1));
	}
	if (opt->unit)
		text = MAX(text, g_utf8_strlen(opt->unit, -1));
	if (opt->kanwil)
		text = MAX(text, g_utf8_strlen(opt->kanwil, -1));
	keep(b, worksheet_set_column(ws, COL_KODE, COL_KODE, (double)code + 2, NULL));
	keep(b, worksheet_set_column(ws, COL_KRITERIA, COL_KRITERIA,
				     (double)MIN(text, 60) + 2, NULL));
	keep(b, worksheet_set_column(ws, COL_JAWABAN, COL_JAWABAN, (double)answer + 5,
				     NULL));
	keep(b, worksheet_set_column(ws, COL_EVIDENCE, COL_EVIDENCE, 40, NULL));
	keep(b, worksheet_set_column(ws, COL_NOTE, COL_NOTE, 30, NULL));
}

static void write_sheet(struct book *b, lxw_worksheet *ws, const struct rubric *r,
			const struct rubric_unit_type *type,
			const struct form_options *opt)
{
	static const char *const head[N_COLS] = { "Kode", "Kriteria", "Jawaban",
						  "Data dukung", "Catatan" };
	/* Resizing stays allowed: a long note needs a taller row. */
	lxw_protection allow = { .format_columns = 1, .format_rows = 1 };
	GPtrArray *sections = form_sections(r, type);
	GString *page = g_string_new("&L");
	lxw_row_t row = HEADER_ROW + 1;

	write_meta(b, ws, type, opt);
	for (int c = 0; c < N_COLS; c++)
		keep(b, worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)c, head[c],
					       b->st.header));
	for (guint s = 0; s < sections->len; s++) {
		const struct form_section *sec = g_ptr_array_index(sections, s);

		if (sec->title)
			keep(b, worksheet_merge_range(ws, row, COL_KODE, row, N_COLS - 1,
						      sec->title, b->st.title));
		row += sec->title != NULL;
		for (guint i = 0; i < sec->items->len; i++)
			write_item(b, ws, row++, g_ptr_array_index(sec->items, i));
	}
	g_ptr_array_free(sections, TRUE);
	set_widths(b, ws, type, opt);
	worksheet_freeze_panes(ws, HEADER_ROW + 1, 0);
	worksheet_protect(ws, NULL, &allow);
	worksheet_set_paper(ws, 9);     /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	keep(b, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
	header_part(page, r->title);
	g_string_append(page, "&R");
	header_part(page, type->label);
	keep(b, worksheet_set_header(ws, page->str));
	keep(b, worksheet_set_footer(ws, "&CHalaman &P dari &N"));
	g_string_free(page, TRUE);
}

static void free_lists(struct book *b)
{
	if (b->lists)
		g_hash_table_destroy(b->lists);
	if (b->messages)
		g_hash_table_destroy(b->messages);
}

/* The workbook written to `path`, its scratch files in `tmpdir`. */
static int write_book(const struct rubric *r, const GPtrArray *types,
		      const struct form_options *opt, const char *path, char *tmpdir,
		      struct diag *d)
{
	lxw_workbook_options wo = { .tmpdir = tmpdir };
	lxw_doc_properties props = {
		.title = r->title,
		.subject = "Formulir verifikasi P2HAM",
		.created = opt->created,
	};
	struct book b = { 0 };
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	lxw_error closed;

	if (make_lists(&b, r, types, d) < 0) {
		free_lists(&b);
		g_ptr_array_free(names, TRUE);
		return -1;
	}
	b.wb = workbook_new_opt(path, &wo);
	if (!b.wb) {
		diag_error(d, NULL, 0, "cannot start the workbook");
		free_lists(&b);
		g_ptr_array_free(names, TRUE);
		return -1;
	}
	make_styles(b.wb, &b.st);
	keep(&b, workbook_set_properties(b.wb, &props));
	for (guint t = 0; t < types->len && !b.err; t++) {
		const struct rubric_unit_type *type = g_ptr_array_index(types, t);
		char *name = form_sheet_name(type->label, type->id, names);
		lxw_worksheet *ws = workbook_add_worksheet(b.wb, name);

		g_ptr_array_add(names, name);
		if (!ws)
			BUG("a sheet name that Excel refuses");
		write_sheet(&b, ws, r, type, opt);
	}
	/* Closing also frees the workbook, so it is closed after an error too. */
	closed = workbook_close(b.wb);
	keep(&b, closed);
	free_lists(&b);
	g_ptr_array_free(names, TRUE);
	if (b.err) {
		diag_error(d, NULL, 0, "cannot write the workbook form: %s",
			   lxw_strerror(b.err));
		return -1;
	}
	return 0;
}

static int copy_out(const char *path, FILE *out, struct diag *d)
{
	GError *err = NULL;
	char *bytes;
	gsize len;

	if (!g_file_get_contents(path, &bytes, &len, &err)) {
		diag_error(d, NULL, 0, "cannot read the workbook back: %s", err->message);
		g_error_free(err);
		return -1;
	}
	if (fwrite(bytes, 1, len, out) != len) {
		diag_error(d, NULL, 0, "cannot write the workbook form: %s",
			   g_strerror(errno));
		g_free(bytes);
		return -1;
	}
	g_free(bytes);
	return 0;
}

/*
 * libxlsxwriter writes to a file name only: the workbook is put together in
 * a private folder of `tmpdir` and then copied to `out`, which the caller
 * owns (an output set's temporary file, renamed into place at the end).
 */
int form_write_workbook(const struct rubric *r, const GPtrArray *types,
			const struct form_options *opt, FILE *out, struct diag *d)
{
	char *dir = g_build_filename(opt->tmpdir ? opt->tmpdir : g_get_tmp_dir(),
				     "p2ham-form-XXXXXX", NULL);
	char *path;
	int rc;

	if (!g_mkdtemp(dir)) {
		diag_error(d, NULL, 0, "cannot make a temporary folder for the workbook "
			   "in '%s': %s", opt->tmpdir ? opt->tmpdir : g_get_tmp_dir(),
			   g_strerror(errno));
		g_free(dir);
		return -1;
	}
	path = g_build_filename(dir, "form.xlsx", NULL);
	rc = write_book(r, types, opt, path, dir, d);
	if (rc == 0)
		rc = copy_out(path, out, d);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	return rc;
}
