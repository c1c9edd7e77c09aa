/* report.c — report.pdf: cover, method, ranking, regions, units, appendices. */
#include "report.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "plain.h"
#include "text.h"

/*
 * The report is laid out twice with the same code: a first pass only
 * measures, to learn where pages break and so how many there are
 * ("Halaman X dari Y"); the second draws. Both passes take every decision
 * from the same measurements, so they break pages alike. Texts are
 * measured and drawn through the layout cache of draw.c, since the same
 * codes, labels and numbers come back on every page.
 */

#define PT(pt) CHART_PT(pt)
#define HEX(h) { (((h) >> 16) & 0xff) / 255.0, (((h) >> 8) & 0xff) / 255.0, \
		 ((h) & 0xff) / 255.0 }

/* A4 portrait, in points. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define LEFT 56.0
#define WIDTH (PAGE_W - 2 * LEFT)
#define TOP 66.0
#define BOTTOM (PAGE_H - 60.0)
#define PAD_X 3.5
#define PAD_Y 2.6
#define KEEP 56.0               /* what must fit under a heading with it */
#define START_ROOM 330.0        /* a region or unit starts on a page with this much room */

static const struct draw_rgb c_navy = HEX(CHART_NAVY), c_gold = HEX(CHART_GOLD),
	c_rule = HEX(CHART_RULE), c_stripe = HEX(0xF2F4F7u), c_panel = HEX(0xEEF2F7u),
	c_white = HEX(0xFFFFFFu);

static const struct draw_style st_body = {
	"Lato", PT(9.5), 0, DRAW_LEFT, HEX(CHART_INK), 1.2, 0, 0 };
static const struct draw_style st_h1 = {
	"Lato Bold", PT(16), 0, DRAW_LEFT, HEX(CHART_NAVY), 0, 0, 0 };
static const struct draw_style st_h2 = {
	"Lato Bold", PT(12.5), 0, DRAW_LEFT, HEX(CHART_NAVY), 0, 0, 0 };
