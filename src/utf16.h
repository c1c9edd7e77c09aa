/* utf16.h — UTF-16 read as UTF-8 a chunk at a time: Excel's "Unicode text". */
#ifndef P2HAM_UTF16_H
#define P2HAM_UTF16_H

#include <stdio.h>
#include <sys/types.h>

/* Bytes of UTF-16 decoded at a time, and the most UTF-8 they give: 3 bytes
 * for every 2, and a last U+FFFD for an odd byte. */
#define UTF16_CHUNK (32 * 1024)
#define UTF16_TEXT_MAX (UTF16_CHUNK / 2 * 3 + 4)

/*
 * A UTF-16 decoder over a file. Text that is not UTF-16 (an unpaired
 * surrogate, an odd last byte) becomes U+FFFD and is counted; the rest of
 * the file is read. Chunks are the UTF16_CHUNK bytes from the offset where
 * each starts, so decoding again from a chunk's offset gives the same text.
 * The struct holds everything; there is nothing to release.
 */
struct utf16 {
	int big_endian;
	unsigned long breaks;           /* line breaks so far: CR, LF, CR LF */
	unsigned long bad;              /* places read as U+FFFD */
	unsigned long first_bad_line;   /* physical line of the first one */
	int after_cr;
	off_t offset;                   /* file offset of raw[0] */
	size_t keep;                    /* bytes of raw left from the last chunk */
	unsigned char raw[UTF16_CHUNK];
};

/* Start decoding at file offset `offset`, where the caller has put `fp`. */
void utf16_init(struct utf16 *u, int big_endian, off_t offset);

/*
 * Read the next chunk from `fp` and decode it into `out` (room for
 * UTF16_TEXT_MAX bytes); *start is the file offset where the chunk began.
 * Returns the bytes of UTF-8 written, 0 at the end of the file, -1 when the
 * file cannot be read (errno tells why).
 */
long utf16_read(struct utf16 *u, FILE *fp, unsigned char *out, off_t *start);

/*
 * Decode the UTF-16 in[0..n) into out (room for n / 2 * 3 + 4 bytes);
 * returns the bytes written and sets *used to the bytes decoded. A last
 * high surrogate or odd byte is left for the next call, unless this is the
 * `final` one: then it is U+FFFD like an unpaired surrogate.
 */
size_t utf16_decode(struct utf16 *u, const unsigned char *in, size_t n, int final,
		    unsigned char *out, size_t *used);

/*
 * The byte order in which to read a file whose first n bytes are `head`,
 * 'L' or 'B', or 0 when it is not UTF-16: with `forced` (an encoding name),
 * UTF-16LE or UTF-16BE as named, UTF-16 in the order of the file's BOM or
 * else little-endian (what Windows writes), any other name 0; without, the
 * order of the file's UTF-16 BOM. *bom is 2 when the file starts with the
 * BOM of that order, else 0.
 */
int utf16_order(const unsigned char *head, size_t n, const char *forced, size_t *bom);

#endif
