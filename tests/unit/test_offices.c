/* test_offices.c — issuing offices: loader, kanwil matching, numbers, placeholders. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <glib.h>
#include <libxml/parser.h>

#include "offices.h"
#include "placeholder.h"
#include "testutil.h"

#define SHIPPED "../../templates/offices.xml"
#define SAMPLES "../../samples/offices.xml"
#define VALID "data/offices-valid.xml"

static struct offices *load(const char *path, struct diag_capture *c)
{
	struct offices *o;

	diag_capture_start(c);
	o = offices_load(path, &c->d);
	diag_capture_stop(c);
	return o;
}

/* Load a file that must load without a word. */
static struct offices *load_clean(const char *path)
{
	struct diag_capture c;
	struct offices *o = load(path, &c);

	if (!o || c.len)
		fail_msg("%s: %s", path, c.text ? c.text : "");
	free(c.text);
	return o;
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

static const char *id_of(const struct office *of)
{
	return of ? of->id : "(none)";
}

static const struct office *regional(const struct offices *o, guint i)
{
	return o->regional->pdata[i];
}

static int setup_shipped(void **state)
{
	struct diag_capture c;
	struct offices *o = load(SHIPPED, &c);

	if (!o || c.len)
		fprintf(stderr, "%s", c.text ? c.text : "");
	free(c.text);
	*state = o;
	return o && !c.len ? 0 : -1;
}

static int teardown_shipped(void **state)
{
	offices_free(*state);
	return 0;
}

static void test_shipped_contents(void **state)
{
	static const struct {
		const char *id, *province, *city;
	} some[] = {
		{ "aceh", "Aceh", "Banda Aceh" },
		{ "kepulauan-riau", "Kepulauan Riau", "Tanjungpinang" },
		{ "banten", "Banten", "Serang" },
		{ "dki-jakarta", "DKI Jakarta", "Jakarta" },
		{ "di-yogyakarta", "Daerah Istimewa Yogyakarta", "Yogyakarta" },
		{ "kalimantan-tengah", "Kalimantan Tengah", "Palangka Raya" },
		{ "kalimantan-selatan", "Kalimantan Selatan", "Banjarbaru" },
		{ "maluku-utara", "Maluku Utara", "Sofifi" },
		{ "papua-barat", "Papua Barat", "Manokwari" },
	};
	const struct offices *o = *state;
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
	char *kanwil;

	assert_string_equal(o->path, SHIPPED);
	assert_string_equal(o->ministry_name,
			    "Kementerian Hukum dan Hak Asasi Manusia Republik Indonesia");
	assert_string_equal(o->ministry_heading,
			    "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA");
	assert_null(o->ministry_logo);
	assert_null(o->home);

	assert_non_null(o->national);
	assert_true(o->national->national);
	assert_string_equal(o->national->id, "ditjen-ham");
	assert_string_equal(o->national->name, "Direktorat Jenderal Hak Asasi Manusia");
	assert_string_equal(o->national->city, "Jakarta");
	assert_string_equal(o->national->signatory.title,
			    "Direktur Jenderal Hak Asasi Manusia");

	assert_int_equal(o->regional->len, 33);
	for (guint i = 0; i < o->regional->len; i++) {
		const struct office *of = regional(o, i);

		assert_false(of->national);
		assert_false(of->home);
		assert_true(g_hash_table_add(ids, of->id));
		assert_non_null(of->province);
		assert_true(g_str_has_prefix(of->name, "Kantor Wilayah Kementerian "
					     "Hukum dan HAM "));
		assert_true(g_str_has_prefix(of->heading, "KANTOR WILAYAH "));
		assert_true(*of->city);
		/* Nothing real: every name, NIP and code is a visible placeholder. */
		assert_string_equal(of->code, "[KODE]");
		assert_string_equal(of->signatory.title, "Kepala Kantor Wilayah");
		assert_string_equal(of->signatory.name, "[Nama Kepala Kantor Wilayah]");
		assert_string_equal(of->signatory.nip, "[NIP]");
		assert_null(of->signatory.signature);
		assert_null(of->signatory.stamp);
		assert_false(of->has_verify_url);
		assert_ptr_equal(offices_find(o, of->id), of);
		/* Every office is found by its province with the usual prefix. */
		kanwil = g_strconcat("Kanwil Kemenkumham ", of->province, NULL);
		assert_string_equal(id_of(offices_match(o, kanwil)), of->id);
		g_free(kanwil);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(some); i++) {
		const struct office *of = offices_find(o, some[i].id);

		assert_non_null(of);
		assert_string_equal(of->province, some[i].province);
		assert_string_equal(of->city, some[i].city);
	}
	assert_string_equal(regional(o, 0)->id, "aceh");
	assert_string_equal(regional(o, 32)->id, "papua-barat");
	assert_string_equal(offices_find(o, "banten")->heading, "KANTOR WILAYAH BANTEN");
	g_hash_table_destroy(ids);
}

static void test_match(void **state)
{
	static const struct {
		const char *kanwil, *id;
	} cases[] = {
		{ "Kanwil Banten", "banten" },
		{ "Kanwil Kemenkumham Banten", "banten" },
		{ "Kantor Wilayah Kementerian Hukum dan HAM Banten", "banten" },
		{ "KANWIL  KEMENKUMHAM banten", "banten" },
		{ "Banten", "banten" },
		{ "  banten\t", "banten" },
		{ "Kementerian Hukum dan Hak Asasi Manusia Kanwil Banten", "banten" },
		{ "Kemenkumham Kanwil Banten", "banten" },
		{ "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Banten",
		  "banten" },
		{ "Kanwil Jatim", "jawa-timur" },
		{ "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Provinsi Kalimantan Tengah",
		  "kalimantan-tengah" },
		{ "Kanwil Provinsi Banten", "banten" },
		{ "jatim", "jawa-timur" },
		{ "Kanwil Kemenkumham Sumut", "sumatera-utara" },
		{ "Kanwil DIY", "di-yogyakarta" },
		{ "Kanwil Kemenkumham D.I. Yogyakarta", "di-yogyakarta" },
		{ "Kanwil DI Yogyakarta", "di-yogyakarta" },
		{ "Daerah Istimewa Yogyakarta", "di-yogyakarta" },
		{ "Kanwil DKI Jakarta", "dki-jakarta" },
		{ "Kanwil Kalteng", "kalimantan-tengah" },
		{ "Kanwil Kemenkumham Kalimantan Tengah", "kalimantan-tengah" },
		{ "Kanwil Kemenkumham Kalimantan Utara", "kalimantan-timur" },
		{ "Kaltara", "kalimantan-timur" },
		{ "Kanwil Babel", "kepulauan-bangka-belitung" },
		{ "Kanwil Kepri", "kepulauan-riau" },
		{ "Kanwil Riau", "riau" },
		{ "Kanwil Papua", "papua" },
		{ "Kanwil Papua Barat", "papua-barat" },
		{ "Kanwil NTT", "nusa-tenggara-timur" },
		{ "Kanwil Malut", "maluku-utara" },
		{ "Kanwil Sultra", "sulawesi-tenggara" },
		{ "Kanwil Sulbar", "sulawesi-barat" },
		{ "Kanwil Sumbar", "sumatera-barat" },
		/* Misses: the caller falls back to the national issuer. */
		{ "Kanwil Atlantis", NULL },
		{ "Kanwil Jawa", NULL },
		{ "Kanwilbanten", NULL },
		{ "Banten Kanwil", NULL },
		{ "Kanwil", NULL },
		{ "Kemenkumham", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "Direktorat Jenderal Hak Asasi Manusia", NULL },
		{ "ditjen-ham", NULL },
	};
	const struct offices *o = *state;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *got = id_of(offices_match(o, cases[i].kanwil));
		const char *want = cases[i].id ? cases[i].id : "(none)";

		if (strcmp(got, want))
			fail_msg("'%s' matched %s, expected %s", cases[i].kanwil, got,
				 want);
	}
	assert_null(offices_match(o, "Kanwil Bant\xff"));
	assert_null(offices_match(o, NULL));
}

