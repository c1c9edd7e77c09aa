/* placeholder.h — texts with {placeholders}: split once, filled in per certificate. */
#ifndef P2HAM_PLACEHOLDER_H
#define P2HAM_PLACEHOLDER_H

#include <glib.h>

/*
 * The placeholders of the certificate template's texts and QR content.
 * Those before PH_PER_UNIT are the same on every certificate that one
 * office issues in a run.
 */
enum placeholder {
	PH_YEAR,
	PH_DATE,
	PH_PLACE,
	PH_OFFICE,
	PH_SIG_TITLE,
	PH_SIG_NAME,
	PH_SIG_NIP,
	PH_MINISTRY,            /* the ministry's letterhead line */
	PH_HEADING,             /* the issuing office's letterhead line */
	PH_UNIT,
	PH_ID,
	PH_KANWIL,
	PH_GRADE,
	PH_PREDICATE,           /* the grade, or the rubric's predicate */
	PH_TOTAL,
	PH_RANK,
	PH_NUMBER,
	PH_CODE,
	PH_COUNT,
	PH_SEQ = PH_COUNT,      /* number patterns only: {seq}, {seq:0N} */
};
#define PH_PER_UNIT PH_UNIT

/* One piece of a parsed text: a literal, or a placeholder. */
struct ph_piece {
	int placeholder;        /* enum placeholder, or -1 for `literal` */
	char *literal;
	unsigned width;         /* {seq:0N}: N, zero-padded; else 0 */
};

/* A parsed text. Zero-initialise; placeholder_parse() fills it and
 * placeholder_clear() releases what it holds. */
struct ph_text {
	GArray *pieces;         /* struct ph_piece */
	int per_unit;           /* uses a placeholder from PH_PER_UNIT on */
};

/* The name between the braces: "signatory.name" for PH_SIG_NAME. */
const char *placeholder_name(enum placeholder ph);

/*
 * Split `s` into literals and placeholders; "{{" and "}}" stand for
 * braces. With `number` set, only {seq}, {seq:0N} (N from 1 to 9) and
 * {year} are allowed and {seq} is required: a certificate number pattern.
 * Returns 0, or -1 with *error set to a message (free it with g_free()).
 */
int placeholder_parse(const char *s, int number, struct ph_text *out, char **error);
void placeholder_clear(struct ph_text *t);

/* A set of placeholders for placeholder_parse_only(); PH_BIT(PH_SEQ)
 * stands for {seq} and {seq:0N}. */
#define PH_BIT(ph) (1u << (ph))
#define PH_TEXT_SET (PH_BIT(PH_COUNT) - 1)

/*
 * placeholder_parse() with the placeholders allowed given as a set: an
 * unknown one or one outside `allowed` is an error that lists the allowed
 * ones (unless `allowed` is PH_TEXT_SET), and with `need_seq` set so is a
 * pattern without {seq}. placeholder_parse(s, 0, ...) is the same as
 * allowing PH_TEXT_SET; placeholder_parse(s, 1, ...) as allowing {seq} and
 * {year} with need_seq.
 */
int placeholder_parse_only(const char *s, unsigned allowed, int need_seq,
			   struct ph_text *out, char **error);

/* `t` with each placeholder replaced by values[placeholder] (NULL: nothing).
 * The caller frees the result with g_free(). */
char *placeholder_expand(const struct ph_text *t, const char *const values[PH_COUNT]);

/* placeholder_expand(), and {seq} replaced by `seq`, zero-padded to its
 * width. The caller frees the result with g_free(). */
char *placeholder_expand_seq(const struct ph_text *t,
			     const char *const values[PH_COUNT], unsigned seq);

/* A number pattern filled in: "W11-HAM-{seq:03}/{year}" with 1 and 2019
 * gives "W11-HAM-001/2019". The caller frees the result with g_free(). */
char *placeholder_number(const struct ph_text *t, unsigned seq, int year);

#endif
