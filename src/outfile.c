/* outfile.c — output files written under temporary names and renamed into place. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A temporary file is ".NAME" TEMP_SUFFIX and TEMP_RANDOM letters or digits
 * that g_mkstemp_full() puts in place of the X's. */
#define TEMP_SUFFIX ".tmp-"
#define TEMP_RANDOM "XXXXXX"

struct entry {
	char *final;
	char *temp;
	FILE *fp;
	int closed;
	int committed;
};

struct outset {
	char *dir;
	GPtrArray *entries;     /* struct entry * */
	mode_t mode;            /* what a newly created file would get */
	GMutex lock;            /* guards entries: rendering threads open and close */
	GPtrArray *sweep;       /* char *: folders to hold only this run's files */
	int lock_fd;            /* the folder's lock file, or -1 */
	int abandoned;          /* outset_abandon() ran; guarded by lock */
};

static void entry_free(gpointer p)
{
	struct entry *e = p;

	if (e->fp)
		fclose(e->fp);
	if (!e->committed)
		g_unlink(e->temp);
	g_free(e->final);
	g_free(e->temp);
	g_free(e);
}

struct outset *outset_new(const char *dir)
{
	struct outset *o = g_new0(struct outset, 1);
	mode_t mask = umask(0);

	umask(mask);
	o->dir = g_strdup(dir);
	o->entries = g_ptr_array_new_with_free_func(entry_free);
	o->mode = 0666 & ~mask;
	g_mutex_init(&o->lock);
	o->sweep = g_ptr_array_new_with_free_func(g_free);
	o->lock_fd = -1;
	return o;
}

/* Whether `name` is one of outset_open()'s temporary files: ".", a name,
 * TEMP_SUFFIX, then exactly as many letters and digits as TEMP_RANDOM. */
static int is_temp_name(const char *name)
{
	size_t len = strlen(name), random = strlen(TEMP_RANDOM);
	size_t tail = strlen(TEMP_SUFFIX) + random;

	if (name[0] != '.' || len < 2 + tail ||
	    strncmp(name + len - tail, TEMP_SUFFIX, strlen(TEMP_SUFFIX)) != 0)
		return 0;
	for (size_t i = len - random; i < len; i++)
		if (!g_ascii_isalnum(name[i]))
			return 0;
	return 1;
}

/* Remove the temporary files of earlier runs from `dir`, and from the
 * folders directly inside it when `depth` is 1. Only regular files go; a
 * link or folder of that name is someone else's. */
static void remove_stale_temps(const char *dir, int depth, struct diag *d)
{
	GDir *gd = g_dir_open(dir, 0, NULL);
	const char *name;

	while (gd && (name = g_dir_read_name(gd))) {
		char *path = g_build_filename(dir, name, NULL);
		GStatBuf st;

		if (g_lstat(path, &st) == 0) {
			if (S_ISREG(st.st_mode) && is_temp_name(name)) {
				if (g_unlink(path) != 0 && errno != ENOENT)
					diag_warning(d, path, 0, "cannot remove the temporary "
						     "file of an earlier run: %s", g_strerror(errno));
			} else if (S_ISDIR(st.st_mode) && depth > 0 && name[0] != '.') {
				remove_stale_temps(path, depth - 1, d);
			}
		}
		g_free(path);
	}
	if (gd)
		g_dir_close(gd);
}

