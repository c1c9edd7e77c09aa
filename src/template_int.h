/* template_int.h — what the template loader's two files share: the loader's
 * state and the readers of attributes, colours, styles and texts. Not for
 * other modules. */
#ifndef P2HAM_TEMPLATE_INT_H
#define P2HAM_TEMPLATE_INT_H

#include <glib.h>
#include <libxml/tree.h>

#include "template.h"
#include "xmlattr.h"

#define NAME(node) ((const char *)(node)->name)
#define EPS 1e-6

/* The text attributes a style and a text share. */
#define STYLE_ATTRS "font features size min-size color align valign line-spacing"

/* What the QR code holds unless the template says otherwise. */
#define DEFAULT_QR "P2HAM/{year}/{id}/{code}"

/* A named style: every field optional, text attributes override it. */
struct style {
	char *font;
	char *features;
	double size, min_size, spacing;
	int has_size, has_min_size, has_spacing;
	struct draw_rgb color;
	int has_color;
	int align, valign;      /* -1 when not set */
};

/* What the loader needs besides the template it builds. */
struct loader {
	struct xmlattr x;       /* path, diagnostics, error count */
	struct cert_template *t;
	char *dir;              /* the template's folder */
	GHashTable *colors;     /* name -> struct draw_rgb * */
	GHashTable *styles;     /* name -> struct style * */
	GHashTable *ids;        /* element id -> line, as a pointer */
	double margin;
	unsigned seen_page;
};

/* Report a template error at node's line (xmlattr counts it). */
#define fail(ld, node, ...) xmlattr_fail(&(ld)->x, (node), __VA_ARGS__)

/* template.c: colours, texts and styles, reported to the loader on error;
 * tpl_collapse_space() returns a string the caller frees. */
int tpl_parse_color(struct loader *ld, const char *s, struct draw_rgb *out);
int tpl_color_attr(struct loader *ld, xmlNodePtr node, const char *name,
		   struct draw_rgb dflt, struct draw_rgb *out);
char *tpl_collapse_space(const char *s);
int tpl_parse_text(struct loader *ld, xmlNodePtr node, const char *what, const char *s,
		   int number, struct ph_text *out);
void tpl_read_style_attrs(struct loader *ld, xmlNodePtr node, struct style *s);

/* template_elem.c: one drawable element each, added to ld->t->elements
 * (which owns it). */
void tpl_read_border(struct loader *ld, xmlNodePtr node);
void tpl_read_rule(struct loader *ld, xmlNodePtr node);
void tpl_read_seal(struct loader *ld, xmlNodePtr node);
void tpl_read_office_image(struct loader *ld, xmlNodePtr node, enum tpl_kind kind);
void tpl_read_image(struct loader *ld, xmlNodePtr node);
void tpl_read_text(struct loader *ld, xmlNodePtr node);
void tpl_read_qr(struct loader *ld, xmlNodePtr node);

#endif
