/* shape.h — text shaped as Pango shapes it, kept per font and thread. */
#ifndef P2HAM_SHAPE_H
#define P2HAM_SHAPE_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "draw.h"

/*
 * Shaping a string through a Pango layout costs some fifty times adding
 * up the advances of its words, and a national report sets hundreds of
 * thousands of table cells. Here each word (a run without spaces) and each
 * space is shaped once per font and thread by HarfBuzz through Pango, with
 * the analysis Pango gives such a paragraph, and a line of them is set
 * with the kerning of the pair at every joint: the shipped fonts kern no
 * sequence longer than a pair, so the line is as wide, glyph for glyph, as
 * Pango shapes it whole (tests/unit/test_draw.c holds this against Pango).
 *
 * Text with a character outside Latin letters, digits, punctuation and
 * symbols, or one the font lacks, is not for this module: shape_tokens()
 * returns -1 and the caller gives the text to Pango.
 *
 * Ownership: every shape_font, word, pair and run belongs to the calling
 * thread's cache and lives until the thread ends or the cache is emptied
 * (never while a caller holds a pointer from the same call).
 */

/* The scripts Pango gives a paragraph: one with a Latin letter, or one of
 * digits and punctuation only. */
enum { SHAPE_LATIN, SHAPE_COMMON, SHAPE_SCRIPTS };

/* The arrays a thread reuses while it sets a text (shape_scratch()). */
enum {
	SHAPE_SCRATCH_GLYPHS,   /* of the run being built */
	SHAPE_SCRATCH_CLUSTERS,
	SHAPE_SCRATCH_LINES,    /* plain.c: the lines of the text being set */
	SHAPE_SCRATCH_DRAWN,    /* plain.c: the glyphs of the line being drawn */
	SHAPE_SCRATCHES
};

struct shape_font {
	const char *font;       /* first two: the key */
	double size;
	cairo_scaled_font_t *sf;        /* unhinted, identity CTM: advances in points */
	cairo_font_options_t *options;
	double ascent, height;          /* of a line, as Pango sets it */
	PangoAnalysis analysis[SHAPE_SCRIPTS];  /* as Pango itemizes such a paragraph */
	GHashTable *words[SHAPE_SCRIPTS];       /* word -> PangoGlyphString *, NULL: not here */
	GHashTable *pairs[SHAPE_SCRIPTS];       /* a << 14 | b -> kerning + PAIR_BIAS */
	GHashTable *runs;                       /* paragraph -> struct shape_run * */
	unsigned nwords, nruns;
	GArray *scratch[SHAPE_SCRATCHES];       /* see shape_scratch() */
};

/* The font Pango would use for st, with Pango's line metrics. */
struct shape_font *shape_font_of(const struct draw_style *st);

/* Empty the caches of f when they have grown past their bounds. Call
 * only between texts: it frees every word, pair and run. */
void shape_trim(struct shape_font *f);

/*
 * The array `which` of f, emptied, for elements `size` bytes long (the
 * same each time). It is f's and the thread's: each kind serves one text
 * at a time.
 */
GArray *shape_scratch(struct shape_font *f, int which, guint size);

/* The script Pango gives the paragraph p..end. */
int shape_script(const char *p, const char *end);

/*
 * The tokens of p..end: each space, and each run of other characters,
 * shaped alone; fn gets each with the kerning of the pair before it.
 * Returns 0, or -1 when a character is not for this module.
 */
typedef void shape_token_fn(void *data, const char *tok, int len,
			    const PangoGlyphString *g, int kern);
int shape_tokens(struct shape_font *f, int script, const char *p, const char *end,
		 shape_token_fn *fn, void *data);

/* A shape_token_fn adding the tokens' widths to the int at data. */
void shape_add_width(void *data, const char *tok, int len, const PangoGlyphString *g,
		     int kern);

/* What HarfBuzz adds to the advance of a when b follows. */
int shape_pair_kerning(struct shape_font *f, int script, gunichar a, gunichar b);

/* The hyphen Pango adds where it breaks inside a word: U+2010 when the
 * font has it, else '-' (*c says which). */
const PangoGlyphString *shape_hyphen(struct shape_font *f, int script, gunichar *c);

/*
 * A line of text shaped: its glyphs at x from the line's start and y from
 * its baseline, and the clusters that map them to the text, so that the
 * text copies out of a PDF as it was written.
 */
struct shape_glyph {
	unsigned index;
	int x, y;               /* in Pango units */
};

struct shape_run {
	int ok;                 /* 0: the text is not for this module */
	int script;
	int width;              /* in Pango units */
	int nglyphs, nclusters;
	struct shape_glyph *glyphs;     /* in the block of clusters */
	cairo_text_cluster_t *clusters; /* owns the block */
	int wrap_limit;         /* the last box the paragraph was broken for */
	GArray *wrap;           /* its lines, for plain.c; NULL: none yet */
};

/* The run of p..end, built, with the hyphen Pango inserts after its last
 * character, hyphen_after (0: none), in that character's cluster.
 * shape_run_clear() frees what it holds. */
void shape_run_build(struct shape_font *f, int script, const char *p, const char *end,
		     gunichar hyphen_after, struct shape_run *run);
void shape_run_clear(struct shape_run *run);

/* The run of paragraph p..end (script from the text), cached. */
struct shape_run *shape_run_of(struct shape_font *f, const char *p, const char *end);

#endif
