/* workbook_xlsx.c — Office Open XML spreadsheets (.xlsx, .xlsm; ECMA-376). */
#include "workbook_int.h"

/*
 * The small parts (relationships, workbook, styles) are read with
 * xmlTextReader; the shared strings and the sheets, which grow with the
 * data, go through SAX (wb_part_sax()): the reader builds and frees a node
 * for every element and text, which made reading a 250,000-row sheet
 * three times slower than through SAX. Both stream; neither holds more
 * than the node at hand.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Excel's own limit on sheets is memory; this one only bounds ours. */
#define MAX_SHEETS 4096
/* Cell formats kept (Excel allows 64,000); those beyond count as no date. */
#define MAX_XFS 65536
/* Text of one <v> or <is> kept: enough to tell a cell over the limit. */
#define MAX_VALUE (8 * CSVIN_MAX_FIELD)

/* Days from 1970-01-01 to the day before serial 1 of each date system
 * (1900: serial 61 is 1900-03-01, counting the 29 February 1900 Lotus had;
 * 1904: serial 0 is 1904-01-01). */
#define DAYS_1899_12_30 (-25569L)
#define DAYS_1904_01_01 (-24107L)
/* Serial of 9999-12-31 in the 1900 system: the last date Excel shows. */
#define LAST_SERIAL 2958465

struct sheet_ref {
	char *name;
	char *rid;
};

struct xlsx {
	struct wb *wb;
	char *workbook;         /* the workbook part's name */
	int date1904;
	GPtrArray *sheets;      /* struct sheet_ref *, in workbook order */
	GPtrArray *rels;        /* struct wb_rel *, of the workbook part */
	GString *sst;           /* shared strings, each NUL-terminated */
	GArray *sst_at;         /* guint32: where each shared string starts */
	GByteArray *xf_date;    /* per cell format: 1 when it shows a date */
	GString *value, *inline_text;   /* of the cell being read */
};

/* The workbook part, from the package's relationships (ECMA-376 part 2,
 * 9.3); "xl/workbook.xml" when they do not say. 0, or -1 reported. */
static int find_workbook(struct xlsx *x)
{
	GPtrArray *rels = wb_rels_read(x->wb, "");
	const struct wb_rel *main;

	if (!rels)
		return -1;
	main = wb_rel_by_type(rels, "officeDocument");
	x->workbook = g_strdup(main ? main->target : "xl/workbook.xml");
	g_ptr_array_free(rels, TRUE);
	if (g_str_has_suffix(x->workbook, ".bin")) {
		wb_fail(x->wb, "an .xlsb binary workbook: save it as .xlsx or CSV");
		return -1;
	}
	return 0;
}

static void sheet_ref_free(gpointer p)
{
	struct sheet_ref *s = p;

	g_free(s->name);
	g_free(s->rid);
	g_free(s);
}

