/* draw.c — the drawing layer: shipped fonts, text in boxes, PDF/SVG/PNG surfaces. */
#include "draw.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangofc-fontmap.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

/* The private font configuration, set once by draw_init(). */
static FcConfig *font_config;

/* A font map per thread (Pango font maps are not shared between threads),
 * all of them over font_config. */
static void fontmap_free(gpointer p)
{
	g_object_unref(p);
}

static GPrivate fontmap_key = G_PRIVATE_INIT(fontmap_free);

static const char *const shipped_families[] = { DRAW_SANS, DRAW_SERIF, "DejaVu Sans" };

/* Whether `family` matches a font of the configuration with that very
 * family name; fontconfig would otherwise quietly give another. */
static int family_resolves(FcConfig *cfg, const char *family)
{
	FcPattern *pat = FcPatternCreate(), *match;
	FcResult res;
	FcChar8 *got;
	int ok = 0;

	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(cfg, pat, &res);
	if (match) {
		for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch; i++)
			if (!strcmp((const char *)got, family))
				ok = 1;
		FcPatternDestroy(match);
	}
	FcPatternDestroy(pat);
	return ok;
}

/* Add every font file of `dir` to cfg, file by file: adding the folder
 * would make fontconfig try to write a cache, and complain when it cannot.
 * Returns the number of files added, or -1 when `dir` cannot be read. */
static int add_font_files(FcConfig *cfg, const char *dir)
{
	GDir *gd = g_dir_open(dir, 0, NULL);
	const char *name;
	int n = 0;

	if (!gd)
		return -1;
	while ((name = g_dir_read_name(gd))) {
		char *path;

		if (!g_str_has_suffix(name, ".ttf") && !g_str_has_suffix(name, ".otf"))
			continue;
		path = g_build_filename(dir, name, NULL);
		if (FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
			n++;
		g_free(path);
	}
	g_dir_close(gd);
	return n;
}

int draw_init(const char *data_dir, struct diag *d)
{
	char *dir;
	FcConfig *cfg;

	if (font_config)
		return 0;
	dir = g_build_filename(data_dir, "fonts", NULL);
	cfg = FcConfigCreate();
	if (!cfg || add_font_files(cfg, dir) < 0) {
		diag_error(d, dir, 0, "cannot read the fonts folder");
		goto fail;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(shipped_families); i++) {
		if (!family_resolves(cfg, shipped_families[i])) {
			diag_error(d, dir, 0, "font family '%s' is missing", shipped_families[i]);
			goto fail;
		}
	}
	if (!FcConfigSetCurrent(cfg)) {
		diag_error(d, dir, 0, "cannot set up the fonts");
		goto fail;
	}
	font_config = cfg;      /* the current configuration now holds a reference */
	g_free(dir);
	return 0;
fail:
	if (cfg)
		FcConfigDestroy(cfg);
	g_free(dir);
	return -1;
}

void draw_done(void)
{
	g_private_replace(&fontmap_key, NULL);
	font_config = NULL;
}

static PangoFontMap *thread_font_map(void)
{
	PangoFontMap *fm = g_private_get(&fontmap_key);

	if (!fm) {
		BUG_ON(!font_config);
		fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), font_config);
		g_private_set(&fontmap_key, fm);
	}
	return fm;
}

struct draw_rgb draw_hex(unsigned rgb)
{
	return (struct draw_rgb){ ((rgb >> 16) & 0xff) / 255.0,
				  ((rgb >> 8) & 0xff) / 255.0,
				  (rgb & 0xff) / 255.0 };
}

