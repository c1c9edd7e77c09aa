/* placeholder.c — texts with {placeholders}: split once, filled in per certificate. */
#include "placeholder.h"

#include <stdio.h>
#include <string.h>

static const char *const names[PH_COUNT] = {
	[PH_YEAR] = "year",
	[PH_DATE] = "date",
	[PH_PLACE] = "place",
	[PH_OFFICE] = "office",
	[PH_SIG_TITLE] = "signatory.title",
	[PH_SIG_NAME] = "signatory.name",
	[PH_SIG_NIP] = "signatory.nip",
	[PH_MINISTRY] = "ministry",
	[PH_HEADING] = "office.heading",
	[PH_UNIT] = "unit",
	[PH_ID] = "id",
	[PH_KANWIL] = "kanwil",
	[PH_GRADE] = "grade",
	[PH_PREDICATE] = "predicate",
	[PH_TOTAL] = "total",
	[PH_RANK] = "rank",
	[PH_NUMBER] = "number",
	[PH_CODE] = "code",
};

const char *placeholder_name(enum placeholder ph)
{
	return ph < PH_COUNT ? names[ph] : "seq";
}

void placeholder_clear(struct ph_text *t)
{
	if (!t->pieces)
		return;
	for (guint i = 0; i < t->pieces->len; i++)
		g_free(g_array_index(t->pieces, struct ph_piece, i).literal);
	g_array_unref(t->pieces);
	t->pieces = NULL;
}

/* Append a literal, joined to the previous one if that is a literal too. */
static void add_literal(GArray *pieces, const char *s, size_t n)
{
	struct ph_piece pc = { -1, NULL, 0 };
	struct ph_piece *last = pieces->len ?
		&g_array_index(pieces, struct ph_piece, pieces->len - 1) : NULL;

	if (!n)
		return;
	if (last && last->placeholder < 0) {
		char *joined = g_strdup_printf("%s%.*s", last->literal, (int)n, s);

		g_free(last->literal);
		last->literal = joined;
		return;
	}
	pc.literal = g_strndup(s, n);
	g_array_append_val(pieces, pc);
}

/* The placeholder called `name` ({seq:0N} gives PH_SEQ and N), or -1. */
static int lookup(const char *name, unsigned *width)
{
	*width = 0;
	for (int i = 0; i < PH_COUNT; i++)
		if (!strcmp(name, names[i]))
			return i;
	if (!strcmp(name, "seq"))
		return PH_SEQ;
	if (!strncmp(name, "seq:0", 5) && name[5] >= '1' && name[5] <= '9' && !name[6]) {
		*width = (unsigned)(name[5] - '0');
		return PH_SEQ;
	}
	return -1;
}

/* " (only {seq}, {seq:0N} and {year})": what `allowed` holds, {seq} first. */
static char *allowed_list(unsigned allowed)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(" (only ");

	if (allowed & PH_BIT(PH_SEQ)) {
		g_ptr_array_add(parts, g_strdup("{seq}"));
		g_ptr_array_add(parts, g_strdup("{seq:0N}"));
	}
	for (int i = 0; i < PH_COUNT; i++)
		if (allowed & PH_BIT(i))
			g_ptr_array_add(parts, g_strdup_printf("{%s}", names[i]));
	for (guint i = 0; i < parts->len; i++)
		g_string_append_printf(out, "%s%s", !i ? "" : i + 1 < parts->len ?
				       ", " : " and ", (const char *)parts->pdata[i]);
	g_string_append_c(out, ')');
	g_ptr_array_unref(parts);
	return g_string_free(out, FALSE);
}

int placeholder_parse(const char *s, int number, struct ph_text *out, char **error)
{
	if (number)
		return placeholder_parse_only(s, PH_BIT(PH_SEQ) | PH_BIT(PH_YEAR), 1, out,
					      error);
	return placeholder_parse_only(s, PH_TEXT_SET, 0, out, error);
}

int placeholder_parse_only(const char *s, unsigned allowed, int need_seq,
			   struct ph_text *out, char **error)
{
	GArray *pieces = g_array_new(FALSE, FALSE, sizeof(struct ph_piece));
	int has_seq = 0;

	*error = NULL;
	out->per_unit = 0;
	out->pieces = pieces;
	for (const char *p = s; *p && !*error;) {
		const char *open = strpbrk(p, "{}"), *close;
		struct ph_piece pc = { -1, NULL, 0 };
		char *name;

		if (!open) {
			add_literal(pieces, p, strlen(p));
			break;
		}
		add_literal(pieces, p, (size_t)(open - p));
		if (open[0] == open[1]) {
			add_literal(pieces, open, 1);
			p = open + 2;
			continue;
		}
		close = *open == '{' ? strchr(open, '}') : NULL;
		if (*open == '}') {
			*error = g_strdup("unmatched '}'; write '}}' for a brace");
			break;
		}
		if (!close || memchr(open + 1, '{', (size_t)(close - open - 1))) {
			*error = g_strdup("unclosed '{'; write '{{' for a brace");
			break;
		}
		name = g_strndup(open + 1, (size_t)(close - open - 1));
		pc.placeholder = lookup(name, &pc.width);
		if (pc.placeholder < 0 || !(allowed & PH_BIT(pc.placeholder))) {
			char *only = (allowed & PH_TEXT_SET) == PH_TEXT_SET ?
				     g_strdup("") : allowed_list(allowed);

			*error = g_strdup_printf("unknown placeholder '{%s}'%s", name,
						 only);
			g_free(only);
		} else {
			g_array_append_val(pieces, pc);
			has_seq |= pc.placeholder == PH_SEQ;
			out->per_unit |= pc.placeholder >= PH_PER_UNIT &&
					 pc.placeholder < PH_COUNT;
		}
		g_free(name);
		p = close + 1;
	}
	if (!*error && need_seq && !has_seq)
		*error = g_strdup("no {seq}: every certificate would get the same "
				  "number");
	if (*error) {
		placeholder_clear(out);
		return -1;
	}
	return 0;
}

char *placeholder_expand(const struct ph_text *t, const char *const values[PH_COUNT])
{
	GString *out = g_string_new(NULL);

	for (guint i = 0; i < t->pieces->len; i++) {
		const struct ph_piece *pc = &g_array_index(t->pieces, struct ph_piece, i);

		if (pc->placeholder < 0)
			g_string_append(out, pc->literal);
		else if (pc->placeholder < PH_COUNT && values[pc->placeholder])
			g_string_append(out, values[pc->placeholder]);
	}
	return g_string_free(out, FALSE);
}

char *placeholder_expand_seq(const struct ph_text *t,
			     const char *const values[PH_COUNT], unsigned seq)
{
	GString *out = g_string_new(NULL);

	for (guint i = 0; i < t->pieces->len; i++) {
		const struct ph_piece *pc = &g_array_index(t->pieces, struct ph_piece, i);

		if (pc->placeholder < 0)
			g_string_append(out, pc->literal);
		else if (pc->placeholder == PH_SEQ)
			g_string_append_printf(out, "%0*u", (int)pc->width, seq);
		else if (values[pc->placeholder])
			g_string_append(out, values[pc->placeholder]);
	}
	return g_string_free(out, FALSE);
}

char *placeholder_number(const struct ph_text *t, unsigned seq, int year)
{
	const char *values[PH_COUNT] = { 0 };
	char buf[16];

	snprintf(buf, sizeof buf, "%d", year);
	values[PH_YEAR] = buf;
	return placeholder_expand_seq(t, values, seq);
}
