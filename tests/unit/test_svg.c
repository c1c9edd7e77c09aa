/* test_svg.c — the SVG writer: a document of its own, in paint order, the same whatever thread draws it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "draw.h"
#include "svg.h"
#include "testutil.h"

static const struct draw_style body = {
	"Lato", 9, 0, DRAW_LEFT, { 0, 0, 0 }, 0, 0, 0 };

/* A picture with every primitive: a box, text over it, a dashed line, a
 * dot, a diamond, a hatched box, text turned a quarter, and text in
 * `words` (which decides which glyphs the document meets first). */
static void paint(cairo_t *cr, const char *words)
{
	const double diamond[] = { 80, 60, 84, 64, 80, 68, 76, 64 };

	draw_fill_rect(cr, 0, 0, 200, 120, draw_hex(0xffffff));
	draw_fill_rect(cr, 10, 10, 120, 20, draw_hex(0x1f3a5f));
	draw_text(cr, "Lapas Kelas IIA & <Uji>", 12, 12, 116, 0, &body, NULL);
	draw_dashed_line(cr, 10, 40, 150, 40, 1.2, draw_hex(0xa8322b), 3, 2);
	draw_fill_circle(cr, 60, 64, 2.8, draw_hex(0x1f3a5f));
	draw_polygon(cr, diamond, 4, draw_hex(0xffffff), 1.0, draw_hex(0x222222));
	draw_hatch_rect(cr, 100.4, 55.25, 17, 9, 3.2, 0.6, draw_hex(0x8a8f98));
	draw_stroke_rect(cr, 100.4, 55.25, 17, 9, 0.6, draw_hex(0x8a8f98));
	draw_turn(cr, 170, 110, -G_PI / 2);
	draw_text(cr, "Kepastian hukum", 0, 0, 90, 0, &body, NULL);
	draw_unturn(cr);
	draw_text(cr, words, 10, 90, 180, 0, &body, NULL);
}

