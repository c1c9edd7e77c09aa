/* summary.c — summary.xml with xmlTextWriter. */
#include "summary.h"

#include <libxml/xmlwriter.h>
#include <math.h>

#include "offices.h"
#include "text.h"

static const char *const status_names[] = {
	[ITEM_ASSESSED] = "assessed",
	[ITEM_MISSING] = "missing",
	[ITEM_CONFLICT] = "conflict",
};

/*
 * The writer calls below return -1 on failure; rather than test each one,
 * failures are counted in `status` and checked once at the end.
 */
struct out {
	xmlTextWriterPtr w;
	int status;
};

static void start(struct out *o, const char *name)
{
	if (xmlTextWriterStartElement(o->w, BAD_CAST name) < 0)
		o->status = -1;
}

static void end(struct out *o)
{
	if (xmlTextWriterEndElement(o->w) < 0)
		o->status = -1;
}

/* An attribute with user text: made safe for XML 1.0 first. */
static void attr(struct out *o, const char *name, const char *value)
{
	char *safe = text_xml_legal(value ? value : "");

	if (xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST safe) < 0)
		o->status = -1;
	g_free(safe);
}

static void attr_opt(struct out *o, const char *name, const char *value)
{
	if (value && *value)
		attr(o, name, value);
}

static void attr_ulong(struct out *o, const char *name, unsigned long v)
{
	char buf[32];

	g_snprintf(buf, sizeof(buf), "%lu", v);
	attr(o, name, buf);
}

static void attr_score(struct out *o, const char *name, double v)
{
	char buf[32];

	text_format_2(buf, v);
	attr(o, name, buf);
}

static void attr_date(struct out *o, const char *name, int ymd)
{
	char buf[16];

	if (ymd) {
		text_format_iso_date(buf, ymd);
		attr(o, name, buf);
	}
}

static void text(struct out *o, const char *s)
{
	char *safe = text_xml_legal(s);

	if (xmlTextWriterWriteString(o->w, BAD_CAST safe) < 0)
		o->status = -1;
	g_free(safe);
}

static void write_inputs(struct out *o, const struct model *m)
{
	start(o, "inputs");
	attr_ulong(o, "rows-read", m->rows_read);
	attr_ulong(o, "rows-accepted", m->rows_accepted);
	attr_ulong(o, "rows-rejected", m->rows_rejected);
	for (guint i = 0; i < m->files->len; i++) {
		const struct model_file *f = g_ptr_array_index(m->files, i);
		char delim[2] = { f->delimiter, '\0' };
		char layout[2] = { f->layout, '\0' };

		start(o, "file");
		attr(o, "path", f->path);
		attr_opt(o, "sheet", f->sheet);
		attr(o, "sha256", f->sha256);
		attr(o, "encoding", f->encoding.raw);
		attr(o, "delimiter", delim);
		attr(o, "layout", layout);
		attr_ulong(o, "rows-read", f->rows_read);
		attr_ulong(o, "rows-accepted", f->rows_accepted);
		attr_ulong(o, "rows-rejected", f->rows_rejected);
		end(o);
	}
	end(o);
}

/* <principle id score/> for each principle that has a score. */
static void write_principles(struct out *o, const struct rubric *r,
			     const double *scores)
{
	for (guint p = 0; p < r->principles->len; p++) {
		const struct rubric_principle *pr = g_ptr_array_index(r->principles, p);
		if (isnan(scores[p]))
			continue;
		start(o, "principle");
		attr(o, "id", pr->id);
		attr_score(o, "score", scores[p]);
		end(o);
	}
}

static void write_region(struct out *o, const struct rubric *r,
			 const struct region *g)
{
	start(o, "region");
	attr(o, "kanwil", g->kanwil.raw);
	attr(o, "id", g->id);
	attr_ulong(o, "units", g->units);
	attr_ulong(o, "recommended", g->recommended);
	attr_score(o, "mean-total", g->mean_total);
	write_principles(o, r, g->principles);
	end(o);
}

static void write_item(struct out *o, const struct scored_item *si)
{
	const struct model_obs *obs = si->chosen;

	/* An unobserved gate is neither passed nor failed: not written. */
	if (si->item->gate && !si->level)
		return;
	start(o, "item");
	attr(o, "code", si->item->code);
	attr(o, "status", status_names[si->status]);
	if (si->item->gate)
		attr(o, "gate", si->gate_failed ? "failed" : "passed");
	if (si->level)
		attr(o, "answer", si->level->label);
	if (!si->item->gate)
		attr_score(o, "score", si->score);
	if (si->evidence_status != EVIDENCE_UNCHECKED)
		attr(o, "evidence-status", score_evidence_name(si->evidence_status));
	attr_opt(o, "evidence", si->evidence.raw);
	attr_opt(o, "note", si->note.raw);
	if (obs) {
		attr_opt(o, "verifier", obs->verifier.raw);
		attr_date(o, "date", obs->date);
		attr(o, "source", obs->source.raw);
	}
	end(o);
}

