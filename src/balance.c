/* balance.c — words broken into a few lines of even length, for names set large. */
#include "balance.h"

#include <glib.h>

/* The width of words [i, j) on one line; pre[k] is the sum of w[0..k-1]. */
static double line_width(const double *pre, size_t i, size_t j, double space)
{
	return pre[j] - pre[i] + space * (double)(j - i - 1);
}

/*
 * The shortest longest line over the partitions of the n words into
 * exactly `lines` lines, by dynamic programming over (lines, words):
 * best[k][i] is the best for the first i words on k + 1 lines and from[k][i]
 * where its last line starts. Fills starts[] and returns the longest
 * width, or a negative number when none fits `width`.
 */
static double partition(const double *pre, size_t n, double space, unsigned lines,
			double width, size_t *starts)
{
	double *best = g_new(double, (size_t)lines * (n + 1));
	size_t *from = g_new0(size_t, (size_t)lines * (n + 1));
	double result;

#define BEST(k, i) best[(size_t)(k) * (n + 1) + (i)]
#define FROM(k, i) from[(size_t)(k) * (n + 1) + (i)]
	for (size_t i = 0; i <= n; i++)
		BEST(0, i) = i ? line_width(pre, 0, i, space) : -1;
	for (unsigned k = 1; k < lines; k++) {
		for (size_t i = 0; i <= n; i++) {
			BEST(k, i) = -1;
			for (size_t j = k; j < i; j++) {
				double last = line_width(pre, j, i, space);
				double worst = BEST(k - 1, j) < 0 ? -1 :
					       last > BEST(k - 1, j) ? last : BEST(k - 1, j);

				if (worst >= 0 && (BEST(k, i) < 0 || worst < BEST(k, i) - 1e-9)) {
					BEST(k, i) = worst;
					FROM(k, i) = j;
				}
			}
		}
	}
	result = BEST(lines - 1, n);
	if (result >= 0 && result <= width + 1e-9) {
		size_t i = n;

		for (unsigned k = lines; k-- > 0;) {
			starts[k] = k ? FROM(k, i) : 0;
			i = starts[k];
		}
	} else {
		result = -1;
	}
#undef BEST
#undef FROM
	g_free(best);
	g_free(from);
	return result;
}

unsigned balance_lines(const double *w, size_t n, double space, unsigned max_lines,
		       double width, size_t *starts, double *longest)
{
	double *pre;
	unsigned found = 0;

	if (!n || !max_lines)
		return 0;
	pre = g_new(double, n + 1);
	pre[0] = 0;
	for (size_t i = 0; i < n; i++)
		pre[i + 1] = pre[i] + w[i];
	for (unsigned lines = 1; lines <= max_lines && lines <= n && !found; lines++) {
		double got = partition(pre, n, space, lines, width, starts);

		if (got >= 0) {
			found = lines;
			if (longest)
				*longest = got;
		}
	}
	g_free(pre);
	return found;
}
