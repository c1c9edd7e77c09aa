/* render_limit.c — the rendering limit: bare Cairo/Pango certificate pages. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Renders K pages that cost what a certificate costs, with nothing around
 * them. The plain page: A4 landscape (842 x 595 pt), a background, frames
 * (one of them notched) and corner marks, ten text blocks set with Pango in
 * the shipped fonts (two header lines, the title, a long unit name wrapped
 * in its box, a paragraph, place and date, the signatory, a number, a
 * verification code) and a 29 x 29 QR-like image mask. The full page adds
 * what the shipped template draws besides, in plain Cairo and Pango calls:
 * a band of two waving strands repeated from one tile per side, rules with
 * a diamond, a rosette seal, and three more texts (the code's label, an
 * italic note, the signatory's title). Every page is drawn whole, with
 * nothing shared between pages.
 *
 *   (a) all K pages into one PDF, as certificates.pdf;
 *   (b) each page into a PDF of its own, as certificates/UNIT-ID.pdf.
 *
 * Both, for the plain page (the texts, frames and QR-like mask a certificate
 * cannot do without) and for the full page (the plain one plus the band,
 * rules, seal and texts of the shipped template), the latter as "full-...".
 * p2ham's certificates are reported as a ratio to these. The fonts come from
 * FONTS_DIR only, through a private fontconfig configuration (FcConfigCreate,
 * the folder's files, FcConfigSetCurrent, a Pango font map on it), so the
 * machine's fonts do not matter.
 *
 * usage: render_limit -k PAGES -f FONTS_DIR -o OUT_DIR
 * prints: pages, then ms per page for (a) and for (b), plain then full.
 */

#define PAGE_W 842.0
#define PAGE_H 595.0
#define QR_MODULES 29

static const char *const places[] = {
	"Serang", "Palangka Raya", "Medan", "Makassar", "Kupang", "Jayapura",
	"Banda Aceh", "Denpasar", "Pontianak", "Samarinda", "Ambon", "Mataram",
};
static const char *const kinds[] = {
	"Lembaga Pemasyarakatan Perempuan Kelas IIA", "Rumah Tahanan Negara Kelas IIB",
	"Kantor Imigrasi Kelas I Tempat Pemeriksaan Imigrasi", "Balai Pemasyarakatan Kelas II",
	"Lembaga Pembinaan Khusus Anak Kelas I",
};

/* Every font file of `dir`, one by one: adding the folder would make
 * fontconfig try to write a cache and complain that it cannot. */
