/* cert.c — the award certificates: template elements drawn with Cairo and Pango. */
#include "cert.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <stdint.h>
#include <string.h>

#include "cert_int.h"
#include "draw.h"
#include "image.h"
#include "offices.h"
#include "text.h"

/* What one certificate shows: the placeholder values of its unit, and
 * the office that issues it. */
struct cert_values {
	const char *v[PH_COUNT];
	const struct office *office;
	const struct offices *offices;
	char *verify_url;
	char year[16], date[32], total[32], rank[16];
	enum tpl_when when;
};

static int awarded(const struct scored_unit *u)
{
	return u->recommendation == REC_RECOMMENDED || u->recommendation == REC_RETAINED;
}

GPtrArray *cert_units(const struct model *m)
{
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; i < m->units->len; i++)
		if (awarded(m->units->pdata[i]))
			g_ptr_array_add(out, m->units->pdata[i]);
	return out;
}

/* The k-th awarded unit, or NULL. */
static const struct scored_unit *awarded_unit(const struct model *m, unsigned k)
{
	for (guint i = 0; i < m->units->len; i++)
		if (awarded(m->units->pdata[i]) && k-- == 0)
			return m->units->pdata[i];
	return NULL;
}

/* The values that are the same on every certificate that `of` issues. */
static void values_common(struct cert_values *cv, const struct model *m,
			  const struct office *of)
{
	memset(cv, 0, sizeof *cv);
	cv->office = of;
	cv->offices = m->offices;
	g_snprintf(cv->year, sizeof cv->year, "%d", m->year);
	text_format_id_date(cv->date, m->date);
	cv->v[PH_YEAR] = cv->year;
	cv->v[PH_DATE] = cv->date;
	cv->v[PH_PLACE] = of->city;
	cv->v[PH_OFFICE] = of->name;
	cv->v[PH_HEADING] = of->heading;
	cv->v[PH_MINISTRY] = m->offices->ministry_heading;
	cv->v[PH_SIG_TITLE] = of->signatory.title;
	cv->v[PH_SIG_NAME] = of->signatory.name;
	cv->v[PH_SIG_NIP] = of->signatory.nip;
	cv->when = TPL_WHEN_ANY;
}

static void values_unit(struct cert_values *cv, const struct model *m,
			const struct scored_unit *u)
{
	const char *award = rubric_award_text(m->rubric, u->grade);

	BUG_ON(!u->certificate);
	/* SPEC 6.1: the QR holds the office's verification URL when it has one. */
	cv->verify_url = office_verify_url(u->office, u->code, u->certificate, m->year,
					   u->id);
	text_format_id_2(cv->total, u->total);
	g_snprintf(cv->rank, sizeof cv->rank, "%u", u->rank);
	cv->v[PH_UNIT] = u->name.display;
	cv->v[PH_ID] = u->id;
	cv->v[PH_KANWIL] = u->kanwil.display;
	/* SPEC 5: the rubric's predicate stands in for the grade when the
	 * rubric has no grades, also in templates written for {grade}. */
	cv->v[PH_GRADE] = award ? award : "";
	cv->v[PH_PREDICATE] = award ? award : "";
	cv->v[PH_TOTAL] = cv->total;
	cv->v[PH_RANK] = cv->rank;
	cv->v[PH_NUMBER] = u->certificate;
	cv->v[PH_CODE] = u->code;
	cv->when = u->recommendation == REC_RETAINED ? TPL_WHEN_RETAINED :
		   TPL_WHEN_RECOMMENDED;
}

static void values_release(struct cert_values *cv)
{
	g_free(cv->verify_url);
}

/*
 * An image element as a Figure with an alternative text that says what it
 * is; the office's signature and stamp and the ministry's logo only when
 * the offices file gives them, else nothing, and no gap is marked.
 */
static void draw_picture(cairo_t *cr, const struct tpl_element *e,
			 const struct cert_values *cv)
{
	cairo_surface_t *img = NULL;
	char *alt = NULL;

	switch (e->kind) {
	case TPL_SIGNATURE:
		img = cv->office->signatory.signature;
		alt = g_strdup_printf("Tanda tangan %s, %s", cv->office->signatory.title,
				      cv->office->signatory.name);
		break;
	case TPL_STAMP:
		img = cv->office->signatory.stamp;
		alt = g_strdup_printf("Cap dinas %s", cv->office->name);
		break;
	case TPL_LOGO:
		img = cv->offices->ministry_logo;
		alt = g_strdup_printf("Logo %s", cv->offices->ministry_name);
		break;
	default:
		img = e->image;
		alt = g_strdup(e->alt ? e->alt : "Gambar hiasan piagam");
		break;
	}
	if (img) {
		draw_figure_begin(cr, alt);
		image_paint(cr, img, e->x, e->y, e->w, e->h, e->opacity);
		draw_figure_end(cr);
	}
	g_free(alt);
}

