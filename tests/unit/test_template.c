/* test_template.c — the certificate template: loader, placeholders, rendering. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "draw.h"
#include "ingest.h"
#include "offices.h"
#include "placeholder.h"
#include "rubric.h"
#include "score.h"
#include "template.h"
#include "testutil.h"

#define DEFAULT_TEMPLATE "../../templates/certificate.xml"

static struct cert_template *load(const char *path, struct diag_capture *c)
{
	struct cert_template *t;

	diag_capture_start(c);
	t = template_load(path, &c->d);
	diag_capture_stop(c);
	return t;
}

static const struct tpl_element *element(const struct cert_template *t, guint i)
{
	assert_true(i < t->elements->len);
	return t->elements->pdata[i];
}

static void test_default(void **state)
{
	struct diag_capture c;
	struct cert_template *t = load(DEFAULT_TEMPLATE, &c);
	int name = 0, recommended = 0, retained = 0, qr = 0, office_images = 0;

	if (!t)
		fprintf(stderr, "%s", c.text);
	assert_non_null(t);
	assert_int_equal(c.len, 0);
	/* A4 landscape in whole points, as pdfinfo reports it. */
	assert_float_equal(t->width, 842, 0);
	assert_float_equal(t->height, 595, 0);
	for (guint i = 0; i < t->elements->len; i++) {
		const struct tpl_element *e = element(t, i);

		if (e->id && !strcmp(e->id, "name")) {
			name++;
			assert_true(e->h > 0);
			assert_true(e->style.min_size > 0);
			assert_true(e->text.per_unit);
		}
		recommended += e->when == TPL_WHEN_RECOMMENDED;
		retained += e->when == TPL_WHEN_RETAINED;
		qr += e->kind == TPL_QR;
		office_images += e->kind == TPL_SIGNATURE || e->kind == TPL_STAMP;
	}
	/* Layout only: the office fills in the letterhead and signature. */
	assert_int_equal(office_images, 2);
	assert_int_equal(name, 1);
	assert_int_equal(recommended, 1);
	assert_int_equal(retained, 1);
	assert_int_equal(qr, 1);
	template_free(t);
	free(c.text);
}

/* A template written before the offices file still loads; its issuer and
 * signatory are reported as ignored, never used in silence. */
static void test_legacy_issuer_ignored(void **state)
{
	struct diag_capture c;
	struct cert_template *t = load("data/template-legacy.xml", &c);

	assert_non_null(t);
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(c.d.warnings, 2);
	assert_contains(c.text, "data/template-legacy.xml:3: warning: element 'issuer' is "
				"ignored: the issuing office and its signatory come from the "
				"offices file (--offices)");
	assert_contains(c.text, "data/template-legacy.xml:4: warning: element 'signatory' is "
				"ignored");
	assert_int_equal(t->elements->len, 1);
	template_free(t);
	free(c.text);
}

