/* ingest_int.h — inside ingest: the state of one file being read, shared by src/ingest*.c.
 *
 * ingest.c reads headers, layouts, files and workbooks and owns the dataset's
 * lifetime; ingest_row.c checks one data row and accepts it into the dataset
 * (which then owns the observation, the unit and their text) or rejects it
 * (the dataset owns the rejected row). struct ingest lives as long as one
 * file or sheet is read and owns its header map, labels, metadata and memos.
 */
#ifndef P2HAM_INGEST_INT_H
#define P2HAM_INGEST_INT_H

#include <string.h>

#include "csvin.h"
#include "ingest.h"
#include "text.h"

enum column {
	COL_KANWIL, COL_UNIT, COL_JENIS, COL_KODE, COL_KRITERIA, COL_NILAI,
	COL_EVIDENCE, COL_NOTE, COL_VERIFIER, COL_DATE, N_COLUMNS,
	COL_NONE = -1, COL_MARK = -2,
};

/* The fields of one data row, whichever layout it came from; borrowed. */
struct row {
	const char *v[N_COLUMNS];
};

enum phase { PHASE_START, PHASE_FORM_META, PHASE_DATA };

/*
 * A column's last cell and what looking it up gave. Rows come in blocks of
 * one unit, one type and one visit date, so most rows look up the very text
 * of the row before; the look-ups are pure, so their answer is kept.
 */
struct memo {
	char *cell;             /* NULL: nothing kept */
	const void *ptr;
	int num;
	const void *ctx;        /* what else the answer depended on */
};

/* Whether `m` holds `cell`'s answer. */
static inline int memo_has(const struct memo *m, const char *cell)
{
	return m->cell && strcmp(m->cell, cell) == 0;
}

static inline void memo_keep(struct memo *m, const char *cell, const void *ptr, int num)
{
	if (!memo_has(m, cell)) {
		g_free(m->cell);
		m->cell = g_strdup(cell);
	}
	m->ptr = ptr;
	m->num = num;
}

/* State of one file being ingested. */
struct ingest {
	struct dataset *ds;
	struct input_file *file;
	const struct ingest_options *opt;
	struct diag *d;
	enum phase phase;
	char layout;
	int *map;               /* header column -> enum column, COL_NONE or COL_MARK */
	char **labels;          /* layout B: the answer label of each COL_MARK column */
	int answer_column;      /* layout B: one answer column, not mark columns */
	size_t width;           /* header columns, trailing empty ones dropped */
	char *meta[N_COLUMNS];  /* layout B metadata values */
	int stop;               /* too many rejected rows: stop reading */
	int warned_yy;          /* the file's two-digit years were warned about */
	unsigned long unusable; /* a sheet's first row, which is no header */
	struct memo unit, type, date;   /* last unit, jenis and tanggal cells */
	struct memo level[4];           /* last answers, each in the scale `ctx` */
	unsigned next_level;            /* the level memo to replace next */
	unsigned next_item;             /* index after the last row's item */
};

/* Input text quoted in a message is cut to this many bytes: a cell may hold
 * 64 KiB, and every rejected row keeps its reason. */
#define SHOW_MAX 100
#define SHOW_BUF (SHOW_MAX + 4)

/* A cell that is missing or holds only white space (spaces kept by quotes,
 * NBSP from spreadsheets) counts as empty. */
static inline int blank(const char *s)
{
	return !s || text_is_blank(s);
}

/* `s` as a message quotes it: whole, or its first SHOW_MAX bytes (cut on a
 * character boundary) and "..." in `buf`. */
const char *ingest_show(char buf[SHOW_BUF], const char *s);

/* The date in `cell` as YYYYMMDD, or 0 when it is not one; a two-digit
 * year is read as 20YY and warned about once per file, at `line`. */
int ingest_read_date(struct ingest *in, unsigned long line, const char *cell);

/* Check one data row (its fields in `row`) and accept it, or reject it
 * with `why` when that is not NULL (the caller's reason, freed here) or
 * with what the check finds. */
void ingest_take_row(struct ingest *in, const struct csvin_record *rec,
		     const struct row *row, char *why);

#endif