static const struct draw_style st_h3 = {
	"Lato Bold", PT(9.5), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_th = {
	"Lato Bold", PT(7), 0, DRAW_LEFT, HEX(0xFFFFFFu), 0, 0, 0 };
static const struct draw_style st_td = {
	"Lato", PT(7), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_td_bold = {
	"Lato Bold", PT(7), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_td_link = {
	"Lato", PT(7), 0, DRAW_LEFT, HEX(0x1F4E8Cu), 0, 0, 0 };
static const struct draw_style st_td_bad = {
	"Lato Bold", PT(7), 0, DRAW_LEFT, HEX(CHART_RED), 0, 0, 0 };
static const struct draw_style st_td_muted = {
	"Lato Italic", PT(7), 0, DRAW_LEFT, HEX(CHART_MUTED), 0, 0, 0 };
static const struct draw_style st_small = {
	"Lato", PT(6.5), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_small_link = {
	"Lato", PT(6.5), 0, DRAW_LEFT, HEX(0x1F4E8Cu), 0, 0, 0 };
static const struct draw_style st_key = {
	"Lato", PT(8), 0, DRAW_LEFT, HEX(CHART_MUTED), 0, 0, 0 };
static const struct draw_style st_val = {
	"Lato Bold", PT(8), 0, DRAW_LEFT, HEX(CHART_INK), 0, 0, 0 };
static const struct draw_style st_furniture = {
	"Lato", PT(7), 0, DRAW_LEFT, HEX(CHART_MUTED), 0, 0, 1 };

struct report {
	const struct model *m;
	const struct report_info *info;
	cairo_surface_t *surface;
	cairo_t *cr;
	int drawing;            /* 0 in the measuring pass */
	int page, pages;        /* pages is known in the drawing pass */
	double y;               /* where the next block goes */
	char *running;          /* the chapter, for the page header */
	char *page_running;     /* the chapter when the page began */
	char *office;
	char title[96];
	char date[32];
	GPtrArray *region_units;        /* per region: GPtrArray of its units */
	GHashTable *conflicts;          /* unit -> GPtrArray of its conflicts */
	GPtrArray *pool;                /* strings of the current section */
};

/* ------------------------------------------------------------- text */

static int bad_char(gunichar c)
{
	return (c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0xFFFE || c == 0xFFFF;
}

static int already_safe(const char *s)
{
	if (!g_utf8_validate(s, -1, NULL))
		return 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\r' || c == '\t' || bad_char(c))
			return 0;
	}
	return 1;
}

/*
 * Text from the input made safe to show: valid UTF-8, tabs as spaces,
 * line ends as \n, and controls and bidirectional overrides (which would
 * hide or reorder what follows) as U+FFFD: s itself when it is already
 * so, else a copy kept in the section's pool.
 */
static const char *safe(struct report *r, const char *s)
{
	GString *out;
	char *valid;

	if (!s)
		return "";
	if (already_safe(s))
		return s;
	valid = g_utf8_make_valid(s, -1);
	out = g_string_sized_new(strlen(valid));
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\r') {
			if (p[1] != '\n')
				g_string_append_c(out, '\n');
		} else if (c == '\t') {
			g_string_append_c(out, ' ');
		} else {
			g_string_append_unichar(out, bad_char(c) ? 0xFFFD : c);
		}
	}
	g_free(valid);
	g_ptr_array_add(r->pool, out->str);
	return g_string_free(out, FALSE);
}

/* A formatted string kept in the section's pool. */
static const char *fmt(struct report *r, const char *format, ...) G_GNUC_PRINTF(2, 3);

static const char *fmt(struct report *r, const char *format, ...)
{
	va_list ap;
	char *s;

	va_start(ap, format);
	s = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_ptr_array_add(r->pool, s);
	return s;
}

static const char *num2(struct report *r, double v)
{
	char buf[32];

	text_format_id_2(buf, v);
	return fmt(r, "%s", buf);
}

/* A weight or a limit as people write it: "50", "62,50". */
static const char *limit(struct report *r, double v)
{
	return fabs(v - round(v)) < 1e-9 ? fmt(r, "%.0f", v) : num2(r, v);
}

static const char *count(struct report *r, unsigned long n)
{
	char buf[32];

	text_format_id_count(buf, n);
	return fmt(r, "%s", buf);
}

static double text_h(struct report *r, const char *s, double w, const struct draw_style *st)
{
	return draw_text_height(r->cr, s, w, st);
}

static void text_at(struct report *r, const char *s, double x, double y, double w,
		    const struct draw_style *st)
{
	if (r->drawing)
		draw_text(r->cr, s, x, y, w, 0, st, NULL);
}

/* The same for the many short texts of tables: the plain text path. */
static double cell_h(struct report *r, const char *s, double w, const struct draw_style *st)
{
	return plain_height(r->cr, s, w, st);
}

static void cell_at(struct report *r, const char *s, double x, double y, double w,
		    const struct draw_style *st)
{
	if (r->drawing)
		plain_draw(r->cr, s, x, y, w, st);
}

/* ------------------------------------------------------------ pages */

static void tag(struct report *r, const char *name, const char *attrs)
{
	if (r->drawing)
		cairo_tag_begin(r->cr, name, attrs ? attrs : "");
}

static void untag(struct report *r, const char *name)
{
	if (r->drawing)
		cairo_tag_end(r->cr, name);
}

/* Running header and footer; the cover has none. */
static void furniture(struct report *r)
{
	struct draw_style right = st_furniture;
	char pages[64];

	if (!r->drawing || r->page == 1)
		return;
	right.align = DRAW_RIGHT;
	draw_text(r->cr, r->title, LEFT, 36, WIDTH * 0.5, 0, &st_furniture, NULL);
	if (r->page_running)
		draw_text(r->cr, r->page_running, LEFT + WIDTH * 0.5, 36, WIDTH * 0.5, 0, &right,
			  NULL);
	draw_line(r->cr, LEFT, 47, LEFT + WIDTH, 47, 0.5, c_rule);
	draw_line(r->cr, LEFT, PAGE_H - 46, LEFT + WIDTH, PAGE_H - 46, 0.5, c_rule);
	draw_text(r->cr, r->office, LEFT, PAGE_H - 40, WIDTH * 0.7, 0, &st_furniture, NULL);
	g_snprintf(pages, sizeof pages, "Halaman %d dari %d", r->page, r->pages);
	draw_text(r->cr, pages, LEFT + WIDTH * 0.7, PAGE_H - 40, WIDTH * 0.3, 0, &right, NULL);
}

static void page_begins(struct report *r)
{
	g_free(r->page_running);
	r->page_running = g_strdup(r->running);
}

static void page_break(struct report *r)
{
	furniture(r);
	if (r->drawing)
		cairo_show_page(r->cr);
	r->page++;
	r->y = TOP;
	page_begins(r);
}

/* The chapter named in the page headers from here on. */
static void set_running(struct report *r, const char *s)
{
	g_free(r->running);
	r->running = NULL;
	if (s)
		r->running = g_strdup(s);
}

/* Room for h more points on this page, or a new page. */
static void need(struct report *r, double h)
{
	if (r->y + h > BOTTOM && r->y > TOP)
		page_break(r);
}

static void new_page(struct report *r)
{
	if (r->y > TOP)
		page_break(r);
	page_begins(r);
}

static int outline(struct report *r, int parent, const char *title, const char *dest,
		   int open)
{
	char *attrs;
	int id;

	if (!r->drawing)
		return 0;
	attrs = g_strdup_printf("dest='%s'", dest);
	id = cairo_pdf_surface_add_outline(r->surface, parent, title, attrs,
					   open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	g_free(attrs);
	return id;
}

static void paragraph(struct report *r, const char *s, const struct draw_style *st,
		      double after)
{
	double h = cell_h(r, s, WIDTH, st);

	need(r, h);
	tag(r, "P", NULL);
	cell_at(r, s, LEFT, r->y, WIDTH, st);
	untag(r, "P");
	r->y += h + after;
}

/* A heading, kept with what follows it; `dest` names it for links and
 * the outline. */
static void heading(struct report *r, int level, const char *s, const char *dest)
{
	static const char *const tags[] = { "H1", "H2", "H3" };
	const struct draw_style *st = level == 1 ? &st_h1 : level == 2 ? &st_h2 : &st_h3;
	double h = text_h(r, s, WIDTH, st), after = level == 1 ? 18 : level == 2 ? 7 : 4;

	if (r->y > TOP)
		r->y += level == 3 ? 7 : 10;
	need(r, h + after + KEEP);
	tag(r, tags[level - 1], NULL);
	if (dest && r->drawing) {
		char *attrs = g_strdup_printf("name='%s'", dest);

		cairo_tag_begin(r->cr, CAIRO_TAG_DEST, attrs);
		g_free(attrs);
	}
	text_at(r, s, LEFT, r->y, WIDTH, st);
	if (dest && r->drawing)
		cairo_tag_end(r->cr, CAIRO_TAG_DEST);
	untag(r, tags[level - 1]);
	if (level == 1 && r->drawing)
		draw_fill_rect(r->cr, LEFT, r->y + h + 5, 40, 2.4, c_gold);
	r->y += h + after;
}

/* ----------------------------------------------------------- tables */

struct column {
	const char *title;
	double width;           /* relative */
	enum draw_align align;
};

struct cell {
	const char *text;
	const struct draw_style *st;    /* NULL: st_td */
	const char *link;       /* attributes of a link around the text, or NULL */
	int evidence;           /* "; "-joined evidence: web addresses become links */
};

struct table {
	const struct column *cols;
	unsigned ncols;
	double x, width;
	double w[16];           /* column widths in points */
	unsigned rows;
};

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

/* Cairo reads link attributes as quoted strings: escape ' and \. */
static const char *uri_attrs(struct report *r, const char *url)
{
	GString *a = g_string_new("uri='");

	for (const char *p = url; *p; p++) {
		if (*p == '\'' || *p == '\\')
			g_string_append_c(a, '\\');
		g_string_append_c(a, *p);
	}
	g_string_append_c(a, '\'');
	g_ptr_array_add(r->pool, a->str);
	return g_string_free(a, FALSE);
}

/*
 * Evidence as parts, each on its line, when any part is a web address:
 * those parts become links. NULL when there is nothing to split.
 */
static char **evidence_parts(const char *text)
{
	char **parts = g_strsplit(text, "; ", -1);

	for (char **p = parts; *p; p++)
		if (is_url(*p))
			return parts;
	g_strfreev(parts);
	return NULL;
}

static const struct draw_style *cell_style(const struct cell *c)
{
	return c->st ? c->st : c->evidence ? &st_small : &st_td;
}

/* Height of a cell's text in width w; draws it at (x, y) when drawing. */
static double cell_text(struct report *r, const struct cell *c, double x, double y, double w)
{
	char **parts = c->evidence ? evidence_parts(c->text) : NULL;
	double h = 0;

	if (!parts) {
		h = cell_h(r, c->text, w, cell_style(c));
		if (r->drawing) {
			if (c->link)
				cairo_tag_begin(r->cr, CAIRO_TAG_LINK, c->link);
			cell_at(r, c->text, x, y, w, cell_style(c));
			if (c->link)
				cairo_tag_end(r->cr, CAIRO_TAG_LINK);
		}
		return h;
	}
	for (char **p = parts; *p; p++) {
		int url = is_url(*p);
		const struct draw_style *st = url ? &st_small_link : &st_small;
		double ph = cell_h(r, *p, w, st);

		if (r->drawing) {
			if (url)
				cairo_tag_begin(r->cr, CAIRO_TAG_LINK, uri_attrs(r, *p));
			cell_at(r, *p, x, y + h, w, st);
			if (url)
				cairo_tag_end(r->cr, CAIRO_TAG_LINK);
		}
		h += ph;
	}
	g_strfreev(parts);
	return h;
}

static double row_height(struct report *r, const struct table *t, const struct cell *cells)
{
	int drawing = r->drawing;
	double h = 0;

	r->drawing = 0;
	for (unsigned i = 0; i < t->ncols; i++)
		h = fmax(h, cell_text(r, &cells[i], 0, 0, t->w[i] - 2 * PAD_X));
	r->drawing = drawing;
	return fmin(h + 2 * PAD_Y, BOTTOM - TOP - 40);
}

static void table_header(struct report *r, struct table *t)
{
	double h = 0, x = t->x;

	for (unsigned i = 0; i < t->ncols; i++)
		h = fmax(h, cell_h(r, t->cols[i].title, t->w[i] - 2 * PAD_X, &st_th));
	h += 2 * PAD_Y + 1;
	if (r->drawing) {
		draw_fill_rect(r->cr, t->x, r->y, t->width, h, c_navy);
		tag(r, "TR", NULL);
		for (unsigned i = 0; i < t->ncols; i++) {
			struct draw_style st = st_th;

			st.align = t->cols[i].align;
			tag(r, "TH", NULL);
			cell_at(r, t->cols[i].title, x + PAD_X, r->y + PAD_Y + 0.5,
				t->w[i] - 2 * PAD_X, &st);
			untag(r, "TH");
			x += t->w[i];
		}
		untag(r, "TR");
	}
	r->y += h;
	t->rows = 0;
}

/* A table at x, width wide; its header comes on every page it spans. */
static void table_begin(struct report *r, struct table *t, const struct column *cols,
			unsigned ncols, double x, double width)
{
	double sum = 0;

	BUG_ON(ncols > G_N_ELEMENTS(t->w));
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	t->x = x;
	t->width = width;
	for (unsigned i = 0; i < ncols; i++)
		sum += cols[i].width;
	for (unsigned i = 0; i < ncols; i++)
		t->w[i] = width * cols[i].width / sum;
	need(r, 46);
	tag(r, "Table", NULL);
	table_header(r, t);
}

static void table_row(struct report *r, struct table *t, const struct cell *cells)
{
	double h = row_height(r, t, cells), x = t->x;

	if (r->y + h > BOTTOM) {
		page_break(r);
		table_header(r, t);
	}
	if (r->drawing) {
		if (t->rows % 2)
			draw_fill_rect(r->cr, t->x, r->y, t->width, h, c_stripe);
		tag(r, "TR", NULL);
		for (unsigned i = 0; i < t->ncols; i++) {
			struct cell c = cells[i];
			struct draw_style st = *cell_style(&c);

			st.align = t->cols[i].align;
			c.st = c.evidence ? c.st : &st;
			tag(r, "TD", NULL);
			cell_text(r, &c, x + PAD_X, r->y + PAD_Y, t->w[i] - 2 * PAD_X);
			untag(r, "TD");
			x += t->w[i];
		}
		untag(r, "TR");
	}
	r->y += h;
	t->rows++;
}

static void table_end(struct report *r, struct table *t, double after)
{
	if (r->drawing)
		draw_line(r->cr, t->x, r->y, t->x + t->width, r->y, 0.6, c_navy);
	untag(r, "Table");
	r->y += after;
}

/* A chart as a figure at (x, r->y); Cairo 1.16 drops the alt text of
 * structure tags, so the chart's own title is the figure's text too. */
static void figure(struct report *r, const char *alt, double h,
		   void (*draw)(struct report *r, const void *what, double x, double y,
				double w, double h),
		   const void *what, double x, double w)
{
	if (r->drawing) {
		char *attrs = g_strdup_printf("alt='%s'", alt);

		tag(r, "Figure", attrs);
		g_free(attrs);
		draw(r, what, x, r->y, w, h);
		untag(r, "Figure");
	}
}

/* ------------------------------------------------------------ cover */

static void cover(struct report *r)
{
	const struct model *m = r->m;
	const struct dataset *ds = m->data;
	struct draw_style st = st_body;
	unsigned recommended = 0;
	double mean = 0, bx, y;
	const char *figures[4][2];

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		recommended += u->recommendation != REC_NOT_RECOMMENDED;
		mean += u->total / m->units->len;
	}
	tag(r, "Sect", NULL);
	if (r->drawing) {
		draw_fill_rect(r->cr, 0, 0, PAGE_W, 318, c_navy);
		draw_fill_rect(r->cr, LEFT, 196, 48, 3, c_gold);
		cairo_tag_begin(r->cr, CAIRO_TAG_DEST, "name='sampul'");
		cairo_tag_end(r->cr, CAIRO_TAG_DEST);
	}
	st.color = c_white;
	st.font = "Lato Bold";
	st.size = PT(10);
	tag(r, "P", NULL);
	text_at(r, "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA\nREPUBLIK INDONESIA", LEFT, 64,
		WIDTH, &st);
	st.size = PT(14);
	text_at(r, r->office, LEFT, 104, WIDTH, &st);
	untag(r, "P");
	st.size = PT(30);
	tag(r, "H1", NULL);
	text_at(r, "Laporan Hasil Penilaian", LEFT, 214, WIDTH, &st);
	untag(r, "H1");
	st.font = "Lato";
	st.size = PT(16);
	tag(r, "P", NULL);
	text_at(r, "Pelayanan Publik Berbasis Hak Asasi Manusia (P2HAM)", LEFT, 254, WIDTH, &st);
	untag(r, "P");

	st = st_h1;
	st.size = PT(24);
	tag(r, "P", NULL);
	text_at(r, fmt(r, "Tahun %d", m->year), LEFT, 344, WIDTH, &st);
	text_at(r, fmt(r, "%s\nRubrik %s, versi %s", safe(r, m->rubric->title),
		       safe(r, m->rubric->id), safe(r, m->rubric->version)),
		LEFT, 378, WIDTH, &st_body);
	untag(r, "P");

	figures[0][0] = count(r, m->units->len);
	figures[0][1] = "UPT dinilai";
	figures[1][0] = count(r, m->regions->len);
	figures[1][1] = "Kantor wilayah";
	figures[2][0] = count(r, recommended);
	figures[2][1] = "UPT direkomendasikan";
	figures[3][0] = m->units->len ? num2(r, mean) : "–";
	figures[3][1] = "Rata-rata nilai total";
	bx = LEFT;
	tag(r, "Table", NULL);
	tag(r, "TR", NULL);
	for (int i = 0; i < 4; i++, bx += (WIDTH + 12) / 4) {
		st = st_h1;
		st.size = PT(22);
		if (r->drawing)
			draw_fill_rect(r->cr, bx, 440, (WIDTH + 12) / 4 - 12, 64, c_panel);
		tag(r, "TD", NULL);
		text_at(r, figures[i][0], bx + 10, 450, (WIDTH + 12) / 4 - 32, &st);
		text_at(r, figures[i][1], bx + 10, 482, (WIDTH + 12) / 4 - 32, &st_key);
		untag(r, "TD");
	}
	untag(r, "TR");
	untag(r, "Table");
	tag(r, "P", NULL);
	text_at(r, fmt(r, "Data masukan: %s berkas; %s baris dibaca, %s diterima, %s ditolak.",
		       count(r, ds->files->len), count(r, ds->rows_read),
		       count(r, ds->rows_accepted), count(r, ds->rows_rejected)),
		LEFT, 524, WIDTH, &st_body);
	untag(r, "P");
	y = 700;
	st = st_body;
	st.align = DRAW_RIGHT;
	tag(r, "P", NULL);
	text_at(r, r->info->place && *r->info->place ?
		fmt(r, "%s, %s", safe(r, r->info->place), r->date) : r->date,
		LEFT, y, WIDTH, &st);
	st.font = "Lato Bold";
	text_at(r, r->office, LEFT, y + 16, WIDTH, &st);
	untag(r, "P");
	untag(r, "Sect");
	outline(r, CAIRO_PDF_OUTLINE_ROOT, "Sampul", "sampul", 0);
	r->y = BOTTOM;          /* the cover is full */
}

/* ----------------------------------------------------------- method */

static void method_tables(struct report *r)
{
	const struct rubric *rb = r->m->rubric;
	static const struct column aspect_cols[] = {
		{ "Kode", 40, DRAW_LEFT }, { "Aspek", 330, DRAW_LEFT },
		{ "Bobot", 50, DRAW_RIGHT }, { "Porsi", 50, DRAW_RIGHT } };
	static const struct column scale_cols[] = {
		{ "Skala", 120, DRAW_LEFT }, { "Jawaban", 200, DRAW_LEFT },
		{ "Nilai", 60, DRAW_RIGHT } };
	static const struct column grade_cols[] = {
		{ "Predikat", 200, DRAW_LEFT }, { "Nilai total minimum", 120, DRAW_RIGHT } };
	struct table t;
	double wsum = 0;

	for (guint a = 0; a < rb->aspects->len; a++)
		wsum += ((const struct rubric_aspect *)g_ptr_array_index(rb->aspects, a))->weight;
	heading(r, 3, "Aspek dan bobot", NULL);
	table_begin(r, &t, aspect_cols, 4, LEFT, WIDTH);
	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);
		struct cell c[4] = { { safe(r, asp->id), 0, 0, 0 }, { safe(r, asp->label), 0, 0, 0 },
				     { limit(r, asp->weight), 0, 0, 0 },
				     { fmt(r, "%s%%", limit(r, 100 * asp->weight / wsum)), 0, 0, 0 } };

		table_row(r, &t, c);
	}
	table_end(r, &t, 4);

	heading(r, 3, "Skala jawaban", NULL);
	table_begin(r, &t, scale_cols, 3, LEFT, WIDTH * 0.75);
	for (guint s = 0; s < rb->scales->len; s++) {
		const struct rubric_scale *sc = g_ptr_array_index(rb->scales, s);

		for (guint l = 0; l < sc->levels->len; l++) {
			const struct rubric_level *lv = g_ptr_array_index(sc->levels, l);
			struct cell c[3] = { { l ? "" : safe(r, sc->id), 0, 0, 0 },
					     { safe(r, lv->label), 0, 0, 0 },
					     { num2(r, lv->value), 0, 0, 0 } };

			table_row(r, &t, c);
		}
	}
	table_end(r, &t, 4);

	heading(r, 3, "Predikat", NULL);
	table_begin(r, &t, grade_cols, 2, LEFT, WIDTH * 0.6);
	for (guint g = 0; g < rb->grades->len; g++) {
		const struct rubric_grade *gr = g_ptr_array_index(rb->grades, g);
		struct cell c[2] = { { safe(r, gr->label), 0, 0, 0 }, { num2(r, gr->min), 0, 0, 0 } };

		table_row(r, &t, c);
	}
	table_end(r, &t, 4);
}