static void test_find(void **state)
{
	const struct offices *o = *state;

	assert_ptr_equal(offices_find(o, "ditjen-ham"), o->national);
	assert_string_equal(id_of(offices_find(o, "jawa-timur")), "jawa-timur");
	assert_null(offices_find(o, "Banten"));
	assert_null(offices_find(o, "kanwil-banten"));
	assert_null(offices_find(o, ""));
	assert_null(offices_find(o, NULL));
}

static void assert_number(char *got, const char *want)
{
	assert_string_equal(got, want);
	g_free(got);
}

static void test_shipped_numbers(void **state)
{
	const struct offices *o = *state;
	const struct office *banten = offices_find(o, "banten");

	assert_number(office_certificate_number(banten, 7, 2019), "[KODE]-HAM-007/2019");
	assert_number(office_certificate_number(banten, 1234, 2024),
		      "[KODE]-HAM-1234/2024");
	assert_number(office_letter_number(banten, 1, 2019), "[KODE]-HAM.01/2019");
	assert_number(office_certificate_number(o->national, 12, 2020),
		      "[KODE]-HAM-012/2020");
}

static void test_numbers(void **state)
{
	struct offices *o = load_clean(VALID), *s = load_clean(SAMPLES);
	const struct office *banten = offices_find(o, "banten");
	const struct office *kalteng = offices_find(o, "kalteng");

	assert_number(office_certificate_number(banten, 1, 2019), "BTN-HAM-001/2019");
	assert_number(office_certificate_number(banten, 42, 2021), "BTN-HAM-042/2021");
	assert_number(office_letter_number(banten, 3, 2019), "BTN-HAM.03/2019");
	assert_number(office_certificate_number(o->national, 5, 2019), "DJ-HAM-005/2019");
	/* The office's own patterns: {seq} unpadded, braces, no {seq}. */
	assert_number(office_certificate_number(kalteng, 9, 2019), "W17.HAM-9/{2019}");
	assert_number(office_letter_number(kalteng, 1, 2019), "W17-UM.01.01/2019");
	assert_number(office_letter_number(kalteng, 2, 2019), "W17-UM.01.01/2019");

	banten = offices_find(s, "banten");
	kalteng = offices_find(s, "kalimantan-tengah");
	assert_number(office_certificate_number(banten, 1, 2019),
		      "CONTOH-BTN-HAM-001/2019");
	assert_number(office_certificate_number(kalteng, 2, 2019),
		      "CONTOH-KTG-HAM-002/2019");
	offices_free(o);
	offices_free(s);
}

