/* pdfupdate.h — what Cairo 1.16 cannot write, added to a finished PDF as an incremental update. */
#ifndef P2HAM_PDFUPDATE_H
#define P2HAM_PDFUPDATE_H

#include <glib.h>

/*
 * Cairo 1.16 writes neither the document's language, nor the viewer
 * preferences, nor the page mode, and it drops the attributes of structure
 * tags, so a Figure loses its alternative text. pdfupdate_apply() adds
 * them (and /MarkInfo << /Marked true >>, which Cairo leaves out of a
 * structure tree whose tags hold no other tag) the way PDF allows a finished file to be changed: an incremental
 * update (ISO 32000-1, 7.5.6) appended after the file's end, holding new
 * versions of the Catalog and of each Figure structure element, a new
 * cross-reference section and a trailer whose /Prev points to the old
 * one. Every byte Cairo wrote stays where it was.
 *
 * Only what this needs is read: the last startxref, one classic
 * cross-reference table (no streams, no earlier update), the trailer's
 * /Root and /Size, the catalog, and the StructElem objects whose /S is
 * /Figure, taken in file order, which is the order Cairo writes the
 * structure tree in (depth first, in the order the tags were opened).
 */
struct pdfupdate {
	const char *lang;               /* the catalog's /Lang ("id-ID"), or NULL */
	int display_doc_title;          /* /ViewerPreferences << /DisplayDocTitle true >> */
	int outlines_open;              /* /PageMode /UseOutlines, when there is an outline */
	const char *const *alts;        /* UTF-8 alternative text of each Figure, in order */
	size_t n_alts;
};

/*
 * Append the update to the PDF in `pdf`. Returns 0; or -1 with `pdf`
 * unchanged and *error set to a message (lowercase, no full stop) that
 * the caller reports and frees with g_free(): a file that is not as
 * expected, or a number of Figure elements other than u->n_alts.
 * The same input gives the same bytes.
 */
int pdfupdate_apply(GByteArray *pdf, const struct pdfupdate *u, char **error);

/* The PDF text string for UTF-8 `s` as it is written in a dictionary:
 * (literal) when it is printable ASCII, else <FEFF...> in UTF-16BE.
 * The caller frees it with g_free(). */
char *pdfupdate_text_string(const char *s);

#endif