static void method_types(struct report *r)
{
	const struct model *m = r->m;
	static const struct column cols[] = {
		{ "Jenis UPT", 260, DRAW_LEFT }, { "Kode", 80, DRAW_LEFT },
		{ "Butir kriteria", 80, DRAW_RIGHT }, { "UPT dinilai", 80, DRAW_RIGHT } };
	struct table t;

	heading(r, 3, "Jenis UPT", NULL);
	table_begin(r, &t, cols, 4, LEFT, WIDTH);
	for (guint k = 0; k < m->rubric->unit_types->len; k++) {
		const struct rubric_unit_type *ty = g_ptr_array_index(m->rubric->unit_types, k);
		unsigned n = 0;

		for (guint i = 0; i < m->units->len; i++)
			n += ((const struct scored_unit *)g_ptr_array_index(m->units, i))->src->type == ty;
		{
			struct cell c[4] = { { safe(r, ty->label), 0, 0, 0 }, { safe(r, ty->id), 0, 0, 0 },
					     { count(r, ty->items->len), 0, 0, 0 },
					     { count(r, n), 0, 0, 0 } };

			table_row(r, &t, c);
		}
	}
	table_end(r, &t, 4);
}

static void method_inputs(struct report *r)
{
	const struct dataset *ds = r->m->data;
	static const struct column cols[] = {
		{ "Berkas", 190, DRAW_LEFT }, { "Tata letak", 45, DRAW_LEFT },
		{ "Pengodean", 95, DRAW_LEFT }, { "Dibaca", 50, DRAW_RIGHT },
		{ "Diterima", 50, DRAW_RIGHT }, { "Ditolak", 50, DRAW_RIGHT } };
	struct table t;

	heading(r, 3, "Data masukan", NULL);
	table_begin(r, &t, cols, 6, LEFT, WIDTH);
	for (guint i = 0; i < ds->files->len; i++) {
		const struct input_file *f = g_ptr_array_index(ds->files, i);
		struct cell c[6] = { { safe(r, f->path), 0, 0, 0 }, { fmt(r, "%c", f->layout), 0, 0, 0 },
				     { safe(r, f->encoding), 0, 0, 0 },
				     { count(r, f->rows_read), 0, 0, 0 },
				     { count(r, f->rows_accepted), 0, 0, 0 },
				     { count(r, f->rows_rejected), 0, 0, 0 } };

		table_row(r, &t, c);
	}
	{
		struct cell c[6] = { { "Jumlah", &st_td_bold, 0, 0 }, { "", 0, 0, 0 }, { "", 0, 0, 0 },
				     { count(r, ds->rows_read), &st_td_bold, 0, 0 },
				     { count(r, ds->rows_accepted), &st_td_bold, 0, 0 },
				     { count(r, ds->rows_rejected), &st_td_bold, 0, 0 } };

		table_row(r, &t, c);
	}
	table_end(r, &t, 4);
}