static void test_verify_url(void **state)
{
	struct offices *o = load_clean(VALID);
	const struct office *banten = offices_find(o, "banten");

	assert_true(banten->has_verify_url);
	assert_number(office_verify_url(banten, "3F9A2C71D0", "W11-HAM-001/2019", 2019,
					"lapas-kelas-iii-cilegon"),
		      "https://verifikasi.example/p2ham?c=3F9A2C71D0&n=W11-HAM-001%2F2019"
		      "&y=2019&u=lapas-kelas-iii-cilegon");
	/* A value cannot add a parameter or a fragment of its own. */
	assert_number(office_verify_url(banten, "AB", "1 & 2#x", 2020, "u"),
		      "https://verifikasi.example/p2ham?c=AB&n=1%20%26%202%23x&y=2020"
		      "&u=u");
	assert_false(offices_find(o, "kalteng")->has_verify_url);
	assert_null(office_verify_url(offices_find(o, "kalteng"), "AB", "1", 2019, "u"));
	assert_null(office_verify_url(o->national, "AB", "1", 2019, "u"));
	offices_free(o);
}

static void test_valid_fixture(void **state)
{
	struct offices *o = load_clean(VALID);
	const struct office *banten = offices_find(o, "banten");
	const struct office *kalteng = offices_find(o, "kalteng");
	const char *kanwil;

	assert_int_equal(o->regional->len, 2);
	assert_null(o->home);
	assert_string_equal(o->ministry_heading, "KEMENTERIAN UJI");
	assert_string_equal(banten->heading, "KANWIL UJI BANTEN");
	assert_int_equal(banten->line, 7);
	assert_null(banten->signatory.nip);
	assert_null(o->national->province);
	/* Name, province and each alias (trimmed) are keys. */
	assert_ptr_equal(offices_match(o, "kanwil uji banten"), banten);
	assert_ptr_equal(offices_match(o, "Uji Banten"), banten);
	assert_ptr_equal(offices_match(o, "Kantor Wilayah Banten"), banten);
	assert_ptr_equal(offices_match(o, "btn"), banten);
	assert_ptr_equal(offices_match(o, "Kemenkumham Uji Kalteng"), kalteng);
	/* An alias that is all prefixes matches only itself. */
	assert_ptr_equal(offices_match(o, " KANTOR  wilayah "), kalteng);
	assert_null(offices_match(o, "Kanwil"));
	assert_null(offices_match(o, "Kanwil Kantor Wilayah"));
	/* Neither the id nor the city is a key. */
	assert_null(offices_match(o, "Kalteng"));
	assert_null(offices_match(o, "Palangka Raya"));
	offices_free(o);

	o = load_clean(SAMPLES);
	assert_int_equal(o->regional->len, 2);
	assert_non_null(o->home);
	assert_string_equal(o->home->id, "banten");
	assert_true(o->home->home);
	assert_string_equal(o->home->city, "Serang");
	assert_string_equal(offices_find(o, "kalimantan-tengah")->city, "Palangka Raya");
	assert_false(offices_find(o, "kalimantan-tengah")->home);
	kanwil = "Kanwil Kemenkumham Kalimantan Tengah";
	assert_string_equal(id_of(offices_match(o, kanwil)), "kalimantan-tengah");
	kanwil = "Kanwil Kemenkumham Banten";
	assert_string_equal(id_of(offices_match(o, kanwil)), "banten");
	offices_free(o);
}