static void test_valid_fixture(void **state)
{
	struct diag_capture c;
	struct cert_template *t = load("data/template-valid.xml", &c);
	const char *values[PH_COUNT] = { 0 };
	const double margin = 72 / 2.54;        /* 10mm */
	const struct tpl_element *e;
	char *s;

	assert_non_null(t);
	assert_int_equal(c.len, 0);
	assert_float_equal(t->width, 420, 0);   /* A5 portrait */
	assert_float_equal(t->height, 595, 0);
	assert_int_equal(t->has_background, 1);
	assert_int_equal(t->elements->len, 9);
	assert_int_equal(element(t, 0)->kind, TPL_FRAME);
	assert_int_equal(element(t, 0)->corner, TPL_CORNER_ROUND);
	assert_int_equal(element(t, 1)->kind, TPL_BAND);
	assert_int_equal(element(t, 2)->kind, TPL_CORNERS);

	e = element(t, 3);
	assert_int_equal(e->kind, TPL_TEXT);
	assert_string_equal(e->id, "name");
	assert_float_equal(e->x, margin, 1e-9);
	assert_float_equal(e->y, 30 + margin, 1e-9);
	assert_float_equal(e->w, 420 - 2 * margin, 1e-9);
	assert_string_equal(e->style.font, "EB Garamond");
	assert_string_equal(e->features, "lnum");
	assert_float_equal(e->style.size, 20, 0);
	assert_float_equal(e->style.min_size, 10, 0);
	assert_int_equal(e->style.align, DRAW_CENTER);
	assert_int_equal(e->valign, TPL_MIDDLE);
	assert_float_equal(e->style.color.b, 0x33 / 255.0, 1e-9);
	assert_int_equal(e->when, TPL_WHEN_ANY);
	assert_true(e->text.per_unit);

	e = element(t, 4);
	assert_int_equal(e->when, TPL_WHEN_RETAINED);
	assert_int_equal(e->style.align, DRAW_LEFT);
	assert_string_equal(e->style.font, DRAW_SANS);
	values[PH_GRADE] = "Baik";
	s = placeholder_expand(&e->text, values);
	assert_string_equal(s, "{kept} Baik");
	g_free(s);
	assert_int_equal(element(t, 5)->when, TPL_WHEN_RECOMMENDED);
	assert_int_equal(element(t, 6)->kind, TPL_RULE);
	assert_int_equal(element(t, 6)->ornament, 1);
	assert_int_equal(element(t, 7)->kind, TPL_SEAL);

	e = element(t, 8);
	assert_int_equal(e->kind, TPL_QR);
	assert_float_equal(e->w, 72, 1e-9);     /* 1in */
	assert_int_equal(e->qr_quiet, 2);
	template_free(t);
	free(c.text);
}

static void test_placeholders(void **state)
{
	static const struct {
		const char *pattern;
		unsigned seq;
		const char *expect;
	} numbers[] = {
		{ "W11-HAM-{seq:03}/{year}", 1, "W11-HAM-001/2019" },
		{ "W11-HAM-{seq:03}/{year}", 999, "W11-HAM-999/2019" },
		{ "W11-HAM-{seq:03}/{year}", 1000, "W11-HAM-1000/2019" },
		{ "{seq}", 5, "5" },
		{ "{seq:09}", 5, "000000005" },
		{ "{{{seq:01}}}", 12, "{12}" },
		{ "{year}.{seq:02}", 3, "2019.03" },
	};
	static const char *const bad_numbers[] = {
		"{seq:00}", "{seq:3}", "{seq:010}", "{seq:0a}", "{year}", "{seq", "seq}",
		"{unit}{seq}", "{ seq }", "",
	};
	const char *values[PH_COUNT] = { 0 };
	struct ph_text p = { 0 };
	char *error, *s;

	for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
		if (placeholder_parse(numbers[i].pattern, 1, &p, &error) < 0)
			fail_msg("'%s' refused: %s", numbers[i].pattern, error);
		s = placeholder_number(&p, numbers[i].seq, 2019);
		assert_string_equal(s, numbers[i].expect);
		g_free(s);
		assert_false(p.per_unit);
		placeholder_clear(&p);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(bad_numbers); i++) {
		if (placeholder_parse(bad_numbers[i], 1, &p, &error) == 0)
			fail_msg("'%s' accepted", bad_numbers[i]);
		assert_non_null(error);
		assert_null(p.pieces);
		g_free(error);
	}

	assert_int_equal(placeholder_parse("{place}, {date}", 0, &p, &error), 0);
	assert_false(p.per_unit);
	values[PH_PLACE] = "Serang";
	values[PH_DATE] = "10 Desember 2019";
	s = placeholder_expand(&p, values);
	assert_string_equal(s, "Serang, 10 Desember 2019");
	g_free(s);
	placeholder_clear(&p);

	/* Values are inserted as they are: no markup, no escaping. */
	assert_int_equal(placeholder_parse("<b>{unit}</b> {{x}} {signatory.nip}", 0, &p,
					   &error), 0);
	assert_true(p.per_unit);
	values[PH_UNIT] = "A & B <i>";
	s = placeholder_expand(&p, values);
	assert_string_equal(s, "<b>A & B <i></b> {x} ");
	g_free(s);
	placeholder_clear(&p);

	for (int i = 0; i < PH_COUNT; i++) {
		char *one = g_strdup_printf("{%s}", placeholder_name(i));

		assert_int_equal(placeholder_parse(one, 0, &p, &error), 0);
		assert_int_equal(p.per_unit, i >= PH_PER_UNIT);
		placeholder_clear(&p);
		g_free(one);
	}
	assert_int_equal(placeholder_parse("{seq}", 0, &p, &error), -1);
	assert_string_equal(error, "unknown placeholder '{seq}'");
	g_free(error);
}

