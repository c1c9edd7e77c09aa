/* letter.c — letters/OFFICE-ID.pdf, and the letterhead shared with the unit profiles. */
#include "letter.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "draw.h"
#include "image.h"
#include "style.h"
#include "text.h"

/* A4 portrait with the margins of the government letter conventions
 * (tata naskah dinas): 3 cm left, 2 cm right, top and bottom. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define LEFT 85.0
#define WIDTH (PAGE_W - LEFT - 57.0)
#define TOP 40.0
#define TOP_NEXT 70.0           /* under the running header of page 2 */
#define BOTTOM (PAGE_H - 62.0)
#define INDENT 36.0             /* first line of a body paragraph, the table */
#define KEY_W 62.0              /* "Nomor", "Sifat", ... */
#define KOP_LOGO 62.0

static const struct draw_style st_body = {
	STYLE_FONT, 10.5, 0, DRAW_LEFT, HEX(STYLE_INK), 2.5, 0, 0 };
static const struct draw_style st_bold = {
	STYLE_FONT_BOLD, 10.5, 0, DRAW_LEFT, HEX(STYLE_INK), 2.5, 0, 0 };
static const struct draw_style st_cell = {
	STYLE_FONT, 9.5, 0, DRAW_LEFT, HEX(STYLE_INK), 0.5, 0, 0 };
static const struct draw_style st_head = {
	STYLE_FONT_BOLD, 9.5, 0, DRAW_CENTER, HEX(STYLE_INK), 0.5, 0, 0 };
static const struct draw_style st_furniture = {
	STYLE_FONT, 8, 0, DRAW_LEFT, HEX(STYLE_MUTED), 0, 0, 0 };
static const struct draw_style st_kop_ministry = {
	STYLE_FONT_BOLD, 12, 0, DRAW_CENTER, HEX(STYLE_INK), 1, 0.2, 0 };
static const struct draw_style st_kop_office = {
	STYLE_FONT_BOLD, 14, 0, DRAW_CENTER, HEX(STYLE_INK), 1, 0.3, 0 };
static const struct draw_style st_kop_city = {
	STYLE_FONT, 9, 0, DRAW_CENTER, HEX(STYLE_INK), 0, 0, 0 };
static const struct draw_rgb c_ink = HEX(STYLE_INK), c_head = HEX(STYLE_PANEL);

/* ------------------------------------------------------------- kop */


/* Text of the offices file as the display rule wants it; a string of `pool`. */
static const char *pool_safe(GPtrArray *pool, const char *s)
{
	char *copy;

	if (!s)
		return "";
	copy = text_display_safe(s);
	if (!copy)
		return s;
	g_ptr_array_add(pool, copy);
	return copy;
}

/* One centred line of the kop at y: its height. */
static double kop_line(cairo_t *cr, const char *s, double x, double y, double w,
		       const struct draw_style *st, int drawing)
{
	if (!drawing)
		return draw_text_height(cr, s, w, st);
	cairo_tag_begin(cr, "P", "");
	y = draw_text(cr, s, x, y, w, 0, st, NULL);
	cairo_tag_end(cr, "P");
	return y;
}

double letter_kop(cairo_t *cr, const struct offices *os, const struct office *of,
		  double x, double y, double w, int drawing)
{
	GPtrArray *pool = g_ptr_array_new_with_free_func(g_free);
	/* The text stays centred on the page, clear of the logo on both sides. */
	double tx = x + KOP_LOGO + 6, tw = w - 2 * (KOP_LOGO + 6), h = 0;
	char *place = of->province && *of->province && !strstr(of->city, of->province)
		? g_strdup_printf("%s, %s", of->city, of->province) : g_strdup(of->city);

	h += kop_line(cr, pool_safe(pool, os->ministry_heading), tx, y + h, tw,
		      &st_kop_ministry, drawing);
	h += 2 + kop_line(cr, pool_safe(pool, of->heading), tx, y + h + 2, tw,
			  &st_kop_office, drawing);
	h += 2 + kop_line(cr, pool_safe(pool, place), tx, y + h + 2, tw, &st_kop_city,
			  drawing);
	h = (os->ministry_logo ? fmax(h, KOP_LOGO) : h) + 6;
	if (drawing) {
		if (os->ministry_logo) {
			char *alt = g_strdup_printf("Lambang %s", os->ministry_heading);

			g_ptr_array_add(pool, alt);
			draw_figure_begin(cr, pool_safe(pool, alt));
			image_paint(cr, os->ministry_logo, x, y + (h - 6 - KOP_LOGO) / 2,
				     KOP_LOGO, KOP_LOGO, 1);
			draw_figure_end(cr);
		}
		draw_line(cr, x, y + h, x + w, y + h, 2.2, c_ink);
		draw_line(cr, x, y + h + 3, x + w, y + h + 3, 0.7, c_ink);
	}
	g_ptr_array_unref(pool);
	g_free(place);
	return h + 4;
}

