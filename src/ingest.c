/* ingest.c — CSV records and workbook rows to validated observations, every row accounted for. */
#include "ingest.h"

#include <string.h>

#include "csvin.h"
#include "form.h"
#include "text.h"
#include "workbook.h"

#include "ingest_int.h"

/* Column names and their aliases, as text_key() gives them (SPEC 3). */
static const char *const column_keys[N_COLUMNS][8] = {
	[COL_KANWIL] = { "kanwil", "kantorwilayah", "wilayah", "region" },
	[COL_UNIT] = { "unit", "upt", "satker", "namaupt", "namaunit", "unitname" },
	[COL_JENIS] = { "jenis", "jenisupt", "tipe", "type", "unittype" },
	[COL_KODE] = { "kode", "kodekriteria", "code", "item" },
	[COL_KRITERIA] = { "kriteria", "criterion", "uraian" },
	[COL_NILAI] = { "nilai", "status", "jawaban", "hasil", "answer",
			"ketersediaan", "kepatuhan" },
	[COL_EVIDENCE] = { "datadukung", "datapendukung", "bukti", "evidence" },
	[COL_NOTE] = { "catatan", "keterangan", "note", "notes" },
	[COL_VERIFIER] = { "verifikator", "tim", "verifier", "team" },
	[COL_DATE] = { "tanggal", "tgl", "date" },
};

/* `s` as a message quotes it: whole, or its first SHOW_MAX bytes (cut on a
 * character boundary) and "..." in `buf`. */
const char *ingest_show(char buf[SHOW_BUF], const char *s)
{
	size_t len = strlen(s);

	if (len <= SHOW_MAX)
		return s;
	len = SHOW_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	memcpy(buf, s, len);
	memcpy(buf + len, "...", 4);
	return buf;
}

static enum column column_of(const char *cell)
{
	char *key = text_key(cell);
	enum column col = COL_NONE;

	for (int c = 0; c < N_COLUMNS && col == COL_NONE; c++)
		for (int a = 0; a < 8 && column_keys[c][a]; a++)
			if (!strcmp(key, column_keys[c][a])) {
				col = (enum column)c;
				break;
			}
	g_free(key);
	return col;
}

/* The level label of any scale that `cell` names, or NULL: layout B's
 * answer columns. */
static const char *answer_label(const struct rubric *r, const char *cell)
{
	char *folded = text_fold(cell);
	const char *found = NULL;

	for (guint s = 0; s < r->scales->len && !found; s++) {
		const struct rubric_scale *scale = g_ptr_array_index(r->scales, s);
		for (guint l = 0; l < scale->levels->len && !found; l++) {
			const struct rubric_level *lv = g_ptr_array_index(scale->levels, l);
			char *label = text_fold(lv->label);
			if (!strcmp(label, folded))
				found = lv->label;
			g_free(label);
		}
	}
	g_free(folded);
	return found;
}

static size_t header_width(const struct csvin_record *rec)
{
	size_t n = rec->n_fields;

	while (n > 0 && !*rec->fields[n - 1])
		n--;
	return n;
}

/*
 * Map the header's columns. In a form header (layout B) the cells naming an
 * answer label become mark columns. Returns how many mark columns there are.
 */
static size_t map_header(struct ingest *in, const struct csvin_record *rec,
			 int form)
{
	size_t marks = 0;

	in->width = header_width(rec);
	in->map = g_new(int, in->width + 1);
	in->labels = g_new0(char *, in->width + 1);
	for (size_t i = 0; i < in->width; i++) {
		const char *label = form ? answer_label(in->ds->rubric, rec->fields[i]) : NULL;
		if (label) {
			in->map[i] = COL_MARK;
			in->labels[i] = g_strdup(label);
			marks++;
		} else {
			in->map[i] = column_of(rec->fields[i]);
		}
	}
	return marks;
}

static int has_column(const struct ingest *in, enum column col)
{
	for (size_t i = 0; i < in->width; i++)
		if (in->map[i] == (int)col)
			return 1;
	return 0;
}

static void warn_columns(struct ingest *in, unsigned long line,
			 const struct csvin_record *rec)
{
	GString *unknown = g_string_new(NULL);
	int seen[N_COLUMNS] = { 0 };
	char buf[SHOW_BUF];

	for (size_t i = 0; i < in->width; i++) {
		int col = in->map[i];
		if (col >= 0 && seen[col]++) {
			in->map[i] = COL_NONE;  /* the first of two same columns wins */
			col = COL_NONE;
		}
		if (col == COL_NONE)
			g_string_append_printf(unknown, "%s'%s'", unknown->len ? ", " : "",
					       ingest_show(buf, rec->fields[i]));
	}
	if (unknown->len)
		diag_warning(in->d, in->file->name, line,
			     "unknown or repeated columns ignored: %s", unknown->str);
	g_string_free(unknown, TRUE);
}

