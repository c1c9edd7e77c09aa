/* fuzz_offices.c — the issuing offices loader.
 *
 * Each input is an offices.xml. When it loads, it is used the way a run
 * uses it: kanwil names matched (odd ones included), every office found by
 * its id, its certificate and letter numbers made, its verification URL
 * filled in with values full of URL characters, and its placeholders
 * reported. */
#include "fuzz_common.h"

#include "offices.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup(".xml");
	return 0;
}

static void use_office(const struct offices *o, const struct office *of)
{
	struct diag d;
	char *s;

	fuzz_diag(&d);
	if (offices_find(o, of->id) != of)
		abort();
	s = office_certificate_number(of, 1, 2019);
	g_free(s);
	s = office_certificate_number(of, 4294967295u, -2147483647 - 1);
	g_free(s);
	s = office_letter_number(of, 12, 2019);
	g_free(s);
	s = office_verify_url(of, "3F9A2C71D0", "W11/1?&#% x", 2019, "unit-id");
	if (!s != !of->has_verify_url)
		abort();
	g_free(s);
	if (office_warn_placeholders(o, of, "certificates", &d) != d.warnings)
		abort();
}

static void use_offices(const struct offices *o)
{
	static const char *const kanwils[] = {
		"", " ", "Kanwil", "kanwil kanwil", "Kanwil Banten",
		"Kemenkumham Kanwil ",
		"Kantor Wilayah Kementerian Hukum dan HAM Banten", "\xC2\xA0" "Banten",
		"Kanwil\xff", "KANWIL  KEMENKUMHAM banten",
	};

	if (!o->national || !o->national->national)
		abort();
	for (size_t i = 0; i < G_N_ELEMENTS(kanwils); i++) {
		const struct office *of = offices_match(o, kanwils[i]);

		if (of && (of->national || offices_find(o, of->id) != of))
			abort();
	}
	use_office(o, o->national);
	for (guint i = 0; i < o->regional->len; i++) {
		const struct office *of = g_ptr_array_index(o->regional, i);

		/* Each office is found by its own name. */
		if (offices_match(o, of->name) != of)
			abort();
		use_office(o, of);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(data, size);
	struct offices *o;
	struct diag d;

	fuzz_diag(&d);
	o = offices_load(path, &d);
	/* A refused file is reported; a loaded one has no errors. */
	if ((!o && d.errors == 0) || (o && d.errors))
		abort();
	if (o)
		use_offices(o);
	offices_free(o);
	unlink(path);
	return 0;
}
