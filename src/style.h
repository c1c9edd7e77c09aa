/* style.h — the look shared by the report, the profiles and the charts:
 * the palette, the type and the Indonesian names of model values. */
#ifndef P2HAM_STYLE_H
#define P2HAM_STYLE_H

#include "score.h"

/*
 * Constants only; nothing here allocates. The palette differs in
 * lightness as well as hue, so that a page printed in grey keeps its
 * series apart; the values are printed anyway.
 */
#define STYLE_NAVY      0x1F3A5Fu       /* main series, recommended units, headings */
#define STYLE_TEAL      0x2A8C82u       /* retained units */
#define STYLE_GOLD      0xD9A931u       /* accents */
#define STYLE_GREY      0xBCC5D1u       /* units not recommended, values below a floor */
#define STYLE_RED       0xA8322Bu       /* the award threshold and the aspect floor */
#define STYLE_INK       0x1E2630u       /* text */
#define STYLE_MUTED     0x5B6675u       /* axes, secondary text */
#define STYLE_RULE      0xD3D9E0u       /* grid lines, table rules */
#define STYLE_WHITE     0xFFFFFFu
#define STYLE_LINK      0x1F4E8Cu       /* links: a blue that prints dark */
#define STYLE_PANEL     0xEEF2F7u       /* boxes behind key figures */
#define STYLE_STRIPE    0xF2F4F7u       /* every other table row */
/*
 * The heat map's ramp runs from the strongest band, nearly white, to the
 * weakest, a dark red that stands out in print and in grey (11.5:1 on
 * white). Cells not assessed are white, hatched in STYLE_HATCH (3.2:1 on
 * white, 3.5:1 against the weakest band).
 */
#define STYLE_RAMP_LO   0xE8ECF1u       /* the heat map's strongest band */
#define STYLE_RAMP_HI   0x6E1A16u       /* the heat map's weakest band ("Kurang") */
#define STYLE_HATCH     0x8A8F98u       /* hatching of cells not assessed */

/* A 0xRRGGBB colour as a struct draw_rgb initialiser (draw.h). */
#define HEX(h) { (((h) >> 16) & 0xff) / 255.0, (((h) >> 8) & 0xff) / 255.0, \
		       ((h) & 0xff) / 255.0 }

/* The shipped families (fonts/); every text is set in one of them. */
#define STYLE_FONT      "Lato"
#define STYLE_FONT_BOLD "Lato Bold"

/*
 * Colour arithmetic on 0xRRGGBB values, as WCAG 2 defines it: relative
 * luminance (0..1) and the contrast ratio of two colours (1..21).
 */
double style_luminance(unsigned rgb);
double style_contrast(unsigned a, unsigned b);

/* a mixed with b: t = 0 gives a, t = 1 gives b (per channel, rounded). */
unsigned style_mix(unsigned a, unsigned b, double t);

/* The colour for text on `fill`: STYLE_INK when it contrasts at least
 * 4.5:1, else white or black, whichever contrasts more (always >= 4.5:1). */
unsigned style_text_on(unsigned fill);

/* The Indonesian name of a recommendation: "Direkomendasikan",
 * "Dipertahankan", "Tidak direkomendasikan". A static string. */
const char *style_recommendation_label(enum recommendation rec);

#endif