static void method(struct report *r)
{
	const struct model *m = r->m;
	const struct rubric *rb = m->rubric;
	GString *pr = g_string_new(NULL);
	char thr[32], flo[32];

	set_running(r, "Metode penilaian");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "1. Metode Penilaian", "metode");
	outline(r, CAIRO_PDF_OUTLINE_ROOT, "1. Metode penilaian", "metode", 0);
	paragraph(r, fmt(r, "Laporan ini menyajikan hasil penilaian pelayanan publik berbasis hak "
			 "asasi manusia (P2HAM) tahun %d atas %s unit pelaksana teknis (UPT) pada %s "
			 "kantor wilayah, berdasarkan %s (rubrik %s, versi %s). Tim verifikasi "
			 "memeriksa setiap kriteria di lokasi dan mencatat jawaban beserta data "
			 "dukungnya.", m->year, count(r, m->units->len), count(r, m->regions->len),
			 safe(r, rb->title), safe(r, rb->id), safe(r, rb->version)), &st_body, 6);
	heading(r, 3, "Perhitungan nilai", NULL);
	paragraph(r, "Nilai butir adalah nilai jawaban pada skalanya (0 sampai 1); butir yang "
		  "tidak diverifikasi bernilai 0. Nilai aspek dan nilai prinsip adalah 100 × "
		  "Σ(bobot butir × nilai butir) / Σ bobot butir atas butir jenis UPT yang "
		  "bersangkutan. Nilai total adalah rata-rata nilai aspek yang ditimbang dengan "
		  "bobot aspek. Kelengkapan adalah persentase butir yang telah diverifikasi. Bila "
		  "satu butir mendapat jawaban berbeda, yang dipakai adalah jawaban bertanggal "
		  "terakhir, atau jawaban dengan nilai terendah bila tanggalnya sama atau tidak ada; "
		  "setiap kasus dicatat sebagai konflik (Lampiran A).", &st_body, 2);
	method_tables(r);
	text_format_id_2(thr, rb->threshold);
	text_format_id_2(flo, rb->aspect_floor);
	heading(r, 3, "Kriteria rekomendasi penghargaan", NULL);
	paragraph(r, fmt(r, "UPT direkomendasikan untuk memperoleh penghargaan apabila nilai totalnya "
			 "sekurang-kurangnya %s dan nilai setiap aspeknya sekurang-kurangnya %s%s. "
			 "UPT yang direkomendasikan dan tahun sebelumnya juga direkomendasikan atau "
			 "dipertahankan berstatus dipertahankan.", thr, flo,
			 rb->require_complete ? ", serta seluruh butirnya telah diverifikasi "
			 "(kelengkapan 100%)" : ""), &st_body, 2);
	for (guint p = 0; p < rb->principles->len; p++) {
		const struct rubric_principle *pp = g_ptr_array_index(rb->principles, p);

		g_string_append_printf(pr, "%s%s", p ? "; " : "", pp->label);
	}
	heading(r, 3, "Prinsip pelayanan publik", NULL);
	paragraph(r, fmt(r, "Nilai prinsip dihitung untuk: %s. Prinsip tanpa butir pada suatu "
			 "jenis UPT tidak dinilai untuk jenis itu.", safe(r, pr->str)), &st_body, 2);
	g_string_free(pr, TRUE);
	method_types(r);
	method_inputs(r);
	untag(r, "Sect");
}

