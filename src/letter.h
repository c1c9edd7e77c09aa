/* letter.h — letters/OFFICE-ID.pdf, an office's recommendation letter, and the letterhead (kop) of every issued document. */
#ifndef P2HAM_LETTER_H
#define P2HAM_LETTER_H

#include <cairo.h>
#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "offices.h"
#include "score.h"

/*
 * Everything here only reads the model and the offices, so any number of
 * threads may write letters and letterheads at once, once draw_init() has
 * run; the same inputs give the same bytes.
 */

/*
 * The letterhead (kop surat) of a document issued by `of`: the ministry's
 * logo when the offices file has one, the ministry's heading and the
 * office's heading centred, the office's city (and province), and the
 * double rule under it, in the box from (x, y), w wide. Returns its
 * height; draws only when `drawing` (else it only measures).
 */
double letter_kop(cairo_t *cr, const struct offices *os, const struct office *of,
		  double x, double y, double w, int drawing);

/* The offices that write a letter: those with a recommended or retained
 * unit, in the order of their best unit's rank. The array borrows the
 * offices; free it with g_ptr_array_unref(). */
GPtrArray *letter_offices(const struct model *m);

/*
 * Write the recommendation letter (surat usulan) of office `of` to the
 * Director General of Human Rights as a PDF to `fp` (the caller opens and
 * closes it): letterhead, number (the office's letter pattern with seq 1),
 * sifat, lampiran ("N (terbilang) berkas" of unit profiles when
 * `attachments`, else "-"), hal, place and date, addressee, body, a table of
 * the office's recommended and retained units, closing and signatory; one
 * page, or two for a long list. Returns 0, or -1 after reporting the
 * problem to `d` about the file `name`.
 */
int letter_write(const struct model *m, const struct office *of, int attachments,
		 FILE *fp, const char *name, struct diag *d);

/* A number of 0 to 999 in Indonesian words: "satu", "dua belas",
 * "seratus dua puluh"; the caller frees it with g_free(). */
char *letter_words(unsigned n);

/* "Selasa, 10 Desember 2019" for a YYYYMMDD date, into buf (>= 48 bytes). */
void letter_day_date(char *buf, int ymd);

#endif
