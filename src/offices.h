/* offices.h — who issues documents: ministry, national issuer, regional offices. */
#ifndef P2HAM_OFFICES_H
#define P2HAM_OFFICES_H

#include <cairo.h>
#include <glib.h>

#include "diag.h"
#include "placeholder.h"

/*
 * The offices file (SPEC 6.1; its format is described at the top of
 * templates/offices.xml) is loaded once and then only read. Everything it
 * holds, strings and images included, is owned by the struct offices and
 * freed by offices_free(); the offices that the look-up functions return
 * stay valid until then. Every function returning `char *` returns a new
 * string that the caller frees with g_free().
 *
 * A value written as "[...]" is a visible placeholder: it is printed as it
 * is, and office_warn_placeholders() reports it.
 */

struct office_signatory {
	char *title;
	char *name;
	char *nip;              /* may be NULL */
	cairo_surface_t *signature;     /* may be NULL */
	cairo_surface_t *stamp;         /* may be NULL */
};

struct office {
	char *id;               /* lowercase ASCII letters, digits and '-' */
	char *name;             /* "Kantor Wilayah Kementerian Hukum dan HAM Banten" */
	char *heading;          /* letterhead line; the name upper-cased by default */
	char *province;         /* may be NULL */
	char *city;             /* the place on documents */
	char *code;             /* what {office} stands for in numbers; may be NULL */
	struct ph_text certificate_number;      /* {seq} required */
	struct ph_text letter_number;           /* {seq} optional */
	struct ph_text verify_url;              /* {code}, {number}, {year}, {id} */
	int has_verify_url;
	struct office_signatory signatory;
	int home;               /* the office running p2ham */
	int national;           /* the national issuer */
	unsigned long line;     /* of its element, for messages */
};

struct offices {
	char *path;
	char *ministry_name;
	char *ministry_heading; /* the name upper-cased by default */
	cairo_surface_t *ministry_logo; /* may be NULL */
	struct office *national;
	GPtrArray *regional;    /* struct office *, in document order */
	const struct office *home;      /* or NULL */
	GHashTable *by_key;     /* private: the match key of each name, province
				 * and alias -> its regional office */
	GHashTable *by_id;      /* private: id -> office, national included */
};

/*
 * Load and check the offices file at `path`. A file with a DOCTYPE, an
 * unknown element, a missing required attribute, no or two <ministry> or
 * <national>, an office without a <signatory>, a bad or duplicate id, two
 * offices that a kanwil name could both match, more than one home office,
 * a bad number or verification URL pattern, a number pattern using
 * {office} for an office without a code, or an image that is missing, not
 * a PNG or outside the file's folder is refused: every problem is reported
 * to `d` with the file and line, and NULL is returned. Unknown attributes
 * are warned about.
 * The caller owns the result; free it with offices_free().
 */
struct offices *offices_load(const char *path, struct diag *d);
void offices_free(struct offices *o);

/*
 * The regional office for the kanwil of a row: the one whose name,
 * province or an alias folds (text_fold()) to the same text as `kanwil`,
 * or else the same once the prefixes "kantor wilayah", "kanwil",
 * "kementerian hukum dan hak asasi manusia", "kementerian hukum dan ham"
 * and "kemenkumham" are dropped from the start of both, as whole words,
 * repeatedly and in any order (a text of nothing but prefixes, "Kanwil",
 * keeps them). Each name and alias is looked up in a table built by
 * offices_load(), not scanned. NULL when none matches, or when `kanwil` is not UTF-8; the caller then
 * uses o->national. Never the national issuer itself.
 */
const struct office *offices_match(const struct offices *o, const char *kanwil);

/* The office with this id, the national issuer included, or NULL. */
const struct office *offices_find(const struct offices *o, const char *id);

/* The number of the seq-th certificate (1-based) that `of` issues in
 * `year`: "{office}-HAM-{seq:03}/{year}" gives "W11-HAM-001/2019". */
char *office_certificate_number(const struct office *of, unsigned seq, int year);

/* The same for the seq-th recommendation letter. */
char *office_letter_number(const struct office *of, unsigned seq, int year);

/* The verification URL of a certificate: its pattern with {code}, {number},
 * {year} and {id} (the unit's) filled in, each value percent-encoded so
 * that it cannot change the URL's structure; NULL when `of` has none. */
char *office_verify_url(const struct office *of, const char *code, const char *number,
			int year, const char *unit_id);

/* True when `value`, trimmed, starts with '[' and ends with ']'. */
int office_is_placeholder(const char *value);

/*
 * Warn to `d`, at the line of `of` in o->path, about each placeholder that
 * a document issued by `of` would print: name, heading, city, code (when
 * a number pattern uses {office}), and the signatory's title, name and
 * NIP. `what` names the documents in the message ("certificates"):
 * "office 'banten': signatory name is a placeholder '[Nama Kepala Kantor
 * Wilayah]'; certificates would print it". Returns the number of warnings.
 */
unsigned office_warn_placeholders(const struct offices *o, const struct office *of,
				  const char *what, struct diag *d);

#endif