/*
 * The QR code as a 1-bit mask, one pixel per module, scaled up with the
 * nearest filter: one small image in the PDF, sharp at any zoom, instead
 * of one rectangle per module.
 */
static int draw_qr(cairo_t *cr, const struct tpl_element *e, const struct cert_values *cv,
		   struct diag *d, const char *what)
{
	char *content = cv->verify_url ? g_strdup(cv->verify_url)
				       : placeholder_expand(&e->text, cv->v);
	QRcode *qr = QRcode_encodeString(content, 0, (QRecLevel)e->qr_level,
					 QR_MODE_8, 1);
	cairo_surface_t *mask;
	cairo_pattern_t *pat;
	unsigned char *data;
	char *alt;
	int n, stride;
	double module;

	if (!qr) {
		diag_error(d, what, 0, "cannot make the QR code of '%s': %s", content,
			   errno == ERANGE ? "too long" : g_strerror(errno));
		g_free(content);
		return -1;
	}
	alt = g_strdup_printf("Kode QR verifikasi: %s", content);
	g_free(content);
	n = qr->width;
	mask = cairo_image_surface_create(CAIRO_FORMAT_A1, n, n);
	stride = cairo_image_surface_get_stride(mask);
	cairo_surface_flush(mask);
	data = cairo_image_surface_get_data(mask);
	for (int y = 0; y < n; y++) {
		uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * stride);

		for (int x = 0; x < n; x++) {
			if (!(qr->data[y * n + x] & 1))
				continue;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
			row[x / 32] |= 1u << (x % 32);
#else
			row[x / 32] |= 1u << (31 - x % 32);
#endif
		}
	}
	cairo_surface_mark_dirty(mask);
	QRcode_free(qr);

	module = e->w / (n + 2 * e->qr_quiet);
	draw_figure_begin(cr, alt);
	g_free(alt);
	cairo_save(cr);
	if (e->has_background) {
		draw_set_rgb(cr, e->background);
		cairo_rectangle(cr, e->x, e->y, e->w, e->h);
		cairo_fill(cr);
	}
	draw_set_rgb(cr, e->color);
	cairo_translate(cr, e->x + e->qr_quiet * module, e->y + e->qr_quiet * module);
	cairo_scale(cr, module, module);
	pat = cairo_pattern_create_for_surface(mask);
	cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
	cairo_mask(cr, pat);
	cairo_pattern_destroy(pat);
	cairo_restore(cr);
	draw_figure_end(cr);
	cairo_surface_destroy(mask);
	return 0;
}

static int is_border(const struct tpl_element *e)
{
	return e->kind == TPL_FRAME || e->kind == TPL_BAND || e->kind == TPL_CORNERS;
}

/* The box a non-border element paints in: a rule's holds its diamond. */
static void element_box(const struct tpl_element *e, double *x, double *y, double *w,
			double *h)
{
	switch (e->kind) {
	case TPL_SEAL:
		*x = e->x - e->w, *y = e->y - e->w, *w = *h = 2 * e->w;
		break;
	case TPL_RULE:
		*x = e->x, *y = e->y - 4 - 3 * e->line_width, *w = e->w;
		*h = 8 + 6 * e->line_width;
		break;
	default:
		*x = e->x, *y = e->y, *w = e->w, *h = e->h;
		break;
	}
}

/* Whether `e` may paint in the box (x, y, w, h): for the border, a ring
 * around its rectangle; for the rest, element_box(). */
static int element_touches(const struct tpl_element *e, double x, double y, double w,
			   double h)
{
	double ox, oy, ow, oh, t;

	if (!is_border(e)) {
		element_box(e, &ox, &oy, &ow, &oh);
		return x < ox + ow && ox < x + w && y < oy + oh && oy < y + h;
	}
	t = e->line_width;
	if (e->kind != TPL_FRAME || e->corner != TPL_CORNER_SQUARE)
		t += e->size;
	if (x >= e->x + e->w + t || y >= e->y + e->h + t || x + w <= e->x - t ||
	    y + h <= e->y - t)
		return 0;
	/* Wholly inside the ring's hole: untouched. */
	return !(x >= e->x + t && y >= e->y + t && x + w <= e->x + e->w - t &&
		 y + h <= e->y + e->h - t);
}

/*
 * Which elements go to the layer drawn once per PDF and reused on each of
 * its pages: those that look the same on every certificate and that no
 * earlier per-unit element overlaps, so drawing them first changes
 * nothing seen.
 */
