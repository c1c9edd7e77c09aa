/* xmlattr.c — checked attributes of XML inputs; each problem with file and line. */
#include "xmlattr.h"

#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "text.h"
#include "xmldoc.h"

#define NAME(node) ((const char *)(node)->name)

/* Lengths accept these units; a bare number is in points. */
static const struct {
	const char *suffix;
	double points;
} units[] = { { "pt", 1 }, { "mm", 72 / 25.4 }, { "cm", 72 / 2.54 }, { "in", 72 } };

unsigned long xmlattr_line(xmlNodePtr node)
{
	long line = xmlGetLineNo(node);

	return line > 0 ? (unsigned long)line : 0;
}

void xmlattr_fail(struct xmlattr *x, xmlNodePtr node, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_error(x->d, x->path, xmlattr_line(node), "%s", msg);
	g_free(msg);
	x->errors++;
}

/* True when `w` is one of the space-separated words of `words`. */
static int has_word(const char *words, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = words; (p = strstr(p, w)); p += n)
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

void xmlattr_known(struct xmlattr *x, xmlNodePtr node, const char *known)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next)
		if (!a->ns && !has_word(known, (const char *)a->name))
			diag_warning(x->d, x->path, xmlattr_line(node),
				     "unknown attribute '%s' on '%s' is ignored",
				     (const char *)a->name, NAME(node));
}

void xmlattr_leaf(struct xmlattr *x, xmlNodePtr node, const char *known)
{
	xmlattr_known(x, node, known);
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			xmlattr_fail(x, c, "unknown element '%s' in '%s'", NAME(c),
				     NAME(node));
}

char *xmlattr_opt(xmlNodePtr node, const char *name)
{
	char *raw = xmldoc_attr(node, name);
	char *v;

	if (!raw)
		return NULL;
	v = text_trim(raw);
	xmlFree(raw);
	return v;
}

char *xmlattr_need(struct xmlattr *x, xmlNodePtr node, const char *name)
{
	char *v = xmlattr_opt(node, name);

	if (v && *v)
		return v;
	g_free(v);
	xmlattr_fail(x, node, "element '%s' is missing attribute '%s'", NAME(node), name);
	return NULL;
}

/* A finite number, all of `s`, in points when `length` allows a unit. */
static int parse_number(const char *s, int length, double *out)
{
	char *end;
	double v = g_ascii_strtod(s, &end), scale = 1;

	if (end == s || !isfinite(v))
		return -1;
	if (*end && length) {
		for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
			if (!strcmp(end, units[i].suffix)) {
				scale = units[i].points;
				end += strlen(end);
			}
	}
	if (*end)
		return -1;
	*out = v * scale;
	return 0;
}

int xmlattr_number(struct xmlattr *x, xmlNodePtr node, const char *name, int required,
		   int length, double min, double dflt, double *out)
{
	char *v = required ? xmlattr_need(x, node, name) : xmlattr_opt(node, name);
	int rc = 1;

	*out = dflt;
	if (!v)
		return required ? -1 : 0;
	if (parse_number(v, length, out) < 0) {
		xmlattr_fail(x, node, "attribute '%s' of '%s' is not a %s: '%s'", name,
			     NAME(node), length ? "length" : "number", v);
		rc = -1;
	} else if (*out < min - 1e-9) {
		xmlattr_fail(x, node, "attribute '%s' of '%s' must be at least %g: '%s'",
			     name, NAME(node), min, v);
		rc = -1;
	}
	if (rc < 0)
		*out = dflt;
	g_free(v);
	return rc;
}

int xmlattr_choice(struct xmlattr *x, xmlNodePtr node, const char *name,
		   const char *const *choices, int dflt)
{
	char *v = xmlattr_opt(node, name);
	int found = -1;

	if (!v)
		return dflt;
	for (int i = 0; choices[i]; i++)
		if (!g_ascii_strcasecmp(v, choices[i]))
			found = i;
	if (found < 0) {
		GString *list = g_string_new(NULL);

		for (int i = 0; choices[i]; i++)
			g_string_append_printf(list, "%s'%s'", !i ? "" : choices[i + 1] ?
					       ", " : " or ", choices[i]);
		xmlattr_fail(x, node, "attribute '%s' of '%s' must be %s, not '%s'", name,
			     NAME(node), list->str, v);
		g_string_free(list, TRUE);
	}
	g_free(v);
	return found;
}