static void test_unknown_attribute_warns(void **state)
{
	struct diag_capture c;
	struct cert_template *t = load("data/template-typo-attr.xml", &c);

	assert_non_null(t);
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(c.d.warnings, 1);
	assert_string_equal(c.text, "data/template-typo-attr.xml:5: warning: "
			    "unknown attribute 'colour' on 'text' is ignored\n");
	template_free(t);
	free(c.text);
}

/* data/template-NAME.xml and the one message it draws, after its path. */
static const struct {
	const char *file;
	const char *expect;
} refused[] = {
	{ "doctype", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "xxe", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "laughs", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "malformed",
	  ":5: error: opening and ending tag mismatch: text line 5 and txt" },
	{ "not-certificate",
	  ":2: error: root element is 'piagam', expected 'certificate'" },
	{ "dup-page", ":6: error: duplicate element 'page'" },
	{ "page-size",
	  ":5: error: unknown page size 'B4' (A3, A4, A5, F4, Letter, Legal)" },
	{ "unknown-element", ":5: error: unknown element 'emblem'" },
	{ "unknown-border", ":6: error: unknown element 'zigzag' in 'border'" },
	{ "missing-attr", ":5: error: element 'text' is missing attribute 'h'" },
	{ "placeholder", ":5: error: text 'Nama: {nama}': unknown placeholder '{nama}'" },
	{ "unclosed", ":5: error: text '{unit': unclosed '{'; write '{{' for a brace" },
	{ "unmatched", ":5: error: text 'unit}': unmatched '}'; write '}}' for a brace" },
	{ "qr-placeholder",
	  ":5: error: QR content 'https://x.example/{kode}': unknown "
	  "placeholder '{kode}'" },
	{ "color", ":5: error: unknown colour 'gold' in attribute 'color' of 'text'" },
	{ "color-value",
	  ":5: error: colour 'gold' is not #RRGGBB, #RGB or a defined "
	  "colour: '#12345'" },
	{ "style", ":5: error: unknown style 'judul'" },
	{ "font",
	  ":5: error: font 'EB Garamond Bold' is not shipped (Lato, Lato "
	  "Bold, Lato Italic, EB Garamond, EB Garamond Italic, DejaVu Sans, "
	  "DejaVu Sans Bold)" },
	{ "font-family",
	  ":5: error: font 'Times New Roman' is not shipped (Lato, Lato "
	  "Bold, Lato Italic, EB Garamond, EB Garamond Italic, DejaVu Sans, "
	  "DejaVu Sans Bold)" },
	{ "font-size",
	  ":5: error: font 'Lato 12' must not carry a size; use attribute "
	  "'size'" },
	{ "features",
	  ":5: error: attribute 'features' must be OpenType feature tags "
	  "such as 'lnum' or 'liga=0', separated by commas: 'lining'" },
	{ "min-size", ":5: error: min-size 12 is larger than size 10" },
	{ "number", ":5: error: attribute 'y' of 'text' is not a length: '10px'" },
	{ "negative", ":5: error: attribute 'h' of 'text' must be at least 1: '-5'" },
	{ "outside",
	  ":5: error: 'text' box (x 700, y 10, w 200, h 20) does not fit "
	  "inside the margins (802 x 555 pt)" },
	{ "overlap", ":6: error: 'text' box overlaps the 'text' box at line 5" },
	{ "qr-overlap", ":6: error: 'qr' box overlaps the 'text' box at line 5" },
	{ "qr-small", ":5: error: attribute 'size' of 'qr' must be at least 36: '20'" },
	{ "when",
	  ":5: error: attribute 'when' of 'text' must be 'recommended' or "
	  "'retained', not 'always'" },
	{ "dup-id", ":6: error: duplicate id 'a' (first at line 5)" },
	{ "empty-text", ":5: error: 'text' is empty" },
	{ "image-missing",
	  ":5: error: cannot read image 'logo.png': No such file or directory" },
	{ "image-absolute",
	  ":5: error: image '/etc/passwd' must be a path inside the "
	  "template's folder (relative, without '..')" },
	{ "image-dotdot",
	  ":5: error: image '../../templates/x.png' must be a path inside "
	  "the template's folder (relative, without '..')" },
	{ "image-not-png",
	  ":5: error: image 'template-valid.xml' is not a readable PNG file" },
	{ "border-inset",
	  ":6: error: 'frame' at inset 300 does not fit inside the margins" },
	{ "margin", ":5: error: margin 300 pt leaves less than 1 in of the page" },
	{ "version", ":2: error: template version '3' is not supported (1 or 2)" },
};

