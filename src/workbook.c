/* workbook.c — workbooks: telling the container, reading it, rows of cells, values. */
#define _DEFAULT_SOURCE         /* MADV_HUGEPAGE */
#include "workbook.h"
#include "workbook_int.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "text.h"

static const unsigned char zip_magic[4] = { 'P', 'K', 3, 4 };
static const unsigned char zip_empty_magic[4] = { 'P', 'K', 5, 6 };
static const unsigned char ole2_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
static const char ods_mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

void wb_advise_huge(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2 * 1024 * 1024;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)p + len) & ~(huge - 1);

	/* Only advice: where it is not taken, pages are small as before. */
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
}

void wb_fail(struct wb *wb, const char *fmt, ...)
{
	va_list ap;
	char *msg, *where;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	where = wb->sheet ? g_strdup_printf("%s[%s]", wb->path, wb->sheet)
			  : g_strdup(wb->path);
	diag_error(wb->d, where, 0, "%s", msg);
	wb->failed = 1;
	wb_sax_stop(wb);
	g_free(where);
	g_free(msg);
}

/* ---- rows -------------------------------------------------------------- */

/* wb_row.dead of a cell that is beyond the last column: an error only
 * when it has text. */
#define BEYOND 2

void wb_row_begin(struct wb *wb, unsigned long line)
{
	struct wb_row *row = &wb->row;

	row->line = line;
	g_string_truncate(row->text, 0);
	g_array_set_size(row->starts, 0);
	g_array_set_size(row->lens, 0);
	row->width = 0;
	row->solid = 0;
	row->error = NULL;
	row->dead = 1;
}

void wb_row_error(struct wb *wb, const char *why)
{
	if (!wb->row.error)
		wb->row.error = why;
}

void wb_cell_begin(struct wb *wb, size_t col)
{
	struct wb_row *row = &wb->row;

	row->dead = col >= WORKBOOK_MAX_COLS ? BEYOND : 0;
	row->unchecked = 0;
	row->col = col;
	row->at = row->text->len;
}

void wb_cell_append(struct wb *wb, const char *s, size_t len)
{
	wb->row.unchecked = 1;
	wb_cell_append_valid(wb, s, len);
}

void wb_cell_append_valid(struct wb *wb, const char *s, size_t len)
{
	struct wb_row *row = &wb->row;
	size_t have = row->text->len - row->at;

	if (row->dead == BEYOND && len)
		wb_row_error(wb, "a cell beyond column XFD, the last a workbook has");
	if (row->dead || !len)
		return;
	if (have + len > CSVIN_MAX_FIELD) {
		wb_row_error(wb, "cell longer than 64 KiB");
		row->dead = 1;
		return;
	}
	if (row->text->len + len > WORKBOOK_MAX_ROW_TEXT) {
		wb_row_error(wb, "row longer than 1 MiB");
		row->dead = 1;
		return;
	}
	g_string_append_len(row->text, s, (gssize)len);
}

static void set_start(struct wb_row *row, size_t col, size_t at, size_t len)
{
	size_t empty = WB_EMPTY;

	if (row->starts->len <= col) {
		size_t from = row->starts->len;

		g_array_set_size(row->starts, col + 1);
		g_array_set_size(row->lens, col + 1);
		for (size_t i = from; i < col; i++)
			g_array_index(row->starts, size_t, i) = empty;
	}
	g_array_index(row->starts, size_t, col) = at;
	g_array_index(row->lens, size_t, col) = len;
	if (col + 1 > row->width)
		row->width = col + 1;
}

void wb_cell_end(struct wb *wb)
{
	struct wb_row *row = &wb->row;
	size_t len = row->text->len - row->at;

	if (row->dead) {
		g_string_truncate(row->text, row->at);
		row->dead = 1;
		return;
	}
	row->dead = 1;
	if (len == 0)
		return;
	/* libxml2 hands over UTF-8 only; this guards against a decoding of
	 * ours that would not. */
	if (row->unchecked && !g_utf8_validate(row->text->str + row->at, (gssize)len, NULL)) {
		wb_row_error(wb, "the row is not valid UTF-8");
		g_string_truncate(row->text, row->at);
		return;
	}
	g_string_append_c(row->text, '\0');
	set_start(row, row->col, row->at, len);
	if (!row->solid)
		row->solid = !text_is_blank(row->text->str + row->at);
}

void wb_cell_copy(struct wb *wb, size_t from, size_t to)
{
	struct wb_row *row = &wb->row;

	if (from >= row->starts->len || g_array_index(row->starts, size_t, from) == WB_EMPTY)
		return;
	if (to >= WORKBOOK_MAX_COLS)
		wb_row_error(wb, "a cell beyond column XFD, the last a workbook has");
	else
		set_start(row, to, g_array_index(row->starts, size_t, from),
			  g_array_index(row->lens, size_t, from));
}

