/* shape.c — text shaped as Pango shapes it, kept per font and thread. */
#include "shape.h"

#include <string.h>

/* Entries per font and thread above which shape_trim() empties a cache:
 * words (and pairs), and paragraph runs. */
#define WORDS_MAX (1 << 18)
#define RUNS_MAX (1 << 16)

/* Words this long and shorter are looked up without a copy. */
#define KEY_STACK 128

static guint font_hash(gconstpointer p)
{
	const struct shape_font *k = p;

	return g_str_hash(k->font) ^ (guint)(k->size * 4096);
}

static gboolean font_equal(gconstpointer a, gconstpointer b)
{
	const struct shape_font *x = a, *y = b;

	return x->size == y->size && !strcmp(x->font, y->font);
}

static void glyphs_free(gpointer p)
{
	if (p)
		pango_glyph_string_free(p);
}

void shape_run_clear(struct shape_run *run)
{
	g_free(run->clusters);
	if (run->wrap)
		g_array_unref(run->wrap);
	*run = (struct shape_run){ 0 };
}

static void run_free(gpointer p)
{
	shape_run_clear(p);
	g_free(p);
}

static void font_free(gpointer p)
{
	struct shape_font *f = p;

	for (int s = 0; s < SHAPE_SCRIPTS; s++) {
		g_hash_table_destroy(f->words[s]);
		g_hash_table_destroy(f->pairs[s]);
		g_object_unref(f->analysis[s].font);
	}
	g_hash_table_destroy(f->runs);
	for (int i = 0; i < SHAPE_SCRATCHES; i++)
		if (f->scratch[i])
			g_array_free(f->scratch[i], TRUE);
	cairo_font_options_destroy(f->options);
	cairo_scaled_font_destroy(f->sf);
	g_free((char *)f->font);
	g_free(f);
}

static void cache_free(gpointer p)
{
	g_hash_table_destroy(p);
}

/* Per thread: the fonts of the styles seen, as keys and values. */
static GPrivate cache_key = G_PRIVATE_INIT(cache_free);

/* The analysis of the first item Pango makes of `text` set as st says. */
static void item_analysis(cairo_t *cr, const char *text, const struct draw_style *st,
			  PangoAnalysis *out)
{
	PangoLayout *layout = draw_layout(cr, text, -1, st);
	PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
	const PangoGlyphItem *run = line->runs->data;

	*out = run->item->analysis;
	g_object_ref(out->font);
	out->extra_attrs = NULL;
	g_object_unref(layout);
}

static void font_metrics(struct shape_font *f, cairo_t *cr, const struct draw_style *st)
{
	PangoLayout *layout = draw_layout(cr, "Ag", -1, st);
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	f->height = (double)logical.height / PANGO_SCALE;
	f->ascent = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	g_object_unref(layout);
	f->sf = cairo_scaled_font_reference(
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->analysis[SHAPE_LATIN].font)));
	f->options = cairo_font_options_create();
	cairo_scaled_font_get_font_options(f->sf, f->options);
}

/* The font Pango would use for st, with Pango's line metrics. */
struct shape_font *shape_font_of(const struct draw_style *st)
{
	GHashTable *cache = g_private_get(&cache_key);
	struct shape_font probe = { .font = st->font, .size = st->size };
	cairo_surface_t *scratch;
	cairo_t *scratch_cr;
	struct shape_font *f;

	if (!cache) {
		cache = g_hash_table_new_full(font_hash, font_equal, NULL, font_free);
		g_private_set(&cache_key, cache);
	}
	f = g_hash_table_lookup(cache, &probe);
	if (f)
		return f;
	f = g_new0(struct shape_font, 1);
	f->font = g_strdup(st->font);
	f->size = st->size;
	/* Laid out on a scratch surface, not on cr: the font's advances must
	 * not depend on which surface or transformation asked first. */
	scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	scratch_cr = cairo_create(scratch);
	item_analysis(scratch_cr, "A", st, &f->analysis[SHAPE_LATIN]);
	item_analysis(scratch_cr, "1", st, &f->analysis[SHAPE_COMMON]);
	font_metrics(f, scratch_cr, st);
	cairo_destroy(scratch_cr);
	cairo_surface_destroy(scratch);
	for (int s = 0; s < SHAPE_SCRIPTS; s++) {
		f->words[s] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, glyphs_free);
		f->pairs[s] = g_hash_table_new(NULL, NULL);
	}
	f->runs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, run_free);
	g_hash_table_add(cache, f);
	return f;
}

/* Characters of one Pango item in a font that has them all: Latin
 * letters, punctuation and symbols, no combining marks, nothing that
 * changes direction, no soft hyphen (Pango may drop or show it). */
static int plain_char(gunichar c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x250 && c != 0xAD) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
	       c == 0x20AC || c == 0x2122;
}

