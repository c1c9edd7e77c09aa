/* score_input.c — the input as the scored model keeps it for the outputs. */
#include "score_int.h"

#include "reason.h"
#include "text.h"

void model_text_set(struct model_text *t, const char *raw)
{
	char *safe = raw ? text_display_safe(raw) : NULL;

	t->raw = raw;
	t->display = safe ? safe : raw;
}

void model_text_own(struct model_text *t, char *raw)
{
	model_text_set(t, raw);
}

void model_text_shown(struct model_text *t, const char *raw, char *shown)
{
	char *safe = text_display_safe(shown);

	if (safe)
		g_free(shown);
	t->raw = raw;
	t->display = safe ? safe : shown;
}

void model_text_clear(struct model_text *t)
{
	if (t->display != t->raw)
		g_free((char *)t->display);
	t->raw = t->display = NULL;
}

void model_text_free(struct model_text *t)
{
	char *raw = (char *)t->raw;

	model_text_clear(t);
	g_free(raw);
}

/* A file as the documents show it: its name without the folder it was read
 * from, so that a document does not depend on where it was made. */
static char *shown_name(const char *path, const char *sheet)
{
	char *base = g_path_get_basename(path), *name;

	if (!sheet)
		return base;
	name = g_strdup_printf("%s[%s]", base, sheet);
	g_free(base);
	return name;
}

static struct model_file *file_new(const struct input_file *in)
{
	struct model_file *f = g_new0(struct model_file, 1);

	f->path = in->path;
	f->sheet = in->sheet;
	model_text_shown(&f->name, in->name, shown_name(in->path, in->sheet));
	f->sha256 = in->sha256;
	model_text_set(&f->encoding, in->encoding);
	f->delimiter = in->delimiter;
	f->layout = in->layout;
	f->rows_read = in->rows_read;
	f->rows_accepted = in->rows_accepted;
	f->rows_rejected = in->rows_rejected;
	return f;
}

static void file_free(gpointer p)
{
	struct model_file *f = p;

	model_text_clear(&f->name);
	model_text_clear(&f->encoding);
	g_free(f);
}

static struct model_rejected *rejected_new(const struct rejected_row *rr,
					   GHashTable *files, const struct rubric *rb)
{
	struct model_rejected *r = g_new0(struct model_rejected, 1);

	r->file = g_hash_table_lookup(files, rr->file);
	r->line = rr->line;
	model_text_shown(&r->reason, rr->reason, reason_display(rr->reason, rb, NULL));
	model_text_set(&r->raw, rr->raw);
	r->truncated = rr->truncated;
	return r;
}

static void rejected_free(gpointer p)
{
	struct model_rejected *r = p;

	model_text_clear(&r->reason);
	model_text_clear(&r->raw);
	g_free(r);
}

GHashTable *model_inputs_build(struct model *m, const struct dataset *ds)
{
	GHashTable *files = g_hash_table_new(NULL, NULL);

	m->files = g_ptr_array_new_full(ds->files->len, file_free);
	for (guint i = 0; i < ds->files->len; i++) {
		const struct input_file *in = g_ptr_array_index(ds->files, i);
		struct model_file *f = file_new(in);

		g_ptr_array_add(m->files, f);
		g_hash_table_insert(files, (gpointer)in, f);
	}
	m->rejected = g_ptr_array_new_full(ds->rejected->len, rejected_free);
	for (guint i = 0; i < ds->rejected->len; i++)
		g_ptr_array_add(m->rejected,
				rejected_new(g_ptr_array_index(ds->rejected, i), files,
					     ds->rubric));
	m->rows_read = ds->rows_read;
	m->rows_accepted = ds->rows_accepted;
	m->rows_rejected = ds->rows_rejected;
	return files;
}

void model_inputs_free(struct model *m)
{
	if (m->files)
		g_ptr_array_free(m->files, TRUE);
	if (m->rejected)
		g_ptr_array_free(m->rejected, TRUE);
}

struct model_obs *model_obs_new(const struct observation *o, GHashTable *files)
{
	struct model_obs *mo = g_new0(struct model_obs, 1);

	mo->level = o->level;
	mo->date = o->date;
	model_text_set(&mo->evidence, o->evidence);
	model_text_set(&mo->note, o->note);
	model_text_set(&mo->verifier, o->verifier);
	mo->file = g_hash_table_lookup(files, o->file);
	mo->line = o->line;
	mo->seq = o->seq;
	/* The raw form, for summary.xml, names the file as given; the
	 * documents show the file's own name (model_file.name). */
	if (mo->file)
		model_text_shown(&mo->source, ingest_location(o->file, o->line),
				 g_strdup_printf("%s:%lu", mo->file->name.display, o->line));
	else
		model_text_own(&mo->source, ingest_location(o->file, o->line));
	return mo;
}

void model_obs_free(gpointer obs)
{
	struct model_obs *mo = obs;

	if (!mo)
		return;
	model_text_clear(&mo->evidence);
	model_text_clear(&mo->note);
	model_text_clear(&mo->verifier);
	model_text_free(&mo->source);
	g_free(mo);
}