static void test_is_placeholder(void **state)
{
	assert_true(office_is_placeholder("[NIP]"));
	assert_true(office_is_placeholder("[Nama Kepala Kantor Wilayah]"));
	assert_true(office_is_placeholder("  [KODE] \t"));
	assert_true(office_is_placeholder("[]"));
	assert_false(office_is_placeholder("["));
	assert_false(office_is_placeholder("[KODE"));
	assert_false(office_is_placeholder("KODE]"));
	assert_false(office_is_placeholder("W11 [KODE]"));
	assert_false(office_is_placeholder("[KODE] W11"));
	assert_false(office_is_placeholder("Drs. Contoh Nama, S.H., M.H."));
	assert_false(office_is_placeholder(""));
	assert_false(office_is_placeholder(NULL));
}

static unsigned warn(const struct offices *o, const struct office *of, const char *what,
		     struct diag_capture *c)
{
	unsigned n;

	diag_capture_start(c);
	n = office_warn_placeholders(o, of, what, &c->d);
	diag_capture_stop(c);
	assert_int_equal(c->d.warnings, n);
	assert_int_equal(c->d.errors, 0);
	return n;
}

static void test_warn_placeholders(void **state)
{
	const struct offices *o = *state;
	const struct office *banten = offices_find(o, "banten");
	struct offices *v = load_clean(VALID), *s = load_clean(SAMPLES);
	struct diag_capture c;
	char *line;

	/* Code (numbers use {office}), signatory name and NIP. */
	assert_int_equal(warn(o, banten, "certificates", &c), 3);
	line = g_strdup_printf(SHIPPED ":%lu: warning: office 'banten': signatory "
			       "name is a placeholder '[Nama Kepala Kantor "
			       "Wilayah]'; certificates would print it\n", banten->line);
	assert_contains(c.text, line);
	g_free(line);
	line = g_strdup_printf(SHIPPED ":%lu: warning: office 'banten': code is a "
			       "placeholder '[KODE]'; certificates would print it\n",
			       banten->line);
	assert_contains(c.text, line);
	g_free(line);
	assert_contains(c.text, "office 'banten': signatory NIP is a placeholder "
			"'[NIP]'; certificates would print it\n");
	free(c.text);

	assert_int_equal(warn(o, o->national, "letters", &c), 3);
	assert_contains(c.text, "office 'ditjen-ham': signatory name is a placeholder "
			"'[Nama Direktur Jenderal]'; letters would print it\n");
	free(c.text);

	/* kalteng's code is "[KODE]", but none of its patterns uses {office}. */
	assert_int_equal(warn(v, offices_find(v, "kalteng"), "certificates", &c), 0);
	assert_int_equal(c.len, 0);
	free(c.text);
	assert_int_equal(warn(v, offices_find(v, "banten"), "certificates", &c), 0);
	free(c.text);

	/* The samples are filled in. */
	for (guint i = 0; i < s->regional->len; i++) {
		assert_int_equal(warn(s, regional(s, i), "certificates", &c), 0);
		free(c.text);
	}
	assert_int_equal(warn(s, s->national, "report", &c), 0);
	free(c.text);
	offices_free(v);
	offices_free(s);
}