/* The SVG of paint(words), as a string. */
static char *svg_of(const char *words, size_t *len)
{
	struct svg *svg;
	cairo_t *cr = svg_open(200, 120, &svg);
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	svg_describe(svg, "Grafik uji", "Nilai uji: A 84,21 & B <0>.");
	paint(cr, words);
	assert_int_equal(svg_close(svg, cr, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static xmlDocPtr parse(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "chart.svg", NULL, XML_PARSE_NONET);

	assert_non_null(doc);
	return doc;
}

/* The element children of n, in document order. */
static GPtrArray *children(xmlNodePtr n)
{
	GPtrArray *a = g_ptr_array_new();

	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			g_ptr_array_add(a, c);
	return a;
}

static int named(xmlNodePtr n, const char *name)
{
	return !strcmp((const char *)n->name, name);
}

static void well_formed_and_described(void **state)
{
	size_t len;
	char *s = svg_of("Rata-rata kanwil", &len);
	xmlDocPtr doc = parse(s, len);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	GPtrArray *kids = children(root);
	xmlChar *desc;

	assert_true(named(root, "svg"));
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, "http://www.w3.org/2000/svg");
	assert_true(kids->len > 3);
	assert_true(named(kids->pdata[0], "title"));
	assert_true(named(kids->pdata[1], "desc"));
	assert_true(named(kids->pdata[2], "defs"));
	desc = xmlNodeGetContent(kids->pdata[1]);
	assert_string_equal((const char *)desc, "Nilai uji: A 84,21 & B <0>.");
	xmlFree(desc);
	/* No markup of the text reaches the file: text is glyphs. */
	assert_null(strstr(s, "<Uji>"));
	g_ptr_array_free(kids, TRUE);
	xmlFreeDoc(doc);
	free(s);
	(void)state;
}

/* Text painted over a box comes after the box, and the box painted after
 * the text (the turned text over the background) after it: paint order. */
static void paint_order(void **state)
{
	size_t len;
	char *s = svg_of("Rata-rata kanwil", &len);
	xmlDocPtr doc = parse(s, len);
	GPtrArray *kids = children(xmlDocGetRootElement(doc));
	int navy = -1, text = -1, dash = -1, hatch = -1;

	for (guint i = 0; i < kids->len; i++) {
		xmlNodePtr n = kids->pdata[i];
		xmlChar *fill = xmlGetProp(n, BAD_CAST "fill");

		if (named(n, "rect") && fill && !strcmp((char *)fill, "#1f3a5f"))
			navy = (int)i;
		else if (named(n, "g") && text < 0)
			text = (int)i;
		else if (named(n, "line") && xmlHasProp(n, BAD_CAST "stroke-dasharray"))
			dash = (int)i;
		else if (named(n, "rect") && fill && !strncmp((char *)fill, "url(#h", 6))
			hatch = (int)i;
		xmlFree(fill);
	}
	assert_true(navy > 0);
	assert_true(text > navy);
	assert_true(dash > text);
	assert_true(hatch > dash);
	g_ptr_array_free(kids, TRUE);
	xmlFreeDoc(doc);
	free(s);
	(void)state;
}

/* Every id once, none of Cairo's, and every reference to one defined. */
static void walk_ids(xmlNodePtr n, GHashTable *ids, GPtrArray *refs)
{
	for (; n; n = n->next) {
		xmlChar *id, *href, *fill;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		id = xmlGetProp(n, BAD_CAST "id");
		href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST "http://www.w3.org/1999/xlink");
		fill = xmlGetProp(n, BAD_CAST "fill");
		if (id) {
			assert_false(g_hash_table_contains(ids, id));
			assert_false(g_str_has_prefix((char *)id, "surface"));
			assert_false(g_str_has_prefix((char *)id, "image"));
			g_hash_table_add(ids, g_strdup((char *)id));
		}
		if (href)
			g_ptr_array_add(refs, g_strdup((char *)href + 1));
		if (fill && g_str_has_prefix((char *)fill, "url(#"))
			g_ptr_array_add(refs, g_strndup((char *)fill + 5,
							strlen((char *)fill) - 6));
		xmlFree(id);
		xmlFree(href);
		xmlFree(fill);
		walk_ids(n->children, ids, refs);
	}
}

static void ids_unique_and_defined(void **state)
{
	size_t len;
	char *s = svg_of("Rata-rata kanwil", &len);
	xmlDocPtr doc = parse(s, len);
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *refs = g_ptr_array_new_with_free_func(g_free);

	walk_ids(xmlDocGetRootElement(doc), ids, refs);
	assert_true(g_hash_table_size(ids) > 10);
	assert_true(refs->len > 10);
	for (guint i = 0; i < refs->len; i++)
		assert_true(g_hash_table_contains(ids, refs->pdata[i]));
	assert_true(g_hash_table_contains(ids, "g0"));
	assert_true(g_hash_table_contains(ids, "h0"));
	g_ptr_array_free(refs, TRUE);
	g_hash_table_destroy(ids);
	xmlFreeDoc(doc);
	free(s);
	(void)state;
}

/* What a thread draws: another picture first (its glyphs cached in that
 * thread in another order), then the picture compared. */
struct drawn {
	char *other, *doc;
	size_t other_len, len;
};

static gpointer draw_in_thread(gpointer p)
{
	struct drawn *d = p;

	d->other = svg_of("Zebra QX 1234567890 — Ü", &d->other_len);
	d->doc = svg_of("Rata-rata kanwil", &d->len);
	return NULL;
}

static void same_bytes_whatever_thread(void **state)
{
	struct drawn d = { 0 };
	GThread *t = g_thread_new("svg", draw_in_thread, &d);
	size_t len;
	char *here;

	g_thread_join(t);
	here = svg_of("Rata-rata kanwil", &len);
	assert_int_equal(len, d.len);
	assert_memory_equal(here, d.doc, len);
	/* And after this thread has drawn the other picture too. */
	free(here);
	free(svg_of("Zebra QX 1234567890 — Ü", &len));
	here = svg_of("Rata-rata kanwil", &len);
	assert_int_equal(len, d.len);
	assert_memory_equal(here, d.doc, len);
	free(here);
	free(d.other);
	free(d.doc);
	(void)state;
}

