/* image.c — PNG images named in XML inputs: kept in their folder, checked, decoded. */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draw.h"

#define MAX_IMAGE_BYTES (16u << 20)
#define MAX_IMAGE_SIDE 4096

/* Refuse what could leave the folder. */
static int safe_relative(const char *src)
{
	char **parts;
	int ok = *src && !g_path_is_absolute(src) && !strchr(src, '\\');

	if (!ok)
		return 0;
	parts = g_strsplit(src, "/", -1);
	for (char **p = parts; *p; p++)
		if (!strcmp(*p, ".."))
			ok = 0;
	g_strfreev(parts);
	return ok;
}

static guint32 be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* The PNG at `path`, decoded, or NULL after an error. Its size is read
 * from the header first: decoding allocates width × height × 4 bytes. */
static cairo_surface_t *load_png(struct xmlattr *x, xmlNodePtr node, const char *src,
				 const char *path)
{
	/* O_NONBLOCK: a FIFO in the folder must not block the run (it is
	 * refused below as not a file). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");
	unsigned char *bytes = NULL;
	cairo_surface_t *img = NULL;
	guint32 w = 0, h = 0;
	struct stat st;
	size_t len = 0;

	if (!fp || fstat(fileno(fp), &st) < 0) {
		xmlattr_fail(x, node, "cannot read image '%s': %s", src,
			     g_strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		xmlattr_fail(x, node, "image '%s' is not a file", src);
	} else if (st.st_size > MAX_IMAGE_BYTES) {
		xmlattr_fail(x, node, "image '%s' is larger than %u MiB", src,
			     MAX_IMAGE_BYTES >> 20);
	} else {
		bytes = g_malloc((size_t)st.st_size + 1);
		len = fread(bytes, 1, (size_t)st.st_size, fp);
		if (len >= 24 && !memcmp(bytes + 12, "IHDR", 4)) {
			w = be32(bytes + 16);
			h = be32(bytes + 20);
		}
		if (ferror(fp))
			xmlattr_fail(x, node, "cannot read image '%s': %s", src,
				     g_strerror(errno));
		else if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE)
			xmlattr_fail(x, node, "image '%s' is %" G_GUINT32_FORMAT
				     " x %" G_GUINT32_FORMAT " pixels; at most %d on a "
				     "side", src, w, h, MAX_IMAGE_SIDE);
		else if (!(img = draw_png_decode(bytes, len)))
			xmlattr_fail(x, node, "image '%s' is not a readable PNG file",
				     src);
	}
	if (fp)
		fclose(fp);
	else if (fd >= 0)
		close(fd);
	g_free(bytes);
	return img;
}

cairo_surface_t *image_load(struct xmlattr *x, xmlNodePtr node, const char *dir,
			    const char *src, const char *folder)
{
	cairo_surface_t *img;
	char *path;

	if (!safe_relative(src)) {
		xmlattr_fail(x, node, "image '%s' must be a path inside %s "
			     "(relative, without '..')", src, folder);
		return NULL;
	}
	path = g_build_filename(dir, src, NULL);
	img = load_png(x, node, src, path);
	g_free(path);
	if (img) {
		/* The surface's address names it while it lives, which is as
		 * long as any document that shows it. */
		char *id = g_strdup_printf("p2ham-image-%p", (void *)img);

		cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_UNIQUE_ID,
					    (const unsigned char *)id, strlen(id), g_free, id);
	}
	return img;
}

void image_paint(cairo_t *cr, cairo_surface_t *image, double x, double y, double w,
		 double h, double alpha)
{
	int iw = cairo_image_surface_get_width(image);
	int ih = cairo_image_surface_get_height(image);
	double scale = fmin(w / iw, h / ih);
	/* A surface of our own: Cairo keeps state (snapshots, ids) per
	 * surface, and `image` is shared between threads. Its id is borrowed,
	 * with nothing to free: a copy freed per paint leaks in Cairo 1.16
	 * when the paint goes into a recording surface. */
	cairo_surface_t *own = cairo_image_surface_create_for_data(
		cairo_image_surface_get_data(image), cairo_image_surface_get_format(image),
		iw, ih, cairo_image_surface_get_stride(image));
	const unsigned char *id;
	unsigned long id_len;

	cairo_surface_get_mime_data(image, CAIRO_MIME_TYPE_UNIQUE_ID, &id, &id_len);
	if (id)
		cairo_surface_set_mime_data(own, CAIRO_MIME_TYPE_UNIQUE_ID, id, id_len, NULL,
					    NULL);
	cairo_save(cr);
	cairo_translate(cr, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, own, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint_with_alpha(cr, alpha);
	cairo_restore(cr);
	cairo_surface_destroy(own);
}