static gboolean *mark_layer(const struct cert_template *t)
{
	gboolean *in = g_new0(gboolean, t->elements->len);

	for (guint i = 0; i < t->elements->len; i++) {
		const struct tpl_element *e = t->elements->pdata[i];

		/* Only decoration: text and pictures are tagged on their page,
		 * and Cairo 1.16 cannot tag inside a replayed recording. */
		in[i] = (is_border(e) || e->kind == TPL_RULE || e->kind == TPL_SEAL) &&
			e->when == TPL_WHEN_ANY;
		for (guint j = 0; in[i] && j < i; j++) {
			const struct tpl_element *p = t->elements->pdata[j];
			double x, y, w, h;

			if (in[j])
				continue;
			/* p is per-unit, so never a border element. */
			if (is_border(e)) {
				element_box(p, &x, &y, &w, &h);
				in[i] = !element_touches(e, x, y, w, h);
			} else {
				element_box(e, &x, &y, &w, &h);
				in[i] = !element_touches(p, x, y, w, h);
			}
		}
	}
	return in;
}

/* Which elements draw_elements() draws. */
enum pass { PASS_ALL, PASS_LAYER, PASS_UNIT };

/* Draw the elements of `pass` that apply to cv->when, in document order;
 * in_layer from mark_layer() unless pass is PASS_ALL. */
static int draw_elements(cairo_t *cr, const struct cert_template *t, enum pass pass,
			 const gboolean *in_layer, const struct cert_values *cv,
			 struct diag *d, const char *what)
{
	int rc = 0;

	for (guint i = 0; i < t->elements->len; i++) {
		const struct tpl_element *e = t->elements->pdata[i];

		if (!(e->when & cv->when) || (pass == PASS_LAYER && !in_layer[i]) ||
		    (pass == PASS_UNIT && in_layer[i]))
			continue;
		switch (e->kind) {
		case TPL_FRAME: cert_frame(cr, e); break;
		case TPL_BAND: cert_band(cr, e); break;
		case TPL_CORNERS: cert_corners(cr, e); break;
		case TPL_RULE: cert_rule(cr, e); break;
		case TPL_SEAL: cert_seal(cr, e); break;
		case TPL_IMAGE:
		case TPL_SIGNATURE:
		case TPL_STAMP:
		case TPL_LOGO:
			draw_picture(cr, e, cv);
			break;
		case TPL_TEXT: cert_text(cr, e, cv->v); break;
		case TPL_QR:
			if (draw_qr(cr, e, cv, d, what) < 0)
				rc = -1;
			break;
		}
	}
	return rc;
}

static void draw_background(cairo_t *cr, const struct cert_template *t)
{
	if (t->has_background)
		draw_fill_rect(cr, 0, 0, t->width, t->height, t->background);
}

/*
 * The part of the page that is the same on every certificate, recorded
 * once: painted on each page of one PDF, Cairo writes it once as a form
 * and refers to it from every page.
 */
struct layer {
	cairo_surface_t *rec;
	gboolean *in;           /* per element: drawn in `rec` */
};

static void layer_init(struct layer *l, const struct cert_template *t,
		       const struct cert_values *common)
{
	cairo_rectangle_t extents = { 0, 0, t->width, t->height };
	cairo_t *cr;

	l->in = mark_layer(t);
	l->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
	cr = cairo_create(l->rec);
	draw_background(cr, t);
	draw_elements(cr, t, PASS_LAYER, l->in, common, NULL, NULL);
	cairo_destroy(cr);
}

static void layer_release(struct layer *l)
{
	cairo_surface_destroy(l->rec);
	g_free(l->in);
}

/* One page: the layer, then the unit's own elements; or, without a
 * layer, every element. */
