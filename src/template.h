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
	TPL_SIGNATURE,  /* the signatory's signature image, when the office has one */
	TPL_STAMP,      /* the office's stamp image, likewise */
	TPL_LOGO,       /* the ministry's logo, likewise */
};

/* The structure tag of a text (the tag attribute): a paragraph by default,
 * H1 for the certificate's title. */
enum tpl_tag { TPL_TAG_P, TPL_TAG_H1, TPL_TAG_H2 };

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
	double opacity;         /* image, signature, stamp, logo */
	cairo_surface_t *image; /* image: decoded once; never drawn directly */
	struct draw_style style;        /* text; style.font is owned */
	char *features;         /* text: OpenType features ("lnum"), or NULL */
	enum tpl_valign valign;
	int underline;          /* text: a line under each line */
	int tag;                /* text: enum tpl_tag, its structure tag */
	unsigned lines;         /* text: wrap into at most this many balanced
				 * lines before shrinking (0: draw_style fitting) */
	char *alt;              /* image: its alternative text, or NULL */
	struct ph_text text;        /* text, and the QR content */
	int qr_level;           /* QRecLevel */
	unsigned qr_quiet;      /* light modules around the symbol */
};

/* The template is layout only: who issues a certificate, where, its number
 * and its signatory come from the unit's office (offices.h). */
struct cert_template {
	char *path;
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

#endif