int wb_row_used(const struct wb *wb)
{
	return wb->row.solid || wb->row.error;
}

int wb_row_emit(struct wb *wb)
{
	struct wb_row *row = &wb->row;
	struct csvin_record rec = { .line = row->line, .error = row->error };
	char **fields;
	size_t raw_len;
	int rc;

	if (!wb_row_used(wb) || wb->skip)
		return 0;
	if (row->line > WORKBOOK_MAX_ROWS) {
		wb_fail(wb, "a row beyond row %lu, the last a workbook has", WORKBOOK_MAX_ROWS);
		return -1;
	}
	g_ptr_array_set_size(wb->fields, (guint)row->width + 1);
	fields = (char **)wb->fields->pdata;
	g_string_truncate(wb->raw, 0);
	for (size_t i = 0; i < row->width; i++) {
		size_t at = g_array_index(row->starts, size_t, i);
		size_t len = at == WB_EMPTY ? 0 : g_array_index(row->lens, size_t, i);
		size_t room = CSVIN_MAX_RAW + 4 > wb->raw->len ?
			      CSVIN_MAX_RAW + 4 - wb->raw->len : 0;

		fields[i] = at == WB_EMPTY ? (char *)"" : row->text->str + at;
		if (i && room) {
			g_string_append_c(wb->raw, ',');
			room--;
		}
		g_string_append_len(wb->raw, fields[i], (gssize)MIN(len, room));
	}
	fields[row->width] = NULL;
	raw_len = wb->raw->len;
	if (raw_len > CSVIN_MAX_RAW) {
		raw_len = CSVIN_MAX_RAW;
		while (raw_len > 0 && ((unsigned char)wb->raw->str[raw_len] & 0xC0) == 0x80)
			raw_len--;
		g_string_truncate(wb->raw, raw_len);
		rec.raw_truncated = 1;
	}
	rec.raw = wb->raw->str;
	rec.n_fields = row->width;
	rec.fields = fields;
	rc = wb->cb->record(&rec, wb->data);
	if (rc == WORKBOOK_SKIP_SHEET) {
		wb->skip = 1;
		wb_sax_stop(wb);
		return 0;
	}
	if (rc < 0) {
		wb->failed = 1;
		wb_sax_stop(wb);
		return -1;
	}
	return 0;
}

int wb_sheet_begin(struct wb *wb, const char *name)
{
	int rc;

	g_free(wb->sheet);
	wb->sheet = g_strdup(name);
	wb->skip = 0;
	rc = wb->cb->sheet_begin(wb->sheet, wb->data);
	if (rc < 0) {
		wb->failed = 1;
		return -1;
	}
	wb->skip = rc == WORKBOOK_SKIP_SHEET;
	return 0;
}

int wb_sheet_end(struct wb *wb)
{
	int rc = wb->cb->sheet_end(wb->sheet, wb->data);

	g_free(wb->sheet);
	wb->sheet = NULL;
	wb->skip = 0;
	if (rc < 0) {
		wb->failed = 1;
		return -1;
	}
	return 0;
}

/* ---- values ------------------------------------------------------------ */