/* Every placeholder field is reported, each at the office's line. */
static void test_warn_every_field(void **state)
{
	static const char xml[] =
		"<offices certificate-number=\"{office}/{seq}\"\n"
		"         letter-number=\"{year}\">\n"
		"  <ministry name=\"[Kementerian]\"/>\n"
		"  <national id=\"n\" name=\"N\" city=\"Jakarta\" code=\"NC\">\n"
		"    <signatory title=\"T\" name=\"N\"/>\n"
		"  </national>\n"
		"  <office id=\"x\" name=\"[Nama]\" heading=\"[KOP]\" city=\"[Kota]\"\n"
		"          code=\"[K]\">\n"
		"    <signatory title=\"[Jabatan]\" name=\"[Nama]\" nip=\"[NIP]\"/>\n"
		"  </office>\n"
		"</offices>\n";
	static const char *const fields[] = {
		"name is a placeholder '[Nama]'", "heading is a placeholder '[KOP]'",
		"city is a placeholder '[Kota]'", "code is a placeholder '[K]'",
		"signatory title is a placeholder '[Jabatan]'",
		"signatory name is a placeholder '[Nama]'",
		"signatory NIP is a placeholder '[NIP]'",
	};
	struct scratch s;
	struct diag_capture c;
	struct offices *o;
	const char *path;

	assert_int_equal(scratch_open(&s, "p2ham-offices"), 0);
	path = scratch_file(&s, "offices.xml", xml, sizeof xml - 1);
	o = load(path, &c);
	assert_non_null(o);
	free(c.text);
	assert_int_equal(warn(o, offices_find(o, "x"), "profiles", &c), 7);
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		char *want = g_strdup_printf("%s:8: warning: office 'x': %s; profiles "
					     "would print it\n", path, fields[i]);

		assert_contains(c.text, want);
		g_free(want);
	}
	free(c.text);
	assert_int_equal(warn(o, o->national, "profiles", &c), 0);
	free(c.text);
	offices_free(o);
	scratch_close(&s);
}

