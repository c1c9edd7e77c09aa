/* fuzz_template.c — the certificate template loader.
 *
 * Each input is a certificate.xml, written into a scratch folder that also
 * holds a small logo.png (images are read from the template's folder).
 * When it loads, it is used the way a run uses it: the certificate of each
 * awarded unit, issued by the sample offices (one with a signatory, and so
 * every office placeholder filled in), drawn
 * (one with a 120-character name full of markup characters) onto a
 * recording surface, so that text fitting, QR codes and borders meet every
 * box, size and colour the loader lets through. */
#include "fuzz_common.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "cert.h"
#include "draw.h"
#include "offices.h"
#include "template.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *folder;
static struct rubric *rubric;
static struct dataset *dataset;
static struct model *model;
static GPtrArray *awarded;
static struct offices *offices;

static void write_logo(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
	cairo_paint(cr);
	cairo_destroy(cr);
	if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS)
		abort();
	cairo_surface_destroy(s);
}

/* Two units answering every lapas item with its best level: both awarded. */
static void build_model(void)
{
	static const char *const names[] = {
		"Lapas Kelas III Cilegon",
		"Lapas <b>Kelas</b> & \"IIA\" 'Serang' {unit} {code} %s %n "
		"Sangat Panjang Sekali Namanya Sampai Seratus Dua Puluh Karakter Penuh ABC",
	};
	const struct rubric_unit_type *type = rubric_find_type(rubric, "lapas");
	struct ingest_options opt = { NULL, 0, NULL };
	char *csv = g_build_filename(folder, "units.csv", NULL);
	GString *rows = g_string_new("kanwil;unit;jenis;kode;nilai\n");
	struct diag d;
	FILE *fp;

	fuzz_diag(&d);
	if (!type)
		abort();
	for (size_t u = 0; u < G_N_ELEMENTS(names); u++)
		for (guint i = 0; i < type->items->len; i++) {
			const struct rubric_item *it = g_ptr_array_index(type->items, i);
			const struct rubric_level *best = g_ptr_array_index(it->scale->levels, 0);

			for (guint l = 1; l < it->scale->levels->len; l++) {
				const struct rubric_level *lv =
					g_ptr_array_index(it->scale->levels, l);
				if (lv->value > best->value)
					best = lv;
			}
			if (it->gate == best)
				best = g_ptr_array_index(it->scale->levels,
							 it->scale->levels->len - 1);
			g_string_append_printf(rows, "Kanwil Banten;\"%s\";lapas;%s;%s\n",
					       names[u], it->code, best->label);
		}
	fp = fopen(csv, "wb");
	if (!fp || fwrite(rows->str, 1, rows->len, fp) != rows->len || fclose(fp) != 0)
		abort();
	dataset = dataset_new(rubric);
	if (ingest_file(dataset, csv, &opt, &d) < 0 || dataset->rows_rejected)
		abort();
	g_unlink(csv);
	g_free(csv);
	g_string_free(rows, TRUE);
	model = model_build(dataset, 2019, 20191210, NULL);
	model_assign_offices(model, offices, &d);
	awarded = cert_units(model);
	if (awarded->len != G_N_ELEMENTS(names))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir();
	char *logo;
	struct diag d;

	fuzz_setup(".xml");
	g_free(fuzz_path);
	folder = g_strdup_printf("%s/p2ham-fuzz-template-%ld", base, (long)getpid());
	if (g_mkdir_with_parents(folder, 0700) != 0)
		abort();
	fuzz_path = g_build_filename(folder, "certificate.xml", NULL);
	logo = g_build_filename(folder, "logo.png", NULL);
	write_logo(logo);
	g_free(logo);
	fuzz_diag(&d);
	rubric = rubric_load(FUZZ_DATA_DIR "/templates/rubric.xml", &d);
	offices = offices_load(FUZZ_DATA_DIR "/samples/offices.xml", &d);
	if (!rubric || !offices || draw_init(FUZZ_DATA_DIR, &d) < 0)
		abort();
	build_model();
	return 0;
}

static void use_template(struct cert_template *t)
{
	struct diag d;

	fuzz_diag(&d);
	for (guint k = 0; k < awarded->len; k++) {
		cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
		cairo_t *cr = cairo_create(s);

		cert_draw(cr, model, t, k, &d);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(data, size);
	struct cert_template *t;
	struct diag d;

	fuzz_diag(&d);
	t = template_load(path, &d);
	if ((!t && d.errors == 0) || (t && d.errors))
		abort();
	if (t)
		use_template(t);
	template_free(t);
	unlink(path);
	return 0;
}
