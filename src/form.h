/* form.h — the blank verification form: CSV (layout B) or a workbook. */
#ifndef P2HAM_FORM_H
#define P2HAM_FORM_H

#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "rubric.h"

/*
 * Write the form for `type` to `out`: metadata lines (Kanwil, Unit, Jenis,
 * Verifikator, Tanggal), a header (Kode, Kriteria, one column per answer
 * label of the type's scales, Data dukung, Catatan) and one row per item.
 * It is written as Excel and LibreOffice in an Indonesian locale open it
 * directly: UTF-8 with a BOM, ';' between fields, CRLF line ends.
 * `unit` and `kanwil` may be NULL (left blank for the team to fill in).
 */
void form_write(const struct rubric *r, const struct rubric_unit_type *type,
		const char *unit, const char *kanwil, FILE *out);

/*
 * One block of a type's items on the workbook form, under a title row.
 * Items with a group come under the group's label, groups in rubric order;
 * scored items without a group follow under FORM_TITLE_OTHERS (with no title
 * when no item of the type has a group); gates come last under
 * FORM_TITLE_GATES. Within a block, items keep the type's order.
 */
struct form_section {
	const char *title;      /* NULL: no title row */
	GPtrArray *items;       /* const struct rubric_item *, not owned */
};

#define FORM_TITLE_OTHERS "Lainnya"
#define FORM_TITLE_GATES "Syarat penghargaan"

/*
 * The sections of `type`'s form, empty ones left out. The caller owns the
 * array; g_ptr_array_free(sections, TRUE) frees it and the sections. The
 * titles and items belong to the rubric.
 */
GPtrArray *form_sections(const struct rubric *r, const struct rubric_unit_type *type);

/*
 * Whether `cell` is a title row of a workbook form for this rubric (a
 * group's label, FORM_TITLE_OTHERS or FORM_TITLE_GATES, compared folded).
 * Reading a form back, such a row is no data row.
 */
int form_is_section_title(const struct rubric *r, const char *cell);

/*
 * The sheet name for a unit type whose label is `label` (`id` when the label
 * is empty), unique among `taken` (char *, names already given). Excel's
 * rules: the characters [ ] : * ? / \ and control characters become '-',
 * apostrophes at either end and white space at either end are dropped, the
 * name is cut to 31 UTF-16 units, "History" is reserved, and names compare
 * without case; a clash gets " (2)", " (3)", ... within the 31.
 * The caller owns the result; free it with g_free().
 */
char *form_sheet_name(const char *label, const char *id, const GPtrArray *taken);

/* Whether the file name `path` asks for a workbook (it ends in .xlsx, any case). */
int form_is_workbook_name(const char *path);

struct form_options {
	const char *unit;       /* the unit's name, or NULL: left for the team */
	const char *kanwil;     /* the regional office, or NULL */
	time_t created;         /* the creation time in the workbook's properties,
				   so that the same run gives the same bytes;
				   0: now */
	const char *tmpdir;     /* where the workbook is put together before it
				   is copied to `out`; NULL: the system's
				   temporary folder */
};

/*
 * Write the workbook form (SPEC 6, Forms) to `out`: one sheet per unit type
 * of `types` (const struct rubric_unit_type *, in that order), each with the
 * metadata cells, a header (Kode, Kriteria, Jawaban, Data dukung, Catatan)
 * and the rows of form_sections(), Jawaban limited to each item's answers.
 * The sheets are protected without a password: only the metadata values
 * (not Jenis), Jawaban, Data dukung and Catatan can be edited. Text from
 * `opt` is written as text, never as a formula.
 * Returns 0, or -1 after reporting the problem to `d` (an answer label a
 * drop-down list cannot hold, text too long for a cell, a file system
 * error); on failure what reached `out` is incomplete and must be dropped.
 */
int form_write_workbook(const struct rubric *r, const GPtrArray *types,
			const struct form_options *opt, FILE *out, struct diag *d);

#endif