static void write_reason(struct out *o, const struct reason *rs)
{
	char value[32], limit[32], *msg = NULL;

	text_format_2(value, rs->value);
	text_format_2(limit, rs->limit);
	start(o, "reason");
	switch (rs->kind) {
	case REASON_TOTAL:
		attr(o, "kind", "total");
		msg = g_strdup_printf("total %s is below the award threshold %s",
				      value, limit);
		break;
	case REASON_ASPECT:
		attr(o, "kind", "aspect");
		attr(o, "aspect", rs->aspect->id);
		msg = g_strdup_printf("aspect %s scores %s, below the floor %s",
				      rs->aspect->id, value, limit);
		break;
	case REASON_COMPLETENESS:
		attr(o, "kind", "completeness");
		msg = g_strdup_printf("completeness %s is below %s", value, limit);
		break;
	case REASON_GATE:
		attr(o, "kind", "gate");
		attr(o, "code", rs->gate->code);
		msg = g_strdup(rs->gate->text);
		break;
	}
	text(o, msg);
	g_free(msg);
	end(o);
}

static void write_unit(struct out *o, const struct rubric *r,
		       const struct scored_unit *u)
{
	start(o, "unit");
	attr(o, "id", u->id);
	attr(o, "name", u->name.raw);
	attr(o, "type", u->type->id);
	attr(o, "kanwil", u->kanwil.raw);
	if (u->office)
		attr(o, "office", u->office->id);
	attr_ulong(o, "rank", u->rank);
	attr_score(o, "total", u->total);
	/* SPEC 4.7: a rubric without grades gives no grade attribute. */
	if (r->grades->len)
		attr(o, "grade", u->grade ? u->grade : "");
	attr_score(o, "completeness", u->completeness);
	attr(o, "recommendation", score_recommendation_name(u->recommendation));
	attr_opt(o, "certificate-number", u->certificate);
	attr(o, "verification-code", u->code);
	for (guint a = 0; a < r->aspects->len; a++) {
		const struct rubric_aspect *asp = g_ptr_array_index(r->aspects, a);
		if (isnan(u->aspects[a]))
			continue;
		start(o, "aspect");
		attr(o, "id", asp->id);
		attr_score(o, "score", u->aspects[a]);
		end(o);
	}
	write_principles(o, r, u->principles);
	for (guint i = 0; i < u->type->items->len; i++)
		write_item(o, &u->items[i]);
	for (guint i = 0; i < u->reasons->len; i++)
		write_reason(o, &g_array_index(u->reasons, struct reason, i));
	if (u->has_previous) {
		start(o, "previous");
		attr_score(o, "total", u->previous_total);
		attr(o, "recommendation", score_recommendation_name(u->previous_recommendation));
		attr_score(o, "change", u->total - u->previous_total);
		end(o);
	}
	end(o);
}

static void write_conflict(struct out *o, const struct conflict *c)
{
	start(o, "conflict");
	attr(o, "unit", c->unit->id);
	attr(o, "code", c->item->item->code);
	attr(o, "chosen", c->item->level->label);
	for (guint i = 0; i < c->observations->len; i++) {
		const struct model_obs *obs = g_ptr_array_index(c->observations, i);
		char date[16] = "";

		if (obs->date)
			text_format_iso_date(date, obs->date);
		start(o, "observation");
		attr(o, "answer", obs->level->label);
		attr(o, "date", date);
		attr(o, "source", obs->source.raw);
		end(o);
	}
	end(o);
}

static void write_rejected(struct out *o, const struct model_rejected *rr)
{
	start(o, "rejected");
	attr(o, "source", rr->file->path);
	attr_ulong(o, "line", rr->line);
	if (rr->file->sheet)
		attr(o, "sheet", rr->file->sheet);
	attr(o, "reason", rr->reason.raw);
	if (rr->truncated)
		attr(o, "truncated", "true");
	text(o, rr->raw.raw);
	end(o);
}

static int write_document(const struct model *m, FILE *fp)
{
	const struct rubric *r = m->rubric;
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(fp, NULL);
	struct out o = { NULL, 0 };
	char year[16], date[16];

	if (!buf)
		return -1;
	o.w = xmlNewTextWriter(buf);
	if (!o.w) {
		xmlOutputBufferClose(buf);
		return -1;
	}
	xmlTextWriterSetIndent(o.w, 1);
	xmlTextWriterSetIndentString(o.w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(o.w, "1.0", "UTF-8", NULL) < 0)
		o.status = -1;
	g_snprintf(year, sizeof(year), "%d", m->year);
	text_format_iso_date(date, m->date);
	start(&o, "p2ham-summary");
	attr(&o, "xmlns", SUMMARY_NAMESPACE);
	attr(&o, "version", SUMMARY_VERSION);
	attr(&o, "year", year);
	attr(&o, "date", date);
	start(&o, "rubric");
	attr(&o, "id", r->id);
	attr(&o, "version", r->version);
	end(&o);
	write_inputs(&o, m);
	for (guint i = 0; i < m->regions->len; i++)
		write_region(&o, r, g_ptr_array_index(m->regions, i));
	for (guint i = 0; i < m->units->len; i++)
		write_unit(&o, r, g_ptr_array_index(m->units, i));
	for (guint i = 0; i < m->conflicts->len; i++)
		write_conflict(&o, g_ptr_array_index(m->conflicts, i));
	for (guint i = 0; i < m->rejected->len; i++)
		write_rejected(&o, g_ptr_array_index(m->rejected, i));
	end(&o);
	if (xmlTextWriterEndDocument(o.w) < 0)
		o.status = -1;
	xmlFreeTextWriter(o.w);
	return o.status;
}

static void silent(void *ctx, const char *msg, ...)
{
}

int summary_write(const struct model *m, FILE *fp)
{
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	int rc;

	/* libxml2 would print a write error (disk full) on stderr itself, not
	 * in compiler form; the caller reports it. */
	xmlSetGenericErrorFunc(NULL, silent);
	rc = write_document(m, fp);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	return rc;
}