/* Two documents drawn at once, their primitives interleaved: each as if
 * drawn alone. */
static void interleaved_documents(void **state)
{
	struct svg *a, *b;
	cairo_t *ca = svg_open(200, 120, &a), *cb = svg_open(200, 120, &b);
	char *ba = NULL, *bb = NULL, *alone;
	size_t la, lb, len;
	FILE *fa = open_memstream(&ba, &la), *fb = open_memstream(&bb, &lb);

	svg_describe(a, "Grafik uji", "Nilai uji: A 84,21 & B <0>.");
	svg_describe(b, "Grafik uji", "Nilai uji: A 84,21 & B <0>.");
	draw_text(cb, "Zebra QX", 10, 10, 100, 0, &body, NULL);
	paint(ca, "Rata-rata kanwil");
	paint(cb, "Rata-rata kanwil");
	assert_int_equal(svg_close(a, ca, fa), 0);
	assert_int_equal(svg_close(b, cb, fb), 0);
	fclose(fa);
	fclose(fb);
	alone = svg_of("Rata-rata kanwil", &len);
	assert_int_equal(la, len);
	assert_memory_equal(ba, alone, len);
	assert_int_not_equal(lb, len);
	free(alone);
	free(ba);
	free(bb);
	(void)state;
}

/* The shapes as written: numbers with a '.' whatever the locale. */
static void shapes_and_numbers(void **state)
{
	size_t len, len_c;
	char *c_locale = svg_of("Rata-rata kanwil", &len_c), *s;

	assert_non_null(setlocale(LC_NUMERIC, "id_ID.UTF-8"));
	s = svg_of("Rata-rata kanwil", &len);
	setlocale(LC_NUMERIC, "C");
	assert_int_equal(len, len_c);
	assert_memory_equal(s, c_locale, len);
	assert_contains(s, "<rect x=\"10\" y=\"10\" width=\"120\" height=\"20\" fill=\"#1f3a5f\"/>");
	assert_contains(s, "<line x1=\"10\" y1=\"40\" x2=\"150\" y2=\"40\" stroke=\"#a8322b\" "
			   "stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>");
	assert_contains(s, "<circle cx=\"60\" cy=\"64\" r=\"2.8\" fill=\"#1f3a5f\"/>");
	assert_contains(s, "<polygon points=\"80,60 84,64 80,68 76,64\" fill=\"#ffffff\" "
			   "stroke=\"#222222\" stroke-width=\"1\"/>");
	/* The hatch in a user space at its top left corner. */
	assert_contains(s, "<rect transform=\"matrix(1 0 0 1 100.4 55.25)\" width=\"17\" "
			   "height=\"9\" fill=\"url(#h0)\"/>");
	assert_contains(s, "<pattern id=\"h0\" patternUnits=\"userSpaceOnUse\" width=\"3.2\" "
			   "height=\"3.2\">");
	/* The turned text: a quarter anticlockwise, at its place. */
	assert_contains(s, "<g transform=\"matrix(0 -0.009 0.009 0 ");
	free(s);
	free(c_locale);
	(void)state;
}

static int setup(void **state)
{
	struct diag quiet = DIAG_INIT;
	int rc;

	quiet.out = fopen("/dev/null", "w");
	if (!quiet.out)
		return -1;
	rc = draw_init("../..", &quiet);
	fclose(quiet.out);
	(void)state;
	return rc;
}

static int teardown(void **state)
{
	draw_done();
	(void)state;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(well_formed_and_described),
		cmocka_unit_test(paint_order),
		cmocka_unit_test(ids_unique_and_defined),
		cmocka_unit_test(same_bytes_whatever_thread),
		cmocka_unit_test(interleaved_documents),
		cmocka_unit_test(shapes_and_numbers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