int wb_parse_number(const char *s, double *v)
{
	char *end;
	const char *p = s;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	/* Only decimal syntax: strtod would take "inf", "nan" and hex too. */
	if (!*p || strpbrk(p, "xXnNiI"))
		return 0;
	*v = g_ascii_strtod(p, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return end != p && !*end && isfinite(*v);
}

/* The decimal digits and exponent of v with `prec` significant digits,
 * when they read back as v: the digits without trailing zeros. */
static int digits_of(double v, int prec, char *digits, int *exp10)
{
	char fmt[8], buf[40];
	char *e;
	int n = 0;

	g_snprintf(fmt, sizeof fmt, "%%.%de", prec - 1);
	g_ascii_formatd(buf, sizeof buf, fmt, v);
	if (g_ascii_strtod(buf, NULL) != v)
		return 0;
	e = strchr(buf, 'e');
	*exp10 = atoi(e + 1);
	for (const char *p = buf; p < e; p++)
		if (g_ascii_isdigit(*p))
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	return 1;
}

/*
 * Any decimal of at most 15 significant digits survives the trip to a
 * normal double and back (DBL_DIG), so when 15 digits read back as v, the
 * shortest form is those digits without trailing zeros; otherwise 16 or
 * 17 digits do.
 */
void workbook_format_number(char *buf, double v)
{
	char digits[24], *w = buf;
	int exp10 = 0, k, n;

	if (v == 0 || !isfinite(v)) {
		strcpy(buf, v == 0 ? "0" : "NaN");
		return;
	}
	if (fabs(v) < DBL_MIN) {
		/* Subnormals have fewer digits: 5e-324 is one of them. */
		for (int prec = 1; prec <= 17 && !digits_of(fabs(v), prec, digits, &exp10); prec++)
			;
	} else if (!digits_of(fabs(v), 15, digits, &exp10) &&
		   !digits_of(fabs(v), 16, digits, &exp10)) {
		digits_of(fabs(v), 17, digits, &exp10);
	}
	if (v < 0)
		*w++ = '-';
	k = (int)strlen(digits);
	n = exp10 + 1;          /* where the decimal point goes */
	if (k <= n && n <= 21) {
		w += sprintf(w, "%s%.*s", digits, n - k, "000000000000000000000");
	} else if (0 < n && n <= 21) {
		w += sprintf(w, "%.*s.%s", n, digits, digits + n);
	} else if (-6 < n && n <= 0) {
		w += sprintf(w, "0.%.*s%s", -n, "000000", digits);
	} else {
		w += sprintf(w, "%c%s%se%c%d", digits[0], k > 1 ? "." : "", digits + 1,
			     n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
	*w = '\0';
}

void wb_format_days(char *buf, long days)
{
	/* Howard Hinnant's civil_from_days. */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned long doe = (unsigned long)(z - era * 146097);
	unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned long mp = (5 * doy + 2) / 153;
	unsigned long d = doy - (153 * mp + 2) / 5 + 1;
	unsigned long m = mp < 10 ? mp + 3 : mp - 9;

	g_snprintf(buf, 16, "%04ld-%02lu-%02lu", y + (m <= 2), m, d);
}

int wb_iso_date(const char *s, char *buf)
{
	int y, m, d, mdays;

	while (*s == ' ')
		s++;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !g_ascii_isdigit(s[i]))
			return 0;
	if (s[10] && s[10] != 'T' && s[10] != ' ')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return 0;
	mdays = g_date_get_days_in_month((GDateMonth)m, (GDateYear)(y ? y : 2000));
	if (d > mdays)
		return 0;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	return 1;
}

const char *workbook_kind_name(enum workbook_kind kind)
{
	return kind == WORKBOOK_XLSX ? "XLSX" : kind == WORKBOOK_ODS ? "ODS" : "";
}

/* ---- the container ----------------------------------------------------- */

/* The file open for reading, if it is a regular file: O_NONBLOCK keeps a
 * FIFO without a writer from blocking the open. -1 with errno set. */
static int open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return fd;
}

static enum workbook_kind kind_of(const unsigned char *head, size_t n)
{
	if (n >= 8 && memcmp(head, ole2_magic, 8) == 0)
		return WORKBOOK_XLS;
	if (n < 4 || (memcmp(head, zip_magic, 4) != 0 && memcmp(head, zip_empty_magic, 4) != 0))
		return WORKBOOK_NONE;
	/* An .ods stores its mimetype first and uncompressed (ODF 1.2 part 3,
	 * 3.3): the local header's name, then its extra field, then the text. */
	if (n >= 30 + 8 && head[26] == 8 && head[27] == 0 &&
	    memcmp(head + 30, "mimetype", 8) == 0) {
		size_t at = 30 + 8 + (size_t)(head[28] | head[29] << 8);

		if (at + sizeof ods_mimetype - 1 <= n &&
		    memcmp(head + at, ods_mimetype, sizeof ods_mimetype - 1) == 0)
			return WORKBOOK_ODS;
	}
	return WORKBOOK_XLSX;
}

enum workbook_kind workbook_sniff(const char *path)
{
	unsigned char head[256];
	int fd = open_regular(path);
	ssize_t n;

	if (fd < 0)
		return WORKBOOK_NONE;
	n = pread(fd, head, sizeof head, 0);
	close(fd);
	return n > 0 ? kind_of(head, (size_t)n) : WORKBOOK_NONE;
}

/*
 * An encrypted .xlsx is an OLE2 compound file with streams named
 * EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO 2.3.4). Directory
 * entries are 128 bytes and start on a multiple of 128 in the file, their
 * name in UTF-16LE first: those offsets are looked at, nothing else.
 */
static int ole2_encrypted(int fd)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0\0";
	unsigned char *buf = g_malloc(WB_CHUNK);
	off_t off = 0;
	ssize_t n;
	int found = 0;

	while (!found && (n = pread(fd, buf, WB_CHUNK, off)) > 0) {
		for (ssize_t i = 0; i + (ssize_t)sizeof name <= n; i += 128)
			if (memcmp(buf + i, name, sizeof name) == 0)
				found = 1;
		off += n;
	}
	g_free(buf);
	return found;
}

