/* fuzz_rubric.c — the rubric loader.
 *
 * Each input is a rubric.xml. When it loads, it is used the way a run uses
 * it: look-ups with odd names, the blank form of every unit type read back
 * as layout B input, and a layout A file answering every item, all scored
 * and written as summary.xml (which must parse; the counts must add up). */
#include "fuzz_common.h"

#include "form.h"

/* At most this many unit types and items are turned into rows. */
#define MAX_TYPES 8
#define MAX_ITEMS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *csv_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup(".xml");
	csv_path = g_strdup_printf("%s.csv", fuzz_path);
	return 0;
}

/* A CSV field quoted whatever it holds. */
static void field(GString *out, const char *s, const char *sep)
{
	g_string_append_c(out, '"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
	g_string_append(out, sep);
}

static void write_file(const char *path, const char *bytes, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (!fp || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

/* Layout A: each item of each type answered with each of its levels in
 * turn, so units get conflicts, and dated so the latest competes. */
static void layout_a(const struct rubric *r, GString *csv)
{
	g_string_append(csv, "kanwil,unit,jenis,kode,nilai,tanggal,data_dukung\n");
	for (guint t = 0; t < r->unit_types->len && t < MAX_TYPES; t++) {
		const struct rubric_unit_type *type = g_ptr_array_index(r->unit_types, t);
		char *unit = g_strdup_printf("%s %u", type->label ? type->label : "u", t);

		for (guint i = 0; i < type->items->len && i < MAX_ITEMS; i++) {
			const struct rubric_item *it = g_ptr_array_index(type->items, i);

			for (guint l = 0; l < it->scale->levels->len && l < 3; l++) {
				const struct rubric_level *lv =
					g_ptr_array_index(it->scale->levels, l);
				field(csv, "Kanwil Fuzz", ",");
				field(csv, unit, ",");
				field(csv, type->id, ",");
				field(csv, it->code, ",");
				field(csv, lv->label, ",");
				g_string_append_printf(csv, "2019-10-%02u,", 1 + (i + l) % 2);
				field(csv, lv->label, "\n");
			}
		}
		g_free(unit);
	}
}

/* Layout B: the type's form with the first answer column marked. */
static void layout_b(const struct rubric *r, const struct rubric_unit_type *type,
		     GString *csv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	char **lines;

	if (!fp)
		abort();
	form_write(r, type, "Unit B", "Kanwil Fuzz", fp);
	if (fclose(fp) != 0)
		abort();
	lines = g_strsplit(buf, "\r\n", -1);
	for (char **l = lines; *l; l++) {
		char **cells = g_strsplit(*l, ";", 4);

		/* An item row: "code;text;;..." gets a mark in the first answer
		 * column. Quoted cells may hold ';', which only makes more odd
		 * rows. */
		if (g_strv_length(cells) == 4 && **l && l - lines > 6)
			g_string_append_printf(csv, "%s;%s;x;%s\r\n", cells[0], cells[1],
					       cells[3]);
		else
			g_string_append_printf(csv, "%s\r\n", *l);
		g_strfreev(cells);
	}
	g_strfreev(lines);
	free(buf);
}

static void use_rubric(const struct rubric *r)
{
	static const char *const names[] = {
		"", " ", "Lapas Kelas I", "lapas", "Rutan", "x", "\xC2\xA0", "A.01",
	};
	struct ingest_options opt = { NULL, 0, NULL };
	struct dataset *ds = dataset_new(r);
	GString *csv = g_string_new(NULL);
	struct diag d;

	fuzz_diag(&d);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		rubric_find_type(r, names[i]);
		rubric_type_of_name(r, names[i]);
	}
	for (int pct = -10; pct <= 110; pct += 5)
		rubric_grade(r, pct);
	layout_a(r, csv);
	write_file(csv_path, csv->str, csv->len);
	ingest_file(ds, csv_path, &opt, &d);
	for (guint t = 0; t < r->unit_types->len && t < MAX_TYPES; t++) {
		const struct rubric_unit_type *type = g_ptr_array_index(r->unit_types, t);

		for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
			rubric_find_item(type, names[i]);
			for (guint s = 0; s < r->scales->len; s++)
				rubric_match_level(g_ptr_array_index(r->scales, s), names[i]);
		}
		g_string_truncate(csv, 0);
		layout_b(r, type, csv);
		write_file(csv_path, csv->str, csv->len);
		ingest_file(ds, csv_path, &opt, &d);
	}
	fuzz_check_counts(ds);
	fuzz_score_and_write(ds, NULL);
	dataset_free(ds);
	g_string_free(csv, TRUE);
	unlink(csv_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(data, size);
	struct rubric *r;
	struct diag d;

	fuzz_diag(&d);
	r = rubric_load(path, &d);
	/* A refused rubric is reported; a loaded one has no errors. */
	if ((!r && d.errors == 0) || (r && d.errors))
		abort();
	if (r)
		use_rubric(r);
	rubric_free(r);
	unlink(path);
	return 0;
}