/* ---------------------------------------------------------- ranking */

static void ranking(struct report *r)
{
	const struct model *m = r->m;
	static const struct column cols[] = {
		{ "No.", 20, DRAW_RIGHT }, { "Nama UPT", 134, DRAW_LEFT },
		{ "Kantor wilayah", 133, DRAW_LEFT }, { "Nilai", 32, DRAW_RIGHT },
		{ "Predikat", 47, DRAW_LEFT }, { "Lengkap", 36, DRAW_RIGHT },
		{ "Rekomendasi", 80, DRAW_LEFT } };
	unsigned rec = 0, ret = 0;
	struct table t;

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		rec += u->recommendation == REC_RECOMMENDED;
		ret += u->recommendation == REC_RETAINED;
	}
	set_running(r, "Peringkat UPT");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "2. Peringkat UPT", "peringkat");
	outline(r, CAIRO_PDF_OUTLINE_ROOT, "2. Peringkat UPT", "peringkat", 0);
	paragraph(r, fmt(r, "Tabel berikut mengurutkan %s UPT menurut nilai total; nilai yang sama "
			 "diurutkan menurut nama. %s UPT direkomendasikan%s. Nama UPT menaut ke "
			 "profilnya pada bab 4.", count(r, m->units->len), count(r, rec),
			 ret ? fmt(r, " dan %s dipertahankan", count(r, ret)) : ""), &st_body, 8);
	table_begin(r, &t, cols, 7, LEFT, WIDTH);
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);
		struct cell c[7] = {
			{ count(r, u->rank), 0, 0, 0 },
			{ safe(r, u->src->name), &st_td_link, fmt(r, "dest='unit-%s'", u->id), 0 },
			{ safe(r, u->src->kanwil), 0, 0, 0 },
			{ num2(r, u->total), &st_td_bold, 0, 0 },
			{ u->grade ? safe(r, u->grade) : "–", 0, 0, 0 },
			{ fmt(r, "%s%%", num2(r, u->completeness)), 0, 0, 0 },
			{ chart_recommendation_label(u->recommendation),
			  u->recommendation == REC_NOT_RECOMMENDED ? 0 : &st_td_bold, 0, 0 } };

		table_row(r, &t, c);
		if (i % 64 == 63)
			g_ptr_array_set_size(r->pool, 0);
	}
	table_end(r, &t, 0);
	if (!m->units->len)
		paragraph(r, "Tidak ada UPT yang dinilai.", &st_body, 0);
	untag(r, "Sect");
	g_ptr_array_set_size(r->pool, 0);
}

/* ---------------------------------------------------------- regions */

struct chart_part {
	const struct region *region;
	unsigned first, count;
};

static void draw_ranking(struct report *r, const void *what, double x, double y, double w,
			 double h)
{
	const struct chart_part *p = what;

	chart_ranking_part(r->cr, r->m, p->region, p->first, p->count, x, y, w, h);
}

static void draw_heatmap(struct report *r, const void *what, double x, double y, double w,
			 double h)
{
	const struct chart_part *p = what;

	chart_region_heatmap_part(r->cr, r->m, p->region, p->first, p->count, x, y, w, h);
}

static void draw_principles(struct report *r, const void *what, double x, double y,
			    double w, double h)
{
	chart_region_principles(r->cr, r->m, what, x, y, w, h);
}

/* A chart of one row per unit, in parts of as many rows as a page holds. */
static void chart_in_parts(struct report *r, const struct region *rg, int heat,
			   const char *alt)
{
	double h0 = heat ? chart_heatmap_height(0, 1) : chart_ranking_height(0);
	double pitch = (heat ? chart_heatmap_height(1, 1) : chart_ranking_height(1)) - h0;
	unsigned per_page = (unsigned)((BOTTOM - TOP - h0) / pitch);
	struct chart_part p = { rg, 0, 0 };

	while (p.first < rg->units) {
		double h;

		p.count = MIN(per_page, rg->units - p.first);
		h = heat ? chart_heatmap_height(p.count, p.first + p.count == rg->units) :
		    chart_ranking_height(p.count);
		need(r, h);
		figure(r, alt, h, heat ? draw_heatmap : draw_ranking, &p, LEFT, WIDTH);
		r->y += h + 14;
		p.first += p.count;
	}
}

static void region_section(struct report *r, const struct region *rg, int parent)
{
	const struct model *m = r->m;
	char mean[32];
	double h;
	unsigned np = 0;

	for (guint p = 0; p < m->rubric->principles->len; p++)
		np += !isnan(rg->principles[p]);
	set_running(r, safe(r, rg->kanwil));
	need(r, START_ROOM);
	tag(r, "Sect", NULL);
	heading(r, 2, safe(r, rg->kanwil), fmt(r, "region-%s", rg->id));
	outline(r, parent, safe(r, rg->kanwil), fmt(r, "region-%s", rg->id), 0);
	text_format_id_2(mean, rg->mean_total);
	paragraph(r, fmt(r, "%s UPT dinilai, %s di antaranya direkomendasikan atau dipertahankan. "
			 "Rata-rata nilai total %s.", count(r, rg->units), count(r, rg->recommended),
			 mean), &st_body, 8);
	chart_in_parts(r, rg, 0, "Grafik peringkat nilai total UPT kantor wilayah ini");
	h = 16 + 13 + 3 + np * 18.0 + 24;
	need(r, h);
	figure(r, "Grafik rata-rata nilai per prinsip", h, draw_principles, rg, LEFT, WIDTH);
	r->y += h + 14;
	chart_in_parts(r, rg, 1, "Peta panas nilai prinsip per UPT");
	untag(r, "Sect");
}

