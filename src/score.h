/* score.h — the scored model: items, aspects, principles, totals, ranks (SPEC 4). */
#ifndef P2HAM_SCORE_H
#define P2HAM_SCORE_H

#include <glib.h>

#include "rubric.h"

struct dataset;
struct diag;
struct previous;
struct office;
struct offices;
struct unit_obs;

/*
 * The scored model is built once from a dataset and then read by every
 * output; outputs need nothing else of the input (they include no ingest
 * header). It borrows the rubric and the dataset's strings (both must
 * outlive it) and owns everything else; free it with model_free().
 *
 * Per-aspect and per-principle arrays are indexed like rubric->aspects and
 * rubric->principles; an entry is NAN when the unit's type has no item for
 * that aspect or principle (such entries are omitted from outputs).
 */

/*
 * Text that came from the input, in its two forms. `raw` is the text as
 * read, for the data outputs (summary.xml, the tables, verification codes,
 * ids); `display` is the same text under the display rule of SPEC 8.19
 * (text_display_safe()), for everything drawn: report, profiles,
 * certificates, charts. Renderers draw `display` only and never make text
 * safe themselves. Both are NULL, or neither; `display` is `raw` itself
 * when the text is already safe, else a copy the model owns. `raw` is
 * borrowed from the dataset unless its holder says it owns it.
 */
struct model_text {
	const char *raw;
	const char *display;
};

/* One input file, or one sheet of a workbook (SPEC 3). */
struct model_file {
	const char *path;       /* as given on the command line */
	const char *sheet;      /* NULL for a CSV file */
	struct model_text name; /* "PATH", or "PATH[SHEET]" for a sheet */
	const char *sha256;     /* lower-case hex of the file's bytes */
	struct model_text encoding;
	char delimiter;
	char layout;            /* 'A' or 'B' */
	unsigned long rows_read, rows_accepted, rows_rejected;
};

/* One accepted data row, as outputs show it. */
struct model_obs {
	const struct rubric_level *level;
	int date;               /* YYYYMMDD, 0 when not given */
	struct model_text evidence;     /* NULL when empty */
	struct model_text note;         /* NULL when empty */
	struct model_text verifier;     /* NULL when empty */
	const struct model_file *file;
	unsigned long line;     /* where the record starts; a sheet's row */
	unsigned long seq;      /* order of acceptance across the run */
	struct model_text source;       /* "NAME:LINE"; raw owned by the model */
};

/* A data row that was not accepted (SPEC 7). */
struct model_rejected {
	const struct model_file *file;
	unsigned long line;
	struct model_text reason;
	struct model_text raw;  /* at most 1 KiB of the record */
	int truncated;          /* raw was cut */
};

enum item_status { ITEM_ASSESSED, ITEM_MISSING, ITEM_CONFLICT };

/*
 * The evidence rule's verdict on an item (SPEC 4.8b). EVIDENCE_UNCHECKED:
 * the rubric has no rule, or the item is a gate, missing, or answered with
 * a level worth 0; no status is written for it.
 */
enum evidence_status {
	EVIDENCE_UNCHECKED, EVIDENCE_OK, EVIDENCE_MISSING, EVIDENCE_INSUFFICIENT,
	EVIDENCE_REUSED,
};

/* The name of an evidence status in summary.xml ("ok", "missing", ...);
 * NULL for EVIDENCE_UNCHECKED. */
const char *score_evidence_name(enum evidence_status ev);

enum recommendation { REC_NOT_RECOMMENDED, REC_RECOMMENDED, REC_RETAINED };

/* The name of a recommendation in summary.xml: "not-recommended", ... */
const char *score_recommendation_name(enum recommendation rec);

/* The recommendation with that name; -1 when there is none. */
int score_recommendation_parse(const char *name, enum recommendation *rec);

struct scored_item {
	const struct rubric_item *item;
	enum item_status status;
	const struct rubric_level *level;       /* NULL when missing */
	double score;           /* level value; 0 when missing, for a gate, or
				   when the evidence rule's effect is zero */
	enum evidence_status evidence_status;
	int gate_failed;        /* a gate answered with its failing level */
	const struct model_obs *chosen; /* NULL when missing */
	struct model_text evidence;     /* distinct non-empty evidence of the
					   observations that gave the chosen answer,
					   joined by "; "; or NULL; raw owned */
	struct model_text note;         /* likewise for notes */
};

enum reason_kind { REASON_TOTAL, REASON_ASPECT, REASON_COMPLETENESS, REASON_GATE };