static void free_header(struct ingest *in)
{
	/* labels has a NULL for every column that is not an answer column. */
	for (size_t i = 0; in->labels && i < in->width; i++)
		g_free(in->labels[i]);
	g_free(in->labels);
	g_free(in->map);
	in->map = NULL;
	in->labels = NULL;
}


/* ---- layouts --------------------------------------------------------------- */

static char *extra_fields(const struct ingest *in, const struct csvin_record *rec)
{
	for (size_t i = in->width; i < rec->n_fields; i++)
		if (!blank(rec->fields[i]))
			return g_strdup_printf("record has %zu fields, the header has %zu",
					       header_width(rec), in->width);
	return NULL;
}

static void data_row_a(struct ingest *in, const struct csvin_record *rec)
{
	struct row row = { { NULL } };

	for (size_t i = 0; i < rec->n_fields && i < in->width; i++)
		if (in->map[i] >= 0)
			row.v[in->map[i]] = rec->fields[i];
	ingest_take_row(in, rec, &row, extra_fields(in, rec));
}

/* A workbook form's title row before a group of items: the title alone, in
 * the Kode column. Like a header, it is no data row. */
static int section_title(const struct ingest *in, const struct csvin_record *rec)
{
	const char *title = NULL;

	if (rec->error)
		return 0;
	for (size_t i = 0; i < rec->n_fields; i++) {
		if (blank(rec->fields[i]))
			continue;
		if (title || i >= in->width || in->map[i] != COL_KODE)
			return 0;
		title = rec->fields[i];
	}
	return title && form_is_section_title(in->ds->rubric, title);
}

static void data_row_b(struct ingest *in, const struct csvin_record *rec)
{
	struct row row = { { NULL } };
	GString *marked;
	unsigned marks = 0;
	char *why;

	if (section_title(in, rec))
		return;
	marked = g_string_new(NULL);
	why = extra_fields(in, rec);
	for (int c = 0; c < N_COLUMNS; c++)
		row.v[c] = in->meta[c];
	for (size_t i = 0; i < rec->n_fields && i < in->width; i++) {
		int col = in->map[i];
		if (col == COL_MARK && !blank(rec->fields[i])) {
			row.v[COL_NILAI] = in->labels[i];
			g_string_append_printf(marked, "%s%s", marks++ ? ", " : "",
					       in->labels[i]);
		} else if (col == COL_KODE || col == COL_KRITERIA || col == COL_NILAI ||
			   col == COL_EVIDENCE || col == COL_NOTE) {
			row.v[col] = rec->fields[i];
		}
	}
	/* With one answer column its cell is the answer, as in layout A. */
	if (!why && marks == 0 && !in->answer_column)
		why = g_strdup("no answer marked");
	else if (!why && marks > 1)
		why = g_strdup_printf("several answers marked: %s", marked->str);
	g_string_free(marked, TRUE);
	ingest_take_row(in, rec, &row, why);
}

/* A layout B metadata line: "Key<delim>Value" with a known key. */
static int form_meta(struct ingest *in, const struct csvin_record *rec)
{
	enum column col;

	if (rec->n_fields < 1 || header_width(rec) > 2)
		return 0;
	col = column_of(rec->fields[0]);
	if (col != COL_KANWIL && col != COL_UNIT && col != COL_JENIS &&
	    col != COL_VERIFIER && col != COL_DATE)
		return 0;
	g_free(in->meta[col]);
	in->meta[col] = text_trim(rec->n_fields > 1 ? rec->fields[1] : "");
	if (col == COL_DATE && *in->meta[col] && !ingest_read_date(in, rec->line, in->meta[col])) {
		char buf[SHOW_BUF];

		/* One cell should not cost the whole form (SPEC 3). */
		diag_warning(in->d, in->file->path, rec->line,
			     "bad date '%s' in the form's Tanggal: its rows are taken undated",
			     ingest_show(buf, in->meta[col]));
		g_free(in->meta[col]);
		in->meta[col] = NULL;
	}
	return 1;
}

/*
 * A layout B header: a Kode column and either answer-label columns, one of
 * which a row marks, or, after metadata lines, one answer column (Jawaban
 * or another nilai alias) holding the answer (SPEC 3). With both, the
 * label columns are the answer and the answer column is ignored.
 */