static void regions(struct report *r)
{
	int top;

	set_running(r, "Hasil per kantor wilayah");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "3. Hasil per Kantor Wilayah", "kanwil");
	top = outline(r, CAIRO_PDF_OUTLINE_ROOT, "3. Hasil per kantor wilayah", "kanwil", 1);
	paragraph(r, "Untuk setiap kantor wilayah: peringkat nilai total UPT dengan ambang "
		  "penghargaan, rata-rata nilai per prinsip dibandingkan dengan rata-rata seluruh UPT, "
		  "dan peta panas nilai prinsip setiap UPT yang diarsir menurut predikat.",
		  &st_body, 0);
	for (guint k = 0; k < r->m->regions->len; k++) {
		region_section(r, g_ptr_array_index(r->m->regions, k), top);
		g_ptr_array_set_size(r->pool, 0);
	}
	untag(r, "Sect");
}

/* ------------------------------------------------------------- units */

static void unit_info(struct report *r, const struct scored_unit *u)
{
	const struct rubric_unit_type *ty = u->src->type;
	const char *kv[8][2] = {
		{ "Kantor wilayah", safe(r, u->src->kanwil) },
		{ "Nilai total", fmt(r, "%s — %s", num2(r, u->total), u->grade ? safe(r, u->grade) : "–") },
		{ "Jenis UPT", safe(r, ty->label) },
		{ "Peringkat", fmt(r, "%u dari %u", u->rank, r->m->units->len) },
		{ "Rekomendasi", chart_recommendation_label(u->recommendation) },
		{ "Kelengkapan", fmt(r, "%s%% (%u dari %u butir)", num2(r, u->completeness),
				     u->observed, ty->items->len) },
		{ "Kode verifikasi", u->code },
		{ u->has_previous ? "Tahun sebelumnya" : "", !u->has_previous ? "" :
		  fmt(r, "%s, %s (%s%s)", num2(r, u->previous_total),
		      chart_recommendation_label(u->previous_recommendation),
		      u->total >= u->previous_total ? "+" : "−",
		      num2(r, fabs(u->total - u->previous_total))) },
	};
	double colw = WIDTH / 2, keyw = 76, h[4], total = 0;

	for (int row = 0; row < 4; row++) {
		h[row] = fmax(cell_h(r, kv[2 * row][1], colw - keyw - 12, &st_val),
			      cell_h(r, kv[2 * row + 1][1], colw - keyw - 12, &st_val)) + 3;
		total += h[row];
	}
	need(r, total + 12);
	if (r->drawing)
		draw_fill_rect(r->cr, LEFT, r->y, WIDTH, total + 8, c_panel);
	r->y += 4;
	tag(r, "Table", NULL);
	for (int row = 0; row < 4; row++) {
		tag(r, "TR", NULL);
		for (int col = 0; col < 2; col++) {
			double x = LEFT + 8 + col * colw;

			tag(r, "TH", NULL);
			cell_at(r, kv[2 * row + col][0], x, r->y, keyw, &st_key);
			untag(r, "TH");
			tag(r, "TD", NULL);
			cell_at(r, kv[2 * row + col][1], x + keyw, r->y, colw - keyw - 12, &st_val);
			untag(r, "TD");
		}
		untag(r, "TR");
		r->y += h[row];
	}
	untag(r, "Table");
	r->y += 14;
}

static void draw_aspects(struct report *r, const void *what, double x, double y, double w,
			 double h)
{
	chart_unit_aspects(r->cr, r->m, what, x, y, w, h);
}

static void draw_radar(struct report *r, const void *what, double x, double y, double w,
		       double h)
{
	chart_unit_principles(r->cr, r->m, what, x, y, w, h);
}

/* The aspect scores as a table: weights and the total. */
static void unit_score_table(struct report *r, const struct scored_unit *u, double x,
			     double w)
{
	const struct rubric *rb = r->m->rubric;
	static const struct column cols[] = {
		{ "Aspek", 130, DRAW_LEFT }, { "Bobot", 34, DRAW_RIGHT }, { "Nilai", 40, DRAW_RIGHT } };
	struct table t;

	table_begin(r, &t, cols, 3, x, w);
	for (guint a = 0; a < rb->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(rb->aspects, a);
		struct cell c[3] = { { fmt(r, "%s. %s", safe(r, asp->id), safe(r, asp->label)), 0, 0, 0 },
				     { limit(r, asp->weight), 0, 0, 0 },
				     { num2(r, u->aspects[a]),
				       score_at_least(u->aspects[a], rb->aspect_floor) ? 0 : &st_td_bad,
				       0, 0 } };

		if (!isnan(u->aspects[a]))
			table_row(r, &t, c);
	}
	{
		struct cell c[3] = { { "Nilai total", &st_td_bold, 0, 0 }, { "", 0, 0, 0 },
				     { num2(r, u->total), &st_td_bold, 0, 0 } };

		table_row(r, &t, c);
	}
	table_end(r, &t, 0);
}

/* Aspect chart and table on the left, the principle radar on the right. */
static void unit_charts(struct report *r, const struct scored_unit *u)
{
	double y0, left_end, lw = 206, rx = LEFT + lw + 14, rw = WIDTH - lw - 14;
	double ah = 112, rh = 196;

	need(r, rh + 8);
	y0 = r->y;
	figure(r, "Grafik nilai per aspek", ah, draw_aspects, u, LEFT, lw);
	r->y += ah + 4;
	unit_score_table(r, u, LEFT, lw);
	left_end = r->y;
	r->y = y0;
	figure(r, "Grafik radar nilai per prinsip", rh, draw_radar, u, rx, rw);
	r->y = fmax(left_end, y0 + rh) + 4;
}

static const char *answer_text(struct report *r, const struct scored_item *si)
{
	if (si->status == ITEM_MISSING)
		return "Tidak diverifikasi";
	return si->status == ITEM_CONFLICT ? fmt(r, "%s (konflik)", safe(r, si->level->label)) :
	       safe(r, si->level->label);
}

static int fully_met(const struct scored_item *si)
{
	return si->score >= 1 - 1e-9;
}

static void unit_items(struct report *r, const struct scored_unit *u)
{
	static const struct column cols[] = {
		{ "Kode", 30, DRAW_LEFT }, { "Kriteria", 172, DRAW_LEFT },
		{ "Jawaban (nilai)", 80, DRAW_LEFT }, { "Data dukung", 200, DRAW_LEFT } };
	struct table t;

	heading(r, 3, "Rincian penilaian butir", NULL);
	table_begin(r, &t, cols, 4, LEFT, WIDTH);
	for (guint i = 0; i < u->src->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];
		struct cell c[4] = {
			{ safe(r, si->item->code), 0, 0, 0 },
			{ safe(r, si->item->text), 0, 0, 0 },
			{ fmt(r, "%s (%s)", answer_text(r, si), num2(r, si->score)),
			  si->status == ITEM_MISSING ? &st_td_muted : fully_met(si) ? 0 : &st_td_bad,
			  0, 0 },
			{ si->evidence ? safe(r, si->evidence) : "–", 0, 0, 1 } };

		table_row(r, &t, c);
	}
	table_end(r, &t, 0);
}

