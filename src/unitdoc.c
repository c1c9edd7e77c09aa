/* unitdoc.c — profiles/UNIT-ID.pdf: the unit's profile under its office's letterhead, and a berita acara. */
#include "unitdoc.h"

#include <cairo-pdf.h>
#include <string.h>

#include "flow.h"
#include "letter.h"
#include "offices.h"
#include "profile.h"
#include "style.h"
#include "text.h"

#define LEFT FLOW_LEFT
#define WIDTH FLOW_WIDTH
#define KEY_W 112.0             /* "Tanggal verifikasi" */
#define SIGN_SPACE 58.0         /* room to sign */

static const struct draw_style st_body = {
	STYLE_FONT, 10, 0, DRAW_LEFT, HEX(STYLE_INK), 2, 0, 0 };
static const struct draw_style st_title = {
	STYLE_FONT_BOLD, 12.5, 0, DRAW_CENTER, HEX(STYLE_INK), 2, 0.3, 0 };
static const struct draw_style st_subtitle = {
	STYLE_FONT, 10, 0, DRAW_CENTER, HEX(STYLE_INK), 1, 0, 0 };
static const struct draw_rgb c_ink = HEX(STYLE_INK);

/* ------------------------------------------------------------- the rows */

/* "3 Oktober 2019", "3 Oktober 2019 dan 4 Oktober 2019", or from the first
 * to the last of many; a string of f's pool. */
static const char *dates_text(struct flow *f, const GArray *dates)
{
	GString *s = g_string_new(NULL);
	char d[32];

	if (!dates->len)
		g_string_append(s, "tidak tercatat pada data");
	for (guint i = 0; dates->len <= 3 && i < dates->len; i++) {
		text_format_id_date(d, g_array_index(dates, int, i));
		g_string_append_printf(s, "%s%s", !i ? "" : i + 1 == dates->len ? " dan " : ", ",
				       d);
	}
	if (dates->len > 3) {
		text_format_id_date(d, g_array_index(dates, int, 0));
		g_string_append_printf(s, "%s s.d. ", d);
		text_format_id_date(d, g_array_index(dates, int, dates->len - 1));
		g_string_append_printf(s, "%s (%u hari)", d, dates->len);
	}
	g_ptr_array_add(f->pool, s->str);
	return g_string_free(s, FALSE);
}

