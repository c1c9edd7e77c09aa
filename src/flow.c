/* flow.c — headings, text, tables and figures flowing over the pages of report.pdf. */
#include "flow.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "style.h"
#include "plain.h"
#include "text.h"


#define LEFT FLOW_LEFT
#define WIDTH FLOW_WIDTH
#define PAD_X 3.0               /* inside table cells */
#define PAD_Y 2.6
#define KEEP 56.0               /* what must fit under a heading with it */

const struct draw_rgb flow_navy = HEX(STYLE_NAVY), flow_gold = HEX(STYLE_GOLD),
		      flow_panel = HEX(STYLE_PANEL), flow_white = HEX(STYLE_WHITE),
		      flow_rule = HEX(STYLE_RULE);
static const struct draw_rgb c_stripe = HEX(STYLE_STRIPE), c_link = HEX(STYLE_LINK);

const struct draw_style flow_body = {STYLE_FONT,	     (10), 0, DRAW_LEFT,
				     HEX(STYLE_INK), 1.2,     0, 0};
const struct draw_style flow_h1 = {STYLE_FONT_BOLD,	    (16), 0, DRAW_LEFT,
				   HEX(STYLE_NAVY), 0,	    0, 0};
const struct draw_style flow_h2 = {STYLE_FONT_BOLD,	    (12.5), 0, DRAW_LEFT,
				   HEX(STYLE_NAVY), 0,	      0, 0};
const struct draw_style flow_h3 = {STYLE_FONT_BOLD,	   (10.5), 0, DRAW_LEFT,
				   HEX(STYLE_INK), 0,	    0, 0};
const struct draw_style flow_th = {STYLE_FONT_BOLD,	   (8), 0, DRAW_LEFT,
				   HEX(STYLE_WHITE), 0,	  0, 0};
const struct draw_style flow_td = {STYLE_FONT,	(8), 0, DRAW_LEFT,
				   HEX(STYLE_INK), 0, 0, 0};
const struct draw_style flow_td_bold = {STYLE_FONT_BOLD,	(8), 0, DRAW_LEFT,
					HEX(STYLE_INK), 0,     0, 0};
const struct draw_style flow_td_link = {STYLE_FONT,	(8), 0, DRAW_LEFT,
					HEX(STYLE_LINK), 0, 0, 0};
const struct draw_style flow_td_bad = {STYLE_FONT_BOLD,    (8), 0, DRAW_LEFT,
				       HEX(STYLE_RED), 0,     0, 0};
const struct draw_style flow_small = {STYLE_FONT,	      (8), 0, DRAW_LEFT,
				      HEX(STYLE_INK), 0,       0, 0};
const struct draw_style flow_list = {STYLE_FONT,	     (10), 0, DRAW_LEFT,
				     HEX(STYLE_INK), 0,	    0, 0};
const struct draw_style flow_list_key = {STYLE_FONT,	   (9), 0, DRAW_LEFT,
					 HEX(STYLE_MUTED), 0,	  0, 0};
const struct draw_style flow_list_code = {STYLE_FONT_BOLD,	  (10), 0, DRAW_LEFT,
					  HEX(STYLE_RED), 0,	 0, 0};
const struct draw_style flow_key = {STYLE_FONT,	      (9), 0, DRAW_LEFT,
				    HEX(STYLE_MUTED), 0,     0, 0};
const struct draw_style flow_val = {STYLE_FONT_BOLD,    (9), 0, DRAW_LEFT,
				    HEX(STYLE_INK), 0,	   0, 0};
static const struct draw_style st_furniture = {
	STYLE_FONT, (8), 0, DRAW_LEFT, HEX(STYLE_MUTED), 0, 0, 0 };

void flow_init(struct flow *f, FILE *fp, const struct draw_pdf_info *info,
	       const char *title, const char *footer)
{
	memset(f, 0, sizeof *f);
	f->surface = draw_pdf_new(fp, FLOW_PAGE_W, FLOW_PAGE_H, info);
	f->cr = cairo_create(f->surface);
	draw_cache_attach(f->cr);
	f->title = g_strdup(title);
	f->footer = g_strdup(footer);
	f->pool = g_ptr_array_new_with_free_func(g_free);
}

int flow_finish(struct flow *f)
{
	int rc;

	cairo_destroy(f->cr);
	rc = draw_surface_finish(f->surface);
	g_free(f->title);
	g_free(f->footer);
	g_free(f->running);
	g_free(f->continued);
	g_free(f->page_running);
	g_ptr_array_unref(f->pool);
	return rc;
}

/* ------------------------------------------------------------- text */

const char *flow_safe(struct flow *f, const char *s)
{
	char *copy;

	if (!s)
		return "";
	copy = text_display_safe(s);
	if (!copy)
		return s;
	g_ptr_array_add(f->pool, copy);
	return copy;
}

