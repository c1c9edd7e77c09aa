/* flow.h — headings, text, tables and figures flowing over the pages of report.pdf. */
#ifndef P2HAM_FLOW_H
#define P2HAM_FLOW_H

#include <cairo.h>
#include <glib.h>
#include <stdio.h>

#include "draw.h"

/*
 * A flow lays a document out twice with the same code: a first pass
 * (drawing 0) only measures, to learn where pages break and so how many
 * there are, for "Halaman X dari Y"; the second pass (drawing 1) draws,
 * taking every decision from the same measurements, so that it breaks
 * pages alike. Functions that draw do nothing but advance y while
 * measuring. Pages are A4 portrait with a running header (the document's
 * title and the current chapter) and a footer (the issuer and the page
 * number), except page 1, the cover.
 *
 * Structure tags (Cairo's tagged PDF) are written while drawing. Cairo
 * 1.16 drops the attributes of structure tags, so a figure's alternative
 * text is given but the figure's own title is the text a reader finds.
 *
 * Text that comes from the input goes through flow_safe() first. Strings
 * from flow_safe(), flow_fmt() and the number helpers live in the flow's
 * pool until flow_release(), which a document calls between sections.
 */

/* A4 portrait and the text block, in points. */
#define FLOW_PAGE_W 595.276
#define FLOW_PAGE_H 841.890
#define FLOW_LEFT 56.0
#define FLOW_WIDTH (FLOW_PAGE_W - 2 * FLOW_LEFT)
#define FLOW_TOP 66.0
#define FLOW_BOTTOM (FLOW_PAGE_H - 60.0)

struct flow {
	cairo_surface_t *surface;
	cairo_t *cr;
	int drawing;            /* 0 in the measuring pass */
	int page, pages;        /* pages is known in the drawing pass */
	double y;               /* where the next block goes */
	char *title;            /* left of the page header */
	char *footer;           /* left of the footer */
	char *running;          /* the chapter named in the page header */
	char *continued;        /* the same on the pages it continues on, or NULL */
	char *page_running;     /* the chapter when the current page began */
	int hold_page;          /* the next flow_new_page() stays: flow_hold_page() */
	GPtrArray *pool;
};

/* The styles of the report, sizes in PDF points. */
extern const struct draw_style flow_body, flow_h1, flow_h2, flow_h3, flow_th, flow_td,
	flow_td_bold, flow_td_link, flow_td_bad, flow_small, flow_list, flow_list_key,
	flow_list_code, flow_key, flow_val;
extern const struct draw_rgb flow_navy, flow_gold, flow_panel, flow_white, flow_rule;

/* A flow writing a PDF with that metadata to fp, and title and footer on
 * every page but the first. Release it with flow_finish(). */
void flow_init(struct flow *f, FILE *fp, const struct draw_pdf_info *info,
	       const char *title, const char *footer);

/* Finish the PDF and free the flow. Returns 0, or -1 when Cairo failed. */
int flow_finish(struct flow *f);

/* Begin a pass from page 1; end it (the last page gets its footer). */
void flow_begin_pass(struct flow *f, int drawing);
void flow_end_pass(struct flow *f);

/* Strings for the current section, freed by flow_release(); flow_safe()
 * is text_display_safe(), and "" for NULL. */
const char *flow_safe(struct flow *f, const char *s);
const char *flow_fmt(struct flow *f, const char *format, ...) G_GNUC_PRINTF(2, 3);
const char *flow_num2(struct flow *f, double v);         /* "85,50" */
const char *flow_limit(struct flow *f, double v);        /* "50", "62,50" */
const char *flow_count(struct flow *f, unsigned long n); /* "61.248" */
void flow_release(struct flow *f);

/* Tags, only while drawing. */
void flow_tag(struct flow *f, const char *name, const char *attrs);
void flow_untag(struct flow *f, const char *name);

/* Pages: room for h more points or a new page; a new page unless at the
 * top of one; the chapter named in the headers from here on. */
void flow_need(struct flow *f, double h);
void flow_new_page(struct flow *f);

/* The next new page (flow_new_page(), flow_section_page()) is the current
 * one: for a document whose first page opens with its own heading, such as
 * a unit's profile under its letterhead. */
void flow_hold_page(struct flow *f);

/* The footer (the issuer and "Halaman X dari Y") on the current page, while
 * drawing: every page but the first gets it by itself; a document whose
 * first page is not a cover calls this for it. */
void flow_footer(struct flow *f);
void flow_running(struct flow *f, const char *chapter);

/* A section that starts on a new page: its first page's header names
 * `running`, every page it continues on names `continued` ("… (lanjutan)"),
 * until the next flow_running() or flow_section_page(). */
void flow_section_page(struct flow *f, const char *running, const char *continued);

/* The same without the new page: the section begins on the current page,
 * whose header stays as it is. */
void flow_continued(struct flow *f, const char *running, const char *continued);

/* An outline entry to the destination `dest`; returns its id for
 * children (0 while measuring). */
int flow_outline(struct flow *f, int parent, const char *title, const char *dest,
		 int open);

/* Text through Pango, at (x, y) in width w: its height, drawn when drawing. */
double flow_text(struct flow *f, const char *s, double x, double y, double w,
		 const struct draw_style *st);

/* The same through the plain text path (plain.h), for the many texts of tables. */
double flow_plain(struct flow *f, const char *s, double x, double y, double w,
		  const struct draw_style *st);

/* A paragraph across the text block, then `after` points of space. */
void flow_paragraph(struct flow *f, const char *s, const struct draw_style *st,
		    double after);

/* A heading of level 1 to 3, kept with what follows; `dest` (may be NULL)
 * names it for links and the outline. */
void flow_heading(struct flow *f, int level, const char *s, const char *dest);

/*
 * Evidence ("data dukung", entries joined by "; "): entries that are web
 * addresses (http or https, no space) become links, each entry on a line
 * of its own; other evidence is text as it is. Returns the height; draws
 * when drawing.
 */
double flow_evidence(struct flow *f, const char *text, double x, double y, double w,
		     const struct draw_style *st);
double flow_evidence_height(struct flow *f, const char *text, double w,
			    const struct draw_style *st);

/* Tables. Column widths are relative; the header row comes again on
 * every page the table spans. */
struct flow_column {
	const char *title;
	double width;
	enum draw_align align;
};

struct flow_cell {
	const char *text;
	const struct draw_style *st;    /* NULL: flow_td */
	const char *link;       /* Cairo link attributes around the text, or NULL */
	int evidence;           /* text is evidence: see flow_evidence() */
};

struct flow_table {
	const struct flow_column *cols;
	unsigned ncols;
	double x, width;
	double w[16];           /* column widths in points */
	unsigned rows;
	int light;
};

/*
 * Begin a table at x, width wide. A light table tags its rows but not its
 * cells: a tagged cell costs Cairo twice an untagged one, which counts in
 * tables that every unit has.
 */
void flow_table_begin(struct flow *f, struct flow_table *t,
		      const struct flow_column *cols, unsigned ncols, double x,
		      double width, int light);
void flow_table_row(struct flow *f, struct flow_table *t, const struct flow_cell *cells);
void flow_table_end(struct flow *f, struct flow_table *t, double after);

/* A figure of height h at (x, f->y), drawn by draw(cr, data, x, y, w, h)
 * while drawing; y is not advanced. */
typedef void flow_draw_fn(cairo_t *cr, const void *data, double x, double y, double w,
			  double h);
void flow_figure(struct flow *f, const char *alt, flow_draw_fn *draw, const void *data,
		 double x, double w, double h);

#endif
