/* diag.c — diagnostics in compiler form. */
#include "diag.h"

#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>

/*
 * Messages quote input text (unit names, answers, paths). A line break in it
 * would forge a second diagnostic, and terminal control sequences would
 * reach the user's terminal, so C0 and C1 controls other than TAB are
 * written as escapes: \n, \r, \x1B, \u009B.
 */
static void put_escaped(GString *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			g_string_append(out, "\\n");
		else if (*p == '\r')
			g_string_append(out, "\\r");
		else if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
			g_string_append_printf(out, "\\x%02X", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			g_string_append_printf(out, "\\u%04X", *++p);
		else
			g_string_append_c(out, (char)*p);
	}
}

/* The line is built whole and written with one call: stderr is unbuffered,
 * and rendering threads report too. */
static void report(struct diag *d, const char *kind, const char *file,
		   unsigned long line, const char *fmt, va_list ap)
{
	FILE *out = d->out ? d->out : stderr;
	char *msg = g_strdup_vprintf(fmt, ap);
	GString *text = g_string_sized_new(128);

	if (!file) {
		g_string_append_printf(text, "p2ham: %s: ", kind);
	} else {
		put_escaped(text, file);
		if (line)
			g_string_append_printf(text, ":%lu", line);
		g_string_append_printf(text, ": %s: ", kind);
	}
	put_escaped(text, msg);
	g_string_append_c(text, '\n');
	fwrite(text->str, 1, text->len, out);
	g_string_free(text, TRUE);
	g_free(msg);
}

void diag_error(struct diag *d, const char *file, unsigned long line,
		const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	report(d, "error", file, line, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const char *file, unsigned long line,
		  const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	if (d->quiet)
		return;
	va_start(ap, fmt);
	report(d, "warning", file, line, fmt, ap);
	va_end(ap);
}

void diag_bug(const char *file, int line, const char *msg)
{
	fprintf(stderr, "p2ham: BUG: %s:%d: %s\n", file, line, msg);
	abort();
}