static const char *follow_up(const struct scored_item *si)
{
	if (si->status == ITEM_MISSING)
		return "Verifikasi butir ini";
	return si->score > 1e-9 ? "Tuntaskan pemenuhan kriteria" : "Penuhi kriteria";
}

/* The items not fully met: what the unit should improve. */
static void unit_fixes(struct report *r, const struct scored_unit *u)
{
	static const struct column cols[] = {
		{ "Kode", 30, DRAW_LEFT }, { "Kriteria", 160, DRAW_LEFT },
		{ "Jawaban", 62, DRAW_LEFT }, { "Tindak lanjut", 90, DRAW_LEFT },
		{ "Catatan tim", 140, DRAW_LEFT } };
	struct table t;
	int any = 0;

	heading(r, 3, "Rekomendasi perbaikan", NULL);
	for (guint i = 0; i < u->src->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];
		struct cell c[5] = {
			{ safe(r, si->item->code), 0, 0, 0 }, { safe(r, si->item->text), 0, 0, 0 },
			{ answer_text(r, si), si->status == ITEM_MISSING ? &st_td_muted : &st_td_bad, 0, 0 },
			{ follow_up(si), 0, 0, 0 },
			{ si->note ? safe(r, si->note) : "–", 0, 0, 0 } };

		if (fully_met(si))
			continue;
		if (!any++)
			table_begin(r, &t, cols, 5, LEFT, WIDTH);
		table_row(r, &t, c);
	}
	if (any)
		table_end(r, &t, 0);
	else
		paragraph(r, "Seluruh kriteria terpenuhi; tidak ada rekomendasi perbaikan.", &st_body, 0);
}

static void unit_reasons(struct report *r, const struct scored_unit *u)
{
	GString *s;

	if (u->recommendation != REC_NOT_RECOMMENDED || !u->reasons->len)
		return;
	s = g_string_new(NULL);
	for (guint i = 0; i < u->reasons->len; i++) {
		const struct reason *rs = &g_array_index(u->reasons, struct reason, i);

		if (i)
			g_string_append_c(s, '\n');
		if (rs->kind == REASON_TOTAL)
			g_string_append_printf(s, "• Nilai total %s di bawah ambang penghargaan %s.",
					       num2(r, rs->value), num2(r, rs->limit));
		else if (rs->kind == REASON_ASPECT)
			g_string_append_printf(s, "• Nilai aspek %s (%s) %s di bawah batas minimum %s.",
					       safe(r, rs->aspect->id), safe(r, rs->aspect->label),
					       num2(r, rs->value), num2(r, rs->limit));
		else
			g_string_append_printf(s, "• Kelengkapan %s%% di bawah %s%%: %u butir belum "
					       "diverifikasi.", num2(r, rs->value), num2(r, rs->limit),
					       u->src->type->items->len - u->observed);
	}
	heading(r, 3, "Alasan tidak direkomendasikan", NULL);
	paragraph(r, fmt(r, "%s", s->str), &st_body, 0);
	g_string_free(s, TRUE);
}

/* "Ada · banten-tim1.csv:12 · 3 Oktober 2019", one line per observation. */
static const char *observations(struct report *r, const struct conflict *c)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < c->observations->len; i++) {
		const struct observation *o = g_ptr_array_index(c->observations, i);
		char date[32] = "";

		if (o->date)
			text_format_id_date(date, o->date);
		g_string_append_printf(s, "%s%s · %s:%lu%s%s", i ? "\n" : "", safe(r, o->level->label),
				       safe(r, o->file->path), o->line, *date ? " · " : "", date);
	}
	g_ptr_array_add(r->pool, s->str);
	return g_string_free(s, FALSE);
}

static void unit_conflicts(struct report *r, const struct scored_unit *u)
{
	static const struct column cols[] = {
		{ "Kode", 30, DRAW_LEFT }, { "Kriteria", 160, DRAW_LEFT },
		{ "Dipakai", 62, DRAW_LEFT }, { "Observasi (jawaban · berkas:baris · tanggal)", 230,
						DRAW_LEFT } };
	GPtrArray *list = g_hash_table_lookup(r->conflicts, u);
	struct table t;

	if (!list)
		return;
	heading(r, 3, "Konflik jawaban", NULL);
	table_begin(r, &t, cols, 4, LEFT, WIDTH);
	for (guint i = 0; i < list->len; i++) {
		const struct conflict *c = g_ptr_array_index(list, i);
		struct cell cells[4] = {
			{ safe(r, c->item->item->code), 0, 0, 0 }, { safe(r, c->item->item->text), 0, 0, 0 },
			{ safe(r, c->item->level->label), &st_td_bold, 0, 0 },
			{ observations(r, c), 0, 0, 0 } };

		table_row(r, &t, cells);
	}
	table_end(r, &t, 0);
}

static void unit_no_evidence(struct report *r, const struct scored_unit *u)
{
	GString *s = g_string_new(NULL);
	unsigned n = 0;

	for (guint i = 0; i < u->src->type->items->len; i++) {
		const struct scored_item *si = &u->items[i];

		if (si->status == ITEM_MISSING || si->evidence)
			continue;
		g_string_append_printf(s, "%s%s %s", n++ ? "; " : "", safe(r, si->item->code),
				       safe(r, si->item->text));
	}
	heading(r, 3, "Butir tanpa data dukung", NULL);
	paragraph(r, n ? fmt(r, "%s butir dinilai tanpa data dukung: %s.", count(r, n), s->str) :
		  "Semua butir yang diverifikasi memiliki data dukung.", &st_body, 0);
	g_string_free(s, TRUE);
}

static void unit_section(struct report *r, const struct scored_unit *u, int parent)
{
	const char *dest = fmt(r, "unit-%s", u->id), *name = safe(r, u->src->name);

	need(r, START_ROOM);
	tag(r, "Sect", NULL);
	heading(r, 2, name, dest);
	outline(r, parent, name, dest, 0);
	unit_info(r, u);
	unit_charts(r, u);
	unit_items(r, u);
	unit_fixes(r, u);
	unit_reasons(r, u);
	unit_conflicts(r, u);
	unit_no_evidence(r, u);
	untag(r, "Sect");
	g_ptr_array_set_size(r->pool, 0);
}

static void units(struct report *r)
{
	int top;

	set_running(r, "Profil UPT");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "4. Profil UPT", "profil");
	top = outline(r, CAIRO_PDF_OUTLINE_ROOT, "4. Profil UPT", "profil", 1);
	paragraph(r, "Satu profil untuk setiap UPT, dikelompokkan menurut kantor wilayah dan "
		  "diurutkan menurut peringkat: nilai per aspek dan per prinsip, rincian setiap "
		  "butir dengan data dukungnya (alamat web dapat diklik), rekomendasi perbaikan, "
		  "konflik jawaban dan butir tanpa data dukung.", &st_body, 0);
	for (guint k = 0; k < r->m->regions->len; k++) {
		const struct region *rg = g_ptr_array_index(r->m->regions, k);
		GPtrArray *list = g_ptr_array_index(r->region_units, k);
		const struct scored_unit *first = g_ptr_array_index(list, 0);
		/* A region's bookmark opens its first unit. */
		int parent = outline(r, top, safe(r, rg->kanwil), fmt(r, "unit-%s", first->id), 0);

		set_running(r, safe(r, rg->kanwil));
		for (guint i = 0; i < list->len; i++)
			unit_section(r, g_ptr_array_index(list, i), parent);
	}
	untag(r, "Sect");
}