static void test_refused(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(refused); i++) {
		char *path = g_strdup_printf("data/template-%s.xml", refused[i].file);
		char *expect = g_strconcat(path, refused[i].expect, "\n", NULL);
		struct diag_capture c;
		struct cert_template *t = load(path, &c);

		if (t)
			fail_msg("%s was accepted", path);
		if (strcmp(c.text, expect))
			fail_msg("%s: expected\n%sgot\n%s", path, expect, c.text);
		assert_int_equal(c.d.errors, 1);
		/* Nothing of an entity's replacement text may ever show. */
		assert_null(strstr(c.text, "root:"));
		assert_null(strstr(c.text, "lollol"));
		free(c.text);
		g_free(expect);
		g_free(path);
	}
}

#define MANY "data/template-many-errors.xml"

/* Every problem is reported, not just the first. */
static void test_all_problems_reported(void **state)
{
	static const char *const expect[] = {
		MANY ":5: error: unknown colour 'nope' in attribute 'color' of 'text'",
		MANY ":6: error: text '{x}': unknown placeholder '{x}'",
		MANY ":7: error: 'qr' box (x 0, y 500, size 72) does not fit inside the "
		"margins (802 x 555 pt)",
		MANY ":6: error: 'text' box overlaps the 'text' box at line 5",
	};
	struct diag_capture c;
	struct cert_template *t = load(MANY, &c);

	assert_null(t);
	assert_int_equal(c.d.errors, G_N_ELEMENTS(expect));
	for (size_t i = 0; i < G_N_ELEMENTS(expect); i++)
		assert_contains(c.text, expect[i]);
	free(c.text);
}

static void test_unreadable(void **state)
{
	struct diag_capture c;
	struct cert_template *t = load("data/template-does-not-exist.xml", &c);

	assert_null(t);
	assert_string_equal(c.text, "data/template-does-not-exist.xml: error: "
			    "cannot read: No such file or directory\n");
	free(c.text);
}

/* A file of the scratch folder with this name; removed by scratch_close(). */
static const char *scratch_file(struct scratch *s, const char *name, const void *bytes,
				size_t len)
{
	char *path = g_build_filename(s->dir, name, NULL);
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	g_ptr_array_add(s->paths, path);
	return path;
}

static struct cert_template *load_with_image(struct scratch *s, const char *src,
					     struct diag_capture *c)
{
	char *xml = g_strdup_printf(
		"<certificate>\n"
		"  <image src=\"%s\" x=\"0\" y=\"0\" w=\"100\" h=\"50\"\n"
		"         opacity=\"0.5\"/>\n"
		"</certificate>\n", src);
	const char *path = scratch_file(s, "certificate.xml", xml, strlen(xml));
	struct cert_template *t = load(path, c);