/* ------------------------------------------------------------- words */

char *letter_words(unsigned n)
{
	static const char *const ones[] = {
		"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
		"sembilan", "sepuluh", "sebelas" };
	char *rest, *s;

	if (n < 12)
		return g_strdup(ones[n]);
	if (n < 20)
		return g_strdup_printf("%s belas", ones[n - 10]);
	if (n >= 1000)
		return g_strdup_printf("%u", n);
	rest = n % (n < 100 ? 10 : 100) ? letter_words(n % (n < 100 ? 10 : 100)) : NULL;
	if (n < 100)
		s = g_strdup_printf("%s puluh%s%s", ones[n / 10], rest ? " " : "",
				    rest ? rest : "");
	else
		s = g_strdup_printf("%s%s%s", n < 200 ? "seratus" : ones[n / 100],
				    n < 200 ? "" : " ratus", rest ? " " : "");
	if (n >= 100 && rest) {
		char *t = g_strconcat(s, rest, NULL);

		g_free(s);
		s = t;
	}
	g_free(rest);
	return s;
}

void letter_day_date(char *buf, int ymd)
{
	static const char *const days[] = {
		"", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu" };
	GDate d;
	char date[32];

	text_format_id_date(date, ymd);
	g_date_clear(&d, 1);
	g_date_set_dmy(&d, (GDateDay)(ymd % 100), (GDateMonth)(ymd / 100 % 100),
		       (GDateYear)(ymd / 10000));
	if (!g_date_valid(&d)) {
		g_snprintf(buf, 48, "%s", date);
		return;
	}
	g_snprintf(buf, 48, "%s, %s", days[g_date_get_weekday(&d)], date);
}

/* ------------------------------------------------------------- the letter */

struct letter {
	const struct model *m;
	const struct office *of;
	GPtrArray *units;       /* its recommended and retained units, by rank */
	GPtrArray *pool;        /* strings of the letter, freed at the end */
	const char *number;
	int attachments;
	cairo_surface_t *surface;
	cairo_t *cr;
	int drawing, page, pages;
	double y;
};

static const char *safe(struct letter *l, const char *s)
{
	return pool_safe(l->pool, s);
}

static const char *fmt(struct letter *l, const char *format, ...) G_GNUC_PRINTF(2, 3);

static const char *fmt(struct letter *l, const char *format, ...)
{
	va_list ap;
	char *s;

	va_start(ap, format);
	s = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_ptr_array_add(l->pool, s);
	return s;
}

/* Text at (x, l->y) in width w: its height; drawn when drawing. */
static double put(struct letter *l, const char *s, double x, double w,
		  const struct draw_style *st)
{
	if (l->drawing)
		return draw_text(l->cr, s, x, l->y, w, 0, st, NULL);
	return draw_text_height(l->cr, s, w, st);
}

/* The page number on every page; the letter's number above page 2 on. */
static void furniture(struct letter *l)
{
	struct draw_style right = st_furniture;

	if (!l->drawing)
		return;
	right.align = DRAW_RIGHT;
	draw_text(l->cr, fmt(l, "Halaman %d dari %d", l->page, l->pages), LEFT,
		  PAGE_H - 42, WIDTH, 0, &right, NULL);
	if (l->page > 1) {
		draw_text(l->cr, fmt(l, "Lanjutan surat Nomor %s", l->number), LEFT, 36,
			  WIDTH, 0, &st_furniture, NULL);
		draw_line(l->cr, LEFT, 50, LEFT + WIDTH, 50, 0.5, c_ink);
	}
}

static void need(struct letter *l, double h)
{
	if (l->y + h <= BOTTOM)
		return;
	furniture(l);
	if (l->drawing)
		cairo_show_page(l->cr);
	l->page++;
	l->y = TOP_NEXT;
}

/* A paragraph across the text block, then `after` points. */
static void paragraph(struct letter *l, const char *s, const struct draw_style *st,
		      double after)
{
	double h = draw_text_height(l->cr, s, WIDTH, st);

	need(l, h);
	if (l->drawing)
		cairo_tag_begin(l->cr, "P", "");
	put(l, s, LEFT, WIDTH, st);
	if (l->drawing)
		cairo_tag_end(l->cr, "P");
	l->y += h + after;
}

/* "Nomor : ...": a key and its value; returns the height. */
static double key_value(struct letter *l, const char *key, const char *value, double w)
{
	double h;

	if (l->drawing)
		cairo_tag_begin(l->cr, "P", "");
	put(l, key, LEFT, KEY_W, &st_body);
	put(l, ":", LEFT + KEY_W, 8, &st_body);
	h = put(l, value, LEFT + KEY_W + 10, w - KEY_W - 10, &st_body);
	if (l->drawing)
		cairo_tag_end(l->cr, "P");
	return h;
}

/* Kop, number, sifat, lampiran, hal; place and date on the right. */
static void head(struct letter *l)
{
	const struct model *m = l->m;
	struct draw_style right = st_body;
	char date[32], *words = letter_words(l->units->len);
	const char *attach = l->attachments
		? fmt(l, "%u (%s) berkas", l->units->len, words) : "-";
	double w = WIDTH * 0.62;

	g_free(words);
	l->y = TOP + letter_kop(l->cr, m->offices, l->of, LEFT, TOP, WIDTH, l->drawing);
	if (l->drawing) {
		cairo_tag_begin(l->cr, CAIRO_TAG_DEST, "name='surat'");
		cairo_tag_end(l->cr, CAIRO_TAG_DEST);
	}
	l->y += 16;
	text_format_id_date(date, m->date);
	right.align = DRAW_RIGHT;
	if (l->drawing)
		cairo_tag_begin(l->cr, "P", "");
	put(l, fmt(l, "%s, %s", safe(l, l->of->city), date), LEFT + w, WIDTH - w, &right);
	if (l->drawing)
		cairo_tag_end(l->cr, "P");
	l->y += key_value(l, "Nomor", l->number, w) + 1;
	l->y += key_value(l, "Sifat", "Biasa", w) + 1;
	l->y += key_value(l, "Lampiran", attach, w) + 1;
	l->y += key_value(l, "Hal", fmt(l, "Usulan Penghargaan Pelayanan Publik Berbasis "
					"HAM Tahun %d", m->year), w) + 20;
}

static void addressee(struct letter *l)
{
	paragraph(l, "Yth. Direktur Jenderal Hak Asasi Manusia\n"
		  "Kementerian Hukum dan Hak Asasi Manusia\ndi Jakarta", &st_body, 18);
}

/* The office's units counted, and its retained ones. */
static void count_units(const struct letter *l, unsigned *assessed, unsigned *retained)
{
	*assessed = *retained = 0;
	for (guint i = 0; i < l->m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(l->m->units, i);

		*assessed += u->office == l->of;
	}
	for (guint i = 0; i < l->units->len; i++)
		*retained += ((const struct scored_unit *)l->units->pdata[i])->recommendation ==
			     REC_RETAINED;
}

static void opening(struct letter *l)
{
	const struct model *m = l->m;
	unsigned assessed, retained;
	char *n = letter_words(l->units->len);

	count_units(l, &assessed, &retained);
	paragraph(l, fmt(l, "Dalam rangka Penghargaan Pelayanan Publik Berbasis Hak Asasi "
			 "Manusia (P2HAM) Tahun %d, %s telah melaksanakan verifikasi dan "
			 "penilaian terhadap %u UPT di wilayah kerjanya berdasarkan %s.",
			 m->year, safe(l, l->of->name), assessed,
			 safe(l, m->rubric->title)), &st_body, 8);
	paragraph(l, fmt(l, "Berdasarkan hasil penilaian tersebut, dengan hormat kami "
			 "usulkan %u (%s) UPT berikut untuk memperoleh penghargaan%s:",
			 l->units->len, n, retained ?
			 fmt(l, ", %u di antaranya mempertahankan penghargaan tahun "
			     "sebelumnya", retained) : ""), &st_body, 10);
	g_free(n);
}

/* ------------------------------------------------------------- the table */

#define NCOLS 6
#define PAD 3.5

static const struct {
	const char *title;
	double width;
	enum draw_align align;
} cols[NCOLS] = {
	{ "No.", 26, DRAW_CENTER }, { "Peringkat", 54, DRAW_CENTER },
	{ "Nama UPT", 165, DRAW_LEFT }, { "Nilai total", 54, DRAW_RIGHT },
	{ "Predikat", 64, DRAW_LEFT }, { "Keterangan", 90, DRAW_LEFT },
};

static double col_w(int i)
{
	return cols[i].width * WIDTH / 453.0;
}

static double row_height(struct letter *l, const char *const cells[NCOLS], int header)
{
	double h = 0;

	for (int i = 0; i < NCOLS; i++)
		h = fmax(h, draw_text_height(l->cr, cells[i], col_w(i) - 2 * PAD,
					     header ? &st_head : &st_cell));
	return h + 2 * PAD;
}

/* One row of the table at l->y, h high; drawn when drawing. */
static void table_row(struct letter *l, const char *const cells[NCOLS], int header,
		      double h)
{
	double x = LEFT;

	if (!l->drawing)
		return;
	if (header)
		draw_fill_rect(l->cr, LEFT, l->y, WIDTH, h, c_head);
	cairo_tag_begin(l->cr, "TR", "");
	for (int i = 0; i < NCOLS; i++) {
		struct draw_style st = header ? st_head : st_cell;

		if (!header)
			st.align = cols[i].align;
		cairo_tag_begin(l->cr, header ? "TH" : "TD", "");
		draw_text(l->cr, cells[i], x + PAD, l->y + PAD, col_w(i) - 2 * PAD, 0, &st,
			  NULL);
		cairo_tag_end(l->cr, header ? "TH" : "TD");
		draw_stroke_rect(l->cr, x, l->y, col_w(i), h, 0.6, c_ink);
		x += col_w(i);
	}
	cairo_tag_end(l->cr, "TR");
}

/* The header row, on a new page first when fewer than `keep` points are left. */
static void header_row(struct letter *l, double keep)
{
	const char *cells[NCOLS];
	double h;

	for (int i = 0; i < NCOLS; i++)
		cells[i] = cols[i].title;
	h = row_height(l, cells, 1);
	need(l, h + keep);
	table_row(l, cells, 1, h);
	l->y += h;
}

static void table(struct letter *l)
{
	const struct rubric *r = l->m->rubric;

	if (l->drawing) {
		cairo_tag_begin(l->cr, CAIRO_TAG_DEST, "name='daftar'");
		cairo_tag_end(l->cr, CAIRO_TAG_DEST);
		cairo_tag_begin(l->cr, "Table", "");
	}
	header_row(l, 20);
	for (guint i = 0; i < l->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(l->units, i);
		char total[32];
		const char *award = r->grades->len ? u->grade : r->predicate;
		const char *cells[NCOLS] = {
			fmt(l, "%u", i + 1), fmt(l, "%u", u->rank), u->name.display, total,
			award ? safe(l, award) : "-",
			style_recommendation_label(u->recommendation),
		};
		double h;

		text_format_id_2(total, u->total);
		h = row_height(l, cells, 0);
		if (l->y + h > BOTTOM)
			header_row(l, BOTTOM);  /* always a new page */
		table_row(l, cells, 0, h);
		l->y += h;
	}
	if (l->drawing)
		cairo_tag_end(l->cr, "Table");
	l->y += 14;
}

/* ------------------------------------------------------------- closing */

static double signatory_height(struct letter *l);

/* The closing paragraph, kept on the page of the signature: a signature
 * never stands alone on a page. */
static void closing(struct letter *l)
{
	const char *s = fmt(l, "%sDemikian usulan ini kami sampaikan. Atas perhatian dan "
			 "perkenan Bapak/Ibu, kami ucapkan terima kasih.",
			 l->attachments ? "Sebagai bahan pertimbangan, bersama ini kami "
			 "lampirkan profil hasil penilaian dan berita acara hasil "
			 "verifikasi setiap UPT tersebut. " : "");

	need(l, draw_text_height(l->cr, s, WIDTH, &st_body) + 24 + signatory_height(l));
	paragraph(l, s, &st_body, 24);
}

#define SIGN_SPACE 64.0

static double signatory_height(struct letter *l)
{
	const struct office_signatory *s = &l->of->signatory;
	double w = WIDTH * 0.5;

	return draw_text_height(l->cr, fmt(l, "%s,", safe(l, s->title)), w, &st_body) +
	       SIGN_SPACE + draw_text_height(l->cr, safe(l, s->name), w, &st_bold) +
	       (s->nip && *s->nip ? draw_text_height(l->cr, fmt(l, "NIP %s", safe(l, s->nip)),
						     w, &st_body) : 0);
}

/* The signatory's title, the space to sign (with the office's signature
 * and stamp images when it has them), name and NIP, on the right half,
 * kept together. */
static void signatory(struct letter *l)
{
	const struct office_signatory *s = &l->of->signatory;
	double x = LEFT + WIDTH * 0.5, w = WIDTH * 0.5, space = SIGN_SPACE;
	const char *title = fmt(l, "%s,", safe(l, s->title));
	const char *nip = s->nip && *s->nip ? fmt(l, "NIP %s", safe(l, s->nip)) : NULL;
	struct draw_style name = st_bold;

	need(l, signatory_height(l));
	if (l->drawing)
		cairo_tag_begin(l->cr, "P", "");
	l->y += put(l, title, x, w, &st_body);
	if (l->drawing && (s->signature || s->stamp)) {
		draw_figure_begin(l->cr, s->stamp ? "Tanda tangan dan cap dinas penanda tangan"
					      : "Tanda tangan penanda tangan");
		if (s->stamp)
			image_paint(l->cr, s->stamp, x - 28, l->y - 4, 72, 72, 0.9);
		if (s->signature)
			image_paint(l->cr, s->signature, x + 10, l->y + 2, 130, space - 4, 1);
		draw_figure_end(l->cr);
	}
	l->y += space;
	l->y += put(l, safe(l, s->name), x, w, &name);
	if (nip)
		l->y += put(l, nip, x, w, &st_body);
	if (l->drawing)
		cairo_tag_end(l->cr, "P");
}

static void letter_pass(struct letter *l, int drawing)
{
	l->drawing = drawing;
	if (drawing)
		l->pages = l->page;
	l->page = 1;
	if (drawing)
		cairo_tag_begin(l->cr, "Document", "");
	head(l);
	addressee(l);
	opening(l);
	table(l);
	closing(l);
	signatory(l);
	furniture(l);
	if (drawing)
		cairo_tag_end(l->cr, "Document");
}

GPtrArray *letter_offices(const struct model *m)
{
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);
		guint at;

		if (u->recommendation != REC_NOT_RECOMMENDED && u->office &&
		    !g_ptr_array_find(out, u->office, &at))
			g_ptr_array_add(out, (gpointer)u->office);
	}
	return out;
}

