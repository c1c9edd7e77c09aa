/* cert_text.c — a certificate's texts: fitted or balanced over a few lines,
 * with the template's OpenType features, tagged for the PDF's structure. */
#include "cert_int.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "balance.h"
#include "draw.h"

/* A line under each line of the text, as signatures have under the name. */
static void underline_layout(cairo_t *cr, PangoLayout *layout, double x, double y,
			     double size)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);

	cairo_set_line_width(cr, size * 0.055);
	do {
		PangoRectangle logical;
		double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		if (logical.width <= 0)
			continue;
		cairo_move_to(cr, x + (double)logical.x / PANGO_SCALE,
			      y + base + size * 0.16);
		cairo_rel_line_to(cr, (double)logical.width / PANGO_SCALE, 0);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	cairo_stroke(cr);
}

/*
 * A copy of a fitted layout with OpenType features (the fitted one may be
 * shared). Other figures or ligatures may change the widths a little;
 * should the text then need more height than its box, the layout stays as
 * fitted, without them.
 */
static PangoLayout *add_features(PangoLayout *fitted, const char *features, double h)
{
	PangoLayout *layout = pango_layout_copy(fitted);
	PangoAttrList *old = pango_layout_get_attributes(layout);
	PangoAttrList *attrs = old ? pango_attr_list_copy(old) : pango_attr_list_new();
	PangoRectangle logical;

	pango_attr_list_insert(attrs, pango_attr_font_features_new(features));
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_get_extents(layout, NULL, &logical);
	if ((double)logical.height / PANGO_SCALE > h + 1e-6) {
		g_object_unref(layout);
		return fitted;
	}
	g_object_unref(fitted);
	return layout;
}

/* The words of `text` split at spaces (none empty); free with g_strfreev(). */
static char **words_of(const char *text, guint *n)
{
	char **all = g_strsplit(text, " ", -1);
	guint k = 0;

	for (guint i = 0; all[i]; i++) {
		if (*all[i])
			all[k++] = all[i];
		else
			g_free(all[i]);
	}
	all[k] = NULL;
	*n = k;
	return all;
}

/*
 * The text of a `lines` element at the largest size (from its size down
 * in steps of 0.5 pt, not below min-size or 8 pt) at which its words
 * break into at most e->lines balanced lines (balance.h) that fit the
 * box; NULL when there is none, and the element is fitted as any other.
 */
static PangoLayout *balanced_layout(cairo_t *cr, const char *text,
				    const struct tpl_element *e, double *used)
{
	struct draw_style st = e->style;
	double floor_size = fmax(8, e->style.min_size), space, *w;
	size_t starts[8];
	guint n;
	char **words = words_of(text, &n);
	PangoLayout *found = NULL;

	w = g_new(double, n + 1);
	for (guint i = 0; i < n; i++)
		w[i] = draw_text_width(cr, words[i], &st);
	space = draw_text_width(cr, "a a", &st) - 2 * draw_text_width(cr, "a", &st);
	for (double size = e->style.size; n && !found && size >= floor_size - 1e-9;
	     size -= 0.5) {
		double k = size / e->style.size, tw, th;
		unsigned lines = balance_lines(w, n, space, e->lines, e->w / k * 0.99,
					       starts, NULL);
		GString *joined;
		PangoRectangle logical;
		PangoLayout *layout;

		if (!lines)
			continue;
		joined = g_string_new(NULL);
		for (guint i = 0, line = 1; i < n; i++) {
			if (i)
				g_string_append_c(joined, line < lines && starts[line] == i ?
							  '\n' : ' ');
			if (line < lines && starts[line] == i)
				line++;
			g_string_append(joined, words[i]);
		}
		st.size = size;
		layout = draw_layout(cr, joined->str, e->w, &st);
		g_string_free(joined, TRUE);
		pango_layout_get_extents(layout, NULL, &logical);
		tw = (double)logical.width / PANGO_SCALE;
		th = (double)logical.height / PANGO_SCALE;
		if (tw <= e->w + 1e-6 && th <= e->h + 1e-6 &&
		    pango_layout_get_line_count(layout) == (int)lines) {
			found = layout;
			*used = size;
		} else {
			g_object_unref(layout);
		}
	}
	g_free(w);
	g_strfreev(words);
	return found;
}

static const char *const tag_names[] = { "P", "H1", "H2" };

void cert_text(cairo_t *cr, const struct tpl_element *e,
	       const char *const values[PH_COUNT])
{
	char *text = placeholder_expand(&e->text, values);
	double size, th, y = e->y;
	PangoLayout *layout = e->lines ? balanced_layout(cr, text, e, &size) : NULL;
	PangoRectangle logical;

	if (!layout)
		layout = draw_layout_fit(cr, text, e->w, e->h, &e->style, &size);

	if (e->features)
		layout = add_features(layout, e->features, e->h);
	pango_layout_get_extents(layout, NULL, &logical);
	th = (double)logical.height / PANGO_SCALE;
	if (e->valign == TPL_MIDDLE)
		y += (e->h - th) / 2;
	cairo_tag_begin(cr, tag_names[e->tag], "");
	cairo_save(cr);
	draw_set_rgb(cr, e->style.color);
	cairo_move_to(cr, e->x, y);
	pango_cairo_show_layout(cr, layout);
	if (e->underline)
		underline_layout(cr, layout, e->x, y, size);
	cairo_restore(cr);
	cairo_tag_end(cr, tag_names[e->tag]);
	g_object_unref(layout);
	g_free(text);
}
