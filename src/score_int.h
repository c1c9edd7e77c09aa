/* score_int.h — inside the scored model: what score.c, score_input.c and
 * score_office.c share. */
#ifndef P2HAM_SCORE_INT_H
#define P2HAM_SCORE_INT_H

#include "ingest.h"
#include "score.h"

/*
 * score_input.c resolves what the outputs need of the input into the
 * model, so that no output reads the dataset: files, rejected rows,
 * observations, and every text in its raw and display forms.
 */

/* Set t to the borrowed text raw (NULL for none) and its display form. */
void model_text_set(struct model_text *t, const char *raw);

/* Like model_text_set(), for a raw text the holder owns from now on;
 * free both forms with model_text_free(). */
void model_text_own(struct model_text *t, char *raw);

/* Set t to the borrowed text raw and, as its display form, `shown` (owned
 * from now on, made display-safe here): text the documents show otherwise
 * than the data outputs. */
void model_text_shown(struct model_text *t, const char *raw, char *shown);

/* Free the display copy, if any, and forget both forms. */
void model_text_clear(struct model_text *t);

/* model_text_clear(), and free the raw text too (model_text_own()). */
void model_text_free(struct model_text *t);

/*
 * Fill m->files, m->rejected and the row counts from `ds`. Returns a map
 * from each struct input_file * of `ds` to its struct model_file *, for
 * model_obs_new(); free it with g_hash_table_destroy().
 */
GHashTable *model_inputs_build(struct model *m, const struct dataset *ds);

/* Free what model_inputs_build() put into m. */
void model_inputs_free(struct model *m);

/* The observation o as the model shows it; `files` is the map of
 * model_inputs_build(). Free it with model_obs_free(). */
struct model_obs *model_obs_new(const struct observation *o, GHashTable *files);
void model_obs_free(gpointer obs);

#endif