const char *flow_fmt(struct flow *f, const char *format, ...)
{
	va_list ap;
	char *s;

	va_start(ap, format);
	s = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_ptr_array_add(f->pool, s);
	return s;
}

const char *flow_num2(struct flow *f, double v)
{
	char buf[32];

	text_format_id_2(buf, v);
	return flow_fmt(f, "%s", buf);
}

const char *flow_limit(struct flow *f, double v)
{
	return fabs(v - round(v)) < 1e-9 ? flow_fmt(f, "%.0f", v) : flow_num2(f, v);
}

const char *flow_count(struct flow *f, unsigned long n)
{
	char buf[32];

	text_format_id_count(buf, n);
	return flow_fmt(f, "%s", buf);
}

void flow_release(struct flow *f)
{
	g_ptr_array_set_size(f->pool, 0);
}

double flow_text(struct flow *f, const char *s, double x, double y, double w,
		 const struct draw_style *st)
{
	if (f->drawing)
		return draw_text(f->cr, s, x, y, w, 0, st, NULL);
	return draw_text_height(f->cr, s, w, st);
}

double flow_plain(struct flow *f, const char *s, double x, double y, double w,
		  const struct draw_style *st)
{
	if (f->drawing)
		return plain_draw(f->cr, s, x, y, w, st);
	return plain_height(f->cr, s, w, st);
}

/* ------------------------------------------------------------ pages */

void flow_tag(struct flow *f, const char *name, const char *attrs)
{
	if (f->drawing)
		cairo_tag_begin(f->cr, name, attrs ? attrs : "");
}

void flow_untag(struct flow *f, const char *name)
{
	if (f->drawing)
		cairo_tag_end(f->cr, name);
}

void flow_footer(struct flow *f)
{
	struct draw_style right = st_furniture;
	char pages[64];

	if (!f->drawing)
		return;
	right.align = DRAW_RIGHT;
	draw_line(f->cr, LEFT, FLOW_PAGE_H - 46, LEFT + WIDTH, FLOW_PAGE_H - 46, 0.5,
		  flow_rule);
	plain_draw(f->cr, f->footer, LEFT, FLOW_PAGE_H - 40, WIDTH * 0.7, &st_furniture);
	g_snprintf(pages, sizeof pages, "Halaman %d dari %d", f->page, f->pages);
	plain_draw(f->cr, pages, LEFT + WIDTH * 0.7, FLOW_PAGE_H - 40, WIDTH * 0.3,
		   &right);
}

/* Running header and footer; the cover has none. */
static void furniture(struct flow *f)
{
	struct draw_style right = st_furniture;

	if (!f->drawing || f->page == 1)
		return;
	right.align = DRAW_RIGHT;
	plain_draw(f->cr, f->title, LEFT, 36, WIDTH * 0.5, &st_furniture);
	if (f->page_running)
		plain_draw(f->cr, f->page_running, LEFT + WIDTH * 0.5, 36, WIDTH * 0.5,
			   &right);
	draw_line(f->cr, LEFT, 47, LEFT + WIDTH, 47, 0.5, flow_rule);
	flow_footer(f);
}

/* The running header of the page that begins: `label`. */
static void page_begins(struct flow *f, const char *label)
{
	char *copy = g_strdup(label);

	g_free(f->page_running);
	f->page_running = copy;
}

/*
 * Every page starts with white paper over the whole of it. It looks the
 * same as none, but Cairo then knows from the first operation that the
 * page is drawn natively: without it, Cairo's PDF analysis adds each text
 * run to a region of many small rectangles, which cost a tenth of the
 * report's time.
 */
static void paper(struct flow *f)
{
	if (f->drawing)
		draw_fill_rect(f->cr, 0, 0, FLOW_PAGE_W, FLOW_PAGE_H, flow_white);
}

static void page_break(struct flow *f)
{
	furniture(f);
	if (f->drawing)
		cairo_show_page(f->cr);
	f->page++;
	f->y = FLOW_TOP;
	page_begins(f, f->continued ? f->continued : f->running);
	paper(f);
}

void flow_begin_pass(struct flow *f, int drawing)
{
	if (drawing)
		f->pages = f->page;
	f->drawing = drawing;
	f->page = 1;
	f->y = FLOW_TOP;
	f->hold_page = 0;
	flow_running(f, NULL);
	page_begins(f, NULL);
	paper(f);
}

void flow_end_pass(struct flow *f)
{
	furniture(f);
}

void flow_running(struct flow *f, const char *chapter)
{
	g_free(f->running);
	g_free(f->continued);
	f->running = g_strdup(chapter);
	f->continued = NULL;
}

void flow_continued(struct flow *f, const char *running, const char *continued)
{
	flow_running(f, running);
	f->continued = g_strdup(continued);
}

