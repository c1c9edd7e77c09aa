/* text.c — folding, ids, dates and number formatting. */
#include "text.h"

#include <glib.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int is_blank(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x00A0 || c == 0xFEFF;
}

/* What is_blank() says of an ASCII character, without a table look-up:
 * g_unichar_isspace() is true for these five only. */
static inline int ascii_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int text_is_blank(const char *s)
{
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80) {
			if (!ascii_blank(c))
				return 0;
			s++;
			continue;
		}
		if (!is_blank(g_utf8_get_char(s)))
			return 0;
		s = g_utf8_next_char(s);
	}
	return 1;
}

char *text_trim(const char *s)
{
	const char *start = s, *end = s + strlen(s);

	while (*start && is_blank(g_utf8_get_char(start)))
		start = g_utf8_next_char(start);
	while (end > start) {
		const char *prev = g_utf8_prev_char(end);
		if (!is_blank(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	return g_strndup(start, (gsize)(end - start));
}

/*
 * Folding is on every row's path (unit, code, answer, type, date, criterion),
 * and nearly all of that text is ASCII, where trimming and collapsing white
 * space is is_blank() of five characters and case folding is ASCII
 * lower-casing. These fast paths give what the general code gives, and hand
 * any text with a non-ASCII byte to it.
 */

/* text_fold() of s when s is ASCII; NULL when it is not. */
static char *fold_ascii(const char *s)
{
	size_t len = strlen(s);
	char *out = g_malloc(len + 1), *w = out;
	int pending_space = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c >= 0x80) {
			g_free(out);
			return NULL;
		}
		if (ascii_blank(c)) {
			pending_space = w > out;
			continue;
		}
		if (pending_space)
			*w++ = ' ';
		pending_space = 0;
		*w++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	*w = '\0';
	return out;
}

/* Reads the fold of an ASCII string one byte at a time. */
struct fold_reader {
	const unsigned char *p;
	int started;            /* a non-blank character was given */
};

/* The next byte of the fold, 0 at its end, -1 at a non-ASCII byte (whose
 * fold this reader cannot tell). Bytes given before are exact: a space is
 * given only once the character after it is known to be ASCII. */
static int fold_next(struct fold_reader *r)
{
	const unsigned char *p = r->p;
	int space = 0;

	while (ascii_blank(*p)) {
		p++;
		space = 1;
	}
	r->p = p;
	if (!*p)
		return 0;
	if (*p >= 0x80)
		return -1;
	if (space && r->started)
		return ' ';
	r->started = 1;
	r->p = p + 1;
	return *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
}

/* text_fold() of any UTF-8 text. */
static char *fold_unicode(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));
	int pending_space = 0;
	char *folded;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (is_blank(c)) {
			pending_space = out->len > 0;
			continue;
		}
		if (pending_space)
			g_string_append_c(out, ' ');
		pending_space = 0;
		g_string_append_unichar(out, c);
	}
	folded = g_utf8_casefold(out->str, (gssize)out->len);
	g_string_free(out, TRUE);
	return folded;
}

char *text_fold(const char *s)
{
	char *ascii = fold_ascii(s);

	return ascii ? ascii : fold_unicode(s);
}

/* text_fold_equal() of two ASCII texts, compared as they are read, without
 * copies: 1 or 0, or -1 when either has a non-ASCII byte where it matters. */
static int fold_equal_ascii(const char *a, const char *b)
{
	struct fold_reader ra = { (const unsigned char *)a, 0 };
	struct fold_reader rb = { (const unsigned char *)b, 0 };

	for (;;) {
		int ca = fold_next(&ra), cb = fold_next(&rb);
		if (ca < 0 || cb < 0)
			return -1;
		if (ca != cb)
			return 0;
		if (!ca)
			return 1;
	}
}

int text_fold_equal(const char *a, const char *b)
{
	int same;
	char *fa, *fb;

	/* Equal text folds equally: the usual case, a cell spelt like the last. */
	if (strcmp(a, b) == 0)
		return 1;
	same = fold_equal_ascii(a, b);
	if (same >= 0)
		return same;
	fa = text_fold(a);
	fb = text_fold(b);
	same = strcmp(fa, fb) == 0;

	g_free(fa);
	g_free(fb);
	return same;
}

char *text_key(const char *s)
{
	char *folded = text_fold(s);
	char *w = folded;

	for (const char *r = folded; *r; r++)
		if (*r != ' ' && *r != '_' && *r != '-' && *r != '.')
			*w++ = *r;
	*w = '\0';
	return folded;
}

/* Where a long id is cut, and how far back a '-' is looked for (SPEC 8.17):
 * 55 bytes, '-' and 8 hex digits make TEXT_ID_MAX. */
