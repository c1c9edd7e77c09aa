/* draw_sink.c — lines, boxes and marks, painted with Cairo or given to a drawing sink. */
#include "draw.h"

#include <math.h>

/* What a cairo_t with a sink carries, as its user data. */
struct sink {
	const struct draw_sink_ops *ops;
	void *data;
};

static const cairo_user_data_key_t sink_key;

void draw_set_sink(cairo_t *cr, const struct draw_sink_ops *ops, void *data)
{
	struct sink *sink = NULL;

	if (ops) {
		sink = g_new(struct sink, 1);
		*sink = (struct sink){ ops, data };
	}
	cairo_set_user_data(cr, &sink_key, sink, g_free);
}

int draw_has_text_sink(cairo_t *cr)
{
	return cairo_get_user_data(cr, &sink_key) != NULL;
}

int draw_sink_text(cairo_t *cr, PangoLayout *layout, double x, double y,
		   struct draw_rgb color)
{
	struct sink *sink = cairo_get_user_data(cr, &sink_key);

	if (!sink)
		return 0;
	sink->ops->text(sink->data, cr, layout, x, y, color);
	return 1;
}

/* The lines of a hatch, clipped to its box. */
static void cairo_hatch(cairo_t *cr, const struct draw_shape *s)
{
	double x = s->a[0], y = s->a[1], w = s->a[2], h = s->a[3];

	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_new_path(cr);
	for (double d = -h; d < w; d += s->spacing) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	draw_set_rgb(cr, *s->stroke);
	cairo_set_line_width(cr, s->width);
	cairo_stroke(cr);
}

static void cairo_outline(cairo_t *cr, const struct draw_shape *s)
{
	cairo_new_path(cr);
	switch (s->kind) {
	case DRAW_SHAPE_LINE:
		cairo_move_to(cr, s->a[0], s->a[1]);
		cairo_line_to(cr, s->a[2], s->a[3]);
		break;
	case DRAW_SHAPE_RECT:
		cairo_rectangle(cr, s->a[0], s->a[1], s->a[2], s->a[3]);
		break;
	case DRAW_SHAPE_CIRCLE:
		cairo_arc(cr, s->a[0], s->a[1], s->a[2], 0, 2 * G_PI);
		break;
	case DRAW_SHAPE_POLYGON:
		for (unsigned i = 0; i < s->n; i++)
			cairo_line_to(cr, s->xy[2 * i], s->xy[2 * i + 1]);
		cairo_close_path(cr);
		break;
	case DRAW_SHAPE_HATCH:
		break;
	}
}

static void cairo_shape(cairo_t *cr, const struct draw_shape *s)
{
	cairo_save(cr);
	if (s->kind == DRAW_SHAPE_HATCH) {
		cairo_hatch(cr, s);
		cairo_restore(cr);
		return;
	}
	cairo_outline(cr, s);
	if (s->fill) {
		draw_set_rgb(cr, *s->fill);
		if (s->stroke)
			cairo_fill_preserve(cr);
		else
			cairo_fill(cr);
	}
	if (s->stroke) {
		draw_set_rgb(cr, *s->stroke);
		cairo_set_line_width(cr, s->width);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		if (s->dash[0] > 0)
			cairo_set_dash(cr, s->dash, 2, 0);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

void draw_shape(cairo_t *cr, const struct draw_shape *s)
{
	struct sink *sink = cairo_get_user_data(cr, &sink_key);

	if (sink)
		sink->ops->shape(sink->data, cr, s);
	else
		cairo_shape(cr, s);
}

void draw_dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1,
		      double width, struct draw_rgb c, double on, double off)
{
	struct draw_shape s = { DRAW_SHAPE_LINE, { x0, y0, x1, y1 }, NULL, 0,
				NULL, &c, width, { on, off }, 0 };

	draw_shape(cr, &s);
}

void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1,
	       double width, struct draw_rgb c)
{
	draw_dashed_line(cr, x0, y0, x1, y1, width, c, 0, 0);
}

/* A box with a positive width and height, whatever the signs given. */
static struct draw_shape box(enum draw_shape_kind kind, double x, double y, double w,
			     double h)
{
	struct draw_shape s = { kind, { fmin(x, x + w), fmin(y, y + h), fabs(w), fabs(h) },
				NULL, 0, NULL, NULL, 0, { 0, 0 }, 0 };

	return s;
}

void draw_fill_rect(cairo_t *cr, double x, double y, double w, double h,
		    struct draw_rgb c)
{
	struct draw_shape s = box(DRAW_SHAPE_RECT, x, y, w, h);

	s.fill = &c;
	draw_shape(cr, &s);
}

void draw_stroke_rect(cairo_t *cr, double x, double y, double w, double h,
		      double width, struct draw_rgb c)
{
	struct draw_shape s = box(DRAW_SHAPE_RECT, x, y, w, h);

	s.stroke = &c;
	s.width = width;
	draw_shape(cr, &s);
}

void draw_hatch_rect(cairo_t *cr, double x, double y, double w, double h,
		     double spacing, double width, struct draw_rgb c)
{
	struct draw_shape s = box(DRAW_SHAPE_HATCH, x, y, w, h);

	s.stroke = &c;
	s.width = width;
	s.spacing = spacing;
	if (spacing > 0)
		draw_shape(cr, &s);
}

void draw_fill_circle(cairo_t *cr, double cx, double cy, double r, struct draw_rgb c)
{
	struct draw_shape s = { DRAW_SHAPE_CIRCLE, { cx, cy, r, 0 }, NULL, 0,
				&c, NULL, 0, { 0, 0 }, 0 };

	draw_shape(cr, &s);
}

void draw_polygon(cairo_t *cr, const double *xy, unsigned n, struct draw_rgb fill,
		  double width, struct draw_rgb stroke)
{
	struct draw_shape s = { DRAW_SHAPE_POLYGON, { 0, 0, 0, 0 }, xy, n,
				&fill, width > 0 ? &stroke : NULL, width, { 0, 0 }, 0 };

	if (n >= 2)
		draw_shape(cr, &s);
}

void draw_turn(cairo_t *cr, double x, double y, double angle)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, angle);
}

void draw_unturn(cairo_t *cr)
{
	cairo_restore(cr);
}