int outset_lock(struct outset *o, struct diag *d)
{
	char *path;
	int rc;

	BUG_ON(o->lock_fd >= 0);
	if (g_mkdir_with_parents(o->dir, 0777) != 0) {
		diag_error(d, o->dir, 0, "cannot create folder: %s", g_strerror(errno));
		return -1;
	}
	path = g_build_filename(o->dir, OUTSET_LOCK_NAME, NULL);
	/* Not through a link: the file must be the folder's own. */
	o->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	g_free(path);
	if (o->lock_fd < 0) {
		diag_error(d, o->dir, 0, "cannot create the lock file %s: %s",
			   OUTSET_LOCK_NAME, g_strerror(errno));
		return -1;
	}
	while ((rc = flock(o->lock_fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		if (errno == EWOULDBLOCK)
			diag_error(d, o->dir, 0, "another p2ham build is writing to this "
				   "folder; try again when it has finished");
		else
			diag_error(d, o->dir, 0, "cannot lock the folder: %s",
				   g_strerror(errno));
		close(o->lock_fd);
		o->lock_fd = -1;
		return -1;
	}
	remove_stale_temps(o->dir, 1, d);
	return 0;
}

FILE *outset_open(struct outset *o, const char *name, struct diag *d)
{
	struct entry *e = g_new0(struct entry, 1);
	char *dir, *base;
	int fd, made;

	/* outset_lock() looks for temporary files no deeper. */
	BUG_ON(strchr(name, '/') && strchr(strchr(name, '/') + 1, '/'));
	e->final = g_build_filename(o->dir, name, NULL);
	dir = g_path_get_dirname(e->final);
	base = g_path_get_basename(e->final);
	e->temp = g_strdup_printf("%s/.%s" TEMP_SUFFIX TEMP_RANDOM, dir, base);
	made = g_mkdir_with_parents(dir, 0777) == 0;
	if (!made)
		diag_error(d, dir, 0, "cannot create folder: %s", g_strerror(errno));
	g_free(dir);
	g_free(base);
	if (!made)
		goto fail;
	/* Created and listed under the lock, so that outset_abandon() never
	 * misses a temporary file nor sees a half-made name. */
	g_mutex_lock(&o->lock);
	if (o->abandoned) {
		fd = -1;
		errno = ECANCELED;
	} else {
		fd = g_mkstemp_full(e->temp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	}
	if (fd >= 0)
		g_ptr_array_add(o->entries, e);
	g_mutex_unlock(&o->lock);
	if (fd < 0) {
		diag_error(d, e->final, 0, "cannot create: %s", g_strerror(errno));
		goto fail;
	}
	/* mkstemp's 0600 would make outputs private; give the usual mode. */
	fchmod(fd, o->mode);
	e->fp = fdopen(fd, "wb");
	if (!e->fp) {
		close(fd);
		diag_error(d, e->final, 0, "cannot create: %s", g_strerror(errno));
		g_mutex_lock(&o->lock);
		g_ptr_array_remove(o->entries, e);      /* frees e, removes its file */
		g_mutex_unlock(&o->lock);
		return NULL;
	}
	return e->fp;
fail:
	e->committed = 1;       /* nothing to remove */
	entry_free(e);
	return NULL;
}

int outset_close(struct outset *o, FILE *fp, struct diag *d)
{
	struct entry *e = NULL;
	int failed;

	g_mutex_lock(&o->lock);
	for (guint i = o->entries->len; i-- > 0 && !e;) {
		struct entry *cand = g_ptr_array_index(o->entries, i);

		if (cand->fp == fp)
			e = cand;
	}
	/* Forget fp before closing it: another thread may open a stream at
	 * the same address as soon as it is closed. */
	if (e)
		e->fp = NULL;
	g_mutex_unlock(&o->lock);
	if (!e)
		BUG("outset_close() of a stream the set does not own");
	failed = ferror(fp);
	failed |= fclose(fp) != 0;
	if (failed) {
		diag_error(d, e->final, 0, "cannot write: %s",
			   errno ? g_strerror(errno) : "write error");
		return -1;
	}
	e->closed = 1;
	return 0;
}

const char *outset_open_path(struct outset *o, const char *name, struct diag *d)
{
	FILE *fp = outset_open(o, name, d);
	struct entry *e = NULL;

	if (!fp)
		return NULL;
	g_mutex_lock(&o->lock);
	for (guint i = o->entries->len; i-- > 0 && !e;) {
		struct entry *cand = g_ptr_array_index(o->entries, i);

		if (cand->fp == fp)
			e = cand;
	}
	BUG_ON(!e);
	/* The name stays reserved: the empty file keeps it, and the library
	 * opens it again by name. */
	e->fp = NULL;
	g_mutex_unlock(&o->lock);
	fclose(fp);
	return e->temp;
}

int outset_close_path(struct outset *o, const char *path, struct diag *d)
{
	struct entry *e = NULL;
	GStatBuf st;

	g_mutex_lock(&o->lock);
	for (guint i = o->entries->len; i-- > 0 && !e;) {
		struct entry *cand = g_ptr_array_index(o->entries, i);

		if (cand->temp == path)
			e = cand;
	}
	g_mutex_unlock(&o->lock);
	if (!e)
		BUG("outset_close_path() of a path the set did not give");
	if (g_stat(e->temp, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, e->final, 0, "cannot write: the file is missing");
		return -1;
	}
	e->closed = 1;
	return 0;
}

void outset_sweep(struct outset *o, const char *subdir)
{
	g_ptr_array_add(o->sweep, g_build_filename(o->dir, subdir, NULL));
}

static int is_swept_name(const char *name)
{
	return name[0] != '.' && (g_str_has_suffix(name, ".pdf") ||
				  g_str_has_suffix(name, ".svg") ||
				  g_str_has_suffix(name, ".png"));
}

/* Remove the stale outputs of the swept folders. */
static int sweep(struct outset *o, struct diag *d)
{
	GHashTable *written = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;

	for (guint i = 0; i < o->entries->len; i++) {
		struct entry *e = g_ptr_array_index(o->entries, i);

		g_hash_table_add(written, e->final);
	}
	for (guint i = 0; i < o->sweep->len; i++) {
		const char *dir = g_ptr_array_index(o->sweep, i);
		GDir *gd = g_dir_open(dir, 0, NULL);
		const char *name;

		while (gd && (name = g_dir_read_name(gd))) {
			char *path = g_build_filename(dir, name, NULL);

			if (is_swept_name(name) && !g_hash_table_contains(written, path) &&
			    g_unlink(path) != 0 && errno != ENOENT) {
				diag_error(d, path, 0, "cannot remove the stale output: %s",
					   g_strerror(errno));
				rc = -1;
			}
			g_free(path);
		}
		if (gd)
			g_dir_close(gd);
	}
	g_hash_table_destroy(written);
	return rc;
}

int outset_commit(struct outset *o, struct diag *d)
{
	int rc = 0;

	g_mutex_lock(&o->lock);
	if (o->abandoned) {
		diag_error(d, o->dir, 0, "the outputs were abandoned");
		rc = -1;
	}
	for (guint i = 0; i < o->entries->len && rc == 0; i++) {
		struct entry *e = g_ptr_array_index(o->entries, i);

		BUG_ON(!e->closed);
		if (g_rename(e->temp, e->final) != 0) {
			diag_error(d, e->final, 0, "cannot rename into place: %s",
				   g_strerror(errno));
			rc = -1;
		} else {
			e->committed = 1;
		}
	}
	if (rc == 0)
		rc = sweep(o, d);
	g_mutex_unlock(&o->lock);
	return rc;
}

int outset_abandon(struct outset *o)
{
	int committed = 0;

	g_mutex_lock(&o->lock);
	o->abandoned = 1;
	for (guint i = 0; i < o->entries->len; i++) {
		struct entry *e = g_ptr_array_index(o->entries, i);

		if (e->committed)
			committed = 1;
		else
			unlink(e->temp);
	}
	g_mutex_unlock(&o->lock);
	return committed;
}

void outset_free(struct outset *o)
{
	if (!o)
		return;
	g_ptr_array_free(o->entries, TRUE);
	g_mutex_clear(&o->lock);
	g_ptr_array_free(o->sweep, TRUE);
	/* Closing releases the lock; the file stays (see outset_lock()). */
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	g_free(o->dir);
	g_free(o);
}