#define ID_CUT 55
#define ID_CUT_BACK 10
#define ID_HASH_DIGITS 8
G_STATIC_ASSERT(ID_CUT + 1 + ID_HASH_DIGITS == TEXT_ID_MAX);

/* Cut a long id and make it unique again with a hash of the name. */
static void cap_id(GString *id, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx sha;
	char *trimmed = text_trim(name);
	size_t cut = ID_CUT;

	for (size_t i = ID_CUT; i-- > ID_CUT - ID_CUT_BACK;)
		if (id->str[i] == '-') {
			cut = i;
			break;
		}
	g_string_truncate(id, cut);
	sha256_init(&sha);
	sha256_update(&sha, strlen(trimmed), (const uint8_t *)trimmed);
	sha256_digest(&sha, sizeof digest, digest);
	g_string_append_c(id, '-');
	for (int i = 0; i < ID_HASH_DIGITS / 2; i++) {
		g_string_append_c(id, hex[digest[i] >> 4]);
		g_string_append_c(id, hex[digest[i] & 0xF]);
	}
	g_free(trimmed);
}

char *text_make_id(const char *name)
{
	char *nfkd = g_utf8_normalize(name, -1, G_NORMALIZE_NFKD);
	GString *id = g_string_new(NULL);

	for (const char *p = nfkd ? nfkd : ""; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		GUnicodeType t = g_unichar_type(c);

		if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
		    t == G_UNICODE_ENCLOSING_MARK)
			continue;
		if (c < 128 && g_ascii_isalnum((char)c))
			g_string_append_c(id, g_ascii_tolower((char)c));
		else if (id->len > 0 && id->str[id->len - 1] != '-')
			g_string_append_c(id, '-');
	}
	g_free(nfkd);
	if (id->len > 0 && id->str[id->len - 1] == '-')
		g_string_truncate(id, id->len - 1);
	if (id->len == 0)
		g_string_assign(id, "unit");
	if (id->len > TEXT_ID_MAX)
		cap_id(id, name);
	return g_string_free(id, FALSE);
}

static const char *const month_names[][12] = {
	{ "januari", "februari", "maret", "april", "mei", "juni", "juli",
	  "agustus", "september", "oktober", "november", "desember" },
	{ "january", "february", "march", "april", "may", "june", "july",
	  "august", "september", "october", "november", "december" },
};

static int month_from_name(const char *name)
{
	for (size_t lang = 0; lang < G_N_ELEMENTS(month_names); lang++)
		for (int m = 0; m < 12; m++)
			if (strcmp(name, month_names[lang][m]) == 0)
				return m + 1;
	return 0;
}

/* Read 1..max digits at *p; -1 when there are none or too many. */
static int read_number(const char **p, int max)
{
	int n = 0, digits = 0;

	while (g_ascii_isdigit(**p)) {
		if (++digits > max)
			return -1;
		n = n * 10 + (**p - '0');
		(*p)++;
	}
	return digits ? n : -1;
}