static int add_fonts(FcConfig *cfg, const char *dir)
{
	GDir *gd = g_dir_open(dir, 0, NULL);
	const char *name;
	int n = 0;

	if (!gd)
		return 0;
	while ((name = g_dir_read_name(gd))) {
		char *path = g_build_filename(dir, name, NULL);

		if ((g_str_has_suffix(name, ".ttf") || g_str_has_suffix(name, ".otf")) &&
		    FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
			n++;
		g_free(path);
	}
	g_dir_close(gd);
	return n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Text in a box: wrapped at `w`, centred unless `left`. */
static void text(cairo_t *cr, const char *s, const char *font, double x, double y,
		 double w, int left)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *desc = pango_font_description_from_string(font);

	pango_layout_set_font_description(layout, desc);
	pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
	pango_layout_set_alignment(layout, left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
	pango_layout_set_text(layout, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(desc);
	g_object_unref(layout);
}

/* A frame with notched corners, inset from the page edge. */
static void notched_frame(cairo_t *cr, double inset, double notch)
{
	double x0 = inset, y0 = inset, x1 = PAGE_W - inset, y1 = PAGE_H - inset;

	cairo_move_to(cr, x0 + notch, y0);
	cairo_line_to(cr, x1 - notch, y0);
	cairo_line_to(cr, x1, y0 + notch);
	cairo_line_to(cr, x1, y1 - notch);
	cairo_line_to(cr, x1 - notch, y1);
	cairo_line_to(cr, x0 + notch, y1);
	cairo_line_to(cr, x0, y1 - notch);
	cairo_line_to(cr, x0, y0 + notch);
	cairo_close_path(cr);
	cairo_stroke(cr);
}

/* A small diamond at each corner of a frame. */
static void corners(cairo_t *cr, double inset, double size)
{
	double xs[2] = { inset, PAGE_W - inset }, ys[2] = { inset, PAGE_H - inset };

	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			cairo_move_to(cr, xs[i] - size, ys[j]);
			cairo_line_to(cr, xs[i], ys[j] - size);
			cairo_line_to(cr, xs[i] + size, ys[j]);
			cairo_line_to(cr, xs[i], ys[j] + size);
			cairo_close_path(cr);
		}
	cairo_fill(cr);
}

/* The band between two rules inset `at` from the page edge, `w` wide: one
 * tile of a wave `wave` long, repeated along each side. */
static void band(cairo_t *cr, double at, double w, double wave)
{
	cairo_rectangle_t ext = { 0, 0, wave, w };
	cairo_surface_t *tile = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	cairo_t *t = cairo_create(tile);
	cairo_pattern_t *pat;
	double mid = w / 2, amp = (mid - 0.6) * 4 / 3;
	double side[4][4] = {	/* x, y, width, height of each side's strip */
		{ at + w, at, PAGE_W - 2 * (at + w), w },
		{ at + w, PAGE_H - at - w, PAGE_W - 2 * (at + w), w },
		{ at, at + w, w, PAGE_H - 2 * (at + w) },
		{ PAGE_W - at - w, at + w, w, PAGE_H - 2 * (at + w) },
	};

	cairo_set_source_rgb(t, 0.66, 0.51, 0.18);
	cairo_set_line_width(t, 0.6);
	for (int strand = 0; strand < 2; strand++) {
		cairo_move_to(t, -wave, mid);
		for (int i = 0; i < 6; i++) {
			double x = -wave + i * wave / 2, up = (i + strand) % 2 ? amp : -amp;

			cairo_curve_to(t, x + wave / 6, mid + up, x + wave / 3, mid + up,
				       x + wave / 2, mid);
		}
	}
	cairo_stroke(t);
	cairo_destroy(t);
	pat = cairo_pattern_create_for_surface(tile);
	cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
	for (int i = 0; i < 4; i++) {
		cairo_matrix_t m;

		if (i < 2)
			cairo_matrix_init_translate(&m, -side[i][0], -side[i][1]);
		else
			cairo_matrix_init(&m, 0, 1, 1, 0, -side[i][1], -side[i][0]);
		cairo_pattern_set_matrix(pat, &m);
		cairo_set_source(cr, pat);
		cairo_rectangle(cr, side[i][0], side[i][1], side[i][2], side[i][3]);
		cairo_fill(cr);
	}
	cairo_pattern_destroy(pat);
	cairo_surface_destroy(tile);
}

/* A horizontal rule, with a diamond in its middle when `diamond`. */
static void rule(cairo_t *cr, double x, double y, double w, int diamond)
{
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
	if (diamond) {
		cairo_move_to(cr, x + w / 2 - 5, y);
		cairo_line_to(cr, x + w / 2, y - 4);
		cairo_line_to(cr, x + w / 2 + 5, y);
		cairo_line_to(cr, x + w / 2, y + 4);
		cairo_close_path(cr);
		cairo_fill(cr);
	}
}

/* A rosette: a disk with a scalloped edge, two rings, twelve circles
 * crossing at the centre. */
static void seal(cairo_t *cr, double cx, double cy, double r)
{
	const int n = 28;

	cairo_new_path(cr);
	for (int i = 0; i < n; i++) {
		double a = 2 * G_PI * i / n, bump = r * 0.115;

		cairo_arc(cr, cx + (r - bump) * cos(a), cy + (r - bump) * sin(a), bump,
			  a - G_PI / 2, a + G_PI / 2);
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_set_line_width(cr, 1);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.84, 0, 2 * G_PI);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.78, 0, 2 * G_PI);
	for (int i = 0; i < 12; i++) {
		double a = i * G_PI / 6;

		cairo_new_sub_path(cr);
		cairo_arc(cr, cx + r / 3 * cos(a), cy + r / 3 * sin(a), r / 3, 0, 2 * G_PI);
	}
	cairo_stroke(cr);
}

/* A QR-like square: an A1 mask of pseudo-random modules, scaled up. */
static void qr(cairo_t *cr, unsigned seed, double x, double y, double size)
{
	cairo_surface_t *mask = cairo_image_surface_create(CAIRO_FORMAT_A1, QR_MODULES,
							    QR_MODULES);
	unsigned char *data = cairo_image_surface_get_data(mask);
	int stride = cairo_image_surface_get_stride(mask);
	cairo_pattern_t *pattern;

	cairo_surface_flush(mask);
	for (int r = 0; r < QR_MODULES; r++)
		for (int c = 0; c < QR_MODULES; c++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) & 1)
				data[r * stride + c / 8] |= (unsigned char)(1u << (c % 8));
		}
	cairo_surface_mark_dirty(mask);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, size / QR_MODULES, size / QR_MODULES);
	pattern = cairo_pattern_create_for_surface(mask);
	cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
	cairo_set_source_rgb(cr, 0.12, 0.18, 0.30);
	cairo_mask(cr, pattern);
	cairo_pattern_destroy(pattern);
	cairo_restore(cr);
	cairo_surface_destroy(mask);
}

