/* text.h — small text helpers: folding, ids, dates, number formatting. */
#ifndef P2HAM_TEXT_H
#define P2HAM_TEXT_H

#include <stddef.h>
#include <time.h>

/*
 * Every function returning `char *` returns a new UTF-8 string that the caller
 * owns and frees with g_free(). Inputs must be valid UTF-8.
 */

/* Trim, collapse inner white space to one space, case-fold: how answers,
 * unit names, unit types and codes are compared. */
char *text_fold(const char *s);

/* True when a and b fold to the same text. */
int text_fold_equal(const char *a, const char *b);

/* text_fold(), then drop spaces, '_', '-' and '.': how column names and
 * metadata keys are compared ("Nama UPT" and "nama_upt" give "namaupt"). */
char *text_key(const char *s);

/* True when s is empty or only white space (NBSP and BOM included), the
 * white space that text_trim() and text_fold() remove. */
int text_is_blank(const char *s);

/* Trim leading and trailing white space; keep the inside as it is. */
char *text_trim(const char *s);

/* The longest id text_make_id() gives (SPEC 8.17), before a collision
 * suffix: far below NAME_MAX even with the words and extensions of an
 * output's file name around it. */
#define TEXT_ID_MAX 64

/*
 * The id of a name (SPEC 4): NFKD, combining marks dropped, ASCII letters
 * lower-cased, every other character '-', repeats collapsed, no leading or
 * trailing '-'; "unit" when nothing is left. No collision suffix.
 * An id longer than TEXT_ID_MAX bytes is cut to 55 bytes, or back to its
 * last '-' among the last 10 of them (the '-' dropped), and ends with '-'
 * and the first 8 lower-case hex digits of SHA-256 of the trimmed name
 * (SPEC 8.17), so that names alike for 55 bytes still differ.
 */
char *text_make_id(const char *name);

/*
 * Parse a date (SPEC 3, 8.8, 8.22): YYYY-MM-DD, maybe followed by a time of
 * day that is ignored (" 14:05", "T14:05:00", seconds, a fraction, "Z" or an
 * offset); DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (one- or two-digit day and
 * month), the same with a two-digit year YY read as 20YY; or "D Month YYYY"
 * with a full Indonesian or English month name, any case. Returns the date as
 * YYYYMMDD, or 0 when `s` is not a valid date. When `two_digit_year` is not
 * NULL, it is set to 1 when a date was read from a two-digit year, else 0.
 */
int text_parse_date(const char *s, int *two_digit_year);

/* A YYYYMMDD date as a time: the start of that day in UTC; 0 when it is
 * no date. */
time_t text_day_start(int ymd);

/* Write a YYYYMMDD date as "YYYY-MM-DD" into buf (at least 16 bytes). */
void text_format_iso_date(char *buf, int ymd);

/* Format v with two decimals and '.' whatever the locale; buf >= 32 bytes. */
void text_format_2(char *buf, double v);

/*
 * Indonesian formatting for the report and certificates (buf >= 32 bytes):
 * a score with a decimal comma, "85,50"; a count with '.' between thousands,
 * "61.248"; a date, "10 Desember 2019".
 */
void text_format_id_2(char *buf, double v);
void text_format_id_count(char *buf, unsigned long n);
void text_format_id_date(char *buf, int ymd);

/*
 * A copy of s that is legal XML 1.0 text, for summary.xml and the tables:
 * characters XML forbids (controls other than tab, LF and CR; U+FFFE,
 * U+FFFF) become U+FFFD. This is a rule of the file format, not of display
 * (text_display_safe() is that). It takes any bytes: invalid UTF-8 becomes
 * U+FFFD too. The caller frees the result with g_free().
 */
char *text_xml_legal(const char *s);

/*
 * The display rule (SPEC 8.19), the one rule for user text drawn on any
 * page or chart: valid UTF-8, tabs as spaces, line ends as \n, and
 * control characters and the bidirectional controls that would hide or
 * reorder what follows (U+202A-U+202E, U+2066-U+2069) as U+FFFD; also
 * U+FFFE, U+FFFF. It takes any bytes. Returns NULL when s is already so,
 * else a new string the caller frees with g_free().
 */
char *text_display_safe(const char *s);

/*
 * s as one text cell of the CSV files p2ham writes (the form, the tables;
 * SPEC 6 Tables), to be put between ';' delimiters:
 * - a text starting with '=', '+', '-', '@', TAB or CR gets a leading "'",
 *   so that no spreadsheet takes it for a formula;
 * - it is then quoted, '"' doubled, when it holds a quote, a line break or
 *   any delimiter a reader might sniff (';' ',' TAB '|'), or starts or ends
 *   with a space that a reader would trim.
 * Every cell whose text comes from input (names, the rubric) goes through
 * here; numbers written as numbers do not.
 */
char *text_csv_cell(const char *s);

/*
 * The first at most `max` bytes of s, cut on a character boundary.
 * *truncated tells whether anything was cut.
 */
char *text_prefix(const char *s, size_t max, int *truncated);

#endif
