/* rubric.h — what is measured: scales, principles, aspects, unit types, items. */
#ifndef P2HAM_RUBRIC_H
#define P2HAM_RUBRIC_H

#include <glib.h>

#include "diag.h"

/*
 * A rubric is loaded once and then read only. Everything it holds, strings
 * included, is owned by the rubric and freed by rubric_free(); the pointers
 * that the look-up functions return stay valid until then.
 * Arrays are GPtrArrays of the structs below, in document order.
 */

struct rubric_level {
	char *label;            /* "Ada" */
	double value;           /* in [0,1] */
	GPtrArray *keys;        /* char *: text_fold() of the label and of each alias */
};

struct rubric_scale {
	char *id;
	GPtrArray *levels;      /* struct rubric_level * */
	GHashTable *by_key;     /* each key of each level -> struct rubric_level * */
};

struct rubric_principle {
	char *id;
	char *label;
	char *label_en;         /* may be NULL */
	unsigned index;         /* position in rubric->principles */
};

struct rubric_aspect {
	char *id;
	char *label;
	double weight;
	unsigned index;         /* position in rubric->aspects */
};

struct rubric_grade {
	double min;
	char *label;
};

struct rubric_group {
	char *id;
	char *label;
	unsigned index;         /* position in rubric->groups */
};

/*
 * An item is either scored or a gate (SPEC 4.8a). A gate has no aspect, no
 * principles, no group and weight 0; `gate` is the level of its scale that
 * fails it. Code that walks scored items skips those with `gate` set.
 */
struct rubric_item {
	char *code;             /* "A.01" as written in the rubric */
	char *text;             /* the element's text, trimmed */
	const struct rubric_aspect *aspect;     /* NULL for a gate */
	const struct rubric_scale *scale;
	GPtrArray *principles;  /* const struct rubric_principle *, not owned */
	const struct rubric_group *group;       /* NULL when the item has none */
	const struct rubric_level *gate;        /* the failing level, or NULL */
	double weight;          /* default 1; 0 for a gate */
	unsigned evidence_min;  /* entries of data dukung needed (SPEC 4.8b) */
	unsigned index;         /* position in its unit type's items */
};

struct rubric_unit_type {
	char *id;
	char *label;
	GPtrArray *prefixes;    /* char *: text_fold() of each prefix */
	GPtrArray *items;       /* struct rubric_item *, gates included */
	unsigned scored;        /* items that are not gates */
	GHashTable *by_code;    /* text_fold(code) -> struct rubric_item * */
};

/* What the evidence rule does to items without enough data dukung. */
enum evidence_effect { EVIDENCE_FLAG, EVIDENCE_ZERO };

struct rubric {
	char *path;
	char *id;
	char *version;
	char *title;
	GPtrArray *scales;      /* struct rubric_scale * */
	GPtrArray *principles;  /* struct rubric_principle * */
	GPtrArray *aspects;     /* struct rubric_aspect * */
	GPtrArray *groups;      /* struct rubric_group * */
	GPtrArray *grades;      /* struct rubric_grade *, sorted by min, highest
				   first; may be empty (SPEC 4.7) */
	GPtrArray *unit_types;  /* struct rubric_unit_type * */
	double threshold;       /* award */
	double aspect_floor;
	int require_complete;
	char *predicate;        /* award predicate, or NULL (SPEC 5) */
	int has_evidence_rule;  /* an <evidence> element was given */
	unsigned evidence_min;  /* its min: the items' default */
	int evidence_distinct;
	enum evidence_effect evidence_effect;
};

/*
 * Load and check the rubric at `path` (SPEC 5). A rubric with a DOCTYPE,
 * a duplicate id or code, an item naming an unknown aspect, scale or
 * principle, a level value outside [0,1], a weight <= 0, a gate naming a
 * level its scale lacks or carrying scoring attributes, a bad evidence rule,
 * an unknown group, or a missing required attribute is refused: every problem is reported to `d` with the
 * rubric's file and line, and NULL is returned.
 * The caller owns the result; free it with rubric_free().
 */
struct rubric *rubric_load(const char *path, struct diag *d);
void rubric_free(struct rubric *r);

/* The unit type whose id, label or one of whose prefixes folds to the same
 * text as `name` (a "jenis" cell), or NULL (also when `name` is not UTF-8). */
const struct rubric_unit_type *rubric_find_type(const struct rubric *r,
						const char *name);

/* The unit type implied by a unit's name: the longest prefix the folded name
 * starts with, followed by its end or a non-alphanumeric character; or NULL. */
const struct rubric_unit_type *rubric_type_of_name(const struct rubric *r,
						   const char *unit_name);

/* The item of `type` with this code (compared folded), or NULL. */
const struct rubric_item *rubric_find_item(const struct rubric_unit_type *type,
					   const char *code);

/* The level of `scale` whose label or alias folds to the same text as
 * `answer`, or NULL. */
const struct rubric_level *rubric_match_level(const struct rubric_scale *scale,
					      const char *answer);

/* The label of the highest grade whose min <= total (with 1e-9 slack), or
 * NULL when none is or the rubric has no grades. */
const char *rubric_grade(const struct rubric *r, double total);

/* What a recommended unit is awarded: its grade when the rubric has grades,
 * else the rubric's predicate; NULL when neither. */
const char *rubric_award_text(const struct rubric *r, const char *grade);

#endif