static int draw_page(cairo_t *cr, const struct cert_template *t, const struct layer *l,
		     const struct cert_values *cv, struct diag *d, const char *what)
{
	if (!l) {
		draw_background(cr, t);
		return draw_elements(cr, t, PASS_ALL, NULL, cv, d, what);
	}
	cairo_save(cr);
	cairo_set_source_surface(cr, l->rec, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	return draw_elements(cr, t, PASS_UNIT, l->in, cv, d, what);
}

/* A print file with no certificate still gets a page that says so. */
static void draw_no_awards(cairo_t *cr, const struct cert_template *t, int year)
{
	struct draw_style st = { DRAW_SERIF, 20, 0, DRAW_CENTER, { 0.2, 0.2, 0.2 },
				 0, 0, 0 };
	char *msg = g_strdup_printf("Tidak ada unit yang menerima piagam penghargaan "
				    "P2HAM tahun %d.", year);

	draw_background(cr, t);
	draw_text_vcenter(cr, msg, 72, 72, t->width - 144, t->height - 144, &st);
	g_free(msg);
}

int cert_draw(cairo_t *cr, const struct model *m, const struct cert_template *t,
	      unsigned k, struct diag *d)
{
	const struct scored_unit *u = awarded_unit(m, k);
	struct cert_values cv;
	int rc;

	BUG_ON(!u);
	values_common(&cv, m, u->office);
	values_unit(&cv, m, u);
	rc = draw_page(cr, t, NULL, &cv, d, u->id);
	values_release(&cv);
	return rc;
}

/* Finish the PDF; a problem is reported about the file `name`. */
static int finish(cairo_surface_t *s, struct diag *d, const char *name)
{
	char *error = NULL;

	if (draw_pdf_finish(s, &error) == 0)
		return 0;
	diag_error(d, name, 0, "cannot render the certificate: %s", error);
	g_free(error);
	return -1;
}

int cert_write_unit(const struct model *m, const struct cert_template *t, unsigned k,
		    FILE *fp, const char *name, struct diag *d)
{
	const struct scored_unit *u = awarded_unit(m, k);
	char *title, *subject, *keywords;
	struct cert_values cv;
	struct draw_pdf_info info;
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	BUG_ON(!u);
	values_common(&cv, m, u->office);
	values_unit(&cv, m, u);
	title = g_strdup_printf("Piagam Penghargaan — %s", u->name.display);
	subject = g_strdup_printf("Pelayanan Publik Berbasis HAM %d", m->year);
	keywords = g_strdup_printf("%s; %s", u->certificate, u->code);
	info = (struct draw_pdf_info){ title, u->office->name, subject, keywords, m->date };
	s = draw_pdf_new(fp, t->width, t->height, &info);
	cr = cairo_create(s);
	draw_cache_attach(cr);
	rc = draw_page(cr, t, NULL, &cv, d, name);
	cairo_destroy(cr);
	if (finish(s, d, name) < 0)
		rc = -1;
	values_release(&cv);
	g_free(title);
	g_free(subject);
	g_free(keywords);
	return rc;
}

/* The layer of `of`'s certificates in `layers` (office -> struct layer *),
 * recorded on first use. */
static const struct layer *office_layer(GHashTable *layers, const struct model *m,
					const struct cert_template *t, const struct office *of)
{
	struct layer *l = g_hash_table_lookup(layers, of);
	struct cert_values common;

	if (!l) {
		l = g_new0(struct layer, 1);
		values_common(&common, m, of);
		layer_init(l, t, &common);
		g_hash_table_insert(layers, (gpointer)of, l);
	}
	return l;
}

static void layer_free(gpointer p)
{
	layer_release(p);
	g_free(p);
}

int cert_write_all(const struct model *m, const struct cert_template *t, FILE *fp,
		   struct diag *d)
{
	GPtrArray *units = cert_units(m);
	GHashTable *layers = g_hash_table_new_full(NULL, NULL, NULL, layer_free);
	char *title = g_strdup_printf("Piagam Penghargaan P2HAM %d", m->year);
	char *subject = g_strdup_printf("Pelayanan Publik Berbasis HAM %d", m->year);
	struct draw_pdf_info info = { title, m->issuer->name, subject, NULL, m->date };
	cairo_surface_t *s = draw_pdf_new(fp, t->width, t->height, &info);
	cairo_t *cr = cairo_create(s);
	int rc = 0;

	draw_cache_attach(cr);
	for (guint k = 0; k < units->len; k++) {
		const struct scored_unit *u = units->pdata[k];
		struct cert_values cv;
		char *mark, *link;

		values_common(&cv, m, u->office);
		values_unit(&cv, m, u);
		if (draw_page(cr, t, office_layer(layers, m, t, u->office), &cv, d,
			      "certificates.pdf") < 0)
			rc = -1;
		/* A bookmark per certificate, to find one among hundreds. */
		mark = g_strdup_printf("%s — %s", u->certificate, u->name.display);
		link = g_strdup_printf("page=%u", k + 1);
		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, mark, link, 0);
		cairo_show_page(cr);
		g_free(mark);
		g_free(link);
		values_release(&cv);
	}
	if (!units->len)
		draw_no_awards(cr, t, m->year);
	cairo_destroy(cr);
	g_hash_table_destroy(layers);
	if (finish(s, d, "certificates.pdf") < 0)
		rc = -1;
	g_ptr_array_unref(units);
	g_free(title);
	g_free(subject);
	return rc;
}
