/* template.h — the certificate template: page, border, texts, images, QR, numbers. */
#ifndef P2HAM_TEMPLATE_H
#define P2HAM_TEMPLATE_H

#include <cairo.h>
#include <glib.h>

#include "diag.h"
#include "draw.h"
#include "placeholder.h"

/*
 * A certificate template is loaded once from templates/certificate.xml
 * (README, "Certificate template") and then only read, by any number of
 * threads at once. It owns everything it holds, images included; free it
 * with template_free(). Strings returned by the accessors stay valid until
 * then.
 *
 * All lengths are in PDF points and all positions are on the page, from
 * its top-left corner: the loader has already added the margins and
 * converted mm, cm and in.
 */

enum tpl_kind {
	TPL_FRAME,      /* border: a rectangle, square, notched or rounded corners */
	TPL_BAND,       /* border: a guilloche band of two interlaced waves */
	TPL_CORNERS,    /* border: an ornament in each corner */
	TPL_RULE,       /* a horizontal rule, optionally with a diamond */
	TPL_SEAL,       /* a rosette medallion */
	TPL_IMAGE,      /* a PNG, scaled to fit its box */
	TPL_TEXT,       /* text fitted into its box */
	TPL_QR,         /* the QR code */
};

enum tpl_corner { TPL_CORNER_SQUARE, TPL_CORNER_NOTCH, TPL_CORNER_ROUND };
enum tpl_valign { TPL_TOP, TPL_MIDDLE };

/* Which awarded units an element is drawn for. */
enum tpl_when { TPL_WHEN_RECOMMENDED = 1, TPL_WHEN_RETAINED = 2, TPL_WHEN_ANY = 3 };

struct tpl_element {
	enum tpl_kind kind;
	unsigned long line;     /* in the template, for messages */
	char *id;               /* the id attribute, or NULL */
	enum tpl_when when;
	double x, y, w, h;      /* the box on the page; seal: centre x, y, radius w */
	struct draw_rgb color;
	struct draw_rgb background;     /* QR */
	int has_background;     /* QR: fill the square first */
	double line_width;      /* frame, band, corners, rule */
	double size;            /* frame corner size, band width, corners size */
	double wave;            /* band: the wave length */
	enum tpl_corner corner;
	int ornament;           /* rule: draw a diamond in the middle */
	double opacity;         /* image */
	cairo_surface_t *image; /* image: decoded once; never drawn directly */
	struct draw_style style;        /* text; style.font is owned */
	char *features;         /* text: OpenType features ("lnum"), or NULL */
	enum tpl_valign valign;
	int underline;          /* text: a line under each line */
	struct ph_text text;        /* text, and the QR content */
	int qr_level;           /* QRecLevel */
	unsigned qr_quiet;      /* light modules around the symbol */
};

struct cert_template {
	char *path;
	char *office, *kanwil, *place;
	char *sig_title, *sig_name, *sig_nip;
	struct ph_text number;      /* only {seq} and {year} */
	double width, height;   /* page, points */
	struct draw_rgb background;
	int has_background;
	GPtrArray *elements;    /* struct tpl_element *, in document order */
};

/*
 * Load and check the template at `path`. A template with a DOCTYPE, an
 * unknown element, placeholder, colour, style or font, a bad number, a box
 * outside the page's margins, text boxes that overlap, or an image that is
 * missing, not a PNG or outside the template's folder is refused: every
 * problem is reported to `d` with the template's file and line, and NULL
 * is returned. Never loads a DTD or an entity.
 * The caller owns the result; free it with template_free().
 */
struct cert_template *template_load(const char *path, struct diag *d);
void template_free(struct cert_template *t);

/* The issuing office ("Kantor Wilayah Kementerian Hukum dan HAM Banten"). */
const char *template_office(const struct cert_template *t);

/* The template's kanwil, for rows without one when --kanwil is not given;
 * NULL when the template names none. */
const char *template_kanwil(const struct cert_template *t);

/* The place of issue ("Serang"). */
const char *template_place(const struct cert_template *t);

/* The certificate number of the seq-th awarded unit (1-based) in `year`,
 * from the number pattern: "W11-HAM-{seq:03}/{year}" gives
 * "W11-HAM-001/2019". The caller frees the result with g_free(). */
char *template_number(const struct cert_template *t, unsigned seq, int year);

#endif