/* Page k; `full` adds what the shipped template has beyond the plain page:
 * the band, the rules, the seal and three more texts. */
static void page(cairo_t *cr, unsigned k, int full)
{
	char name[256], para[512], line[128], code[16];
	const char *place = places[k % (sizeof(places) / sizeof(places[0]))];

	snprintf(name, sizeof(name), "%s %s %s", kinds[k % 5], place,
		 k % 3 ? "" : "Cabang Kabupaten Kepulauan Seribu Utara");
	snprintf(para, sizeof(para),
		 "atas prestasi dalam Pelayanan Publik Berbasis Hak Asasi Manusia (P2HAM) "
		 "Tahun 2019 dengan predikat %s (nilai %u,%02u)",
		 k % 2 ? "Sangat Baik" : "Baik", 80 + k % 20, k % 100);
	snprintf(code, sizeof(code), "%08X%02X", k * 2654435761u, k % 251);

	cairo_set_source_rgb(cr, 1.0, 0.992, 0.965);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.12, 0.18, 0.30);
	cairo_set_line_width(cr, 2.4);
	cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.66, 0.51, 0.18);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, 26, 26, PAGE_W - 52, PAGE_H - 52);
	cairo_rectangle(cr, 40, 40, PAGE_W - 80, PAGE_H - 80);
	cairo_stroke(cr);
	if (full)
		band(cr, 26, 14, 22);
	cairo_set_source_rgb(cr, 0.66, 0.51, 0.18);
	corners(cr, 46, 6);
	if (full) {
		rule(cr, 271, 112, 300, 1);
		rule(cr, 221, 322, 400, 0);
		seal(cr, 421, 472, 40);
	}
	cairo_set_source_rgb(cr, 0.12, 0.18, 0.30);
	cairo_set_line_width(cr, 1);
	notched_frame(cr, 46, 16);

	cairo_set_source_rgb(cr, 0.12, 0.18, 0.30);
	text(cr, "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA",
	     "Lato Bold 13", 40, 66, 762, 0);
	snprintf(line, sizeof(line), "KANTOR WILAYAH %s", place);
	text(cr, line, "Lato Bold 12.5", 40, 86, 762, 0);
	cairo_set_source_rgb(cr, 0.48, 0.12, 0.14);
	text(cr, "PIAGAM PENGHARGAAN", "EB Garamond 46", 40, 144, 762, 0);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	text(cr, "diberikan kepada", "EB Garamond Italic 17", 40, 206, 762, 0);
	if (full) {
		text(cr, "Kode verifikasi", "Lato 9", 154, 454, 200, 1);
		text(cr, "Pindai kode QR, atau cocokkan kode ini dengan data Kantor "
		     "Wilayah, untuk memeriksa keaslian piagam.", "Lato Italic 8", 154,
		     488, 200, 1);
		text(cr, "Kepala Kantor Wilayah,", "Lato Bold 11.5", 525, 429, 250, 0);
	}
	cairo_set_source_rgb(cr, 0.12, 0.18, 0.30);
	text(cr, name, "EB Garamond 24", 60, 230, 722, 0);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	text(cr, para, "EB Garamond 16.5", 111, 336, 620, 0);
	snprintf(line, sizeof(line), "%s, 10 Desember 2019", place);
	text(cr, line, "Lato 11.5", 525, 412, 250, 0);
	text(cr, "Dr. Ahmad Fauzi Rahman, S.H., M.H.\nNIP 19680512 199203 1 002",
	     "Lato Bold 12", 525, 490, 250, 0);
	snprintf(line, sizeof(line), "Nomor: W11-HAM-%03u/2019", k + 1);
	text(cr, line, "Lato 10.5", 40, 120, 762, 0);
	text(cr, code, "Lato Bold 13", 154, 468, 200, 1);
	qr(cr, k + 1, 64, 438, 84);
}