	g_free(xml);
	return t;
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int n)
{
	g_byte_array_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static void test_images(void **state)
{
	struct scratch s = { 0 };
	struct diag_capture c;
	struct cert_template *t;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 20);
	GByteArray *png = g_byte_array_new();
	unsigned char huge[64];
	char *expect;

	assert_int_equal(scratch_open(&s, "p2ham-template"), 0);
	cairo_surface_write_to_png_stream(img, to_bytes, png);
	cairo_surface_destroy(img);
	assert_true(png->len > sizeof huge);
	scratch_file(&s, "logo.png", png->data, png->len);

	t = load_with_image(&s, "logo.png", &c);
	assert_non_null(t);
	assert_int_equal(c.len, 0);
	assert_int_equal(cairo_image_surface_get_width(element(t, 0)->image), 40);
	assert_float_equal(element(t, 0)->opacity, 0.5, 0);
	template_free(t);
	free(c.text);

	/* A header claiming 30000 x 30000 pixels is refused before decoding. */
	memcpy(huge, png->data, sizeof huge);
	huge[16] = huge[17] = huge[20] = huge[21] = 0;
	huge[18] = huge[22] = 0x75;
	huge[19] = huge[23] = 0x30;
	scratch_file(&s, "huge.png", huge, sizeof huge);
	t = load_with_image(&s, "huge.png", &c);
	assert_null(t);
	/* libxml2 numbers an element by the line its start tag ends on. */
	expect = g_strdup_printf("%s/certificate.xml:3: error: image 'huge.png' is "
				 "30000 x 30000 pixels; at most 4096 on a side\n", s.dir);
	assert_string_equal(c.text, expect);
	g_free(expect);
	free(c.text);

	/* Cut short: not readable. */
	scratch_file(&s, "short.png", png->data, png->len / 2);
	t = load_with_image(&s, "short.png", &c);
	assert_null(t);
	assert_contains(c.text, "certificate.xml:3: error: image 'short.png' is not a "
			"readable PNG file");
	free(c.text);

	g_byte_array_unref(png);
	scratch_close(&s);
}

/* ---- rendering, on a small model built from a CSV ---- */

struct fixture {
	struct scratch s;
	struct rubric *rubric;
	struct dataset *ds;
	struct model *m;
	struct cert_template *t;
	struct offices *offices;
};

#define ODD_NAME "Lapas A & <B> \"C\" 'D' ../../x"

static int setup_model(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);
	struct diag quiet = DIAG_INIT;
	struct ingest_options opt = { NULL, 0, NULL };
	GString *csv = g_string_new("kanwil;unit;kode;nilai\n");
	const char *path;
	int rc = -1;

	*state = f;
	quiet.out = fopen("/dev/null", "w");
	if (!quiet.out || scratch_open(&f->s, "p2ham-cert") < 0 ||
	    draw_init("../..", &quiet) < 0)
		goto done;
	f->rubric = rubric_load("../../templates/rubric.xml", &quiet);
	f->t = template_load(DEFAULT_TEMPLATE, &quiet);
	if (!f->rubric || !f->t)
		goto done;
	test_complete_rows(csv, f->rubric, "K", "Lapas A & <B> \"\"C\"\" 'D' ../../x",
			   "lapas");
	test_complete_rows(csv, f->rubric, "K", "Rutan Z", "rutan");
	g_string_append(csv, "K;Lapas Tidak;A.01;Tidak\n");
	path = scratch_write(&f->s, csv->str, csv->len);
	f->ds = dataset_new(f->rubric);
	if (ingest_file(f->ds, path, &opt, &quiet) < 0)
		goto done;
	f->m = model_build(f->ds, 2019, 20191210, NULL);
	f->offices = offices_load("../../templates/offices.xml", &quiet);
	if (!f->offices)
		goto done;
	model_assign_offices(f->m, f->offices, &quiet);
	rc = 0;
done:
	g_string_free(csv, TRUE);
	if (quiet.out)
		fclose(quiet.out);
	return rc;
}

