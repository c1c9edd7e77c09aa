/* draw_pdf.c — PDF and SVG surfaces: metadata, figures and what Cairo 1.16 leaves out of a PDF. */
#include "draw.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "pdfupdate.h"

/*
 * A PDF is written to memory, not to its stream, so that what Cairo 1.16
 * cannot write (the language, the viewer preferences, the page mode and
 * the figures' alternative texts) can be appended as an incremental
 * update when it is finished (pdfupdate.h); then it goes to the stream.
 */
struct pdf_doc {
	FILE *fp;
	GByteArray *bytes;
	GPtrArray *alts;        /* char *: each figure's alt, in tag order */
	int figures_open;
};

static const cairo_user_data_key_t doc_key;

static void doc_free(void *p)
{
	struct pdf_doc *doc = p;

	g_byte_array_unref(doc->bytes);
	g_ptr_array_unref(doc->alts);
	g_free(doc);
}

static struct pdf_doc *doc_of(cairo_surface_t *s)
{
	return cairo_surface_get_user_data(s, &doc_key);
}

static cairo_status_t to_memory(void *closure, const unsigned char *data,
				unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int length)
{
	/* A failed write (disk full) is not passed on to cairo: cairo 1.16
	 * then aborts on an assertion in cairo_surface_finish() of a PDF
	 * surface. The error stays on the stream, where outset_close()
	 * reports it. */
	fwrite(data, 1, length, closure);
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *draw_pdf_new(FILE *fp, double w, double h,
			      const struct draw_pdf_info *info)
{
	struct pdf_doc *doc = g_new0(struct pdf_doc, 1);
	cairo_surface_t *s;
	char date[32];

	doc->fp = fp;
	doc->bytes = g_byte_array_new();
	doc->alts = g_ptr_array_new_with_free_func(g_free);
	s = cairo_pdf_surface_create_for_stream(to_memory, doc->bytes, w, h);
	cairo_surface_set_user_data(s, &doc_key, doc, doc_free);
	g_snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00", info->date / 10000,
		   info->date / 100 % 100, info->date % 100);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info->subject);
	if (info->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "p2ham " P2HAM_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	return s;
}

int draw_figure_begin(cairo_t *cr, const char *alt)
{
	struct pdf_doc *doc = doc_of(cairo_get_target(cr));

	/* Only on a PDF of draw_pdf_new(): a tag on any other surface would
	 * be recorded, and replayed into a PDF without its alt. */
	if (!doc)
		return 0;
	BUG_ON(doc->figures_open);
	doc->figures_open = 1;
	g_ptr_array_add(doc->alts, g_strdup(alt ? alt : ""));
	cairo_tag_begin(cr, "Figure", "");
	return 1;
}

void draw_figure_end(cairo_t *cr)
{
	struct pdf_doc *doc = doc_of(cairo_get_target(cr));

	if (!doc)
		return;
	BUG_ON(!doc->figures_open);
	doc->figures_open = 0;
	cairo_tag_end(cr, "Figure");
}

cairo_surface_t *draw_svg_new(FILE *fp, double w, double h)
{
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_stream, fp, w, h);

	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	return s;
}

/* Append the update to the finished PDF and write it to its stream. */
static int doc_write(struct pdf_doc *doc, char **error)
{
	struct pdfupdate u = { "id-ID", 1, 1, (const char *const *)doc->alts->pdata,
			       doc->alts->len };
	char *why = NULL;
	int rc = pdfupdate_apply(doc->bytes, &u, &why);

	if (rc < 0 && error)
		*error = g_strdup_printf("cannot add the accessibility information: %s", why);
	g_free(why);
	write_stream(doc->fp, doc->bytes->data, doc->bytes->len);
	return rc;
}

int draw_pdf_finish(cairo_surface_t *s, char **error)
{
	struct pdf_doc *doc = doc_of(s);
	cairo_status_t st;
	int rc = 0;

	if (error)
		*error = NULL;
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		if (error)
			*error = g_strdup(cairo_status_to_string(st));
		rc = -1;
	} else if (doc) {
		rc = doc_write(doc, error);
	}
	cairo_surface_destroy(s);
	return rc;
}

int draw_surface_finish(cairo_surface_t *s)
{
	return draw_pdf_finish(s, NULL);
}