static int one_pdf(const char *path, unsigned pages, int full)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	int rc;

	for (unsigned k = 0; k < pages; k++) {
		page(cr, k, full);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(s);
	return rc;
}

static int separate_pdfs(const char *dir, unsigned pages, int full)
{
	char path[4096 + 32];

	for (unsigned k = 0; k < pages; k++) {
		cairo_surface_t *s;
		cairo_t *cr;
		int bad;

		snprintf(path, sizeof(path), "%s/page-%04u.pdf", dir, k + 1);
		s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
		cr = cairo_create(s);
		page(cr, k, full);
		cairo_show_page(cr);
		cairo_destroy(cr);
		cairo_surface_finish(s);
		bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
		cairo_surface_destroy(s);
		if (bad)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *fonts = NULL, *out = NULL;
	unsigned pages = 100;
	char path[4096], dir[4096];
	FcConfig *cfg;
	PangoFontMap *fm;
	double t0, one, sep;
	int opt;

	while ((opt = getopt(argc, argv, "k:f:o:")) != -1) {
		switch (opt) {
		case 'k': pages = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'f': fonts = optarg; break;
		case 'o': out = optarg; break;
		default: goto usage;
		}
	}
	if (!fonts || !out || pages == 0)
		goto usage;

	/* Only the shipped fonts: a configuration of their folder alone. */
	cfg = FcConfigCreate();
	if (!cfg || add_fonts(cfg, fonts) == 0 || !FcConfigSetCurrent(cfg)) {
		fprintf(stderr, "render_limit: cannot use the fonts in '%s'\n", fonts);
		return 1;
	}
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(fm));

	snprintf(dir, sizeof(dir), "%s/separate", out);
	if ((mkdir(out, 0777) != 0 && errno != EEXIST) ||
	    (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
		fprintf(stderr, "render_limit: cannot create '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/all.pdf", out);
	/* One page first, so that font loading is not counted in either mode. */
	if (one_pdf(path, 1, 1) < 0)
		return 1;
	printf("pages %u\n", pages);
	for (int full = 0; full < 2; full++) {
		t0 = now();
		if (one_pdf(path, pages, full) < 0)
			return 1;
		one = now() - t0;
		t0 = now();
		if (separate_pdfs(dir, pages, full) < 0)
			return 1;
		sep = now() - t0;
		printf("%sone-pdf-ms-per-page %.3f\n%sseparate-ms-per-page %.3f\n",
		       full ? "full-" : "", 1000 * one / pages, full ? "full-" : "",
		       1000 * sep / pages);
	}
	g_object_unref(fm);
	return 0;
usage:
	fputs("usage: render_limit -k PAGES -f FONTS_DIR -o OUT_DIR\n", stderr);
	return 2;
}
