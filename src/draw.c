/* draw.c — the drawing layer: shipped fonts, text in boxes, PDF/SVG/PNG surfaces. */
#include "draw.h"

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

/* A cache of layouts per thread, for draw_cache_attach(). */
static void cache_free(gpointer p)
{
	g_hash_table_destroy(p);
}

static GPrivate thread_cache_key = G_PRIVATE_INIT(cache_free);
static const cairo_user_data_key_t cache_key;

static const char *const shipped_families[] = { DRAW_SANS, DRAW_SERIF, "DejaVu Sans" };

/* The faces of the shipped files, as DRAW_SHIPPED_FACES lists them. */
static const struct {
	const char *family;
	PangoWeight weight;
	PangoStyle style;
} shipped_faces[] = {
	{ DRAW_SANS, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	{ DRAW_SANS, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	{ DRAW_SANS, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
	{ DRAW_SERIF, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	{ DRAW_SERIF, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
	{ "DejaVu Sans", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	{ "DejaVu Sans", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

int draw_font_shipped(const char *font)
{
	PangoFontDescription *fd = pango_font_description_from_string(font);
	const char *family = pango_font_description_get_family(fd);
	int found = 0;

	for (size_t i = 0; family && i < G_N_ELEMENTS(shipped_faces); i++)
		if (!g_ascii_strcasecmp(family, shipped_faces[i].family) &&
		    pango_font_description_get_weight(fd) == shipped_faces[i].weight &&
		    pango_font_description_get_style(fd) == shipped_faces[i].style)
			found = 1;
	pango_font_description_free(fd);
	return found;
}

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
	g_private_replace(&thread_cache_key, NULL);
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
static PangoLayout *layout_new(cairo_t *cr, const char *text, double w,
			       const struct draw_style *st, double size, int wrap)
{
	PangoContext *ctx = pango_font_map_create_context(thread_font_map());
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoFontDescription *fd = pango_font_description_from_string(st->font);
	PangoLayout *layout;

	/* At 72 dpi a size is in PDF points (Pango's default is 96). */
	pango_cairo_context_set_resolution(ctx, 72.0);
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

/*
 * The layout cache of draw_cache_attach(), one per thread: layouts by
 * everything that shapes them, the kind of surface and the CTM's linear
 * part included (a rotated label is laid out for its rotation). Shaping is
 * the bulk of the cost of text, and charts and report pages repeat their
 * labels and numbers over and over. When full it is emptied rather than
 * trimmed: the pages come out the same either way.
 */
#define CACHE_MAX 4096

/* What shapes a layout, the key of the cache. */
struct layout_key {
	char *text;
	const char *font;       /* the style's; compared by content */
	double size, w, spacing, letter_spacing, ctm[4];
	int wrap, align, surface;
};

static guint layout_key_hash(gconstpointer p)
{
	const struct layout_key *k = p;

	return g_str_hash(k->text) ^ (g_str_hash(k->font) * 31) ^ (guint)(k->size * 1024) ^
	       ((guint)(k->w * 64) << 7);
}

static gboolean layout_key_equal(gconstpointer a, gconstpointer b)
{
	const struct layout_key *x = a, *y = b;

	return x->size == y->size && x->w == y->w && x->wrap == y->wrap &&
	       x->align == y->align && x->surface == y->surface &&
	       x->spacing == y->spacing && x->letter_spacing == y->letter_spacing &&
	       !memcmp(x->ctm, y->ctm, sizeof x->ctm) && !strcmp(x->font, y->font) &&
	       !strcmp(x->text, y->text);
}

static void layout_key_free(gpointer p)
{
	struct layout_key *k = p;

	g_free(k->text);
	g_free((char *)k->font);
	g_free(k);
}

void draw_cache_attach(cairo_t *cr)
{
	GHashTable *cache = g_private_get(&thread_cache_key);

	if (!cache) {
		cache = g_hash_table_new_full(layout_key_hash, layout_key_equal, layout_key_free,
					      g_object_unref);
		g_private_set(&thread_cache_key, cache);
	}
	cairo_set_user_data(cr, &cache_key, cache, NULL);
}

static PangoLayout *layout_at(cairo_t *cr, const char *text, double w,
			      const struct draw_style *st, double size, int wrap)
{
	GHashTable *cache = cairo_get_user_data(cr, &cache_key);
	struct layout_key probe, *key;
	PangoLayout *layout;
	cairo_matrix_t ctm;

	if (!cache)
		return layout_new(cr, text, w, st, size, wrap);
	if (w <= 0) {
		w = -1;
		wrap = 0;
	}
	cairo_get_matrix(cr, &ctm);
	probe = (struct layout_key){ (char *)text, st->font, size, w, st->spacing,
				     st->letter_spacing, { ctm.xx, ctm.yx, ctm.xy, ctm.yy },
				     wrap, (int)st->align,
				     (int)cairo_surface_get_type(cairo_get_target(cr)) };
	layout = g_hash_table_lookup(cache, &probe);
	if (layout)
		return g_object_ref(layout);
	if (g_hash_table_size(cache) >= CACHE_MAX)
		g_hash_table_remove_all(cache);
	layout = layout_new(cr, text, w, st, size, wrap);
	key = g_new(struct layout_key, 1);
	*key = probe;
	key->text = g_strdup(text);
	key->font = g_strdup(st->font);
	g_hash_table_insert(cache, key, g_object_ref(layout));
	return layout;
}

/* Never from the cache: the caller may change the layout it gets. */
PangoLayout *draw_layout(cairo_t *cr, const char *text, double w,
			 const struct draw_style *st)
{
	return layout_new(cr, text, w, st, st->size, !st->no_wrap);
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
	PangoLayout *layout = layout_at(cr, text, w, st, st->size, !st->no_wrap);
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

double draw_text_width(cairo_t *cr, const char *text, const struct draw_style *st)
{
	return natural_width(cr, text, st, st->size);
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

PangoLayout *draw_layout_fit(cairo_t *cr, const char *text, double w, double h,
			     const struct draw_style *st, double *used_size)
{
	return fit_layout(cr, text, w, h, st, used_size);
}

static void show_layout(cairo_t *cr, PangoLayout *layout, double x, double y,
			struct draw_rgb color)
{
	if (draw_sink_text(cr, layout, x, y, color))
		return;
	cairo_save(cr);
	draw_set_rgb(cr, color);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
}

double draw_text(cairo_t *cr, const char *text, double x, double y, double w,
		 double h, const struct draw_style *st, double *used_size)
{
	PangoLayout *layout;
	double th;

	if (h > 0 || st->min_size > 0) {
		layout = fit_layout(cr, text, w, h, st, used_size);
	} else {
		layout = layout_at(cr, text, w, st, st->size, !st->no_wrap);
		if (used_size)
			*used_size = st->size;
	}
	layout_extent(layout, NULL, &th);
	show_layout(cr, layout, x, y, st->color);
	g_object_unref(layout);
	return th;
}

double draw_text_vcenter(cairo_t *cr, const char *text, double x, double y,
			 double w, double h, const struct draw_style *st)
{
	PangoLayout *layout = fit_layout(cr, text, w, h, st, NULL);
	double th;

	layout_extent(layout, NULL, &th);
	show_layout(cr, layout, x, y + (h - th) / 2, st->color);
	g_object_unref(layout);
	return th;
}

struct png_bytes {
	const unsigned char *data;
	size_t len, pos;
};

static cairo_status_t read_png_bytes(void *closure, unsigned char *out, unsigned int n)
{
	struct png_bytes *r = closure;

	if (r->len - r->pos < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *draw_png_decode(const void *bytes, size_t len)
{
	struct png_bytes r = { bytes, len, 0 };
	cairo_surface_t *img;

	if (len < 8 || memcmp(bytes, "\x89PNG\r\n\x1a\n", 8))
		return NULL;
	img = cairo_image_surface_create_from_png_stream(read_png_bytes, &r);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return NULL;
	}
	return img;
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

/* Rows per band of draw_png_paint(): a few MB of pixels at chart widths. */
#define PNG_BAND 1024
#define PNG_MAX_SIDE 32767

/* The band of pixel rows from y0 of a picture w points wide, painted on
 * white into img: the whole picture shifted up by whole pixels, so that
 * the bands join without a seam, and clipped to the band. */
static void paint_band(cairo_surface_t *img, int y0, double scale, double w,
		       void (*paint)(cairo_t *cr, void *data), void *data)
{
	cairo_t *cr = cairo_create(img);
	int band = cairo_image_surface_get_height(img);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, 0, -y0);
	cairo_scale(cr, scale, scale);
	cairo_rectangle(cr, 0, y0 / scale, w, band / scale);
	cairo_clip(cr);
	paint(cr, data);
	cairo_destroy(cr);
	cairo_surface_flush(img);
}

int draw_png_paint(FILE *fp, double w, double h, double dpi,
		   void (*paint)(cairo_t *cr, void *data), void *data)
{
	double scale = dpi / 72.0;
	int width = (int)ceil(w * scale), height = (int)ceil(h * scale);
	int band = height < PNG_BAND ? height : PNG_BAND;
	png_structp png;
	png_infop info = NULL;
	cairo_surface_t *volatile img = NULL;
	unsigned char *volatile row = NULL;
	png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);

	if (width < 1 || height < 1 || width > PNG_MAX_SIDE)
		return -1;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		if (img)
			cairo_surface_destroy(img);
		g_free(row);
		return -1;
	}
	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, band);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		png_error(png, "no memory for the picture");
	row = g_malloc((size_t)width * 3);
	png_init_io(png, fp);
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y0 = 0; y0 < height; y0 += band) {
		int rows = height - y0 < band ? height - y0 : band;
		const unsigned char *px;
		int stride;

		paint_band(img, y0, scale, w, paint, data);
		px = cairo_image_surface_get_data(img);
		stride = cairo_image_surface_get_stride(img);
		for (int y = 0; y < rows; y++) {
			unpremultiply_row((const uint32_t *)(const void *)(px + (size_t)y * stride),
					  row, width, 0);
			png_write_row(png, row);
		}
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	cairo_surface_destroy(img);
	g_free(row);
	return ferror(fp) ? -1 : 0;
}