static int teardown_model(void **state)
{
	struct fixture *f = *state;

	if (f->m)
		model_free(f->m);
	if (f->ds)
		dataset_free(f->ds);
	template_free(f->t);
	offices_free(f->offices);
	rubric_free(f->rubric);
	if (f->s.dir)
		scratch_close(&f->s);
	draw_done();
	g_free(f);
	return 0;
}

static void test_cert_units(void **state)
{
	struct fixture *f = *state;
	GPtrArray *units = cert_units(f->m);

	assert_int_equal(f->m->units->len, 3);
	assert_int_equal(units->len, 2);
	for (guint i = 0; i < units->len; i++) {
		const struct scored_unit *u = units->pdata[i];

		assert_int_equal(u->recommendation, REC_RECOMMENDED);
		/* Both score 100: one shared rank, the order by name. */
		assert_int_equal(u->rank, 1);
	}
	assert_string_equal(((struct scored_unit *)units->pdata[0])->name.raw, ODD_NAME);
	g_ptr_array_unref(units);
}

static char *render_all(const struct fixture *f, size_t *len)
{
	struct diag d = DIAG_INIT;
	char *bytes;
	FILE *fp = open_memstream(&bytes, len);

	assert_non_null(fp);
	assert_int_equal(cert_write_all(f->m, f->t, fp, &d), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(d.errors, 0);
	return bytes;
}

static void test_write_all_deterministic(void **state)
{
	struct fixture *f = *state;
	size_t n1, n2;
	char *a = render_all(f, &n1), *b = render_all(f, &n2);

	assert_true(n1 > 1000);
	assert_memory_equal(a, "%PDF-", 5);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
}

/* One unit's certificate to the stream it is given: one page. */
static void test_write_unit(void **state)
{
	struct fixture *f = *state;
	struct diag d = DIAG_INIT;
	char *bytes = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&bytes, &len);

	assert_int_equal(cert_write_unit(f->m, f->t, 0, fp, "certificates/x.pdf", &d), 0);
	assert_int_equal(fclose(fp), 0);
	assert_true(len > 1000);
	assert_memory_equal(bytes, "%PDF-", 5);
	assert_non_null(g_strstr_len(bytes + len - 8, 8, "%%EOF"));
	assert_int_equal(d.errors, 0);
	free(bytes);
}

/* Drawn onto an image: the QR code's square is dark in good part. */
static void test_draw(void **state)
{
	struct fixture *f = *state;
	struct diag d = DIAG_INIT;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							   (int)f->t->width,
							   (int)f->t->height);
	cairo_t *cr = cairo_create(img);
	const struct tpl_element *qr = NULL;
	const unsigned char *px;
	int stride, dark = 0;

	assert_int_equal(cert_draw(cr, f->m, f->t, 1, &d), 0);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	for (guint i = 0; i < f->t->elements->len; i++)
		if (element(f->t, i)->kind == TPL_QR)
			qr = element(f->t, i);
	assert_non_null(qr);
	px = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (int y = (int)qr->y; y < (int)(qr->y + qr->h); y++)
		for (int x = (int)qr->x; x < (int)(qr->x + qr->w); x++)
			dark += px[(size_t)y * stride + 4 * (size_t)x] < 128;
	assert_true(dark > qr->w * qr->h / 5);
	cairo_surface_destroy(img);
}

int main(void)
{
	const struct CMUnitTest loader[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_legacy_issuer_ignored),
		cmocka_unit_test(test_valid_fixture),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_unknown_attribute_warns),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_images),
	};
	const struct CMUnitTest rendering[] = {
		cmocka_unit_test(test_cert_units),
		cmocka_unit_test(test_write_all_deterministic),
		cmocka_unit_test(test_write_unit),
		cmocka_unit_test(test_draw),
	};
	int failed;

	failed = cmocka_run_group_tests_name("template", loader, NULL, NULL);
	failed += cmocka_run_group_tests_name("certificates", rendering, setup_model,
					      teardown_model);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