/* A word shaped by HarfBuzz through Pango, as Pango shapes it in a line,
 * or NULL when the font lacks one of its characters. */
static PangoGlyphString *shape_word(struct shape_font *f, int script, const char *word,
				    int len)
{
	PangoGlyphString *g = pango_glyph_string_new();

	pango_shape_with_flags(word, len, word, len, &f->analysis[script], g,
			       PANGO_SHAPE_NONE);
	for (int i = 0; i < g->num_glyphs; i++) {
		if (g->glyphs[i].glyph == PANGO_GLYPH_EMPTY ||
		    (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			pango_glyph_string_free(g);
			return NULL;
		}
	}
	return g;
}

/* The cached shaping of text[0, len); *found 0 when the font lacks a glyph. */
static PangoGlyphString *word_of(struct shape_font *f, int script, const char *text,
				 int len, int *found)
{
	char stack[KEY_STACK + 1], *key = stack;
	gpointer value;
	PangoGlyphString *g;

	if (len > KEY_STACK)
		key = g_malloc((gsize)len + 1);
	memcpy(key, text, (size_t)len);
	key[len] = 0;
	if (g_hash_table_lookup_extended(f->words[script], key, NULL, &value)) {
		if (key != stack)
			g_free(key);
		*found = value != NULL;
		return value;
	}
	g = shape_word(f, script, text, len);
	g_hash_table_insert(f->words[script], key == stack ? g_strdup(key) : key, g);
	f->nwords++;
	*found = g != NULL;
	return g;
}

/* The script Pango gives a paragraph of plain characters. */
int shape_script(const char *p, const char *end)
{
	for (; p < end; p = g_utf8_next_char(p))
		if (g_unichar_get_script(g_utf8_get_char(p)) == G_UNICODE_SCRIPT_LATIN)
			return SHAPE_LATIN;
	return SHAPE_COMMON;
}

/* Characters below 1 << 14 (all of plain_char()'s) make a pair's key. */
#define PAIR_BIAS (1 << 20)

/*
 * What HarfBuzz adds to the advance of `a` when `b` follows: the fonts
 * kern some letters against a space ("R " and " T" in Lato). Pairs are
 * shaped once: the pair less its two characters alone.
 */
int shape_pair_kerning(struct shape_font *f, int script, gunichar a, gunichar b)
{
	gpointer key = GUINT_TO_POINTER(a << 14 | b), value;
	char ab[16];
	int la = g_unichar_to_utf8(a, ab), lb = g_unichar_to_utf8(b, ab + la), found, k;
	PangoGlyphString *g;

	if (g_hash_table_lookup_extended(f->pairs[script], key, NULL, &value))
		return GPOINTER_TO_INT(value) - PAIR_BIAS;
	g = shape_word(f, script, ab, la + lb);
	k = g ? pango_glyph_string_get_width(g) : 0;
	if (g)
		pango_glyph_string_free(g);
	k -= pango_glyph_string_get_width(word_of(f, script, ab, la, &found));
	k -= pango_glyph_string_get_width(word_of(f, script, ab + la, lb, &found));
	g_hash_table_insert(f->pairs[script], key, GINT_TO_POINTER(k + PAIR_BIAS));
	return k;
}

int shape_tokens(struct shape_font *f, int script, const char *p, const char *end,
		 shape_token_fn *fn, void *data)
{
	int found;
	gunichar last = 0;

	while (p < end) {
		const char *q = p, *prev = p;
		PangoGlyphString *g;

		gunichar c = g_utf8_get_char(q);

		if (!plain_char(c))
			return -1;
		q = g_utf8_next_char(q);
		/* Letters and digits run on; anything else stands alone. */
		while (g_unichar_isalnum(c) && q < end && g_unichar_isalnum(g_utf8_get_char(q))) {
			if (!plain_char(g_utf8_get_char(q)))
				return -1;
			prev = q;
			q = g_utf8_next_char(q);
		}
		g = word_of(f, script, p, (int)(q - p), &found);
		if (!found)
			return -1;
		fn(data, p, (int)(q - p), g,
		   last ? shape_pair_kerning(f, script, last, g_utf8_get_char(p)) : 0);
		last = g_utf8_get_char(prev);
		p = q;
	}
	return 0;
}

void shape_add_width(void *data, const char *tok, int len, const PangoGlyphString *g,
		     int kern)
{
	*(int *)data += kern + pango_glyph_string_get_width((PangoGlyphString *)g);
}


const PangoGlyphString *shape_hyphen(struct shape_font *f, int script, gunichar *c)
{
	int found;
	const PangoGlyphString *g = word_of(f, script, "\xe2\x80\x90", 3, &found);

	*c = 0x2010;
	if (found)
		return g;
	*c = '-';
	return word_of(f, script, "-", 1, &found);
}

GArray *shape_scratch(struct shape_font *f, int which, guint size)
{
	if (!f->scratch[which])
		f->scratch[which] = g_array_new(FALSE, FALSE, size);
	g_array_set_size(f->scratch[which], 0);
	return f->scratch[which];
}

/* The run being built: arrays from shape_scratch(). */
struct builder {
	GArray *glyphs;         /* struct shape_glyph */
	GArray *clusters;       /* cairo_text_cluster_t */
	int width;              /* the pen, in Pango units */
};

/* The glyphs of one token at the pen, a cluster per Pango cluster. */
static void add_glyphs(void *data, const char *tok, int len, const PangoGlyphString *g,
		       int kern)
{
	struct builder *b = data;

	b->width += kern;
	for (int i = 0; i < g->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &g->glyphs[i];
		struct shape_glyph sg = { gi->glyph, b->width + gi->geometry.x_offset,
					  gi->geometry.y_offset };

		g_array_append_val(b->glyphs, sg);
		if (i == 0 || g->log_clusters[i] != g->log_clusters[i - 1]) {
			int next = len;

			for (int k = i + 1; k < g->num_glyphs; k++)
				if (g->log_clusters[k] != g->log_clusters[i]) {
					next = g->log_clusters[k];
					break;
				}
			g_array_append_val(b->clusters, ((cairo_text_cluster_t){
				next - g->log_clusters[i], 0 }));
		}
		g_array_index(b->clusters, cairo_text_cluster_t, b->clusters->len - 1)
		    .num_glyphs++;
		b->width += gi->geometry.width;
	}
}

/* The hyphen after `last`, merged into the last character's cluster. */
static void add_hyphen(struct shape_font *f, int script, struct builder *b, gunichar last)
{
	gunichar c;
	const PangoGlyphString *g = shape_hyphen(f, script, &c);
	guint clusters = b->clusters->len;

	add_glyphs(b, "", 0, g, shape_pair_kerning(f, script, last, c));
	if (clusters > 0 && b->clusters->len > clusters) {
		cairo_text_cluster_t *cl = (cairo_text_cluster_t *)(void *)b->clusters->data;

		cl[clusters - 1].num_glyphs += cl[clusters].num_glyphs;
		g_array_set_size(b->clusters, clusters);
	}
}

void shape_run_build(struct shape_font *f, int script, const char *p, const char *end,
		     gunichar hyphen_after, struct shape_run *run)
{
	struct builder build = {
		shape_scratch(f, SHAPE_SCRATCH_GLYPHS, sizeof(struct shape_glyph)),
		shape_scratch(f, SHAPE_SCRATCH_CLUSTERS, sizeof(cairo_text_cluster_t)), 0
	};
	struct builder *b = &build;
	size_t glyph_bytes, csize;

	*run = (struct shape_run){ 0 };
	run->script = script;
	run->ok = shape_tokens(f, script, p, end, add_glyphs, b) == 0;
	if (!run->ok)
		return;
	if (hyphen_after)
		add_hyphen(f, script, b, hyphen_after);
	/* One block, exactly as large as the glyphs and clusters. */
	glyph_bytes = b->glyphs->len * sizeof(struct shape_glyph);
	csize = b->clusters->len * sizeof(cairo_text_cluster_t);
	run->width = b->width;
	run->nglyphs = (int)b->glyphs->len;
	run->nclusters = (int)b->clusters->len;
	run->clusters = g_malloc(csize + glyph_bytes + 1);
	memcpy(run->clusters, b->clusters->data, csize);
	run->glyphs = (struct shape_glyph *)(void *)((char *)run->clusters + csize);
	memcpy(run->glyphs, b->glyphs->data, glyph_bytes);
}

struct shape_run *shape_run_of(struct shape_font *f, const char *p, const char *end)
{
	char stack[KEY_STACK + 1], *key = stack;
	int len = (int)(end - p);
	struct shape_run *run;

	if (len > KEY_STACK)
		key = g_malloc((gsize)len + 1);
	memcpy(key, p, (size_t)len);
	key[len] = 0;
	run = g_hash_table_lookup(f->runs, key);
	if (run) {
		if (key != stack)
			g_free(key);
		return run;
	}
	run = g_new(struct shape_run, 1);
	shape_run_build(f, shape_script(p, end), p, end, 0, run);
	g_hash_table_insert(f->runs, key == stack ? g_strdup(key) : key, run);
	f->nruns++;
	return run;
}

void shape_trim(struct shape_font *f)
{
	if (f->nwords >= WORDS_MAX) {
		for (int s = 0; s < SHAPE_SCRIPTS; s++) {
			g_hash_table_remove_all(f->words[s]);
			g_hash_table_remove_all(f->pairs[s]);
		}
		f->nwords = 0;
	}
	if (f->nruns >= RUNS_MAX) {
		g_hash_table_remove_all(f->runs);
		f->nruns = 0;
	}
}