/* The error of parsing `s` into *t, or NULL when it parses. */
static char *parse_error(const char *s, unsigned allowed, int need_seq, struct ph_text *t)
{
	char *error = NULL;
	int rc = placeholder_parse_only(s, allowed, need_seq, t, &error);

	assert_int_equal(rc < 0, error != NULL);
	return error;
}

static void test_number_placeholders(void **state)
{
	const unsigned set = PH_BIT(PH_SEQ) | PH_BIT(PH_YEAR) | PH_BIT(PH_OFFICE);
	const char *values[PH_COUNT] = { 0 };
	struct ph_text t = { 0 };
	char *error;

	values[PH_YEAR] = "2019";
	values[PH_OFFICE] = "W11";
	assert_null(parse_error("{office}-HAM-{seq:03}/{year}", set, 1, &t));
	assert_number(placeholder_expand_seq(&t, values, 7), "W11-HAM-007/2019");
	placeholder_clear(&t);

	assert_null(parse_error("{office}/{year}", set, 0, &t));
	assert_number(placeholder_expand_seq(&t, values, 7), "W11/2019");
	placeholder_clear(&t);

	assert_number(parse_error("{office}/{year}", set, 1, &t),
		      "no {seq}: every certificate would get the same number");
	assert_null(t.pieces);
	assert_number(parse_error("{seq}/{unit}", set, 1, &t),
		      "unknown placeholder '{unit}' (only {seq}, {seq:0N}, {year} and "
		      "{office})");
	assert_number(parse_error("{seq:010}", set, 1, &t),
		      "unknown placeholder '{seq:010}' (only {seq}, {seq:0N}, {year} and "
		      "{office})");
	assert_number(parse_error("{seq}", PH_BIT(PH_CODE), 0, &t),
		      "unknown placeholder '{seq}' (only {code})");

	/* The certificate template's modes are unchanged. */
	assert_int_equal(placeholder_parse("{office}/{seq}", 1, &t, &error), -1);
	assert_number(error, "unknown placeholder '{office}' (only {seq}, {seq:0N} and "
		      "{year})");
	assert_int_equal(placeholder_parse("{office}", 0, &t, &error), 0);
	assert_number(placeholder_expand(&t, values), "W11");
	placeholder_clear(&t);
}