static void outline(struct letter *l)
{
	int top = cairo_pdf_surface_add_outline(l->surface, CAIRO_PDF_OUTLINE_ROOT,
						fmt(l, "Surat usulan %s", safe(l, l->of->name)),
						"dest='surat'", CAIRO_PDF_OUTLINE_FLAG_OPEN);

	cairo_pdf_surface_add_outline(l->surface, top, "Daftar UPT yang diusulkan",
				      "dest='daftar'", 0);
}

int letter_write(const struct model *m, const struct office *of, int attachments,
		 FILE *fp, const char *name, struct diag *d)
{
	struct letter l = { .m = m, .of = of, .attachments = attachments };
	struct draw_pdf_info info;
	char *number = office_letter_number(of, 1, m->year);
	int rc;

	l.pool = g_ptr_array_new_with_free_func(g_free);
	l.number = safe(&l, number);
	l.units = g_ptr_array_new();
	for (guint i = 0; i < m->units->len; i++) {
		const struct scored_unit *u = g_ptr_array_index(m->units, i);

		if (u->office == of && u->recommendation != REC_NOT_RECOMMENDED)
			g_ptr_array_add(l.units, (gpointer)u);
	}
	info = (struct draw_pdf_info){
		fmt(&l, "Surat Usulan Penghargaan P2HAM Tahun %d — %s", m->year,
		    safe(&l, of->name)),
		safe(&l, of->name),
		fmt(&l, "Usulan Penghargaan Pelayanan Publik Berbasis HAM Tahun %d", m->year),
		fmt(&l, "P2HAM; surat usulan; %d", m->year), m->date };
	l.surface = draw_pdf_new(fp, PAGE_W, PAGE_H, &info);
	l.cr = cairo_create(l.surface);
	draw_cache_attach(l.cr);
	letter_pass(&l, 0);
	letter_pass(&l, 1);
	outline(&l);
	cairo_destroy(l.cr);
	rc = draw_surface_finish(l.surface);
	if (rc < 0)
		diag_error(d, name, 0, "cannot write the letter");
	g_ptr_array_unref(l.units);
	g_ptr_array_unref(l.pool);
	g_free(number);
	return rc;
}