/* The workbook part: the date system and the sheets in order. */
static int read_workbook(struct xlsx *x)
{
	struct wb_part *p = wb_part_open(x->wb, x->workbook, 1);
	xmlTextReaderPtr r;
	int rc, root = 1;

	if (!p)
		return -1;
	r = wb_part_reader(p);
	while ((rc = wb_part_read(p)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (root && !wb_name_is(wb_name(r), "workbook")) {
			wb_fail(x->wb, "not an .xlsx workbook: its main part '%s' is a '%s'",
				x->workbook, wb_name(r));
			rc = -1;
			break;
		}
		root = 0;
		if (wb_is_start(r, "workbookPr")) {
			char *v = wb_attr(r, "date1904");
			x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
			g_free(v);
		} else if (wb_is_start(r, "sheet")) {
			struct sheet_ref *s;

			if (x->sheets->len >= MAX_SHEETS) {
				wb_fail(x->wb, "more than %d sheets", MAX_SHEETS);
				rc = -1;
				break;
			}
			s = g_new0(struct sheet_ref, 1);
			s->name = wb_attr(r, "name");
			s->rid = wb_attr(r, "id");
			if (!s->name)
				s->name = g_strdup("");
			if (!s->rid)
				s->rid = g_strdup("");
			g_ptr_array_add(x->sheets, s);
		}
	}
	wb_part_close(p);
	return rc < 0 ? -1 : 0;
}

/* ---- styles: which cell formats show dates -------------------------------- */

/* A format code shows a date or time when it has d, m, y or h outside
 * quoted text, [brackets] (colours, conditions, locales) and escapes. */
static int date_code(const char *code)
{
	for (const char *c = code; *c; c++) {
		switch (*c) {
		case '"':
			c = strchr(c + 1, '"');
			if (!c)
				return 0;
			break;
		case '[':
			c = strchr(c + 1, ']');
			if (!c)
				return 0;
			break;
		case '\\': case '_': case '*':
			if (!c[1])
				return 0;
			c++;
			break;
		default:
			if (strchr("dDmMyYhH", *c))
				return 1;
		}
	}
	return 0;
}

/* The built-in date and time formats (ECMA-376 part 1, 18.8.30). */
static int date_builtin(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static int read_styles(struct xlsx *x, const char *name)
{
	struct wb_part *p = wb_part_open(x->wb, name, 0);
	GHashTable *custom = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *xf_fmt = g_array_new(FALSE, FALSE, sizeof(long));
	xmlTextReaderPtr r;
	int rc = 0, in_xfs = 0;

	if (!p) {
		rc = x->wb->failed ? -1 : 0;
		goto done;
	}
	r = wb_part_reader(p);
	while ((rc = wb_part_read(p)) == 1) {
		if (wb_is_start(r, "numFmt")) {
			char *id = wb_attr(r, "numFmtId");
			long n = id ? strtol(id, NULL, 10) : -1;

			if (n >= 0 && n < G_MAXINT) {
				char *code = wb_attr(r, "formatCode");
				g_hash_table_insert(custom, GINT_TO_POINTER((int)n),
						    GINT_TO_POINTER(code && date_code(code) ? 2 : 1));
				g_free(code);
			}
			g_free(id);
		} else if (wb_is_start(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (wb_is_end(r, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && wb_is_start(r, "xf") && xf_fmt->len < MAX_XFS) {
			char *id = wb_attr(r, "numFmtId");
			long n = id ? strtol(id, NULL, 10) : 0;
			g_array_append_val(xf_fmt, n);
			g_free(id);
		}
	}
	wb_part_close(p);
	for (guint i = 0; rc == 0 && i < xf_fmt->len; i++) {
		long id = g_array_index(xf_fmt, long, i);
		int kind = id >= 0 && id < G_MAXINT ?
			   GPOINTER_TO_INT(g_hash_table_lookup(custom, GINT_TO_POINTER((int)id))) : 1;
		guint8 is_date = kind ? kind == 2 : date_builtin(id);

		g_byte_array_append(x->xf_date, &is_date, 1);
	}
done:
	g_hash_table_destroy(custom);
	g_array_free(xf_fmt, TRUE);
	return rc < 0 ? -1 : 0;
}

/* ---- text --------------------------------------------------------------- */

static int hex_value(char c)
{
	return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/*
 * Decode the _xHHHH_ escapes of ST_Xstring (ECMA-376 part 1, 22.9.2.19) in
 * s[0..len) in place: Excel writes a carriage return as _x000D_ and a
 * literal "_x" as _x005F_x. Returns the new length; never longer.
 */
static size_t decode_xstring(char *s, size_t len)
{
	const char *first = s, *end = s + len;
	size_t r, w;

	/* Most strings hold no escape: find the first "_x" before copying. */
	while ((first = memchr(first, '_', (size_t)(end - first))) && first + 1 < end &&
	       first[1] != 'x')
		first++;
	if (first && first + 1 >= end)
		first = NULL;
	if (!first)
		return len;
	r = w = (size_t)(first - s);
	while (r < len) {
		if (s[r] == '_' && r + 7 <= len && s[r + 1] == 'x' && s[r + 6] == '_') {
			gunichar c = 0;
			int k;

			for (k = 2; k < 6 && hex_value(s[r + k]) >= 0; k++)
				c = c << 4 | (gunichar)hex_value(s[r + k]);
			if (k == 6 && c && g_unichar_validate(c)) {
				w += (size_t)g_unichar_to_utf8(c, s + w);
				r += 7;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	return w;
}

/* An attribute of a SAX start tag: local name, prefix, URI, value, value end. */
#define ATTR_NAME(a, i) ((const char *)(a)[5 * (i)])
#define ATTR_VALUE(a, i) ((const char *)(a)[5 * (i) + 3])
#define ATTR_END(a, i) ((const char *)(a)[5 * (i) + 4])

/* Attribute value i, NUL-terminated, in buf (cut to size - 1 bytes). */
static const char *attr_copy(char *buf, size_t size, const xmlChar **attrs, int i)
{
	size_t len = (size_t)(ATTR_END(attrs, i) - ATTR_VALUE(attrs, i));

	if (len >= size)
		len = size - 1;
	memcpy(buf, ATTR_VALUE(attrs, i), len);
	buf[len] = '\0';
	return buf;
}

/* The shared strings: <si> holds a <t>, or rich text runs <r><t>; the
 * phonetic runs <rPh> are not part of the text. */
struct sst_state {
	struct xlsx *x;
	size_t start;
	int in_si, in_t, in_rph;
};

static void sst_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
		      const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
		      int nb_defaulted, const xmlChar **attrs)
{
	struct sst_state *st = ctx;
	const char *n = (const char *)local;

	if (wb_name_is(n, "si")) {
		st->start = st->x->sst->len;
		st->in_si = 1;
		st->in_t = st->in_rph = 0;
	} else if (st->in_si && wb_name_is(n, "t")) {
		st->in_t = 1;
	} else if (st->in_si && wb_name_is(n, "rPh")) {
		st->in_rph = 1;
	}
}

static void sst_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		    const xmlChar *uri)
{
	struct sst_state *st = ctx;
	GString *sst = st->x->sst;
	const char *n = (const char *)local;

	if (wb_name_is(n, "t")) {
		st->in_t = 0;
	} else if (wb_name_is(n, "rPh")) {
		st->in_rph = 0;
	} else if (st->in_si && wb_name_is(n, "si")) {
		size_t whole = sst->len - st->start;
		size_t len = decode_xstring(sst->str + st->start, whole);
		guint32 at = (guint32)st->start;

		/* libxml2 gives UTF-8; this guards what the decoding changed. */
		if (len != whole && !g_utf8_validate(sst->str + st->start, (gssize)len, NULL))
			len = 0;
		g_string_truncate(sst, st->start + len);
		g_string_append_c(sst, '\0');
		g_array_append_val(st->x->sst_at, at);
		st->in_si = 0;
	}
}

static void sst_text(void *ctx, const xmlChar *text, int len)
{
	struct sst_state *st = ctx;

	if (st->in_t && !st->in_rph)
		g_string_append_len(st->x->sst, (const char *)text, len);
}

static int read_shared_strings(struct xlsx *x, const char *name)
{
	xmlSAXHandler sax = { .startElementNs = sst_start, .endElementNs = sst_end,
			      .characters = sst_text };
	struct sst_state st = { .x = x };

	/* The strings are fewer bytes than their XML: room for all of them at
	 * once spares copying a table of a hundred MiB as it doubles. Pages
	 * not written to are never resident. */
	g_string_set_size(x->sst, wb_member_size(x->wb, name));
	g_string_truncate(x->sst, 0);
	wb_advise_huge(x->sst->str, x->sst->allocated_len);
	return wb_part_sax(x->wb, name, 0, &sax, &st);
}

/* ---- sheets -------------------------------------------------------------- */

/* The 0-based column of the cell reference ref[0..len) such as "AB12";
 * `next` when it has no letters; WORKBOOK_MAX_COLS or more when it is
 * beyond XFD. */
static size_t column_of(const char *ref, size_t len, size_t next)
{
	size_t col = 0, i;

	for (i = 0; i < len && g_ascii_isalpha(ref[i]); i++) {
		if (i == 3)
			return WORKBOOK_MAX_COLS;
		col = col * 26 + (size_t)(g_ascii_toupper(ref[i]) - 'A' + 1);
	}
	return i ? col - 1 : next;
}

enum cell_type { T_NUMBER, T_SHARED, T_INLINE, T_STRING, T_BOOL, T_ERROR, T_DATE };

static enum cell_type type_of(const char *t)
{
	if (!t || !strcmp(t, "n"))
		return T_NUMBER;
	if (!strcmp(t, "s"))
		return T_SHARED;
	if (!strcmp(t, "inlineStr"))
		return T_INLINE;
	if (!strcmp(t, "b"))
		return T_BOOL;
	if (!strcmp(t, "e"))
		return T_ERROR;
	if (!strcmp(t, "d"))
		return T_DATE;
	return T_STRING;        /* "str", and anything unknown: as written */
}

/* The date a serial number shows in the workbook's date system; 0 when
 * it shows none (before the first day, after 9999-12-31). */
static int serial_date(const struct xlsx *x, double v, char *buf)
{
	/* Times are kept to the millisecond: 0.99999999999 is the next day. */
	double day = floor(v + 0.5 / 86400000.0);

	if (!(day >= 0) || day > LAST_SERIAL)
		return 0;
	if (x->date1904) {
		wb_format_days(buf, (long)day + DAYS_1904_01_01);
		return 1;
	}
	if (day < 1)
		return 0;
	if (day == 60) {
		strcpy(buf, "1900-02-29");      /* Lotus's day: no such date */
		return 1;
	}
	wb_format_days(buf, (long)day + DAYS_1899_12_30 + (day < 60));
	return 1;
}

/* Text that is UTF-8 by construction: numbers, dates, TRUE and FALSE. */
static void append_str(struct wb *wb, const char *s)
{
	wb_cell_append_valid(wb, s, strlen(s));
}

/* Append the displayed value of a finished <c> element. */
static void cell_value(struct xlsx *x, enum cell_type type, long style)
{
	struct wb *wb = x->wb;
	GString *v = x->value;
	char buf[WORKBOOK_NUMBER_BUF];
	double num;

	switch (type) {
	case T_SHARED: {
		char *end;
		unsigned long i = strtoul(v->str, &end, 10);

		if (end != v->str && !*end && i < x->sst_at->len) {
			size_t at = g_array_index(x->sst_at, guint32, i);
			size_t next = i + 1 < x->sst_at->len ?
				      g_array_index(x->sst_at, guint32, i + 1) : x->sst->len;

			/* Checked when the table was read. */
			wb_cell_append_valid(wb, x->sst->str + at, next - at - 1);
		}
		else if (v->len)
			wb_row_error(wb, "a cell refers to a shared string the workbook "
				     "does not have");
		return;
	}
	case T_INLINE:
		g_string_truncate(x->inline_text,
				  decode_xstring(x->inline_text->str, x->inline_text->len));
		wb_cell_append(wb, x->inline_text->str, x->inline_text->len);
		return;
	case T_BOOL:
		append_str(wb, !strcmp(v->str, "1") ? "TRUE" : !strcmp(v->str, "0") ? "FALSE"
										 : v->str);
		return;
	case T_DATE:
		append_str(wb, wb_iso_date(v->str, buf) ? buf : v->str);
		return;
	case T_STRING:
	case T_ERROR:
		g_string_truncate(v, decode_xstring(v->str, v->len));
		wb_cell_append(wb, v->str, v->len);
		return;
	case T_NUMBER:
		break;
	}
	if (!v->len) {
		/* An inline string whose writer left out t="inlineStr". */
		wb_cell_append(wb, x->inline_text->str, x->inline_text->len);
	} else if (!wb_parse_number(v->str, &num)) {
		wb_cell_append(wb, v->str, v->len);
	} else if (style >= 0 && (guint)style < x->xf_date->len && x->xf_date->data[style] &&
		   serial_date(x, num, buf)) {
		append_str(wb, buf);
	} else {
		workbook_format_number(buf, num);
		append_str(wb, buf);
	}
}

/* What the sheet reader is in. */
struct sheet_state {
	struct xlsx *x;
	unsigned long prev_row;
	size_t next_col, col;
	enum cell_type type;
	long style;
	int in_data, in_c, in_v, in_is, in_t, in_rph;
};

/* <c r="B2" t="s" s="3"> */
static void cell_start(struct sheet_state *s, int nb_attrs, const xmlChar **attrs)
{
	char buf[24];

	s->col = s->next_col;
	s->type = T_NUMBER;
	s->style = 0;
	for (int i = 0; i < nb_attrs; i++) {
		const char *n = ATTR_NAME(attrs, i);

		if (n[0] && n[1])
			continue;
		if (n[0] == 'r')
			s->col = column_of(ATTR_VALUE(attrs, i),
					   (size_t)(ATTR_END(attrs, i) - ATTR_VALUE(attrs, i)),
					   s->next_col);
		else if (n[0] == 't')
			s->type = type_of(attr_copy(buf, sizeof buf, attrs, i));
		else if (n[0] == 's')
			s->style = strtol(attr_copy(buf, sizeof buf, attrs, i), NULL, 10);
	}
	s->next_col = s->col + 1;
	g_string_truncate(s->x->value, 0);
	g_string_truncate(s->x->inline_text, 0);
	s->in_c = 1;
	s->in_v = s->in_is = s->in_t = s->in_rph = 0;
}

static void cell_finish(struct sheet_state *s)
{
	wb_cell_begin(s->x->wb, s->col);
	cell_value(s->x, s->type, s->style);
	wb_cell_end(s->x->wb);
	s->in_c = 0;
}

/* <row r="N">: 0, or -1 after reporting a bad number or rows out of order. */
static int row_start(struct sheet_state *s, int nb_attrs, const xmlChar **attrs)
{
	struct wb *wb = s->x->wb;
	unsigned long n = s->prev_row + 1;
	char buf[24];

	for (int i = 0; i < nb_attrs; i++) {
		const char *v;
		char *end;

		if (!wb_name_is(ATTR_NAME(attrs, i), "r"))
			continue;
		v = attr_copy(buf, sizeof buf, attrs, i);
		n = strtoul(v, &end, 10);
		if (!g_ascii_isdigit(*v) || *end || n == 0) {
			wb_fail(wb, "a row numbered '%s'", v);
			return -1;
		}
	}
	if (n > WORKBOOK_MAX_ROWS)
		n = WORKBOOK_MAX_ROWS + 1;
	if (n <= s->prev_row) {
		wb_fail(wb, "row %lu comes after row %lu", n, s->prev_row);
		return -1;
	}
	s->prev_row = n;
	s->next_col = 0;
	wb_row_begin(wb, n);
	return 0;
}

static void sheet_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
			const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
			int nb_defaulted, const xmlChar **attrs)
{
	struct sheet_state *s = ctx;
	const char *n = (const char *)local;

	if (!s->in_data)
		s->in_data = wb_name_is(n, "sheetData");
	else if (wb_name_is(n, "c"))
		cell_start(s, nb_attrs, attrs);
	else if (wb_name_is(n, "v"))
		s->in_v = s->in_c;
	else if (wb_name_is(n, "row"))
		row_start(s, nb_attrs, attrs);
	else if (wb_name_is(n, "is"))
		s->in_is = s->in_c;
	else if (wb_name_is(n, "t"))
		s->in_t = s->in_is;
	else if (wb_name_is(n, "rPh"))
		s->in_rph = s->in_is;
}

static void sheet_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		      const xmlChar *uri)
{
	struct sheet_state *s = ctx;
	const char *n = (const char *)local;

	if (!s->in_data)
		return;
	if (wb_name_is(n, "c")) {
		if (s->in_c)
			cell_finish(s);
	} else if (wb_name_is(n, "v")) {
		s->in_v = 0;
	} else if (wb_name_is(n, "row")) {
		wb_row_emit(s->x->wb);
	} else if (wb_name_is(n, "t")) {
		s->in_t = 0;
	} else if (wb_name_is(n, "is")) {
		s->in_is = 0;
	} else if (wb_name_is(n, "rPh")) {
		s->in_rph = 0;
	} else if (wb_name_is(n, "sheetData")) {
		/* Merged cells, print settings and the rest are of no use. */
		wb_sax_stop(s->x->wb);
	}
}

/* Text of a <v>, or of an inline string's <t>, up to MAX_VALUE bytes. */
static void sheet_text(void *ctx, const xmlChar *text, int len)
{
	struct sheet_state *s = ctx;
	GString *to = s->in_v ? s->x->value : s->in_t && !s->in_rph ? s->x->inline_text : NULL;

	if (to && to->len < MAX_VALUE)
		g_string_append_len(to, (const char *)text,
				    (gssize)MIN((size_t)len, MAX_VALUE + 1 - to->len));
}

/* The rows of one worksheet part, up to the end of its <sheetData>. */
static int read_sheet(struct xlsx *x, const char *name)
{
	xmlSAXHandler sax = { .startElementNs = sheet_start, .endElementNs = sheet_end,
			      .characters = sheet_text };
	struct sheet_state s = { .x = x };

	return wb_part_sax(x->wb, name, 1, &sax, &s);
}

static int read_sheets(struct xlsx *x)
{
	for (guint i = 0; i < x->sheets->len && !x->wb->failed; i++) {
		const struct sheet_ref *ref = g_ptr_array_index(x->sheets, i);
		const struct wb_rel *rel = wb_rel_by_id(x->rels, ref->rid);

		if (wb_sheet_begin(x->wb, ref->name) < 0)
			return -1;
		if (!rel) {
			wb_fail(x->wb, "the workbook names no part for this sheet");
			return -1;
		}
		/* A chart sheet holds no cells: an empty sheet. */
		if (!x->wb->skip && !strcmp(rel->type, "worksheet") &&
		    read_sheet(x, rel->target) < 0)
			return -1;
		if (wb_sheet_end(x->wb) < 0)
			return -1;
	}
	return x->wb->failed ? -1 : 0;
}

int wb_read_xlsx(struct wb *wb)
{
	struct xlsx x = { .wb = wb };
	const struct wb_rel *rel;
	int rc = -1;

	x.sheets = g_ptr_array_new_with_free_func(sheet_ref_free);
	x.sst = g_string_new(NULL);
	x.sst_at = g_array_new(FALSE, FALSE, sizeof(guint32));
	x.xf_date = g_byte_array_new();
	x.value = g_string_new(NULL);
	x.inline_text = g_string_new(NULL);
	if (find_workbook(&x) < 0 || read_workbook(&x) < 0)
		goto out;
	x.rels = wb_rels_read(wb, x.workbook);
	if (!x.rels)
		goto out;
	if ((rel = wb_rel_by_type(x.rels, "styles")) && read_styles(&x, rel->target) < 0)
		goto out;
	if ((rel = wb_rel_by_type(x.rels, "sharedStrings")) &&
	    read_shared_strings(&x, rel->target) < 0)
		goto out;
	rc = read_sheets(&x);
out:
	g_free(x.workbook);
	g_ptr_array_free(x.sheets, TRUE);
	if (x.rels)
		g_ptr_array_free(x.rels, TRUE);
	g_string_free(x.sst, TRUE);
	g_array_free(x.sst_at, TRUE);
	g_byte_array_free(x.xf_date, TRUE);
	g_string_free(x.value, TRUE);
	g_string_free(x.inline_text, TRUE);
	return rc;
}
