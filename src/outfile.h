/* outfile.h — output files written under temporary names and renamed into place. */
#ifndef P2HAM_OUTFILE_H
#define P2HAM_OUTFILE_H

#include <stdio.h>

#include "diag.h"

/*
 * An output set collects the files of one run. Each file is written to a
 * temporary name beside its final place; outset_commit() renames them all
 * into place at the end, so a run that fails or is killed leaves earlier
 * outputs untouched and no half-written file under a final name.
 * Create with outset_new(), release with outset_free(), which removes every
 * temporary file not yet committed. The set owns its streams, paths and
 * the lock file's descriptor; it leaves the process's signals alone (what
 * a signal does is the program's choice: see outset_abandon()).
 *
 * outset_open(), outset_close() and outset_abandon() may be called from
 * several threads at once, each thread with its own streams;
 * outset_commit() and outset_free() only when no other thread uses the set.
 */
struct outset;

/* An output set for the folder `dir`; nothing is created yet. */
struct outset *outset_new(const char *dir);

/* The lock file of an output folder (SPEC 8.18). */
#define OUTSET_LOCK_NAME ".p2ham.lock"

/*
 * Make the set's folder this run's alone (SPEC 8.18), before anything is
 * written: create the folder if needed, take an exclusive lock without
 * waiting, then remove the temporary files (".NAME.tmp-XXXXXX", as
 * outset_open() makes them) that a killed earlier run left in the folder
 * and in the folders directly inside it; output names are never deeper.
 * Nothing else is touched. The lock is held until outset_free() or the
 * end of the process, however it ends. Returns 0, or -1 after reporting
 * to `d`: another run holds the lock, or the folder cannot be made or
 * locked. A temporary file that cannot be removed is a warning.
 *
 * The lock is flock() on the file OUTSET_LOCK_NAME in the folder, made
 * the first time and then left in place (removing it would let a run that
 * had just opened it lock a file that is no longer the folder's). A lock
 * file rather than the folder itself: Linux's NFS client turns flock()
 * into a byte-range lock, which for an exclusive lock needs a descriptor
 * open for writing, and a folder cannot be opened so; and `flock(1)` on
 * the file lets a script wait for a run or keep one out.
 */
int outset_lock(struct outset *o, struct diag *d);

/*
 * Open the output `name` (relative to the set's folder, made of ids only,
 * at most one folder deep: "FILE" or "FOLDER/FILE") for writing; the folder
 * is created as needed. Returns a stream
 * to a temporary file, or NULL after reporting the error to `d`. The stream
 * belongs to the set: finish it with outset_close(), never fclose().
 */
FILE *outset_open(struct outset *o, const char *name, struct diag *d);

/* Flush and close a stream from outset_open(). Returns 0, or -1 after
 * reporting a write error (disk full, ...) to `d`. */
int outset_close(struct outset *o, FILE *fp, struct diag *d);

/*
 * For a library that writes to a file name rather than a stream
 * (libxlsxwriter): like outset_open(), but the temporary file is made empty
 * and its path returned; it belongs to the set and stays valid until
 * outset_free(). Have the library write there, then call
 * outset_close_path(). Returns NULL after reporting the error to `d`.
 */
const char *outset_open_path(struct outset *o, const char *name, struct diag *d);

/* The library is done with a path from outset_open_path(): the file takes
 * part in the commit like a closed stream. Returns 0, or -1 after reporting
 * to `d` that the file is not there. */
int outset_close_path(struct outset *o, const char *path, struct diag *d);

/* Rename every closed file into place. Returns 0, or -1 after reporting
 * the error to `d`; all streams must have been closed. */
int outset_commit(struct outset *o, struct diag *d);

/*
 * Make the folder `subdir` of the set hold exactly this run's files: at
 * commit, its *.pdf, *.svg and *.png files that the set did not write are
 * removed (an award withdrawn this year must not leave last year's
 * certificate behind). Other files are left alone.
 */
void outset_sweep(struct outset *o, const char *subdir);

/*
 * Give up the set from any thread, for a program that is about to end
 * (on SIGINT, say): remove every temporary file not yet renamed into
 * place; from then on outset_open() fails and outset_commit() renames
 * nothing. A commit under way finishes first. Streams still open stay
 * valid, writing to files that no longer have a name. Returns 1 when some
 * file had already been renamed into place, else 0. Not async-signal-safe:
 * call it from a thread that waits for signals, not from a handler.
 */
int outset_abandon(struct outset *o);

void outset_free(struct outset *o);

#endif
