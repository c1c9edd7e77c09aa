/* diag.c — diagnostics in compiler form. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

static void report(struct diag *d, const char *kind, const char *file,
		   unsigned long line, const char *fmt, va_list ap)
{
	FILE *out = d->out ? d->out : stderr;

	/* One line at a time, whole, when rendering threads report too. */
	flockfile(out);
	if (!file)
		fprintf(out, "p2ham: %s: ", kind);
	else if (line)
		fprintf(out, "%s:%lu: %s: ", file, line, kind);
	else
		fprintf(out, "%s: %s: ", file, kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	funlockfile(out);
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
