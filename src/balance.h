/* balance.h — words broken into a few lines of even length, for names set large. */
#ifndef P2HAM_BALANCE_H
#define P2HAM_BALANCE_H

#include <stddef.h>

/*
 * Break n words, of widths w[0..n-1] with `space` between two on a line,
 * into the fewest lines (at most max_lines) whose every line is at most
 * `width` wide, and among the ways to do that, the one whose longest line
 * is the shortest: the lines come out balanced, never a full line over an
 * almost empty one. starts[k] gets the index of the first word of line k
 * (starts[0] = 0); the caller gives room for max_lines of them.
 *
 * Returns the number of lines, with the longest one's width in *longest
 * (when not NULL); or 0 when the words do not fit in max_lines lines of
 * that width (a word wider than it, or too many words), or n is 0.
 * Ties go to the earliest break, so the result is always the same.
 */
unsigned balance_lines(const double *w, size_t n, double space, unsigned max_lines,
		       double width, size_t *starts, double *longest);

#endif
