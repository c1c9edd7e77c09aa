/* reason.c — why a row was rejected, in Indonesian, for the pages people read. */
#include "reason.h"

#include <string.h>

#include "text.h"

#define MAX_HOLES 4

/*
 * Each English reason as its format string, and the Indonesian sentence
 * with {N} for the Nth value of the English (from 1) and {tN} for a unit
 * type id to show by its label.
 */
static const struct {
	const char *en, *id;
} reasons[] = {
	{ "empty unit", "nama UPT kosong" },
	{ "empty kode", "kode butir kosong" },
	{ "empty answer", "jawaban kosong" },
	{ "no kanwil: add a kanwil column or use --kanwil",
	  "kantor wilayah tidak diisi" },
	{ "unknown unit type '%s'", "jenis UPT \u201c{1}\u201d tidak dikenal" },
	{ "cannot tell the unit type of '%s' from its name; give it in a jenis column",
	  "jenis UPT \u201c{1}\u201d tidak dapat ditentukan dari namanya; isi kolom "
	  "jenis" },
	{ "unit '%s' is of type %s, not %s",
	  "UPT \u201c{1}\u201d berjenis {t2}, bukan {t3}" },
	{ "unit '%s' belongs to '%s', not '%s'",
	  "UPT \u201c{1}\u201d termasuk {2}, bukan {3}" },
	{ "item code '%s' is not in the rubric for type %s",
	  "kode butir \u201c{1}\u201d tidak ada dalam rubrik untuk jenis {t2}" },
	{ "unknown answer '%s' for %s (%s)",
	  "jawaban \u201c{1}\u201d tidak dikenal untuk butir {2} (pilihan: {3})" },
	{ "bad date '%s'", "tanggal \u201c{1}\u201d tidak dapat dibaca" },
	{ "more than %d units: reading stops",
	  "lebih dari {1} UPT: pembacaan dihentikan" },
	{ "record has %zu fields, the header has %zu",
	  "baris berisi {1} kolom, sedangkan baris judul hanya {2}" },
	{ "no answer marked", "tidak ada jawaban yang ditandai" },
	{ "several answers marked: %s", "lebih dari satu jawaban ditandai: {1}" },
	{ "the record contains a NUL byte", "baris memuat karakter NUL" },
	{ "field longer than 64 KiB", "isi sel lebih dari 64 KiB" },
	{ "record too long", "baris terlalu panjang" },
	{ "unterminated quoted field", "tanda kutip pembuka tidak ditutup" },
	{ "the record is not valid UTF-8",
	  "baris memuat karakter yang tidak sah dalam UTF-8" },
	{ "the record cannot be converted to UTF-8",
	  "baris tidak dapat dibaca dengan pengodean berkasnya" },
	{ "a cell beyond column XFD, the last a workbook has",
	  "ada sel di luar kolom XFD, kolom terakhir lembar kerja" },
	{ "cell longer than 64 KiB", "isi sel lebih dari 64 KiB" },
	{ "row longer than 1 MiB", "baris lebih dari 1 MiB" },
	{ "the row is not valid UTF-8",
	  "baris memuat karakter yang tidak sah dalam UTF-8" },
	{ "a cell refers to a shared string the workbook does not have",
	  "sel merujuk ke teks yang tidak ada dalam buku kerja" },
};

struct holes {
	const char *at[MAX_HOLES];
	size_t len[MAX_HOLES];
	unsigned n;
};

/* The length of the conversion at p ("%s", "%d", "%zu", "%lu"). */
static size_t conversion_len(const char *p)
{
	size_t n = 1;

	while (p[n] && strchr("zlh", p[n]))
		n++;
	return p[n] ? n + 1 : n;
}

/* Whether s matches the format pat, each conversion standing for any text;
 * the longest values that let the rest match are kept in h: a value quoted
 * from a row may hold the words that follow it in the pattern. */
static int match(const char *pat, const char *s, struct holes *h)
{
	unsigned k;

	for (; *pat && *pat != '%'; pat++, s++)
		if (*pat != *s)
			return 0;
	if (!*pat)
		return !*s;
	if (h->n == MAX_HOLES)
		return 0;
	k = h->n++;
	pat += conversion_len(pat);
	for (size_t len = strlen(s) + 1; len-- > 0;) {
		h->at[k] = s;
		h->len[k] = len;
		h->n = k + 1;
		if (match(pat, s + len, h))
			return 1;
	}
	h->n = k;
	return 0;
}

/* Hole n (from 1) of h, as the sentence shows it. */
static void put_hole(GString *out, const struct holes *h, unsigned n, int type,
		     const struct rubric *rb)
{
	char *v;
	const struct rubric_unit_type *ty;

	if (n < 1 || n > h->n)
		return;
	v = g_strndup(h->at[n - 1], h->len[n - 1]);
	ty = type && rb ? rubric_find_type(rb, v) : NULL;
	g_string_append(out, ty ? ty->label : v);
	g_free(v);
}

static char *fill(const char *id, const struct holes *h, const struct rubric *rb)
{
	GString *out = g_string_new(NULL);

	for (const char *p = id; *p; p++) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		int type;

		if (!close) {
			g_string_append_c(out, *p);
			continue;
		}
		type = p[1] == 't';
		put_hole(out, h, (unsigned)g_ascii_strtoull(p + 1 + type, NULL, 10), type,
			 rb);
		p = close;
	}
	return g_string_free(out, FALSE);
}

char *reason_display(const char *english, const struct rubric *rb, int *known)
{
	char *text = NULL, *safe;

	for (size_t i = 0; english && !text && i < G_N_ELEMENTS(reasons); i++) {
		struct holes h = { .n = 0 };

		if (match(reasons[i].en, english, &h))
			text = fill(reasons[i].id, &h, rb);
	}
	if (known)
		*known = text != NULL;
	if (!text)
		text = g_strdup("baris tidak dapat dibaca sebagai data verifikasi");
	safe = text_display_safe(text);
	if (safe) {
		g_free(text);
		text = safe;
	}
	return text;
}

const char *const *reason_patterns(void)
{
	static const char *list[G_N_ELEMENTS(reasons) + 1];

	if (!list[0])
		for (size_t i = 0; i < G_N_ELEMENTS(reasons); i++)
			list[i] = reasons[i].en;
	return list;
}