void draw_set_rgb(cairo_t *cr, struct draw_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/*
 * Layouts measure with unhinted metrics so that the same text breaks the
 * same way on a PDF page, in an SVG and in a PNG.
 */
static PangoLayout *layout_at(cairo_t *cr, const char *text, double w,
			      const struct draw_style *st, double size, int wrap)
{
	PangoContext *ctx = pango_font_map_create_context(thread_font_map());
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoFontDescription *fd = pango_font_description_from_string(st->font);
	PangoLayout *layout;

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_cairo_update_context(cr, ctx);

	layout = pango_layout_new(ctx);
	g_object_unref(ctx);
	pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	if (st->letter_spacing != 0) {
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
			(int)lround(st->letter_spacing * PANGO_SCALE)));
		pango_layout_set_attributes(layout, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_spacing(layout, (int)lround(st->spacing * PANGO_SCALE));
	pango_layout_set_alignment(layout, st->align == DRAW_CENTER ? PANGO_ALIGN_CENTER :
				   st->align == DRAW_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (w > 0) {
		pango_layout_set_width(layout, (int)lround(w * PANGO_SCALE));
		if (wrap) {
			pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
		} else {
			pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
		}
	}
	pango_layout_set_text(layout, text, -1);
	return layout;
}

PangoLayout *draw_layout(cairo_t *cr, const char *text, double w,
			 const struct draw_style *st)
{
	return layout_at(cr, text, w, st, st->size, !st->no_wrap);
}

/* The logical extent of a layout, in points. */
static void layout_extent(PangoLayout *layout, double *w, double *h)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	if (w)
		*w = (double)logical.width / PANGO_SCALE;
	if (h)
		*h = (double)logical.height / PANGO_SCALE;
}

double draw_text_height(cairo_t *cr, const char *text, double w,
			const struct draw_style *st)
{
	PangoLayout *layout = draw_layout(cr, text, w, st);
	double h;

	layout_extent(layout, NULL, &h);
	g_object_unref(layout);
	return h;
}

#define FIT_STEP 0.5
#define FIT_FLOOR 4.0

/* The width of `text` on one line at `size`. */
static double natural_width(cairo_t *cr, const char *text,
			    const struct draw_style *st, double size)
{
	PangoLayout *layout = layout_at(cr, text, -1, st, size, 0);
	double w;

	layout_extent(layout, &w, NULL);
	g_object_unref(layout);
	return w;
}

/* The layout of text fitted into w × h as draw_style describes. */
static PangoLayout *fit_layout(cairo_t *cr, const char *text, double w, double h,
			       const struct draw_style *st, double *used)
{
	double size = st->size, min = st->min_size > 0 ? st->min_size : st->size;
	double tw, th;
	PangoLayout *layout;

	if (min > size)
		min = size;
	/* Shrink on one line down to min_size. Width grows linearly with the
	 * size, so start from the proportional guess and step from there. */
	if (w > 0 && size > min && !st->no_wrap) {
		tw = natural_width(cr, text, st, size);
		if (tw > w) {
			double guess = floor(size * w / tw / FIT_STEP) * FIT_STEP;

			size = guess < min ? min : guess > size ? size : guess;
			while (size > min && natural_width(cr, text, st, size) > w)
				size = fmax(min, size - FIT_STEP);
		}
	}
	/* Wrap; then shrink below min_size only if the box is too short. */
	for (;;) {
		layout = layout_at(cr, text, w, st, size, !st->no_wrap);
		layout_extent(layout, &tw, &th);
		if (h <= 0 || th <= h + 1e-6 || size <= FIT_FLOOR)
			break;
		g_object_unref(layout);
		size = fmax(FIT_FLOOR, size - FIT_STEP);
	}
	if (used)
		*used = size;
	return layout;
}

double draw_text(cairo_t *cr, const char *text, double x, double y, double w,
		 double h, const struct draw_style *st, double *used_size)
{
	PangoLayout *layout;
	double th;

	if (h > 0 || st->min_size > 0) {
		layout = fit_layout(cr, text, w, h, st, used_size);
	} else {
		layout = draw_layout(cr, text, w, st);
		if (used_size)
			*used_size = st->size;
	}
	layout_extent(layout, NULL, &th);
	cairo_save(cr);
	draw_set_rgb(cr, st->color);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
	g_object_unref(layout);
	return th;
}

double draw_text_vcenter(cairo_t *cr, const char *text, double x, double y,
			 double w, double h, const struct draw_style *st)
{
	PangoLayout *layout = fit_layout(cr, text, w, h, st, NULL);
	double th;

	layout_extent(layout, NULL, &th);
	cairo_save(cr);
	draw_set_rgb(cr, st->color);
	cairo_move_to(cr, x, y + (h - th) / 2);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
	g_object_unref(layout);
	return th;
}

void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1,
	       double width, struct draw_rgb c)
{
	cairo_save(cr);
	draw_set_rgb(cr, c);
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void draw_fill_rect(cairo_t *cr, double x, double y, double w, double h,
		    struct draw_rgb c)
{
	cairo_save(cr);
	draw_set_rgb(cr, c);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
	cairo_restore(cr);
}

void draw_stroke_rect(cairo_t *cr, double x, double y, double w, double h,
		      double width, struct draw_rgb c)
{
	cairo_save(cr);
	draw_set_rgb(cr, c);
	cairo_set_line_width(cr, width);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS :
	       CAIRO_STATUS_WRITE_ERROR;
}

cairo_surface_t *draw_pdf_new(FILE *fp, double w, double h,
			      const struct draw_pdf_info *info)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_stream, fp, w, h);
	char date[32];

	g_snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00", info->date / 10000,
		   info->date / 100 % 100, info->date % 100);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info->subject);
	if (info->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "p2ham " P2HAM_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	return s;
}

cairo_surface_t *draw_svg_new(FILE *fp, double w, double h)
{
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_stream, fp, w, h);

	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	return s;
}

int draw_surface_finish(cairo_surface_t *s)
{
	cairo_status_t st;

	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Cairo keeps premultiplied native-endian ARGB; PNG wants straight RGB(A). */
static void unpremultiply_row(const uint32_t *src, unsigned char *dst, int width,
			      int alpha)
{
	for (int x = 0; x < width; x++) {
		uint32_t p = src[x];
		unsigned a = alpha ? p >> 24 : 255;
		unsigned rgb[3] = { (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff };

		for (int k = 0; k < 3; k++)
			*dst++ = (unsigned char)(a == 0 ? 0 : a == 255 ? rgb[k] :
						 (rgb[k] * 255 + a / 2) / a);
		if (alpha)
			*dst++ = (unsigned char)a;
	}
}

int draw_write_png(cairo_surface_t *img, double dpi, FILE *fp)
{
	int width = cairo_image_surface_get_width(img);
	int height = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	int alpha = cairo_image_surface_get_format(img) == CAIRO_FORMAT_ARGB32;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL;
	const unsigned char *data;
	png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);

	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		g_free(row);
		return -1;
	}
	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	row = g_malloc((size_t)width * 4);
	png_init_io(png, fp);
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
		     alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y = 0; y < height; y++) {
		unpremultiply_row((const uint32_t *)(const void *)(data + (size_t)y * stride),
				  row, width, alpha);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	g_free(row);
	return ferror(fp) ? -1 : 0;
}
