/* image.c — PNG images named in XML inputs: kept in their folder, checked, decoded. */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
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
	return img;
}
