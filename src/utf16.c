/* utf16.c — UTF-16 to UTF-8 a chunk at a time, with U+FFFD for what is not text. */
#include "utf16.h"

#include <glib.h>
#include <stddef.h>
#include <string.h>

/*
 * By hand rather than through iconv, because what must happen to a broken
 * file is fixed (SPEC 3, README): an unpaired surrogate or an odd last byte
 * becomes U+FFFD, counted for one warning, and the rest of the file is read,
 * where iconv stops at the first. And the CSV parser must be able to go back
 * to a line it has passed (an unterminated quote), which needs chunks that
 * decode again the same from their offset.
 */

void utf16_init(struct utf16 *u, int big_endian, off_t offset)
{
	memset(u, 0, offsetof(struct utf16, raw));
	u->big_endian = big_endian;
	u->offset = offset;
}

static void bad(struct utf16 *u)
{
	if (!u->bad++)
		u->first_bad_line = u->breaks + 1;
}

/* Write c as UTF-8 at out; the bytes written. Lines are counted as the
 * parser counts them: CR, LF and CR LF are one each. */
static size_t put(struct utf16 *u, unsigned char *out, gunichar c)
{
	if (c == '\n' || c == '\r') {
		if (c == '\r' || !u->after_cr)
			u->breaks++;
		u->after_cr = c == '\r';
		*out = (unsigned char)c;
		return 1;
	}
	u->after_cr = 0;
	if (c < 0x80) {
		*out = (unsigned char)c;
		return 1;
	}
	return (size_t)g_unichar_to_utf8(c, (char *)out);
}

size_t utf16_decode(struct utf16 *u, const unsigned char *in, size_t n, int final,
		    unsigned char *out, size_t *used)
{
	int hi = u->big_endian ? 0 : 1;     /* where a unit's high byte is */
	size_t i = 0, o = 0;

	while (i + 2 <= n) {
		gunichar c = (gunichar)in[i + hi] << 8 | in[i + 1 - hi], c2;

		if (c < 0xD800 || c > 0xDFFF) {
			o += put(u, out + o, c);
			i += 2;
			continue;
		}
		if (c <= 0xDBFF && i + 4 > n && !final)
			break;
		c2 = i + 4 <= n ? (gunichar)in[i + 2 + hi] << 8 | in[i + 3 - hi] : 0;
		if (c <= 0xDBFF && c2 >= 0xDC00 && c2 <= 0xDFFF) {
			o += put(u, out + o, 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00));
			i += 4;
			continue;
		}
		/* Unpaired. The unit after a lone high surrogate is read on its
		 * own, so a delimiter or a line break there is never lost. */
		bad(u);
		o += put(u, out + o, 0xFFFD);
		i += 2;
	}
	if (final && i < n) {
		bad(u);
		o += put(u, out + o, 0xFFFD);
		i = n;
	}
	*used = i;
	return o;
}

long utf16_read(struct utf16 *u, FILE *fp, unsigned char *out, off_t *start)
{
	size_t want = UTF16_CHUNK - u->keep, n, used, len;

	n = fread(u->raw + u->keep, 1, want, fp);
	if (n < want && ferror(fp))
		return -1;
	*start = u->offset;
	len = utf16_decode(u, u->raw, u->keep + n, n < want, out, &used);
	u->keep += n - used;
	memmove(u->raw, u->raw + used, u->keep);
	u->offset += (off_t)used;
	return (long)len;
}

/* 'L' or 'B' for a UTF-16 BOM at head, else 0. */
static int bom_order(const unsigned char *head, size_t n)
{
	if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE)
		return 'L';
	if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF)
		return 'B';
	return 0;
}

/* 'L' or 'B' for UTF-16LE and UTF-16BE, '?' for UTF-16, else 0; case and
 * the '-' do not matter. */
static int name_order(const char *name)
{
	if (!g_ascii_strncasecmp(name, "UTF-16", 6))
		name += 6;
	else if (!g_ascii_strncasecmp(name, "UTF16", 5))
		name += 5;
	else
		return 0;
	if (!*name)
		return '?';
	if (!g_ascii_strcasecmp(name, "LE"))
		return 'L';
	if (!g_ascii_strcasecmp(name, "BE"))
		return 'B';
	return 0;
}

int utf16_order(const unsigned char *head, size_t n, const char *forced, size_t *bom)
{
	int in_file = bom_order(head, n);
	int order = forced ? name_order(forced) : in_file;

	if (order == '?')
		order = in_file ? in_file : 'L';
	*bom = order && order == in_file ? 2 : 0;
	return order;
}