static int form_header(struct ingest *in, const struct csvin_record *rec)
{
	size_t marks = map_header(in, rec, 1);

	if (has_column(in, COL_KODE) && marks > 0) {
		for (size_t i = 0; i < in->width; i++)
			if (in->map[i] == COL_NILAI)
				in->map[i] = COL_NONE;
		return 1;
	}
	/* Without the metadata, a Kode and nilai header is a layout A file
	 * missing its unit column, and is reported as such. */
	if (has_column(in, COL_KODE) && has_column(in, COL_NILAI) &&
	    in->phase == PHASE_FORM_META) {
		in->answer_column = 1;
		return 1;
	}
	free_header(in);
	return 0;
}

static int layout_a_header(struct ingest *in, const struct csvin_record *rec)
{
	map_header(in, rec, 0);
	if (has_column(in, COL_UNIT) && has_column(in, COL_KODE) &&
	    has_column(in, COL_NILAI))
		return 1;
	free_header(in);
	return 0;
}

static int on_record(const struct csvin_record *rec, void *data)
{
	struct ingest *in = data;

	switch (in->phase) {
	case PHASE_DATA:
		if (in->ds->rows_read >= INGEST_MAX_ROWS) {
			diag_error(in->d, in->file->name, rec->line,
				   "more than %d data rows: reading stops", INGEST_MAX_ROWS);
			in->stop = 1;
			return -1;
		}
		if (in->layout == 'A')
			data_row_a(in, rec);
		else
			data_row_b(in, rec);
		return in->stop ? -1 : 0;
	case PHASE_START:
		if (!rec->error && layout_a_header(in, rec)) {
			in->layout = 'A';
			break;
		}
		in->layout = 'B';
		/* fall through */
	case PHASE_FORM_META:
		if (!rec->error && form_header(in, rec))
			break;
		if (!rec->error && form_meta(in, rec)) {
			in->phase = PHASE_FORM_META;
			return 0;
		}
		if (in->phase == PHASE_START && in->file->sheet) {
			in->unusable = rec->line;
			return WORKBOOK_SKIP_SHEET;
		}
		if (in->phase == PHASE_START) {
			diag_error(in->d, in->file->name, rec->line,
				   "not a p2ham input: the first record is neither a layout A "
				   "header (with unit, kode and nilai columns) nor a layout B form");
			return -1;
		}
		return 0;       /* lines before a form's header are ignored */
	}
	in->phase = PHASE_DATA;
	warn_columns(in, rec->line, rec);
	return 0;
}

/* Free what reading one file or sheet kept; `in` can be used again. */
static void ingest_release(struct ingest *in)
{
	free_header(in);
	for (int c = 0; c < N_COLUMNS; c++) {
		g_free(in->meta[c]);
		in->meta[c] = NULL;
	}
	g_free(in->unit.cell);
	g_free(in->type.cell);
	g_free(in->date.cell);
	in->unit.cell = in->type.cell = in->date.cell = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(in->level); i++) {
		g_free(in->level[i].cell);
		in->level[i].cell = NULL;
	}
}

static struct input_file *input_file_new(const char *path, const char *sheet)
{
	struct input_file *f = g_new0(struct input_file, 1);

	f->path = g_strdup(path);
	f->sheet = g_strdup(sheet);
	f->name = sheet ? g_strdup_printf("%s[%s]", path, sheet) : g_strdup(path);
	f->layout = 'A';
	return f;
}

static int ingest_csv(struct dataset *ds, const char *path,
		      const struct ingest_options *opt, struct diag *d)
{
	struct csvin_options copt = { opt->delimiter, opt->encoding };
	struct csvin_info info;
	struct input_file *file = input_file_new(path, NULL);
	struct ingest in = { .ds = ds, .file = file, .opt = opt, .d = d };
	int rc;

	rc = csvin_read(path, &copt, on_record, &in, &info, d);
	if (rc == 0 && in.phase == PHASE_START) {
		diag_error(d, path, 0, "empty input: no header and no data");
		rc = -1;
	} else if (rc == 0 && in.phase == PHASE_FORM_META) {
		diag_error(d, path, 0, "layout B form without a header row "
			   "(Kode and answer columns)");
		rc = -1;
	}
	memcpy(file->sha256, info.sha256, sizeof(file->sha256));
	file->encoding = g_strdup(info.encoding);
	file->delimiter = info.delimiter;
	file->layout = in.layout ? in.layout : 'A';
	g_ptr_array_add(ds->files, file);
	ingest_release(&in);
	return rc;
}

/* ---- workbooks: each usable sheet read as a file ------------------------------ */

struct book {
	struct ingest in;               /* the sheet being read */
	const char *path;
	const struct workbook_info *info;
	unsigned usable;                /* sheets read as a table */
};