/* ------------------------------------------------------- appendices */

static void appendix_conflicts(struct report *r)
{
	const struct model *m = r->m;
	static const struct column cols[] = {
		{ "No.", 24, DRAW_RIGHT }, { "UPT", 120, DRAW_LEFT }, { "Kode", 30, DRAW_LEFT },
		{ "Dipakai", 56, DRAW_LEFT },
		{ "Observasi (jawaban · berkas:baris · tanggal)", 250, DRAW_LEFT } };
	struct table t;

	set_running(r, "Lampiran A");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "Lampiran A. Konflik Jawaban", "lampiran-konflik");
	outline(r, CAIRO_PDF_OUTLINE_ROOT, "Lampiran A. Konflik jawaban", "lampiran-konflik", 0);
	if (!m->conflicts->len) {
		paragraph(r, "Tidak ada konflik jawaban.", &st_body, 0);
		untag(r, "Sect");
		return;
	}
	paragraph(r, fmt(r, "%s butir mendapat jawaban berbeda dari beberapa observasi. Jawaban "
			 "yang dipakai adalah yang bertanggal terakhir, atau yang bernilai terendah "
			 "bila tanggalnya sama atau tidak ada.", count(r, m->conflicts->len)),
		  &st_body, 8);
	table_begin(r, &t, cols, 5, LEFT, WIDTH);
	for (guint i = 0; i < m->conflicts->len; i++) {
		const struct conflict *c = g_ptr_array_index(m->conflicts, i);
		struct cell cells[5] = {
			{ count(r, i + 1), 0, 0, 0 },
			{ safe(r, c->unit->src->name), &st_td_link, fmt(r, "dest='unit-%s'", c->unit->id), 0 },
			{ safe(r, c->item->item->code), 0, 0, 0 },
			{ safe(r, c->item->level->label), &st_td_bold, 0, 0 },
			{ observations(r, c), 0, 0, 0 } };

		table_row(r, &t, cells);
		if (i % 64 == 63)
			g_ptr_array_set_size(r->pool, 0);
	}
	table_end(r, &t, 0);
	untag(r, "Sect");
	g_ptr_array_set_size(r->pool, 0);
}

static void appendix_rejected(struct report *r)
{
	const struct dataset *ds = r->m->data;
	static const struct column cols[] = {
		{ "Berkas", 96, DRAW_LEFT }, { "Baris", 30, DRAW_RIGHT },
		{ "Alasan", 130, DRAW_LEFT }, { "Isi baris", 224, DRAW_LEFT } };
	struct table t;

	set_running(r, "Lampiran B");
	new_page(r);
	tag(r, "Sect", NULL);
	heading(r, 1, "Lampiran B. Baris Data yang Ditolak", "lampiran-ditolak");
	outline(r, CAIRO_PDF_OUTLINE_ROOT, "Lampiran B. Baris data yang ditolak",
		"lampiran-ditolak", 0);
	if (!ds->rejected->len) {
		paragraph(r, "Tidak ada baris data yang ditolak.", &st_body, 0);
		untag(r, "Sect");
		return;
	}
	paragraph(r, fmt(r, "%s baris data ditolak dan tidak ikut dinilai. Isi baris ditampilkan "
			 "seperti tertulis (paling banyak 1 KiB); karakter kendali diganti dengan "
			 "tanda �.", count(r, ds->rejected->len)), &st_body, 8);
	table_begin(r, &t, cols, 4, LEFT, WIDTH);
	for (guint i = 0; i < ds->rejected->len; i++) {
		const struct rejected_row *rr = g_ptr_array_index(ds->rejected, i);
		struct cell cells[4] = {
			{ safe(r, rr->file->path), 0, 0, 0 }, { count(r, rr->line), 0, 0, 0 },
			{ safe(r, rr->reason), 0, 0, 0 },
			{ rr->truncated ? fmt(r, "%s … (terpotong)", safe(r, rr->raw)) :
			  safe(r, rr->raw), &st_small, 0, 0 } };

		table_row(r, &t, cells);
		if (i % 64 == 63)
			g_ptr_array_set_size(r->pool, 0);
	}
	table_end(r, &t, 0);
	untag(r, "Sect");
	g_ptr_array_set_size(r->pool, 0);
}

/* ---------------------------------------------------------- document */

static void document(struct report *r)
{
	r->page = 1;
	r->y = TOP;
	set_running(r, NULL);
	tag(r, "Document", NULL);
	cover(r);
	method(r);
	ranking(r);
	regions(r);
	units(r);
	appendix_conflicts(r);
	appendix_rejected(r);
	untag(r, "Document");
	furniture(r);
}

/* What the report reads again and again: each region's units, each unit's conflicts. */
static void index_model(struct report *r)
{
	const struct model *m = r->m;

	r->region_units = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	for (guint k = 0; k < m->regions->len; k++)
		g_ptr_array_add(r->region_units, chart_region_units(m, g_ptr_array_index(m->regions, k)));
	r->conflicts = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
	for (guint i = 0; i < m->conflicts->len; i++) {
		const struct conflict *c = g_ptr_array_index(m->conflicts, i);
		GPtrArray *list = g_hash_table_lookup(r->conflicts, c->unit);

		if (!list) {
			list = g_ptr_array_new();
			g_hash_table_insert(r->conflicts, (gpointer)c->unit, list);
		}
		g_ptr_array_add(list, (gpointer)c);
	}
}

int report_write(const struct model *m, const struct report_info *info, FILE *fp,
		 struct diag *d)
{
	struct report r = { 0 };
	struct draw_pdf_info pdf;
	char *subject, *keywords;
	int rc;

	r.m = m;
	r.info = info;
	r.pool = g_ptr_array_new_with_free_func(g_free);
	r.office = g_strdup(info->office && *info->office ? info->office :
			    "Kementerian Hukum dan Hak Asasi Manusia");
	g_snprintf(r.title, sizeof r.title, "Laporan Penilaian P2HAM Tahun %d", m->year);
	text_format_id_date(r.date, m->date);
	index_model(&r);
	subject = g_strdup_printf("Hasil penilaian pelayanan publik berbasis hak asasi manusia "
				  "tahun %d: peringkat, hasil per kantor wilayah dan profil UPT",
				  m->year);
	keywords = g_strdup_printf("P2HAM; pelayanan publik; hak asasi manusia; %d", m->year);
	pdf = (struct draw_pdf_info){ r.title, r.office, subject, keywords, m->date };
	r.surface = draw_pdf_new(fp, PAGE_W, PAGE_H, &pdf);
	r.cr = cairo_create(r.surface);
	draw_cache_attach(r.cr);
	document(&r);
	r.pages = r.page;
	r.drawing = 1;
	document(&r);
	cairo_destroy(r.cr);
	rc = draw_surface_finish(r.surface);
	if (rc < 0)
		diag_error(d, "report.pdf", 0, "cannot write the report");
	set_running(&r, NULL);
	g_free(r.page_running);
	g_free(r.office);
	g_free(subject);
	g_free(keywords);
	g_ptr_array_unref(r.region_units);
	g_hash_table_destroy(r.conflicts);
	g_ptr_array_unref(r.pool);
	return rc;
}