void flow_section_page(struct flow *f, const char *running, const char *continued)
{
	flow_continued(f, running, continued);
	flow_new_page(f);
}

void flow_need(struct flow *f, double h)
{
	if (f->y + h > FLOW_BOTTOM && f->y > FLOW_TOP)
		page_break(f);
}

void flow_hold_page(struct flow *f)
{
	f->hold_page = 1;
}

void flow_new_page(struct flow *f)
{
	if (f->hold_page) {
		f->hold_page = 0;
		return;
	}
	if (f->y > FLOW_TOP)
		page_break(f);
	page_begins(f, f->running);
}

int flow_outline(struct flow *f, int parent, const char *title, const char *dest,
		 int open)
{
	char *attrs;
	int id;

	if (!f->drawing)
		return 0;
	attrs = g_strdup_printf("dest='%s'", dest);
	id = cairo_pdf_surface_add_outline(f->surface, parent, title, attrs,
					   open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	g_free(attrs);
	return id;
}

void flow_paragraph(struct flow *f, const char *s, const struct draw_style *st,
		    double after)
{
	double h = plain_height(f->cr, s, WIDTH, st);

	flow_need(f, h);
	flow_tag(f, "P", NULL);
	flow_plain(f, s, LEFT, f->y, WIDTH, st);
	flow_untag(f, "P");
	f->y += h + after;
}

void flow_heading(struct flow *f, int level, const char *s, const char *dest)
{
	static const char *const tags[] = { "H1", "H2", "H3" };
	const struct draw_style *st = level == 1   ? &flow_h1
				      : level == 2 ? &flow_h2
						   : &flow_h3;
	double h = draw_text_height(f->cr, s, WIDTH, st), after = level == 1   ? 18
								  : level == 2 ? 7
									       : 4;

	if (f->y > FLOW_TOP)
		f->y += level == 3 ? 7 : 10;
	flow_need(f, h + after + KEEP);
	flow_tag(f, tags[level - 1], NULL);
	if (dest && f->drawing) {
		char *attrs = g_strdup_printf("name='%s'", dest);

		cairo_tag_begin(f->cr, CAIRO_TAG_DEST, attrs);
		g_free(attrs);
	}
	flow_text(f, s, LEFT, f->y, WIDTH, st);
	if (dest && f->drawing)
		cairo_tag_end(f->cr, CAIRO_TAG_DEST);
	flow_untag(f, tags[level - 1]);
	if (level == 1 && f->drawing)
		draw_fill_rect(f->cr, LEFT, f->y + h + 5, 40, 2.4, flow_gold);
	f->y += h + after;
}

/* --------------------------------------------------------- evidence */

/* A web address that may become a link: http(s), no space or control. */
static int is_url(const char *s)
{
	if (g_ascii_strncasecmp(s, "http://", 7) && g_ascii_strncasecmp(s, "https://", 8))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7F)
			return 0;
	return strlen(s) > 8;
}

/*
 * The link attributes for a web address. Cairo 1.16 writes the address
 * into the PDF string as it is, so the characters that would end or
 * escape that string, or the quoted attribute, are percent-encoded, as
 * is anything outside ASCII: the link goes to the same place.
 */
static char *uri_attrs(const char *url)
{
	GString *a = g_string_new("uri='");

	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p >= 0x80 || strchr("()\\'<>\"{}|^`", *p))
			g_string_append_printf(a, "%%%02X", *p);
		else
			g_string_append_c(a, (char)*p);
	}
	g_string_append_c(a, '\'');
	return g_string_free(a, FALSE);
}

/* Evidence as its entries when any of them is a web address; NULL when
 * there is nothing to split. */
static char **evidence_parts(const char *text)
{
	char **parts = g_strsplit(text, "; ", -1);

	for (char **p = parts; *p; p++)
		if (is_url(*p))
			return parts;
	g_strfreev(parts);
	return NULL;
}

double flow_evidence(struct flow *f, const char *text, double x, double y, double w,
		     const struct draw_style *st)
{
	char **parts = evidence_parts(text);
	struct draw_style link = *st;
	double h = 0;

	if (!parts)
		return flow_plain(f, text, x, y, w, st);
	link.color = c_link;
	for (char **p = parts; *p; p++) {
		int url = is_url(*p);

		if (url && f->drawing) {
			char *attrs = uri_attrs(*p);

			cairo_tag_begin(f->cr, CAIRO_TAG_LINK, attrs);
			g_free(attrs);
		}
		h += flow_plain(f, *p, x, y + h, w, url ? &link : st);
		if (url && f->drawing)
			cairo_tag_end(f->cr, CAIRO_TAG_LINK);
	}
	g_strfreev(parts);
	return h;
}

