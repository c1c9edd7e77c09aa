/* previous.c — last year's summary.xml. */
#include "previous.h"

#include <glib.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "summary.h"
#include "text.h"
#include "xmldoc.h"

struct previous {
	GPtrArray *units;               /* struct previous_unit * */
	GHashTable *by_id, *by_key;     /* borrowed entries */
};

static void unit_free(gpointer p)
{
	struct previous_unit *u = p;

	g_free(u->id);
	g_free(u->key);
	g_free(u);
}

void previous_free(struct previous *p)
{
	if (!p)
		return;
	g_hash_table_destroy(p->by_id);
	g_hash_table_destroy(p->by_key);
	g_ptr_array_free(p->units, TRUE);
	g_free(p);
}

/* Read one <unit>; -1 after reporting what is wrong with it. */
static int read_unit(struct previous *p, xmlNodePtr node, const char *path,
		     struct diag *d)
{
	char *id = xmldoc_attr(node, "id"), *name = xmldoc_attr(node, "name");
	char *total = xmldoc_attr(node, "total"), *rec = xmldoc_attr(node, "recommendation");
	struct previous_unit *u = NULL;
	char *end = NULL;
	double value = total ? g_ascii_strtod(total, &end) : NAN;
	int rc = -1;

	if (!id || !name || !total || !rec) {
		diag_error(d, path, (unsigned long)xmlGetLineNo(node),
			   "unit without id, name, total or recommendation");
		goto out;
	}
	if (end == total || *end || !isfinite(value)) {
		diag_error(d, path, (unsigned long)xmlGetLineNo(node),
			   "unit '%s' has a bad total '%s'", id, total);
		goto out;
	}
	u = g_new0(struct previous_unit, 1);
	if (score_recommendation_parse(rec, &u->recommendation) < 0) {
		diag_error(d, path, (unsigned long)xmlGetLineNo(node),
			   "unit '%s' has an unknown recommendation '%s'", id, rec);
		g_free(u);
		goto out;
	}
	u->id = g_strdup(id);
	u->key = text_fold(name);
	u->total = value;
	g_ptr_array_add(p->units, u);
	g_hash_table_insert(p->by_id, u->id, u);
	g_hash_table_insert(p->by_key, u->key, u);
	rc = 0;
out:
	xmlFree(id);
	xmlFree(name);
	xmlFree(total);
	xmlFree(rec);
	return rc;
}

static int check_root(xmlNodePtr root, const char *path, struct diag *d)
{
	const char *ns = root && root->ns ? (const char *)root->ns->href : "";
	char *version = root ? xmldoc_attr(root, "version") : NULL;
	int ok = 0;

	if (!root || !xmldoc_is(root, "p2ham-summary") || strcmp(ns, SUMMARY_NAMESPACE))
		diag_error(d, path, root ? (unsigned long)xmlGetLineNo(root) : 0,
			   "not a p2ham summary: expected <p2ham-summary> in namespace '%s'",
			   SUMMARY_NAMESPACE);
	else if (!version || (strcmp(version, SUMMARY_VERSION) &&
			      strcmp(version, SUMMARY_VERSION_MIN)))
		diag_error(d, path, (unsigned long)xmlGetLineNo(root),
			   "summary version '%s' is not supported (expected '%s' or '%s')",
			   version ? version : "", SUMMARY_VERSION_MIN, SUMMARY_VERSION);
	else
		ok = 1;
	xmlFree(version);
	return ok ? 0 : -1;
}

struct previous *previous_load(const char *path, struct diag *d)
{
	xmlDocPtr doc = xmldoc_read(path, d);
	struct previous *p;
	int failed = 0;

	if (!doc)
		return NULL;
	if (check_root(xmlDocGetRootElement(doc), path, d) < 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	p = g_new0(struct previous, 1);
	p->units = g_ptr_array_new_with_free_func(unit_free);
	p->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	p->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		if (xmldoc_is(n, "unit") && read_unit(p, n, path, d) < 0)
			failed = 1;
	xmlFreeDoc(doc);
	if (failed) {
		previous_free(p);
		return NULL;
	}
	return p;
}

const struct previous_unit *previous_find(const struct previous *p,
					  const char *id, const char *name)
{
	const struct previous_unit *u = g_hash_table_lookup(p->by_id, id);
	char *key;

	if (u)
		return u;
	key = text_fold(name);
	u = g_hash_table_lookup(p->by_key, key);
	g_free(key);
	return u;
}
