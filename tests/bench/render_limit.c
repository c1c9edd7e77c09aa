/* render_limit.c — the rendering limit: bare Cairo/Pango certificate pages. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
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
 * them: an A4 landscape page (842 x 595 pt) with a background, a border of
 * a few paths (four frames, one of them notched, and corner marks), ten text
 * blocks set with Pango in the shipped fonts (two header lines, the title, a
 * long unit name wrapped in its box, a paragraph, place and date, the
 * signatory, a number, a verification code) and a 29 x 29 QR-like image
 * mask. Every page is drawn whole, with nothing shared between pages.
 *
 *   (a) all K pages into one PDF, as certificates.pdf;
 *   (b) each page into a PDF of its own, as certificates/UNIT-ID.pdf.
 *
 * p2ham's certificates are reported as a ratio to these. The fonts come from
 * FONTS_DIR only, through a private fontconfig configuration (FcConfigCreate,
 * the folder's files, FcConfigSetCurrent, a Pango font map on it), so the
 * machine's fonts do not matter.
 *
 * usage: render_limit -k PAGES -f FONTS_DIR -o OUT_DIR
 * prints: pages, then ms per page for (a) and for (b).
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

static void page(cairo_t *cr, unsigned k)
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
	cairo_rectangle(cr, 28, 28, PAGE_W - 56, PAGE_H - 56);
	cairo_rectangle(cr, 38, 38, PAGE_W - 76, PAGE_H - 76);
	cairo_stroke(cr);
	corners(cr, 46, 6);
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

static int one_pdf(const char *path, unsigned pages)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	int rc;

	for (unsigned k = 0; k < pages; k++) {
		page(cr, k);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(s);
	return rc;
}

static int separate_pdfs(const char *dir, unsigned pages)
{
	char path[4096 + 32];

	for (unsigned k = 0; k < pages; k++) {
		cairo_surface_t *s;
		cairo_t *cr;
		int bad;

		snprintf(path, sizeof(path), "%s/page-%04u.pdf", dir, k + 1);
		s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
		cr = cairo_create(s);
		page(cr, k);
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
	if (one_pdf(path, 1) < 0)
		return 1;

	t0 = now();
	if (one_pdf(path, pages) < 0)
		return 1;
	one = now() - t0;
	t0 = now();
	if (separate_pdfs(dir, pages) < 0)
		return 1;
	sep = now() - t0;
	printf("pages %u\none-pdf-ms-per-page %.3f\nseparate-ms-per-page %.3f\n", pages,
	       1000 * one / pages, 1000 * sep / pages);
	g_object_unref(fm);
	return 0;
usage:
	fputs("usage: render_limit -k PAGES -f FONTS_DIR -o OUT_DIR\n", stderr);
	return 2;
}