struct reason {
	enum reason_kind kind;
	const struct rubric_aspect *aspect;     /* REASON_ASPECT only */
	const struct rubric_item *gate;         /* REASON_GATE only */
	double value;           /* the failing score */
	double limit;           /* threshold, floor, or 100 */
};

struct scored_unit {
	struct model_text name; /* first spelling, trimmed */
	struct model_text kanwil;       /* "" when the rows gave none */
	const struct rubric_unit_type *type;
	const struct model_file *first_file;    /* where its first row is */
	unsigned long first_line;
	unsigned order;         /* 0.. in order of first appearance */
	char *id;               /* unique, SPEC 4 and 8.11 */
	const struct office *office;    /* issuer of its documents (SPEC 6.1) */
	unsigned rank;          /* 1..N, shared on equal totals (SPEC 8.12) */
	struct scored_item *items;      /* one per item of type, in rubric order */
	double *aspects;        /* rubric->aspects->len entries, NAN when none */
	double *principles;     /* rubric->principles->len entries, NAN when none */
	double total;
	double completeness;
	unsigned observed;      /* scored items (not gates) with an observation */
	unsigned evidence_flags;        /* items whose evidence status is not ok */
	int gate_failed;        /* some gate failed */
	const char *grade;      /* rubric-owned label */
	enum recommendation recommendation;
	GArray *reasons;        /* struct reason, empty when recommended */
	char code[11];          /* verification code: 10 upper-case hex digits */
	char *certificate;      /* certificate number from its office's pattern
				   (model_assign_offices); NULL when not awarded */
	int has_previous;
	double previous_total;
	enum recommendation previous_recommendation;
	GPtrArray *teams;       /* char *, owned: the distinct verifiers of its
				   accepted rows, display form, in input order */
	GArray *dates;          /* int YYYYMMDD: its rows' distinct dates, ascending */
};

struct conflict {
	const struct scored_unit *unit;
	const struct scored_item *item;
	GPtrArray *observations;        /* struct model_obs *, input order */
};

struct region {
	struct model_text kanwil;
	char *id;               /* made like a unit id, unique among regions */
	const struct office *office;    /* its office, or the national issuer */
	unsigned units;
	unsigned recommended;   /* recommended or retained */
	double mean_total;
	double *principles;     /* mean over units whose type has items for it; NAN when none */
};

struct model {
	const struct rubric *rubric;
	GPtrArray *files;       /* struct model_file *, in command-line order */
	GPtrArray *rejected;    /* struct model_rejected *, in input order */
	unsigned long rows_read, rows_accepted, rows_rejected;
	int year;
	int date;               /* YYYYMMDD */
	GPtrArray *units;       /* struct scored_unit *, by rank */
	GPtrArray *regions;     /* struct region *, in order of first appearance */
	GPtrArray *conflicts;   /* struct conflict *, in rank order, then item order */
	const struct offices *offices;  /* borrowed; NULL until assigned */
	const struct office *issuer;    /* of the report: the units' one office,
					   else the national issuer */
};

/* Score every unit of `data` (SPEC 4, 8.10-8.14). `year` goes into the
 * verification codes; `prev`, last year's summary, may be NULL (it is only
 * read during the call). The caller owns the result; free it with model_free(). */
struct model *model_build(const struct dataset *data, int year, int date,
			  const struct previous *prev);
void model_free(struct model *m);

/*
 * Give every unit and region its issuing office (SPEC 6.1): the office its
 * kanwil matches, else the national issuer, with one warning to `d` per
 * such kanwil at the row that introduced it. Then number the certificates
 * of the awarded units (recommended or retained) from their office's
 * pattern, in rank order within each office from 1, and pick the report's
 * issuer. `o` is borrowed and must outlive the model.
 */
void model_assign_offices(struct model *m, const struct offices *o, struct diag *d);

/* The office of unit `u`'s kanwil in `o`, or the national issuer with a
 * warning to `d` at the unit's first row, once per kanwil: `warned` (a set
 * of kanwil strings, borrowed from the units) remembers which were warned
 * about. model_assign_offices() uses it; `check` too, without scoring. */
const struct office *score_office_of(const struct offices *o, const struct unit_obs *u,
				     GHashTable *warned, struct diag *d);

/* The verification code of SPEC 6: the first 10 hex digits, upper case, of
 * SHA-256 over "year|kanwil|unit name|total with two decimals|rubric id". */
void score_verification_code(char out[11], int year, const char *kanwil,
			     const char *unit_name, double total,
			     const char *rubric_id);

/* A total rounded half-up to two decimals, as ranks compare it (SPEC 8.12). */
double score_rank_key(double total);

/* Compare with the 1e-9 slack of SPEC 8.12: a >= b. */
int score_at_least(double a, double b);

#endif