/* The teams, numbered when more than one; a string of f's pool. */
static const char *teams_text(struct flow *f, const GPtrArray *teams)
{
	GString *s = g_string_new(NULL);

	if (!teams->len)
		g_string_append(s, "tidak tercatat pada data");
	for (guint i = 0; i < teams->len; i++) {
		if (teams->len > 1)
			g_string_append_printf(s, "%s%u. ", i ? "\n" : "", i + 1);
		g_string_append(s, teams->pdata[i]);
	}
	g_ptr_array_add(f->pool, s->str);
	return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------- berita acara */

/* A tagged paragraph at (x, y), w wide: its height. */
static double para(struct flow *f, const char *s, double x, double y, double w,
		   const struct draw_style *st)
{
	double h;

	flow_tag(f, "P", NULL);
	h = flow_text(f, s, x, y, w, st);
	flow_untag(f, "P");
	return h;
}

/* "Tanggal verifikasi : ..." at y: its height. */
static double key_value(struct flow *f, const char *key, const char *value, double y)
{
	double h;

	flow_tag(f, "P", NULL);
	flow_text(f, key, LEFT, y, KEY_W - 10, &st_body);
	flow_text(f, ":", LEFT + KEY_W - 8, y, 8, &st_body);
	h = flow_text(f, value, LEFT + KEY_W, y, WIDTH - KEY_W, &st_body);
	flow_untag(f, "P");
	return h;
}

/* One signature column at x, w wide, from y: the role, the space to sign,
 * the line for the name and the NIP. Returns its height. */
static double signature(struct flow *f, const char *role, double x, double y, double w)
{
	double h = para(f, role, x, y, w, &st_body) + SIGN_SPACE;

	if (f->drawing)
		draw_line(f->cr, x, y + h, x + w * 0.8, y + h, 0.6, c_ink);
	h += 4;
	h += para(f, "Nama:", x, y + h, w, &st_body);
	h += para(f, "NIP:", x, y + h, w, &st_body);
	return h;
}

/* The whole block from y: its height; drawn when drawing. */
static double berita_acara_at(struct flow *f, const struct model *m,
			      const struct scored_unit *u, const char *opening,
			      const char *dates, const char *teams, double y)
{
	const struct office *of = u->office;
	struct draw_style right = st_body;
	double y0 = y, half = WIDTH / 2, left, right_h;
	char date[32];

	flow_tag(f, "H2", NULL);
	y += flow_text(f, "BERITA ACARA HASIL VERIFIKASI", LEFT, y, WIDTH, &st_title);
	flow_untag(f, "H2");
	y += para(f, flow_fmt(f, "Penilaian Pelayanan Publik Berbasis Hak Asasi Manusia "
			      "Tahun %d", m->year), LEFT, y, WIDTH, &st_subtitle) + 12;
	y += para(f, opening, LEFT, y, WIDTH, &st_body) + 8;
	y += key_value(f, "Tanggal verifikasi", dates, y) + 3;
	y += key_value(f, "Tim verifikasi", teams, y) + 8;
	y += para(f, "Demikian berita acara ini dibuat dengan sebenarnya untuk "
		  "dipergunakan sebagaimana mestinya.", LEFT, y, WIDTH, &st_body) + 14;
	text_format_id_date(date, m->date);
	right.align = DRAW_RIGHT;
	if (of)
		y += para(f, flow_fmt(f, "%s, %s", flow_safe(f, of->city), date), LEFT, y,
			  WIDTH, &right) + 6;
	left = signature(f, "Ketua Tim Verifikasi,", LEFT, y, half - 20);
	right_h = signature(f, flow_fmt(f, "Kepala %s,", u->name.display), LEFT + half + 20,
			    y, half - 20);
	return y + MAX(left, right_h) - y0;
}

/* The berita acara, on one page: on this one when it fits. */
static void berita_acara(struct flow *f, const struct model *m,
			 const struct scored_unit *u)
{
	char day[48];
	int drawing = f->drawing;
	const char *opening, *dates_s, *teams_s;
	const char *kanwil = u->kanwil.display && *u->kanwil.display
		? flow_fmt(f, " (%s)", u->kanwil.display) : "";
	double h;

	letter_day_date(day, m->date);
	opening = flow_fmt(f, "Pada hari ini, %s, telah dilakukan verifikasi pelayanan "
			   "publik berbasis hak asasi manusia terhadap %s%s oleh tim "
			   "verifikasi %s, dengan hasil sebagaimana tercantum dalam profil ini: "
			   "nilai total %s%s, peringkat %u dari %u UPT, %s.", day,
			   u->name.display, kanwil,
			   u->office ? flow_safe(f, u->office->name) : "",
			   flow_num2(f, u->total),
			   u->grade ? flow_fmt(f, " (%s)", flow_safe(f, u->grade)) : "", u->rank, m->units->len,
			   style_recommendation_label(u->recommendation));
	dates_s = dates_text(f, u->dates);
	teams_s = teams_text(f, u->teams);
	f->drawing = 0;
	h = berita_acara_at(f, m, u, opening, dates_s, teams_s, 0);
	f->drawing = drawing;
	f->y += 18;
	flow_need(f, h);
	flow_tag(f, "Sect", NULL);
	if (f->drawing) {
		cairo_tag_begin(f->cr, CAIRO_TAG_DEST, "name='berita-acara'");
		cairo_tag_end(f->cr, CAIRO_TAG_DEST);
	}
	flow_outline(f, CAIRO_PDF_OUTLINE_ROOT, "Berita acara hasil verifikasi",
		     "berita-acara", 0);
	f->y += berita_acara_at(f, m, u, opening, dates_s, teams_s, f->y);
	flow_untag(f, "Sect");
}

/* ------------------------------------------------------------- the document */

/* Page 1: the letterhead, the document's title, and the footer that flow
 * leaves out on a first page. */
static void first_page(struct flow *f, const struct model *m, const struct scored_unit *u)
{
	if (m->offices && u->office)
		f->y = 34 + letter_kop(f->cr, m->offices, u->office, LEFT, 34, WIDTH,
				       f->drawing) + 14;
	flow_tag(f, "H1", NULL);
	f->y += flow_text(f, "PROFIL HASIL PENILAIAN", LEFT, f->y, WIDTH, &st_title);
	flow_untag(f, "H1");
	f->y += para(f, flow_fmt(f, "Pelayanan Publik Berbasis Hak Asasi Manusia Tahun %d",
				 m->year), LEFT, f->y, WIDTH, &st_subtitle) + 4;
	flow_footer(f);
}

static void document(struct flow *f, const struct model *m, const struct scored_unit *u,
		     const GPtrArray *conflicts, int drawing)
{
	flow_begin_pass(f, drawing);
	flow_tag(f, "Document", NULL);
	first_page(f, m, u);
	flow_hold_page(f);
	profile_write(f, m, u, conflicts->len ? conflicts : NULL, CAIRO_PDF_OUTLINE_ROOT);
	flow_release(f);
	berita_acara(f, m, u);
	flow_untag(f, "Document");
	flow_end_pass(f);
	flow_release(f);
}

int unitdoc_write(const struct model *m, const struct scored_unit *u, FILE *fp,
		  const char *name, struct diag *d)
{
	const char *office = u->office ? u->office->name
				       : "Kementerian Hukum dan Hak Asasi Manusia";
	char *safe_office = text_display_safe(office);
	GPtrArray *conflicts = g_ptr_array_new();
	char *title = g_strdup_printf("Profil Hasil Penilaian P2HAM Tahun %d — %s", m->year,
				      u->name.display);
	char *subject = g_strdup_printf("Hasil penilaian pelayanan publik berbasis hak "
					"asasi manusia tahun %d dan berita acara hasil "
					"verifikasi %s", m->year, u->name.display);
	char *keywords = g_strdup_printf("P2HAM; profil UPT; berita acara; %d", m->year);
	struct draw_pdf_info info = { title, safe_office ? safe_office : office, subject,
				      keywords, m->date };
	char *running = g_strdup_printf("Profil Hasil Penilaian P2HAM Tahun %d", m->year);
	struct flow f;
	int rc;

	for (guint i = 0; i < m->conflicts->len; i++)
		if (((const struct conflict *)m->conflicts->pdata[i])->unit == u)
			g_ptr_array_add(conflicts, m->conflicts->pdata[i]);
	flow_init(&f, fp, &info, running, info.author);
	document(&f, m, u, conflicts, 0);
	document(&f, m, u, conflicts, 1);
	rc = flow_finish(&f);
	if (rc < 0)
		diag_error(d, name, 0, "cannot write the profile");
	g_ptr_array_unref(conflicts);
	g_free(safe_office);
	g_free(title);
	g_free(subject);
	g_free(keywords);
	g_free(running);
	return rc;
}