/* data/offices-NAME.xml and the one message it draws, after its path. */
static const struct {
	const char *file;
	const char *expect;
} refused[] = {
	{ "doctype", ":2: error: DOCTYPE and entity declarations are not allowed" },
	{ "not-offices", ":2: error: root element is 'kantor', expected 'offices'" },
	{ "version", ":2: error: offices version '2' is not supported (1)" },
	{ "unknown-element", ":7: error: unknown element 'kantor'" },
	{ "unknown-child", ":8: error: unknown element 'ttd' in 'office'" },
	{ "no-ministry", ":2: error: offices file has no 'ministry' element" },
	{ "dup-ministry", ":7: error: duplicate element 'ministry'" },
	{ "no-national", ":2: error: offices file has no 'national' element" },
	{ "dup-national", ":7: error: duplicate element 'national'" },
	{ "ministry-name", ":3: error: element 'ministry' is missing attribute 'name'" },
	{ "national-name", ":4: error: element 'national' is missing attribute 'name'" },
	{ "office-city", ":7: error: element 'office' is missing attribute 'city'" },
	{ "office-id", ":7: error: element 'office' is missing attribute 'id'" },
	{ "bad-id",
	  ":7: error: office id 'Banten Kanwil' must be lowercase ASCII letters, "
	  "digits and '-'" },
	{ "dup-id", ":10: error: duplicate office id 'banten' (first at line 7)" },
	{ "dup-id-national",
	  ":7: error: duplicate office id 'ditjen-ham' (first at line 4)" },
	{ "dup-key",
	  ":10: error: 'Kanwil Serang' of office 'serang' would also match office "
	  "'banten' (line 7)" },
	{ "dup-key-prefix",
	  ":10: error: 'Kanwil Kemenkumham  BANTEN' of office 'lain' would also match "
	  "office 'banten' (line 7)" },
	{ "dup-province",
	  ":10: error: 'Kantor Wilayah Banten' of office 'lain' would also match office "
	  "'banten' (line 7)" },
	{ "two-home",
	  ":10: error: office 'lain' is marked home, but office 'banten' (line 7) "
	  "already is; at most one may be" },
	{ "home-value",
	  ":7: error: attribute 'home' of 'office' must be 'false' or 'true', not 'ya'" },
	{ "no-signatory", ":7: error: office 'banten' has no 'signatory'" },
	{ "dup-signatory", ":8: error: duplicate element 'signatory' in 'office'" },
	{ "signatory-name",
	  ":8: error: element 'signatory' is missing attribute 'name'" },
	{ "number-no-seq",
	  ":2: error: certificate number pattern 'W11-HAM/{year}': no {seq}: every "
	  "certificate would get the same number" },
	{ "number-placeholder",
	  ":7: error: certificate number pattern '{seq}/{unit}': unknown placeholder "
	  "'{unit}' (only {seq}, {seq:0N}, {year} and {office})" },
	{ "letter-placeholder",
	  ":7: error: letter number pattern '{office}/{tahun}': unknown placeholder "
	  "'{tahun}' (only {seq}, {seq:0N}, {year} and {office})" },
	{ "verify-placeholder",
	  ":7: error: verification URL pattern 'https://v.example/{kode}': unknown "
	  "placeholder '{kode}' (only {year}, {id}, {number} and {code})" },
	{ "no-pattern",
	  ":4: error: office 'ditjen-ham' has no certificate number pattern; set "
	  "'certificate-number' on it or on 'offices'" },
	{ "no-code",
	  ":7: error: office 'banten' has no 'code' for {office} in its certificate "
	  "number pattern" },
	{ "image-dotdot",
	  ":3: error: image '../logo.png' must be a path inside the offices file's "
	  "folder (relative, without '..')" },
	{ "image-missing",
	  ":8: error: cannot read image 'stempel.png': No such file or directory" },
	{ "image-not-png",
	  ":8: error: image 'offices-valid.xml' is not a readable PNG file" },
};

static void test_refused(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(refused); i++) {
		char *path = g_strdup_printf("data/offices-%s.xml", refused[i].file);
		char *expect = g_strconcat(path, refused[i].expect, "\n", NULL);
		struct diag_capture c;
		struct offices *o = load(path, &c);

		if (o)
			fail_msg("%s was accepted", path);
		if (strcmp(c.text, expect))
			fail_msg("%s: expected\n%sgot\n%s", path, expect, c.text);
		assert_int_equal(c.d.errors, 1);
		free(c.text);
		g_free(expect);
		g_free(path);
	}
}

#define MANY "data/offices-many-errors.xml"

/* Every problem is reported, not just the first. */
static void test_all_problems_reported(void **state)
{
	static const char *const expect[] = {
		MANY ":7: error: office id 'Banten' must be lowercase ASCII letters, "
		"digits and '-'",
		MANY ":10: error: element 'office' is missing attribute 'city'",
		MANY ":10: error: verification URL pattern '{x}': unknown placeholder "
		"'{x}' (only {year}, {id}, {number} and {code})",
		MANY ":13: error: 'Kanwil Uji Banten' of office 'lain' would also match "
		"office 'banten' (line 10)",
		MANY ":13: error: attribute 'home' of 'office' must be 'false' or "
		"'true', not 'maybe'",
	};
	struct diag_capture c;
	struct offices *o = load(MANY, &c);

	assert_null(o);
	assert_int_equal(c.d.errors, G_N_ELEMENTS(expect));
	for (size_t i = 0; i < G_N_ELEMENTS(expect); i++)
		assert_contains(c.text, expect[i]);
	free(c.text);
}