double flow_evidence_height(struct flow *f, const char *text, double w,
			    const struct draw_style *st)
{
	int drawing = f->drawing;
	double h;

	f->drawing = 0;
	h = flow_evidence(f, text, 0, 0, w, st);
	f->drawing = drawing;
	return h;
}

/* ----------------------------------------------------------- tables */

static const struct draw_style *cell_style(const struct flow_cell *c)
{
	return c->st ? c->st : c->evidence ? &flow_small : &flow_td;
}

/* A cell's text in width w, aligned as its column says. */
static double cell_text(struct flow *f, const struct flow_cell *c, enum draw_align align,
			double x, double y, double w)
{
	struct draw_style st = *cell_style(c);
	double h;

	st.align = align;
	if (c->evidence)
		return flow_evidence(f, c->text, x, y, w, &st);
	if (c->link && f->drawing)
		cairo_tag_begin(f->cr, CAIRO_TAG_LINK, c->link);
	h = flow_plain(f, c->text, x, y, w, &st);
	if (c->link && f->drawing)
		cairo_tag_end(f->cr, CAIRO_TAG_LINK);
	return h;
}

static double row_height(struct flow *f, const struct flow_table *t,
			 const struct flow_cell *cells)
{
	int drawing = f->drawing;
	double h = 0;

	f->drawing = 0;
	for (unsigned i = 0; i < t->ncols; i++)
		h = fmax(h, cell_text(f, &cells[i], t->cols[i].align, 0, 0,
				      t->w[i] - 2 * PAD_X));
	f->drawing = drawing;
	return fmin(h + 2 * PAD_Y, FLOW_BOTTOM - FLOW_TOP - 40);
}

static void table_header(struct flow *f, struct flow_table *t)
{
	double h = 0, x = t->x;

	for (unsigned i = 0; i < t->ncols; i++)
		h = fmax(h, plain_height(f->cr, t->cols[i].title, t->w[i] - 2 * PAD_X,
					 &flow_th));
	h += 2 * PAD_Y + 1;
	if (f->drawing) {
		draw_fill_rect(f->cr, t->x, f->y, t->width, h, flow_navy);
		flow_tag(f, "TR", NULL);
		for (unsigned i = 0; i < t->ncols; i++) {
			struct draw_style st = flow_th;

			st.align = t->cols[i].align;
			if (!t->light)
				flow_tag(f, "TH", NULL);
			plain_draw(f->cr, t->cols[i].title, x + PAD_X, f->y + PAD_Y + 0.5,
				   t->w[i] - 2 * PAD_X, &st);
			if (!t->light)
				flow_untag(f, "TH");
			x += t->w[i];
		}
		flow_untag(f, "TR");
	}
	f->y += h;
	t->rows = 0;
}

void flow_table_begin(struct flow *f, struct flow_table *t,
		      const struct flow_column *cols, unsigned ncols, double x,
		      double width, int light)
{
	double sum = 0;

	BUG_ON(ncols > G_N_ELEMENTS(t->w));
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	t->x = x;
	t->width = width;
	t->light = light;
	for (unsigned i = 0; i < ncols; i++)
		sum += cols[i].width;
	for (unsigned i = 0; i < ncols; i++)
		t->w[i] = width * cols[i].width / sum;
	flow_need(f, 46);
	flow_tag(f, "Table", NULL);
	table_header(f, t);
}

void flow_table_row(struct flow *f, struct flow_table *t, const struct flow_cell *cells)
{
	double h = row_height(f, t, cells), x = t->x;

	if (f->y + h > FLOW_BOTTOM) {
		page_break(f);
		table_header(f, t);
	}
	if (f->drawing) {
		if (t->rows % 2)
			draw_fill_rect(f->cr, t->x, f->y, t->width, h, c_stripe);
		flow_tag(f, "TR", NULL);
		for (unsigned i = 0; i < t->ncols; i++) {
			if (!t->light)
				flow_tag(f, "TD", NULL);
			cell_text(f, &cells[i], t->cols[i].align, x + PAD_X, f->y + PAD_Y,
				  t->w[i] - 2 * PAD_X);
			if (!t->light)
				flow_untag(f, "TD");
			x += t->w[i];
		}
		flow_untag(f, "TR");
	}
	f->y += h;
	t->rows++;
}

void flow_table_end(struct flow *f, struct flow_table *t, double after)
{
	if (f->drawing)
		draw_line(f->cr, t->x, f->y, t->x + t->width, f->y, 0.6, flow_navy);
	flow_untag(f, "Table");
	f->y += after;
}

void flow_figure(struct flow *f, const char *alt, flow_draw_fn *draw, const void *data,
		 double x, double w, double h)
{
	if (!f->drawing)
		return;
	draw_figure_begin(f->cr, alt);
	draw(f->cr, data, x, f->y, w, h);
	draw_figure_end(f->cr);
}
