/* style.c — the look shared by every output: colour arithmetic and the Indonesian names of model values. */
#include "style.h"

#include <math.h>

const char *style_recommendation_label(enum recommendation rec)
{
	switch (rec) {
	case REC_RECOMMENDED: return "Direkomendasikan";
	case REC_RETAINED: return "Dipertahankan";
	default: return "Tidak direkomendasikan";
	}
}

static double channel(unsigned v)
{
	double c = (v & 0xffu) / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double style_luminance(unsigned rgb)
{
	return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) +
	       0.0722 * channel(rgb);
}

double style_contrast(unsigned a, unsigned b)
{
	double la = style_luminance(a), lb = style_luminance(b);

	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

unsigned style_mix(unsigned a, unsigned b, double t)
{
	unsigned out = 0;

	for (int shift = 16; shift >= 0; shift -= 8) {
		double ca = (a >> shift) & 0xffu, cb = (b >> shift) & 0xffu;

		out |= (unsigned)lround(ca + (cb - ca) * t) << shift;
	}
	return out;
}

unsigned style_text_on(unsigned fill)
{
	if (style_contrast(STYLE_INK, fill) >= 4.5)
		return STYLE_INK;
	return style_contrast(STYLE_WHITE, fill) >= style_contrast(0x000000u, fill)
		       ? STYLE_WHITE
		       : 0x000000u;
}
