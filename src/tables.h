/* tables.h — the ranking and the items as tables for spreadsheets (SPEC 6, Tables). */
#ifndef P2HAM_TABLES_H
#define P2HAM_TABLES_H

#include <stdio.h>

#include "diag.h"
#include "score.h"

/*
 * The tables read the scored model only. Words are Indonesian; scores show
 * two decimals rounded half-up, as everywhere else.
 *
 * The CSV files are for a spreadsheet with an Indonesian locale: UTF-8 with
 * a BOM, ';' between cells, CRLF after every row, decimal comma ("85,50")
 * and every text cell through text_csv_cell() (the formula guard). ranking.xlsx holds the same
 * rows, numbers as numbers with the format "0.00", text always as text.
 * Nothing is allocated that outlives a call; streams stay the caller's,
 * open.
 */

/* ranking.csv and items.csv to a stream. Return 0, or -1 when a write
 * failed (the stream's error flag tells the rest). */
int tables_write_ranking_csv(const struct model *m, FILE *fp);
int tables_write_items_csv(const struct model *m, FILE *fp);

/* ranking.xlsx to the file `path`, which is replaced. Returns 0, or -1
 * after reporting to `d` (naming the file as `name`). Two runs on the same
 * model give the same bytes: the workbook's dates are the model's date. */
int tables_write_ranking_xlsx(const struct model *m, const char *path,
			      const char *name, struct diag *d);

#endif