static int sheet_begin(const char *name, void *data)
{
	struct book *b = data;
	struct input_file *f = input_file_new(b->path, name);

	memcpy(f->sha256, b->info->sha256, sizeof(f->sha256));
	f->encoding = g_strdup(workbook_kind_name(b->info->kind));
	/* summary.xml wants a delimiter character; a sheet's cells need none. */
	f->delimiter = ',';
	g_ptr_array_add(b->in.ds->files, f);
	b->in.file = f;
	b->in.phase = PHASE_START;
	b->in.layout = 0;
	b->in.unusable = 0;
	b->in.next_level = b->in.next_item = 0;
	return 0;
}

static int sheet_record(const struct csvin_record *rec, void *data)
{
	struct book *b = data;

	return on_record(rec, &b->in);
}

/* A sheet that holds no table is dropped with one warning (SPEC 3). */
static int sheet_end(const char *name, void *data)
{
	struct book *b = data;
	struct ingest *in = &b->in;
	GPtrArray *files = in->ds->files;
	const char *why = NULL;
	char buf[SHOW_BUF];

	if (in->phase == PHASE_START && in->unusable)
		why = "its first row is neither a layout A header (with unit, kode and nilai "
		      "columns) nor the start of a layout B form";
	else if (in->phase == PHASE_START)
		why = "it is empty";
	else if (in->phase == PHASE_FORM_META)
		why = "a layout B form without a header row (Kode and answer columns)";
	in->file->layout = in->layout ? in->layout : 'A';
	ingest_release(in);
	if (why) {
		diag_warning(in->d, in->file->name, in->unusable, "sheet '%s' skipped: %s",
			     ingest_show(buf, name), why);
		/* No row of it was read: nothing refers to it. */
		g_ptr_array_remove_index(files, files->len - 1);
		in->file = NULL;
		return 0;
	}
	b->usable++;
	return 0;
}

static int ingest_workbook(struct dataset *ds, const char *path,
			   const struct ingest_options *opt, struct diag *d)
{
	static const struct workbook_callbacks cb = { sheet_begin, sheet_record, sheet_end };
	struct workbook_info info;
	struct book b = { .in = { .ds = ds, .opt = opt, .d = d }, .path = path, .info = &info };
	int rc = workbook_read(path, &cb, &b, &info, d);

	/* Reading may have stopped within a sheet. */
	if (b.in.file)
		b.in.file->layout = b.in.layout ? b.in.layout : 'A';
	ingest_release(&b.in);
	if (rc == 0 && b.usable == 0) {
		diag_error(d, path, 0, "no sheet holds a layout A header (with unit, kode and "
			   "nilai columns) or a layout B form");
		rc = -1;
	}
	return rc;
}

int ingest_file(struct dataset *ds, const char *path,
		const struct ingest_options *opt, struct diag *d)
{
	/* Every text function assumes UTF-8; the shell's bytes may be anything. */
	if (opt->kanwil && !g_utf8_validate(opt->kanwil, -1, NULL)) {
		diag_error(d, NULL, 0, "--kanwil is not valid UTF-8");
		return -1;
	}
	if (workbook_sniff(path) != WORKBOOK_NONE)
		return ingest_workbook(ds, path, opt, d);
	return ingest_csv(ds, path, opt, d);
}

char *ingest_location(const struct input_file *f, unsigned long line)
{
	return g_strdup_printf("%s:%lu", f->name, line);
}

/* ---- the dataset ------------------------------------------------------------ */

static void unit_free(gpointer p)
{
	struct unit_obs *u = p;

	g_free(u->name);
	g_free(u->key);
	g_free(u->kanwil);
	g_ptr_array_free(u->observations, TRUE);
	g_free(u);
}

static void file_free(gpointer p)
{
	struct input_file *f = p;

	g_free(f->path);
	g_free(f->sheet);
	g_free(f->name);
	g_free(f->encoding);
	g_free(f);
}

static void rejected_free(gpointer p)
{
	struct rejected_row *r = p;

	g_free(r->reason);
	g_free(r->raw);
	g_free(r);
}

struct dataset *dataset_new(const struct rubric *rubric)
{
	struct dataset *ds = g_new0(struct dataset, 1);

	ds->rubric = rubric;
	ds->files = g_ptr_array_new_with_free_func(file_free);
	ds->units = g_ptr_array_new_with_free_func(unit_free);
	ds->unit_by_key = g_hash_table_new(g_str_hash, g_str_equal);
	ds->rejected = g_ptr_array_new_with_free_func(rejected_free);
	return ds;
}

void dataset_free(struct dataset *ds)
{
	if (!ds)
		return;
	g_hash_table_destroy(ds->unit_by_key);
	g_ptr_array_free(ds->rejected, TRUE);
	g_ptr_array_free(ds->units, TRUE);
	g_ptr_array_free(ds->files, TRUE);
	g_free(ds);
}
