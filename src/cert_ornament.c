/* cert_ornament.c — the certificate's border, rules and seal. */
#include "cert_int.h"

#include <math.h>

#include "draw.h"

/* ---- ornaments: few sub-paths each, since every path operator costs
 * number formatting and compression in the PDF ---- */

static void frame_path(cairo_t *cr, const struct tpl_element *e)
{
	double x0 = e->x, y0 = e->y, x1 = e->x + e->w, y1 = e->y + e->h, r = e->size;

	switch (e->corner) {
	case TPL_CORNER_SQUARE:
		cairo_rectangle(cr, x0, y0, e->w, e->h);
		break;
	case TPL_CORNER_ROUND:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
		cairo_arc(cr, x1 - r, y1 - r, r, 0, G_PI / 2);
		cairo_arc(cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
		cairo_arc(cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
		cairo_close_path(cr);
		break;
	case TPL_CORNER_NOTCH:
		/* Concave quarter circles cut into each corner. */
		cairo_new_sub_path(cr);
		cairo_arc_negative(cr, x1, y0, r, G_PI, G_PI / 2);
		cairo_arc_negative(cr, x1, y1, r, 3 * G_PI / 2, G_PI);
		cairo_arc_negative(cr, x0, y1, r, 0, -G_PI / 2);
		cairo_arc_negative(cr, x0, y0, r, G_PI / 2, 0);
		cairo_close_path(cr);
		break;
	}
}

void cert_frame(cairo_t *cr, const struct tpl_element *e)
{
	cairo_save(cr);
	frame_path(cr, e);
	draw_set_rgb(cr, e->color);
	cairo_set_line_width(cr, e->line_width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void diamond_path(cairo_t *cr, double cx, double cy, double rx, double ry)
{
	cairo_move_to(cr, cx, cy - ry);
	cairo_line_to(cr, cx + rx, cy);
	cairo_line_to(cr, cx, cy + ry);
	cairo_line_to(cr, cx - rx, cy);
	cairo_close_path(cr);
}

/*
 * One wave of the band's two strands, half a wave apart, as a tile: the
 * PDF holds this one tile and repeats it along each side, instead of a
 * path of a thousand curves (every number of which Cairo would format and
 * compress). The strands are drawn a wave beyond the tile on each side and
 * cut at its edges, so that tiles meet without a seam. One cubic per half
 * wave: control points at a third of its length and 4/3 of the amplitude
 * give a smooth sine-like arch.
 */
static cairo_pattern_t *band_tile(const struct tpl_element *e)
{
	double wave = e->wave, m = e->size / 2, a = (m - e->line_width) * 4 / 3;
	cairo_rectangle_t extents = { 0, 0, wave, e->size };
	cairo_surface_t *tile = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
							       &extents);
	cairo_t *cr = cairo_create(tile);
	cairo_pattern_t *pat;

	draw_set_rgb(cr, e->color);
	cairo_set_line_width(cr, e->line_width);
	for (int phase = 0; phase < 2; phase++) {
		cairo_move_to(cr, -wave, m);
		for (int i = 0; i < 6; i++) {
			double x = -wave + i * wave / 2, s = (i + phase) % 2 ? a : -a;

			cairo_curve_to(cr, x + wave / 6, m + s, x + wave / 3, m + s,
				       x + wave / 2, m);
		}
	}
	cairo_stroke(cr);
	cairo_destroy(cr);
	pat = cairo_pattern_create_for_surface(tile);
	cairo_surface_destroy(tile);
	cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
	return pat;
}

/* A guilloche band between two thin rules, with a block in each corner.
 * Each side holds a whole number of waves. */
void cert_band(cairo_t *cr, const struct tpl_element *e)
{
	double m = e->size / 2, b = e->size;
	double len[2] = { e->w - 2 * b, e->h - 2 * b };
	cairo_pattern_t *pat = band_tile(e);
	cairo_matrix_t mat;

	cairo_save(cr);
	for (int side = 0; side < 4; side++) {
		int vertical = side >= 2;
		double n = fmax(1, round(len[vertical] / e->wave));
		double s = len[vertical] / n / e->wave;
		double x0 = vertical ? (side == 2 ? e->x : e->x + e->w - b) : e->x + b;
		double y0 = vertical ? e->y + b : (side == 0 ? e->y : e->y + e->h - b);

		/* User space to tile space: along the side, then across it. */
		if (vertical)
			cairo_matrix_init(&mat, 0, 1, 1 / s, 0, -y0 / s, -x0);
		else
			cairo_matrix_init(&mat, 1 / s, 0, 0, 1, -x0 / s, -y0);
		cairo_pattern_set_matrix(pat, &mat);
		cairo_set_source(cr, pat);
		cairo_rectangle(cr, x0, y0, vertical ? b : len[0], vertical ? len[1] : b);
		cairo_fill(cr);
	}
	cairo_pattern_destroy(pat);

	draw_set_rgb(cr, e->color);
	cairo_rectangle(cr, e->x, e->y, e->w, e->h);
	cairo_rectangle(cr, e->x + b, e->y + b, e->w - 2 * b, e->h - 2 * b);
	cairo_set_line_width(cr, e->line_width * 1.2);
	cairo_stroke(cr);
	for (int i = 0; i < 4; i++)
		cairo_rectangle(cr, i % 2 ? e->x + e->w - b : e->x,
				i / 2 ? e->y + e->h - b : e->y, b, b);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	for (int i = 0; i < 4; i++)
		diamond_path(cr, i % 2 ? e->x + e->w - m : e->x + m,
			     i / 2 ? e->y + e->h - m : e->y + m, m * 0.6, m * 0.6);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* In each corner of the rectangle: two quarter circles around the corner
 * and a filled diamond on the diagonal, facing inwards. */
void cert_corners(cairo_t *cr, const struct tpl_element *e)
{
	/* Top-left, top-right, bottom-right, bottom-left; y grows downwards. */
	const double cx[4] = { e->x, e->x + e->w, e->x + e->w, e->x };
	const double cy[4] = { e->y, e->y, e->y + e->h, e->y + e->h };
	const double sx[4] = { 1, -1, -1, 1 }, sy[4] = { 1, 1, -1, -1 };
	double s = e->size;

	cairo_save(cr);
	draw_set_rgb(cr, e->color);
	for (int i = 0; i < 4; i++) {
		double a = i * G_PI / 2;

		cairo_new_sub_path(cr);
		cairo_arc(cr, cx[i], cy[i], s, a, a + G_PI / 2);
		cairo_new_sub_path(cr);
		cairo_arc(cr, cx[i], cy[i], s * 0.7, a, a + G_PI / 2);
	}
	cairo_set_line_width(cr, e->line_width);
	cairo_stroke(cr);
	for (int i = 0; i < 4; i++)
		diamond_path(cr, cx[i] + sx[i] * s * 0.3, cy[i] + sy[i] * s * 0.3,
			     s * 0.17, s * 0.17);
	cairo_fill(cr);
	cairo_restore(cr);
}

void cert_rule(cairo_t *cr, const struct tpl_element *e)
{
	double y = e->y, mid = e->x + e->w / 2, d = 2.5 + 2 * e->line_width;

	cairo_save(cr);
	draw_set_rgb(cr, e->color);
	cairo_set_line_width(cr, e->line_width);
	if (e->ornament) {
		cairo_move_to(cr, e->x, y);
		cairo_line_to(cr, mid - 2 * d, y);
		cairo_move_to(cr, mid + 2 * d, y);
		cairo_line_to(cr, e->x + e->w, y);
		cairo_stroke(cr);
		diamond_path(cr, mid, y, d * 1.3, d);
		cairo_fill(cr);
	} else {
		cairo_move_to(cr, e->x, y);
		cairo_line_to(cr, e->x + e->w, y);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* A rosette medallion: a scalloped disk, two rings and twelve interlaced
 * circles cut out of it. */
void cert_seal(cairo_t *cr, const struct tpl_element *e)
{
	const int scallops = 28;
	double cx = e->x, cy = e->y, r = e->w;
	double step = 2 * G_PI / scallops, rs = r * sin(step / 2) * 1.05;

	cairo_save(cr);
	draw_set_rgb(cr, e->color);
	cairo_new_sub_path(cr);
	for (int i = 0; i < scallops; i++) {
		double a = i * step;

		cairo_arc(cr, cx + (r - rs) * cos(a), cy + (r - rs) * sin(a), rs,
			  a - G_PI / 2, a + G_PI / 2);
	}
	cairo_close_path(cr);
	cairo_fill(cr);

	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_set_line_width(cr, r * 0.025);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.84, 0, 2 * G_PI);
	cairo_stroke(cr);
	cairo_set_line_width(cr, r * 0.012);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.78, 0, 2 * G_PI);
	for (int i = 0; i < 12; i++) {
		double a = i * G_PI / 6;

		cairo_new_sub_path(cr);
		cairo_arc(cr, cx + r * 0.33 * cos(a), cy + r * 0.33 * sin(a), r * 0.33,
			  0, 2 * G_PI);
	}
	cairo_stroke(cr);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.08, 0, 2 * G_PI);
	cairo_fill(cr);
	cairo_restore(cr);
}