static int hash_fd(int fd, char hex[65])
{
	unsigned char *buf = g_malloc(WB_CHUNK);
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE];
	off_t off = 0;
	ssize_t n;

	sha256_init(&sha);
	while ((n = pread(fd, buf, WB_CHUNK, off)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			g_free(buf);
			return -1;
		}
		sha256_update(&sha, (size_t)n, buf);
		off += n;
	}
	sha256_digest(&sha, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
	}
	hex[64] = '\0';
	g_free(buf);
	return 0;
}

static void silent_generic(void *ctx, const char *msg, ...)
{
}

/* Which workbook the archive holds; reported when it is none. */
static enum workbook_kind zip_kind(struct wb *wb)
{
	zip_int64_t n = zip_get_num_entries(wb->zip, 0);
	char mime[128];

	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;

		if (zip_stat_index(wb->zip, (zip_uint64_t)i, 0, &st) == 0 &&
		    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE) {
			wb_fail(wb, "an encrypted workbook: save it without a password");
			return WORKBOOK_NONE;
		}
	}
	if (wb_has_member(wb, "[Content_Types].xml"))
		return WORKBOOK_XLSX;
	if (wb_member_head(wb, "mimetype", mime, sizeof mime - 1) == 0) {
		if (g_str_has_prefix(mime, ods_mimetype))
			return WORKBOOK_ODS;
		wb_fail(wb, "an OpenDocument file that is not a spreadsheet (%s): "
			"save it as .ods, .xlsx or CSV", g_str_has_prefix(mime, "application/") ?
			mime + 12 : "unknown type");
		return WORKBOOK_NONE;
	}
	wb_fail(wb, "a ZIP archive that is neither an .xlsx nor an .ods workbook");
	return WORKBOOK_NONE;
}

/* Open the archive and read its workbook. */
static int read_zip(struct wb *wb, int fd, struct workbook_info *info)
{
	int zerr = 0, rc;
	zip_t *zip = zip_fdopen(fd, 0, &zerr);

	if (!zip) {
		zip_error_t ze;
		char *msg;

		zip_error_init_with_code(&ze, zerr);
		msg = wb_message(zip_error_strerror(&ze));
		wb_fail(wb, "a damaged ZIP archive, not readable as a workbook: %s", msg);
		g_free(msg);
		zip_error_fini(&ze);
		close(fd);
		return -1;
	}
	wb->zip = zip;
	info->kind = zip_kind(wb);
	if (info->kind == WORKBOOK_XLSX)
		rc = wb_read_xlsx(wb);
	else if (info->kind == WORKBOOK_ODS)
		rc = wb_read_ods(wb);
	else
		rc = -1;
	zip_discard(zip);
	wb->zip = NULL;
	return rc < 0 || wb->failed ? -1 : 0;
}

int workbook_read(const char *path, const struct workbook_callbacks *cb, void *data,
		  struct workbook_info *info, struct diag *d)
{
	struct wb wb = { .path = path, .cb = cb, .data = data, .d = d };
	unsigned char head[256];
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	ssize_t n;
	int fd, rc;

	memset(info, 0, sizeof *info);
	fd = open_regular(path);
	if (fd < 0) {
		diag_error(d, path, 0, "cannot read: %s",
			   errno == EINVAL ? "not a regular file" : g_strerror(errno));
		return -1;
	}
	n = pread(fd, head, sizeof head, 0);
	info->kind = n > 0 ? kind_of(head, (size_t)n) : WORKBOOK_NONE;
	if (info->kind == WORKBOOK_XLS || info->kind == WORKBOOK_NONE) {
		if (info->kind == WORKBOOK_NONE)
			diag_error(d, path, 0, "not an .xlsx or .ods workbook");
		else if (ole2_encrypted(fd))
			diag_error(d, path, 0, "an encrypted workbook: save it without a password");
		else
			diag_error(d, path, 0, "a legacy .xls workbook: save it as .xlsx or CSV");
		close(fd);
		return -1;
	}
	if (hash_fd(fd, info->sha256) < 0) {
		diag_error(d, path, 0, "cannot read: %s", g_strerror(errno));
		close(fd);
		return -1;
	}
	/* Encoding errors bypass a reader's handler and go to libxml2's
	 * generic one, which would print them itself. */
	xmlSetGenericErrorFunc(NULL, silent_generic);
	wb.row.text = g_string_sized_new(256);
	wb.row.starts = g_array_new(FALSE, FALSE, sizeof(size_t));
	wb.row.lens = g_array_new(FALSE, FALSE, sizeof(size_t));
	wb.fields = g_ptr_array_new();
	wb.raw = g_string_sized_new(CSVIN_MAX_RAW + 8);
	rc = read_zip(&wb, fd, info);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	g_string_free(wb.row.text, TRUE);
	g_array_free(wb.row.starts, TRUE);
	g_array_free(wb.row.lens, TRUE);
	g_ptr_array_free(wb.fields, TRUE);
	g_string_free(wb.raw, TRUE);
	g_free(wb.sheet);
	return rc;
}
