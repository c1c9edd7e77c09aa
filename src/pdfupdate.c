/* pdfupdate.c — what Cairo 1.16 cannot write, added to a finished PDF as an incremental update. */
#include "pdfupdate.h"

#include <stdlib.h>
#include <string.h>

/* A span of the file. */
struct span {
	size_t at, len;
};

/* The parts of the file the update reads. */
struct pdf {
	const unsigned char *b;
	size_t n;
	size_t startxref;
	struct span trailer;    /* the trailer dictionary, << and >> included */
	unsigned long size;     /* /Size */
	unsigned long root;     /* /Root object number */
	GArray *offsets;        /* size_t per object number; 0: not in use */
};

static int is_space(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

/* Skip white space and comments from `i`. */
static size_t skip_ws(const struct pdf *p, size_t i)
{
	while (i < p->n) {
		if (is_space(p->b[i])) {
			i++;
		} else if (p->b[i] == '%') {
			while (i < p->n && p->b[i] != '\n' && p->b[i] != '\r')
				i++;
		} else {
			break;
		}
	}
	return i;
}

/* The end of the literal string that starts at `i` ('('), or 0. */
static size_t string_end(const struct pdf *p, size_t i)
{
	int depth = 0;

	for (; i < p->n; i++) {
		if (p->b[i] == '\\')
			i++;
		else if (p->b[i] == '(')
			depth++;
		else if (p->b[i] == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * The end of the token or whole object that starts at `i` (after white
 * space): a dictionary, array or string with everything in it, a name, a
 * number or a keyword. Returns 0 when the file ends first.
 */
static size_t object_end(const struct pdf *p, size_t i)
{
	unsigned char c;

	if (i >= p->n)
		return 0;
	c = p->b[i];
	if (c == '(')
		return string_end(p, i);
	if (c == '<' && i + 1 < p->n && p->b[i + 1] != '<') {
		const unsigned char *gt = memchr(p->b + i, '>', p->n - i);

		return gt ? (size_t)(gt - p->b) + 1 : 0;
	}
	if (c == '<' || c == '[') {
		int dict = c == '<';

		i = skip_ws(p, i + (dict ? 2 : 1));
		while (i < p->n) {
			if (dict && p->b[i] == '>' && i + 1 < p->n && p->b[i + 1] == '>')
				return i + 2;
			if (!dict && p->b[i] == ']')
				return i + 1;
			i = object_end(p, i);
			if (!i)
				return 0;
			i = skip_ws(p, i);
		}
		return 0;
	}
	if (c == '>' || c == ']' || c == ')' || c == '{' || c == '}')
		return 0;
	i++;
	while (i < p->n && !is_space(p->b[i]) && !is_delim(p->b[i]))
		i++;
	return i;
}

static int span_is(const struct pdf *p, struct span s, const char *text)
{
	return s.len == strlen(text) && !memcmp(p->b + s.at, text, s.len);
}

static int span_number(const struct pdf *p, struct span s, unsigned long *v)
{
	char buf[24];
	char *end;

	if (!s.len || s.len >= sizeof buf)
		return -1;
	memcpy(buf, p->b + s.at, s.len);
	buf[s.len] = 0;
	if (buf[0] < '0' || buf[0] > '9')
		return -1;
	*v = strtoul(buf, &end, 10);
	return *end ? -1 : 0;
}

/* The next token from *i, as a span; len 0 at the end or on an error. */
static struct span next_token(const struct pdf *p, size_t *i)
{
	size_t at = skip_ws(p, *i), end = object_end(p, at);

	if (!end)
		return (struct span){ at, 0 };
	*i = end;
	return (struct span){ at, end - at };
}

/*
 * The value of `key` ("/Root") at the top level of the dictionary `dict`
 * (<< and >> included): one object, or "N G R" for a reference. Returns
 * 0 and the value's span, or -1 when the key is not there.
 */
static int dict_get(const struct pdf *p, struct span dict, const char *key,
		    struct span *value)
{
	size_t i = dict.at + 2, end = dict.at + dict.len - 2;

	while (skip_ws(p, i) < end) {
		struct span k = next_token(p, &i), v = next_token(p, &i);
		size_t j = i;
		unsigned long n;

		if (!k.len || !v.len || i > end)
			return -1;
		if (!span_number(p, v, &n)) {
			struct span g = next_token(p, &j), r = next_token(p, &j);

			if (g.len && !span_number(p, g, &n) && span_is(p, r, "R") && j <= end) {
				v.len = j - v.at;
				i = j;
			}
		}
		if (span_is(p, k, key)) {
			*value = v;
			return 0;
		}
	}
	return -1;
}

/* The object number of the reference "N G R" in `s`. */
static int span_ref(const struct pdf *p, struct span s, unsigned long *num)
{
	size_t i = s.at;
	struct span n = next_token(p, &i);

	return n.len && n.at + n.len < s.at + s.len ? span_number(p, n, num) : -1;
}

/* The dictionary of the object `num` ("num G obj << ... >>"): 0 and its
 * span and generation, or -1 (not a dictionary object). */
static int object_dict(const struct pdf *p, unsigned long num, struct span *dict,
		       unsigned long *gen)
{
	size_t i;
	struct span n, g, kw;
	unsigned long v;

	if (num >= p->offsets->len || !(i = g_array_index(p->offsets, size_t, num)))
		return -1;
	n = next_token(p, &i);
	g = next_token(p, &i);
	kw = next_token(p, &i);
	if (span_number(p, n, &v) || v != num || span_number(p, g, gen) ||
	    !span_is(p, kw, "obj"))
		return -1;
	i = skip_ws(p, i);
	if (i + 1 >= p->n || p->b[i] != '<' || p->b[i + 1] != '<')
		return -1;
	*dict = next_token(p, &i);
	return dict->len ? 0 : -1;
}

/* startxref and the classic cross-reference table it points to. */
static int read_xref(struct pdf *p, char **error)
{
	const char *tail = (const char *)p->b + (p->n > 1024 ? p->n - 1024 : 0);
	size_t i, tail_len = p->n - (size_t)(tail - (const char *)p->b);
	const char *sx = g_strrstr_len(tail, (gssize)tail_len, "startxref");
	struct span t;
	unsigned long v;

	if (!sx) {
		*error = g_strdup("no startxref");
		return -1;
	}
	i = (size_t)(sx - (const char *)p->b) + 9;
	if (span_number(p, next_token(p, &i), &v) || v >= p->n) {
		*error = g_strdup("a bad startxref");
		return -1;
	}
	p->startxref = v;
	i = v;
	if (!span_is(p, next_token(p, &i), "xref")) {
		*error = g_strdup("not a classic cross-reference table");
		return -1;
	}
	for (;;) {
		unsigned long first, count;

		t = next_token(p, &i);
		if (span_is(p, t, "trailer"))
			break;
		if (span_number(p, t, &first) ||
		    span_number(p, next_token(p, &i), &count) || count > p->n / 20) {
			*error = g_strdup("a bad cross-reference table");
			return -1;
		}
		for (unsigned long k = 0; k < count; k++) {
			struct span off = next_token(p, &i), gen = next_token(p, &i),
				    use = next_token(p, &i);
			unsigned long o, g;
			size_t at;

			if (span_number(p, off, &o) || span_number(p, gen, &g) ||
			    (!span_is(p, use, "n") && !span_is(p, use, "f")) || o >= p->n) {
				*error = g_strdup("a bad cross-reference entry");
				return -1;
			}
			if (first + k >= p->offsets->len)
				g_array_set_size(p->offsets, first + k + 1);
			at = span_is(p, use, "n") ? (size_t)o : 0;
			g_array_index(p->offsets, size_t, first + k) = at;
		}
	}
	p->trailer = next_token(p, &i);
	return 0;
}

/* The trailer's /Root and /Size; no earlier update. */
static int read_trailer(struct pdf *p, char **error)
{
	struct span v;

	if (p->trailer.len < 4 || p->b[p->trailer.at] != '<') {
		*error = g_strdup("no trailer dictionary");
		return -1;
	}
	if (!dict_get(p, p->trailer, "/Prev", &v) ||
	    !dict_get(p, p->trailer, "/XRefStm", &v)) {
		*error = g_strdup("the file has already been updated");
		return -1;
	}
	if (dict_get(p, p->trailer, "/Size", &v) || span_number(p, v, &p->size) ||
	    p->size != p->offsets->len) {
		*error = g_strdup("a bad /Size in the trailer");
		return -1;
	}
	if (dict_get(p, p->trailer, "/Root", &v) || span_ref(p, v, &p->root)) {
		*error = g_strdup("no /Root in the trailer");
		return -1;
	}
	return 0;
}

char *pdfupdate_text_string(const char *s)
{
	GString *out = g_string_new(NULL);
	gunichar2 *u16;
	glong n = 0;
	int ascii = 1;

	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 0x20 || *c > 0x7e)
			ascii = 0;
	if (ascii) {
		g_string_append_c(out, '(');
		for (const char *c = s; *c; c++) {
			if (*c == '(' || *c == ')' || *c == '\\')
				g_string_append_c(out, '\\');
			g_string_append_c(out, *c);
		}
		g_string_append_c(out, ')');
		return g_string_free(out, FALSE);
	}
	u16 = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
	g_string_append(out, "<FEFF");
	for (glong i = 0; u16 && i < n; i++)
		g_string_append_printf(out, "%04X", (unsigned)u16[i]);
	g_string_append_c(out, '>');
	g_free(u16);
	return g_string_free(out, FALSE);
}

/* A changed object: its number, generation and new dictionary. */
struct change {
	unsigned long num, gen;
	GString *dict;
};

static void changes_free(GArray *changes)
{
	for (guint i = 0; i < changes->len; i++)
		g_string_free(g_array_index(changes, struct change, i).dict, TRUE);
	g_array_free(changes, TRUE);
}

/* The dictionary `d` again, its inner text kept, with `more` added. */
static GString *dict_with(const struct pdf *p, struct span d, const char *more)
{
	GString *s = g_string_new("<<");

	g_string_append_len(s, (const char *)p->b + d.at + 2, (gssize)d.len - 4);
	g_string_append(s, more);
	g_string_append(s, ">>");
	return s;
}

static int catalog_change(const struct pdf *p, const struct pdfupdate *u,
			  struct change *c, char **error)
{
	struct span d, v;
	GString *more = g_string_new(NULL);

	c->num = p->root;
	if (object_dict(p, p->root, &d, &c->gen) || dict_get(p, d, "/Type", &v) ||
	    !span_is(p, v, "/Catalog")) {
		*error = g_strdup("the /Root is not a catalog");
		g_string_free(more, TRUE);
		return -1;
	}
	if (u->lang && dict_get(p, d, "/Lang", &v)) {
		char *lang = pdfupdate_text_string(u->lang);

		g_string_append_printf(more, "   /Lang %s\n", lang);
		g_free(lang);
	}
	if (u->display_doc_title && dict_get(p, d, "/ViewerPreferences", &v))
		g_string_append(more, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	/* Cairo 1.16 leaves out /MarkInfo when no tag holds another. */
	if (!dict_get(p, d, "/StructTreeRoot", &v) && dict_get(p, d, "/MarkInfo", &v))
		g_string_append(more, "   /MarkInfo << /Marked true >>\n");
	if (u->outlines_open && !dict_get(p, d, "/Outlines", &v) &&
	    dict_get(p, d, "/PageMode", &v))
		g_string_append(more, "   /PageMode /UseOutlines\n");
	c->dict = dict_with(p, d, more->str);
	g_string_free(more, TRUE);
	return 0;
}

/* The Figure structure elements in file order, each with its alt. */
static int figure_changes(const struct pdf *p, const struct pdfupdate *u, GArray *changes,
			  char **error)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(struct change));

	for (unsigned long num = 1; num < p->offsets->len; num++) {
		struct change c = { num, 0, NULL };
		struct span d, v;

		if (object_dict(p, num, &d, &c.gen) || dict_get(p, d, "/Type", &v) ||
		    !span_is(p, v, "/StructElem") || dict_get(p, d, "/S", &v) ||
		    !span_is(p, v, "/Figure"))
			continue;
		if (!dict_get(p, d, "/Alt", &v)) {
			*error = g_strdup_printf("the figure %lu has an /Alt already", num);
			changes_free(found);
			return -1;
		}
		c.dict = g_string_new(NULL);
		g_string_append_len(c.dict, (const char *)p->b + d.at, (gssize)d.len);
		g_array_append_val(found, c);
	}
	/* File order: sort by offset (object numbers need not follow it). */
	for (guint i = 1; i < found->len; i++) {
		for (guint j = i; j > 0; j--) {
			struct change *a = &g_array_index(found, struct change, j - 1);
			struct change *b = &g_array_index(found, struct change, j);
			struct change tmp;

			if (g_array_index(p->offsets, size_t, a->num) <
			    g_array_index(p->offsets, size_t, b->num))
				break;
			tmp = *a, *a = *b, *b = tmp;
		}
	}
	if (found->len != u->n_alts) {
		*error = g_strdup_printf("%u figures are tagged but %zu alternative texts given",
					 found->len, u->n_alts);
		changes_free(found);
		return -1;
	}
	for (guint i = 0; i < found->len; i++) {
		struct change *c = &g_array_index(found, struct change, i);
		char *alt = pdfupdate_text_string(u->alts[i]), *more;
		struct span d = { 0, c->dict->len };
		struct pdf one = { (const unsigned char *)c->dict->str, c->dict->len, 0,
				   { 0, 0 }, 0, 0, NULL };

		more = g_strdup_printf("   /Alt %s\n", alt);
		g_array_append_val(changes, *c);
		g_array_index(changes, struct change, changes->len - 1).dict =
			dict_with(&one, d, more);
		g_string_free(c->dict, TRUE);
		g_free(more);
		g_free(alt);
	}
	g_array_free(found, TRUE);
	return 0;
}

static gint change_cmp(gconstpointer a, gconstpointer b)
{
	unsigned long x = ((const struct change *)a)->num, y = ((const struct change *)b)->num;

	return x < y ? -1 : x > y;
}

/* The objects, the cross-reference section and the trailer. */
static void write_update(GByteArray *out, const struct pdf *p, GArray *changes)
{
	GString *s = g_string_new(NULL);
	size_t base = out->len;
	size_t *at = g_new(size_t, changes->len);
	size_t xref;

	if (out->len && out->data[out->len - 1] != '\n' && out->data[out->len - 1] != '\r')
		g_string_append_c(s, '\n');
	for (guint i = 0; i < changes->len; i++) {
		struct change *c = &g_array_index(changes, struct change, i);

		at[i] = base + s->len;
		g_string_append_printf(s, "%lu %lu obj\n%s\nendobj\n", c->num, c->gen,
				       c->dict->str);
	}
	xref = base + s->len;
	g_string_append(s, "xref\n");
	for (guint i = 0; i < changes->len;) {
		guint j = i + 1;

		while (j < changes->len && g_array_index(changes, struct change, j).num ==
						   g_array_index(changes, struct change, j - 1).num + 1)
			j++;
		g_string_append_printf(s, "%lu %u\n", g_array_index(changes, struct change, i).num,
				       j - i);
		for (; i < j; i++)
			g_string_append_printf(s, "%010zu %05lu n \n", at[i],
					       g_array_index(changes, struct change, i).gen);
	}
	g_string_append(s, "trailer\n<<");
	g_string_append_len(s, (const char *)p->b + p->trailer.at + 2,
			    (gssize)p->trailer.len - 4);
	g_string_append_printf(s, "   /Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", p->startxref,
			       xref);
	g_byte_array_append(out, (const guint8 *)s->str, (guint)s->len);
	g_string_free(s, TRUE);
	g_free(at);
}

int pdfupdate_apply(GByteArray *pdf, const struct pdfupdate *u, char **error)
{
	struct pdf p = { pdf->data, pdf->len, 0, { 0, 0 }, 0, 0, NULL };
	GArray *changes = g_array_new(FALSE, FALSE, sizeof(struct change));
	struct change cat;
	int rc = -1;

	*error = NULL;
	p.offsets = g_array_new(FALSE, TRUE, sizeof(size_t));
	if (p.n < 16 || memcmp(p.b, "%PDF-1.", 7)) {
		*error = g_strdup("not a PDF file");
		goto out;
	}
	if (read_xref(&p, error) || read_trailer(&p, error) ||
	    catalog_change(&p, u, &cat, error))
		goto out;
	g_array_append_val(changes, cat);
	if (figure_changes(&p, u, changes, error))
		goto out;
	g_array_sort(changes, change_cmp);
	write_update(pdf, &p, changes);
	rc = 0;
out:
	changes_free(changes);
	g_array_free(p.offsets, TRUE);
	return rc;
}
