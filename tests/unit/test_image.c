/* test_image.c — PNG images of XML inputs: kept inside their folder, checked, decoded. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "image.h"
#include "testutil.h"

/* A folder with a node to report against; diagnostics go to memory. */
struct fixture {
	char *dir;
	xmlDocPtr doc;
	struct diag_capture c;
	struct xmlattr x;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	f->dir = g_dir_make_tmp("image-XXXXXX", NULL);
	assert_non_null(f->dir);
	f->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlDocSetRootElement(f->doc, xmlNewNode(NULL, BAD_CAST "image"));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);

	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	xmlFreeDoc(f->doc);
	g_free(f->dir);
	g_free(f);
	return 0;
}

/* A w x h PNG, every pixel opaque `rgb`, written as NAME in the folder. */
static void write_png(struct fixture *f, const char *name, int w, int h, uint32_t rgb)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	char *path = g_build_filename(f->dir, name, NULL);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, (rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0,
			     (rgb & 0xFF) / 255.0);
	cairo_paint(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	g_free(path);
}

static void make_dir(struct fixture *f, const char *name)
{
	char *path = g_build_filename(f->dir, name, NULL);

	assert_int_equal(mkdir(path, 0700), 0);
	g_free(path);
}

/* image_load() of `src`; the diagnostics end up in f->c.text (free it). */
static cairo_surface_t *load(struct fixture *f, const char *src)
{
	cairo_surface_t *img;

	diag_capture_start(&f->c);
	f->x = (struct xmlattr){ "certificate.xml", &f->c.d, 0 };
	img = image_load(&f->x, xmlDocGetRootElement(f->doc), f->dir, src, "the template's folder");
	diag_capture_stop(&f->c);
	return img;
}

/* src is refused with `message` quoted in the one error reported. */
static void expect_refused(struct fixture *f, const char *src, const char *message)
{
	assert_null(load(f, src));
	assert_int_equal(f->x.errors, 1);
	assert_contains(f->c.text, message);
	free(f->c.text);
}

static void test_a_png_is_decoded(void **state)
{
	struct fixture *f = *state;
	cairo_surface_t *img;
	const unsigned char *px;

	make_dir(f, "img");
	write_png(f, "img/logo.png", 3, 2, 0x3366CC);
	img = load(f, "img/logo.png");
	assert_non_null(img);
	assert_int_equal(f->x.errors, 0);
	assert_int_equal(cairo_image_surface_get_width(img), 3);
	assert_int_equal(cairo_image_surface_get_height(img), 2);
	cairo_surface_flush(img);
	px = cairo_image_surface_get_data(img);
	/* ARGB32 in native byte order: B, G, R, A on a little-endian machine. */
	assert_int_equal(*(const uint32_t *)px, 0xFF3366CCu);
	cairo_surface_destroy(img);
	free(f->c.text);
}

static void test_paths_outside_the_folder(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = { "../logo.png", "img/../../logo.png", "/etc/passwd",
					   "img\\logo.png", "" };

	write_png(f, "logo.png", 1, 1, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		char *want = g_strdup_printf("certificate.xml: error: image '%s' must be a path "
					     "inside the template's folder (relative, without '..')",
					     bad[i]);

		expect_refused(f, bad[i], want);
		g_free(want);
	}
}

static void test_files_that_are_not_images(void **state)
{
	struct fixture *f = *state;
	char *path = g_build_filename(f->dir, "text.png", NULL);
	char *fifo = g_build_filename(f->dir, "fifo.png", NULL);

	assert_true(g_file_set_contents(path, "not a PNG at all, just text\n", -1, NULL));
	assert_int_equal(mkfifo(fifo, 0600), 0);
	make_dir(f, "dir.png");
	expect_refused(f, "missing.png", "image 'missing.png': No such file or directory");
	expect_refused(f, "text.png", "image 'text.png' is not a readable PNG file");
	/* A FIFO with no writer is refused at once instead of blocking. */
	expect_refused(f, "fifo.png", "image 'fifo.png' is not a file");
	expect_refused(f, "dir.png", "image 'dir.png' is not a file");
	g_free(path);
	g_free(fifo);
}

/* The size comes from the header, before the image is decoded. */
static void test_too_many_pixels(void **state)
{
	struct fixture *f = *state;

	write_png(f, "wide.png", 4097, 1, 0xFFFFFF);
	write_png(f, "edge.png", 4096, 1, 0xFFFFFF);
	expect_refused(f, "wide.png", "image 'wide.png' is 4097 x 1 pixels; at most 4096 on a side");
	cairo_surface_destroy(load(f, "edge.png"));
	assert_int_equal(f->x.errors, 0);
	free(f->c.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_png_is_decoded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths_outside_the_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_that_are_not_images, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_pixels, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