static int make_date(int y, int m, int d)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Exactly `n` digits at *p, or -1. */
static int read_digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*p)++) {
		if (!g_ascii_isdigit(**p))
			return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

/*
 * Whether `p` (folded text) is a time of day as spreadsheets and systems
 * write it after an ISO date: a space or 't', H:MM or HH:MM, optionally :SS
 * and a fraction, optionally 'z' or an offset +HH:MM, +HHMM or +HH. It is
 * checked, not used: "2019-10-03 oops" stays a bad date.
 */
static int is_time_of_day(const char *p)
{
	int h, m;

	if (*p != ' ' && *p != 't')
		return 0;
	p++;
	h = read_number(&p, 2);
	if (h < 0 || h > 23 || *p++ != ':' || (m = read_digits(&p, 2)) < 0 || m > 59)
		return 0;
	if (*p == ':') {
		p++;
		m = read_digits(&p, 2);
		if (m < 0 || m > 60)            /* 60: a leap second */
			return 0;
		if (*p == '.' || *p == ',') {
			if (!g_ascii_isdigit(*++p))
				return 0;
			while (g_ascii_isdigit(*p))
				p++;
		}
	}
	if (*p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		p++;
		h = read_digits(&p, 2);
		if (h < 0 || h > 23)
			return 0;
		if (*p == ':' || g_ascii_isdigit(*p)) {
			p += *p == ':';
			m = read_digits(&p, 2);
			if (m < 0 || m > 59)
				return 0;
		}
	}
	return *p == '\0';
}

int text_parse_date(const char *s, int *two_digit_year)
{
	char *folded = text_fold(s);
	const char *p = folded;
	int a, b, c, result = 0, yy = 0;

	a = read_number(&p, 4);
	if (a < 0)
		goto out;
	if (*p == '-' && p - folded == 4) {
		p++;
		b = read_number(&p, 2);
		if (b >= 0 && *p == '-') {
			p++;
			c = read_number(&p, 2);
			if (c >= 0 && (!*p || is_time_of_day(p)))
				result = make_date(a, b, c);
		}
	} else if ((*p == '/' || *p == '-' || *p == '.') && p - folded <= 2) {
		char sep = *p++;
		b = read_number(&p, 2);
		if (b >= 0 && *p == sep) {
			const char *year = ++p;
			c = read_number(&p, 4);
			/* A spreadsheet's short date format: 03/10/19 (SPEC 8.22). */
			yy = p - year == 2;
			if (c >= 0 && !*p && (yy || p - year == 4))
				result = make_date(yy ? 2000 + c : c, b, a);
		}
	} else if (*p == ' ' && p - folded <= 2) {
		const char *name = ++p;
		char *month;
		while (*p && *p != ' ')
			p++;
		if (*p != ' ')
			goto out;
		month = g_strndup(name, (gsize)(p - name));
		b = month_from_name(month);
		g_free(month);
		p++;
		const char *year = p;
		c = read_number(&p, 4);
		if (b && c >= 0 && !*p && p - year == 4)
			result = make_date(c, b, a);
	}
out:
	g_free(folded);
	if (two_digit_year)
		*two_digit_year = result && yy;
	return result;
}

void text_format_iso_date(char *buf, int ymd)
{
	/* By hand for every date of the range: this runs for each observation
	 * in the outputs, and gives what snprintf() gives. */
	if (ymd >= 0 && ymd <= 99999999) {
		int parts[3] = { ymd / 10000, ymd / 100 % 100, ymd % 100 };
		char *w = buf;

		for (int i = 0; i < 3; i++) {
			if (i > 0)
				*w++ = '-';
			if (i == 0) {
				*w++ = (char)('0' + parts[0] / 1000);
				*w++ = (char)('0' + parts[0] / 100 % 10);
			}
			*w++ = (char)('0' + parts[i] / 10 % 10);
			*w++ = (char)('0' + parts[i] % 10);
		}
		*w = '\0';
		return;
	}
	snprintf(buf, 16, "%04d-%02d-%02d", (ymd / 10000) % 10000,
		 (ymd / 100) % 100, ymd % 100);
}

/*
 * v with two decimals for 0 <= v < 2^31: the exact binary value times 100,
 * rounded to the nearest integer, halves up (SPEC 8.12: ranks compare
 * totals rounded half-up, and a rank must agree with the total shown beside
 * it). Every score in summary.xml goes through here, and g_ascii_formatd()
 * costs some thirty times as much. Returns 0 (nothing written) for any
 * other v.
 */
static int format_2_exact(char *buf, double v)
{
	uint64_t m, p, n, q, r, half;
	int e, s;
	char digits[24];
	size_t len = 0;

	if (!(v >= 0 && v < 2147483648.0))
		return 0;
	m = (uint64_t)ldexp(frexp(v, &e), 53);  /* v = m * 2^(e - 53), exactly */
	e -= 53;
	if (e >= 0) {
		n = (m << e) * 100;
	} else if ((s = -e) > 63) {
		n = 0;                          /* v < 2^-11: v * 100 < 0.05 */
	} else {
		p = m * 100;                    /* < 2^60 */
		q = p >> s;
		r = p & ((UINT64_C(1) << s) - 1);
		half = UINT64_C(1) << (s - 1);
		n = q + (r >= half);
	}
	for (q = n / 100; q > 0 || len == 0; q /= 10)
		digits[len++] = (char)('0' + q % 10);
	while (len > 0)
		*buf++ = digits[--len];
	*buf++ = '.';
	*buf++ = (char)('0' + n / 10 % 10);
	*buf++ = (char)('0' + n % 10);
	*buf = '\0';
	return 1;
}

void text_format_2(char *buf, double v)
{
	/* -0.00 would read oddly in a score; scores are never negative. */
	if (v > -0.005 && v < 0.005)
		v = 0.0;
	if (!format_2_exact(buf, v))
		g_ascii_formatd(buf, 32, "%.2f", v);
}

void text_format_id_2(char *buf, double v)
{
	char *dot;

	text_format_2(buf, v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
}

void text_format_id_count(char *buf, unsigned long n)
{
	char digits[24];
	int len = g_snprintf(digits, sizeof digits, "%lu", n), o = 0;

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void text_format_id_date(char *buf, int ymd)
{
	int m = ymd / 100 % 100;
	char *name = g_strdup(m >= 1 && m <= 12 ? month_names[0][m - 1] : "?");

	name[0] = g_ascii_toupper(name[0]);
	g_snprintf(buf, 32, "%d %s %d", ymd % 100, name, ymd / 10000);
	g_free(name);
}

/*
 * Two rules replace characters with U+FFFD (after invalid UTF-8 is made
 * valid, each bad sequence one U+FFFD):
 * RULE_XML keeps what XML 1.0 allows in text: every character but the
 * controls other than tab, LF and CR, and U+FFFE, U+FFFF. It is a rule of
 * file format, for summary.xml and the tables' workbook, not of display.
 * RULE_DISPLAY is SPEC 8.19, for text drawn on a page or chart: controls
 * (C0 but LF, DEL, C1), the bidirectional embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), and U+FFFE, U+FFFF; a tab is
 * drawn as a space and CR LF or CR as LF.
 */
enum char_rule { RULE_XML, RULE_DISPLAY };

static int rule_bad(gunichar c, enum char_rule rule)
{
	if (c == 0xFFFE || c == 0xFFFF)
		return 1;
	if (rule == RULE_XML)
		return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
	return (c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Whether a valid UTF-8 sequence at p encodes a character that only
 * RULE_DISPLAY replaces: C1 controls (C2 80-9F), U+202A-U+202E
 * (E2 80 AA-AE) and U+2066-U+2069 (E2 81 A6-A9). */
static int display_bad_at(const unsigned char *p)
{
	if (p[0] == 0xC2)
		return p[1] >= 0x80 && p[1] <= 0x9F;
	if (p[0] == 0xE2 && p[1] == 0x80)
		return p[2] >= 0xAA && p[2] <= 0xAE;
	if (p[0] == 0xE2 && p[1] == 0x81)
		return p[2] >= 0xA6 && p[2] <= 0xA9;
	return 0;
}

/* Whether s is valid UTF-8 that `rule` leaves unchanged. Nearly every
 * string is, and every drawn or written string comes here, so the bytes
 * are looked at before anything is decoded. */
static int rule_clean(const char *s, enum char_rule rule)
{
	int ascii = 1;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\n' &&
		    (rule == RULE_DISPLAY || (*p != '\t' && *p != '\r')))
			return 0;
		if (*p == 0x7F && rule == RULE_DISPLAY)
			return 0;
		if (*p >= 0x80) {
			ascii = 0;
			/* U+FFFE, U+FFFF: in valid UTF-8, 0xEF only ever starts a character. */
			if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
				return 0;
			if (rule == RULE_DISPLAY && display_bad_at(p))
				return 0;
		}
	}
	return ascii || g_utf8_validate(s, -1, NULL);
}

/* s under `rule`; NULL when s is already so. */
static char *rule_apply(const char *s, enum char_rule rule)
{
	GString *out;
	char *valid;

	if (rule_clean(s, rule))
		return NULL;
	/* Input and command-line text are whatever bytes they were given. */
	valid = g_utf8_make_valid(s, -1);
	out = g_string_sized_new(strlen(valid));
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (rule == RULE_DISPLAY && c == '\r') {
			if (p[1] != '\n')
				g_string_append_c(out, '\n');
		} else if (rule == RULE_DISPLAY && c == '\t') {
			g_string_append_c(out, ' ');
		} else {
			g_string_append_unichar(out, rule_bad(c, rule) ? 0xFFFD : c);
		}
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

char *text_xml_legal(const char *s)
{
	char *legal = rule_apply(s, RULE_XML);

	return legal ? legal : g_strdup(s);
}

char *text_display_safe(const char *s)
{
	return rule_apply(s, RULE_DISPLAY);
}

char *text_prefix(const char *s, size_t max, int *truncated)
{
	size_t len = strlen(s);

	*truncated = len > max;
	if (len <= max)
		return g_strdup(s);
	len = max;
	/* Step back over continuation bytes so no character is cut. */
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return g_strndup(s, len);
}

/* What a spreadsheet may read as the start of a formula (OWASP's list). */
static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

char *text_csv_cell(const char *s)
{
	int guard = formula_start(s[0]);
	size_t len = strlen(s);
	GString *cell;

	if (!strpbrk(s, ";,\t|\"\r\n") && (len == 0 || (s[0] != ' ' && s[len - 1] != ' ')))
		return guard ? g_strconcat("'", s, NULL) : g_strdup(s);
	/* The guard goes inside the quotes, where a reader keeps it. */
	cell = g_string_sized_new(len + 4);
	g_string_append(cell, guard ? "\"'" : "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			g_string_append_c(cell, '"');
		g_string_append_c(cell, *p);
	}
	g_string_append_c(cell, '"');
	return g_string_free(cell, FALSE);
}

time_t text_day_start(int ymd)
{
	GDateTime *dt = g_date_time_new_utc(ymd / 10000, ymd / 100 % 100, ymd % 100,
					    0, 0, 0);
	time_t t = dt ? (time_t)g_date_time_to_unix(dt) : 0;

	if (dt)
		g_date_time_unref(dt);
	return t;
}
