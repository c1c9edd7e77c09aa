/* csvin_src.c — a CSV file as text a chunk at a time, hashing the bytes parsed. */
#include "csvin_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/*
 * Why not read the file into memory once: a file of any size is read in
 * bounded memory (SPEC 7; the hostile tests read 100 MiB lines in under
 * 64 MiB). The file is read twice instead, once to sniff it and once to
 * parse it, and the SHA-256 is taken in the second pass over the very bytes
 * the tokenizer consumes, so it is always of the bytes parsed. Nettle
 * computes it rather than GChecksum: it uses the processor's SHA
 * instructions where there are some, about five times GChecksum's speed.
 */

/*
 * Refused up front unless a regular file: a pipe cannot be read twice and
 * a device such as /dev/zero would never end. O_NONBLOCK keeps open() from
 * waiting for the writer of a FIFO.
 */
int csvin_src_open(struct csvin_src *r, const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	memset(r, 0, offsetof(struct csvin_src, buf));
	r->fd = -1;
	r->path = path;
	if (fd < 0) {
		diag_error(d, path, 0, "cannot open: %s", g_strerror(errno));
		return -1;
	}
	if (fstat(fd, &r->st) != 0 || !S_ISREG(r->st.st_mode)) {
		const char *why = "not a regular file";

		if (r->st.st_mode == 0)
			why = g_strerror(errno);
		else if (S_ISDIR(r->st.st_mode))
			why = g_strerror(EISDIR);
		diag_error(d, path, 0, "cannot read: %s", why);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	r->fd = fd;
	sha256_init(&r->sha);
	return 0;
}

void csvin_src_close(struct csvin_src *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	g_free(r->u16);
	r->u16 = NULL;
}

ssize_t csvin_src_pread(struct csvin_src *r, void *out, size_t n, off_t at)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(r->fd, (char *)out + got, n - got, at + (off_t)got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r->err = errno;
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

/* The bytes [r->next, +n) of the file were consumed into the text. */
static void consumed(struct csvin_src *r, const unsigned char *bytes, size_t n)
{
	r->at_base = r->sha;
	if (r->hashing)
		sha256_update(&r->sha, n, bytes);
	r->base = r->next;
	r->next += (off_t)n;
}

/* The next chunk of UTF-16, decoded into buf. A last high surrogate or odd
 * byte waits in the decoder for the next chunk, and is hashed with it. */
static ssize_t fill_utf16(struct csvin_src *r)
{
	struct utf16 *u = r->u16;
	size_t want = UTF16_CHUNK - u->keep, used, len;
	ssize_t n = csvin_src_pread(r, u->raw + u->keep, want, r->next + (off_t)u->keep);

	if (n < 0)
		return -1;
	len = utf16_decode(u, u->raw, u->keep + (size_t)n, (size_t)n < want, r->buf, &used);
	consumed(r, u->raw, used);
	u->keep += (size_t)n - used;
	memmove(u->raw, u->raw + used, u->keep);
	u->offset += (off_t)used;
	return (ssize_t)len;
}

int csvin_src_fill(struct csvin_src *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->u16) {
		n = fill_utf16(r);
	} else {
		n = csvin_src_pread(r, r->buf, sizeof(r->buf), r->next);
		if (n > 0)
			consumed(r, r->buf, (size_t)n);
	}
	r->failed = n < 0;
	r->len = n > 0 ? (size_t)n : 0;
	r->pos = 0;
	r->eof = r->len == 0;
	return r->len > 0;
}

struct csvin_place csvin_src_tell(const struct csvin_src *r)
{
	return (struct csvin_place){ r->base, r->pos, r->at_base };
}

int csvin_src_seek(struct csvin_src *r, const struct csvin_place *at)
{
	r->sha = at->sha;
	r->at_base = at->sha;
	r->next = r->base = at->offset;
	r->len = r->pos = 0;
	r->eof = 0;
	if (r->u16)
		utf16_init(r->u16, r->u16->big_endian, at->offset);
	if (at->skip > 0) {
		csvin_src_fill(r);
		/* Less text than before only if the file changed meanwhile. */
		r->pos = MIN(at->skip, r->len);
	}
	return r->failed ? -1 : 0;
}

void csvin_src_digest(struct csvin_src *r, char *hex)
{
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_digest(&r->sha, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
	}
	hex[2 * sizeof digest] = '\0';
}

int csvin_src_unchanged(const struct csvin_src *r)
{
	struct stat now;

	return fstat(r->fd, &now) == 0 && now.st_size == r->st.st_size &&
	       now.st_mtim.tv_sec == r->st.st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == r->st.st_mtim.tv_nsec &&
	       now.st_ctim.tv_sec == r->st.st_ctim.tv_sec &&
	       now.st_ctim.tv_nsec == r->st.st_ctim.tv_nsec;
}
