/* chart.h — charts of the scored model: drawn onto any cairo_t, written as SVG and PNG.
 */
#ifndef P2HAM_CHART_H
#define P2HAM_CHART_H

#include <cairo.h>

#include "diag.h"
#include <stdio.h>
#include "score.h"
#include "style.h"

/*
 * Every chart is one function that draws into a rectangle of any cairo_t:
 * a report page, an SVG, a PNG. It draws its own title, axes, labels,
 * values and legend inside the rectangle and nothing outside it, lays its
 * labels out so that they never overlap (rows get a fixed share of the
 * height, text shrinks to fit), and reads the model only. The functions are
 * deterministic and may run in several threads at once, each with its own
 * cairo_t. Texts come from the model and are always set as plain text.
 */

enum chart_format { CHART_SVG = 1, CHART_PNG = 2 };

/* PNG charts are rendered at this resolution. */
#define CHART_PNG_DPI 150

/*
 * The charts of a model, numbered 0 .. chart_count() - 1: the ranking; two
 * per region in model order (principles, heat map); two per unit in rank
 * order (aspects, principles).
 */
unsigned chart_count(const struct model *m);

/* What a chart shows. */
enum chart_kind {
	CHART_RANKING,                  /* every unit */
	CHART_REGION_PRINCIPLES,        /* a region's principle averages */
	CHART_REGION_HEATMAP,           /* a region's units by principle */
	CHART_UNIT_ASPECTS,             /* a unit's aspect scores */
	CHART_UNIT_PRINCIPLES,          /* a unit's principles as a dot chart */
};

/* What chart number i shows; *id is the id of its region or unit (the
 * model's string), NULL for the ranking. */
enum chart_kind chart_what(const struct model *m, unsigned i, const char **id);

/*
 * Draw chart number i as SVG or PNG (CHART_PNG_DPI) to `fp`. Several
 * threads may call it at once for different i. Returns 0, or -1 after
 * reporting to `d` about the file `name`.
 */
int chart_write(const struct model *m, unsigned i, enum chart_format format, FILE *fp,
		const char *name, struct diag *d);

/* The aspect scores of a unit as bars, with the award's aspect floor. */
void chart_unit_aspects(cairo_t *cr, const struct model *m, const struct scored_unit *u,
			double x, double y, double w, double h);

/*
 * The principle scores of a unit as a dot chart, one row per principle,
 * sorted by the unit's score from the lowest (top) to the highest: the
 * unit's score as a dot, its kanwil's mean as an open diamond, the value in
 * a column on the right, the award threshold as a dashed line. The height
 * at which the rows get their natural pitch at the SVG width is
 * chart_unit_principles_height(). chart_principle_order() puts the indexes
 * of the unit's principles in that order in rows[] and returns how many.
 */
void chart_unit_principles(cairo_t *cr, const struct model *m,
			   const struct scored_unit *u, double x, double y, double w,
			   double h);
double chart_unit_principles_height(const struct model *m, const struct scored_unit *u);
unsigned chart_principle_order(const struct model *m, const struct scored_unit *u,
			       guint *rows, unsigned max);

/* The region of a unit's kanwil, NULL when none. */
const struct region *chart_unit_region(const struct model *m, const struct scored_unit *u);

/* A region's mean principle scores as bars; with more than one region,
 * the mean over every unit is marked on each bar for comparison. */
void chart_region_principles(cairo_t *cr, const struct model *m, const struct region *r,
			     double x, double y, double w, double h);

/* Units of a region (rows, rank order) × principles (columns): the scores
 * as a heat map shaded by grade, values printed, the region's mean row and
 * a legend. */
void chart_region_heatmap(cairo_t *cr, const struct model *m, const struct region *r,
			  double x, double y, double w, double h);

/*
 * Units of the model (r NULL) or of region r, by total, as bars coloured
 * by recommendation, with the award threshold as a line.
 */
void chart_ranking(cairo_t *cr, const struct model *m, const struct region *r,
		   double x, double y, double w, double h);

/*
 * For pages that hold only part of a long list: the same charts over the
 * units first .. first + count - 1 (in rank order) of region r (or, for
 * the ranking, of the model when r is NULL), each part with its title,
 * header, axis and legend; the heat map's mean row comes with the part
 * that ends the region. The _height functions give the height at which
 * `rows` units get the normal row pitch.
 */
void chart_ranking_part(cairo_t *cr, const struct model *m, const struct region *r,
			unsigned first, unsigned count, double x, double y, double w,
			double h);
double chart_ranking_height(unsigned rows);
void chart_region_heatmap_part(cairo_t *cr, const struct model *m, const struct region *r,
			       unsigned first, unsigned count,
			       double x, double y, double w, double h);
double chart_heatmap_height(unsigned rows, int mean_row);

/*
 * Alternative text: what a chart shows, in words and numbers (SPEC 6), the
 * same for the report's figure and the SVG file's <desc>. User text follows
 * the display rule. The caller frees the string with g_free(). The ranking
 * and heat map take the part of a long list that a page shows (all of it:
 * first 0, count the number of units); r NULL ranks every unit.
 */
char *chart_alt_unit_aspects(const struct model *m, const struct scored_unit *u);
char *chart_alt_unit_principles(const struct model *m, const struct scored_unit *u);
char *chart_alt_region_principles(const struct model *m, const struct region *r);
char *chart_alt_region_heatmap(const struct model *m, const struct region *r,
			       unsigned first, unsigned count);
char *chart_alt_ranking(const struct model *m, const struct region *r, unsigned first,
			unsigned count);

/* The title and the alternative text of chart number i, as its SVG file
 * carries them (<title>, <desc>). The caller frees them with g_free(). */
char *chart_title(const struct model *m, unsigned i);
char *chart_alt(const struct model *m, unsigned i);

/*
 * The heat map's palette, as 0xRRGGBB: the fill of band `band` (0 the
 * highest) of `n`, darker as the band is weaker; band >= n is a cell not
 * assessed, white and hatched in CHART_HATCH. Text on a fill takes
 * style_text_on().
 */
unsigned chart_band_fill(unsigned band, unsigned n);
#define CHART_NOT_ASSESSED_FILL STYLE_WHITE
#define CHART_HATCH STYLE_HATCH

/*
 * Where a chart put its value labels and its reference marks (thresholds,
 * averages, with their halo), in the chart's user space: for tests that
 * check that no value label overlaps a mark or another label.
 * chart_geometry() lays chart number i out on a scratch surface.
 */
struct chart_rect {
	double x, y, w, h;
};

struct chart_geom {
	GArray *values;         /* struct chart_rect */
	GArray *marks;          /* struct chart_rect */
};

void chart_geometry(const struct model *m, unsigned i, struct chart_geom *g);
void chart_geom_free(struct chart_geom *g);

/* The units of region r in rank order. The caller frees the array (not
 * the units) with g_ptr_array_unref(). */
GPtrArray *chart_region_units(const struct model *m, const struct region *r);

#endif