static void test_unknown_attribute_warns(void **state)
{
	struct diag_capture c;
	struct offices *o = load("data/offices-typo-attr.xml", &c);

	assert_non_null(o);
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(c.d.warnings, 1);
	assert_string_equal(c.text, "data/offices-typo-attr.xml:7: warning: "
			    "unknown attribute 'alias' on 'office' is ignored\n");
	offices_free(o);
	free(c.text);
}

static void test_unreadable(void **state)
{
	struct diag_capture c;
	struct offices *o = load("data/offices-does-not-exist.xml", &c);

	assert_null(o);
	assert_string_equal(c.text, "data/offices-does-not-exist.xml: error: "
			    "cannot read: No such file or directory\n");
	free(c.text);
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int n)
{
	g_byte_array_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* Logo, signature and stamp are read once, from the offices file's folder. */
static void test_images(void **state)
{
	static const char xml[] =
		"<offices certificate-number=\"{seq}\" letter-number=\"{year}\">\n"
		"  <ministry name=\"Kementerian Uji\" logo=\"logo.png\"/>\n"
		"  <national id=\"n\" name=\"N\" city=\"Jakarta\">\n"
		"    <signatory title=\"T\" name=\"N\" signature=\"ttd.png\"/>\n"
		"  </national>\n"
		"  <office id=\"x\" name=\"X\" city=\"Kota\">\n"
		"    <signatory title=\"T\" name=\"N\" signature=\"ttd.png\"\n"
		"               stamp=\"cap.png\"/>\n"
		"  </office>\n"
		"</offices>\n";
	struct scratch s = { 0 };
	struct diag_capture c;
	struct offices *o;
	const struct office *x;
	const char *path;
	GByteArray *png = g_byte_array_new();
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 30, 12);

	assert_int_equal(scratch_open(&s, "p2ham-offices"), 0);
	cairo_surface_write_to_png_stream(img, to_bytes, png);
	cairo_surface_destroy(img);
	scratch_file(&s, "logo.png", png->data, png->len);
	scratch_file(&s, "ttd.png", png->data, png->len);
	scratch_file(&s, "cap.png", png->data, png->len);

	path = scratch_file(&s, "offices.xml", xml, sizeof xml - 1);
	o = load(path, &c);
	assert_non_null(o);
	assert_int_equal(c.len, 0);
	free(c.text);
	x = offices_find(o, "x");
	assert_non_null(o->ministry_logo);
	assert_int_equal(cairo_image_surface_get_width(o->ministry_logo), 30);
	assert_non_null(o->national->signatory.signature);
	assert_null(o->national->signatory.stamp);
	assert_non_null(x->signatory.signature);
	assert_int_equal(cairo_image_surface_get_height(x->signatory.stamp), 12);
	offices_free(o);

	/* A truncated PNG is refused with the element's line. */
	scratch_file(&s, "cap.png", png->data, png->len / 2);
	o = load(path, &c);
	assert_null(o);
	assert_contains(c.text, "offices.xml:8: error: image 'cap.png' is not a readable "
			"PNG file\n");
	assert_int_equal(c.d.errors, 1);
	free(c.text);

	g_byte_array_unref(png);
	scratch_close(&s);
}

int main(void)
{
	const struct CMUnitTest with_shipped[] = {
		cmocka_unit_test(test_shipped_contents),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_shipped_numbers),
		cmocka_unit_test(test_warn_placeholders),
	};
	const struct CMUnitTest standalone[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_verify_url),
		cmocka_unit_test(test_valid_fixture),
		cmocka_unit_test(test_is_placeholder),
		cmocka_unit_test(test_warn_every_field),
		cmocka_unit_test(test_number_placeholders),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_unknown_attribute_warns),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_images),
	};
	int failed;

	failed = cmocka_run_group_tests_name("offices (shipped)", with_shipped,
					     setup_shipped, teardown_shipped);
	failed += cmocka_run_group_tests_name("offices (fixtures)", standalone, NULL,
					      NULL);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
