/* diag.h — diagnostics in compiler form: "FILE:LINE: error: MESSAGE". */
#ifndef P2HAM_DIAG_H
#define P2HAM_DIAG_H

#include <stdio.h>

/*
 * A diagnostics sink. Messages are printed as they come, one per line, to
 * `out` (stderr when NULL); `errors` and `warnings` count what was reported.
 * With `quiet` set, warnings are counted but not printed.
 * Initialise with DIAG_INIT; there is nothing to release.
 */
struct diag {
	FILE *out;
	unsigned long errors;
	unsigned long warnings;
	int quiet;
};
#define DIAG_INIT { NULL, 0, 0, 0 }

/*
 * Report an error or a warning about `file` at physical line `line`.
 * A `line` of 0 means the message concerns the whole file ("FILE: error: ...");
 * a NULL `file` prints "p2ham: error: ...". Control characters in `file` and
 * in the message (line breaks from quoted input text, terminal escapes) are
 * printed as escapes such as \n and \x1B, so every diagnostic is one line.
 */
void diag_error(struct diag *d, const char *file, unsigned long line,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_warning(struct diag *d, const char *file, unsigned long line,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Abort with file and line: for programming errors only, never for bad input. */
#define BUG(msg) diag_bug(__FILE__, __LINE__, (msg))
#define BUG_ON(cond) do { if (cond) diag_bug(__FILE__, __LINE__, #cond); } while (0)
void diag_bug(const char *file, int line, const char *msg) __attribute__((noreturn));

#endif
