/* sha256.c — SHA-256 with the x86 SHA extensions, else GLib's GChecksum. */
#include "sha256.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define HAVE_SHA_NI 0
#endif

struct sha256 {
	GChecksum *glib;        /* NULL when the SHA extensions do the work */
	uint32_t state[8];
	unsigned char block[64];
	size_t block_len;
	uint64_t total;         /* bytes fed */
};

#if HAVE_SHA_NI

static const uint32_t k256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* SHA extensions (CPUID 7:EBX bit 29) with SSSE3 and SSE4.1 (1:ECX bits 9,
 * 19). Valgrind hides the SHA bit, so programs under it take GChecksum. */
static int cpu_has_sha(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19)))
		return 0;
	if (__get_cpuid_max(0, NULL) < 7)
		return 0;
	__cpuid_count(7, 0, a, b, c, d);
	return (b >> 29) & 1;
}

/* The compression function over n whole 64-byte blocks. The state is kept
 * as the instructions want it: ABEF and CDGH. */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress(uint32_t state[8], const unsigned char *data, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);
	__m128i s0;

	tmp = _mm_shuffle_epi32(tmp, 0xB1);             /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);               /* EFGH */
	s0 = _mm_alignr_epi8(tmp, s1, 8);               /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);            /* CDGH */

	for (; n > 0; n--, data += 64) {
		__m128i w[16], abef = s0, cdgh = s1;

		for (int i = 0; i < 4; i++)
			w[i] = _mm_shuffle_epi8(
				_mm_loadu_si128((const __m128i *)(data + 16 * i)), bswap);
		for (int i = 4; i < 16; i++) {
			__m128i x = _mm_sha256msg1_epu32(w[i - 4], w[i - 3]);
			x = _mm_add_epi32(x, _mm_alignr_epi8(w[i - 1], w[i - 2], 4));
			w[i] = _mm_sha256msg2_epu32(x, w[i - 1]);
		}
		for (int i = 0; i < 16; i++) {
			__m128i m = _mm_add_epi32(
				w[i], _mm_loadu_si128((const __m128i *)&k256[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}

	tmp = _mm_shuffle_epi32(s0, 0x1B);              /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);               /* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xF0);            /* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);               /* HGFE */
	_mm_storeu_si128((__m128i *)&state[0], s0);
	_mm_storeu_si128((__m128i *)&state[4], s1);
}

#else

static int cpu_has_sha(void)
{
	return 0;
}

static void compress(uint32_t state[8], const unsigned char *data, size_t n)
{
	(void)state;
	(void)data;
	(void)n;
}

#endif

struct sha256 *sha256_new(void)
{
	static const uint32_t init[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	/* CPUID is slow under a hypervisor: asked once. 1: no, 2: yes. */
	static gsize has_sha;
	struct sha256 *h = g_new0(struct sha256, 1);

	if (g_once_init_enter(&has_sha))
		g_once_init_leave(&has_sha, cpu_has_sha() ? 2 : 1);
	if (has_sha == 2)
		memcpy(h->state, init, sizeof(init));
	else
		h->glib = g_checksum_new(G_CHECKSUM_SHA256);
	return h;
}

void sha256_update(struct sha256 *h, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (h->glib) {
		g_checksum_update(h->glib, p, (gssize)len);
		return;
	}
	h->total += len;
	if (h->block_len) {
		size_t take = MIN(len, sizeof(h->block) - h->block_len);

		memcpy(h->block + h->block_len, p, take);
		h->block_len += take;
		p += take;
		len -= take;
		if (h->block_len < sizeof(h->block))
			return;
		compress(h->state, h->block, 1);
		h->block_len = 0;
	}
	compress(h->state, p, len / 64);
	p += len / 64 * 64;
	len %= 64;
	memcpy(h->block, p, len);
	h->block_len = len;
}

void sha256_hex(struct sha256 *h, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char pad[72] = { 0x80 };
	uint64_t bits;
	size_t pad_len;

	if (h->glib) {
		g_strlcpy(out, g_checksum_get_string(h->glib), 65);
		return;
	}
	/* 0x80, zeros up to 56 mod 64, the length in bits big-endian. */
	bits = h->total * 8;
	pad_len = (h->block_len < 56 ? 56 : 120) - h->block_len;
	for (int i = 0; i < 8; i++)
		pad[pad_len + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(h, pad, pad_len + 8);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++) {
			unsigned char byte = (unsigned char)(h->state[i] >> (24 - 8 * j));
			out[8 * i + 2 * j] = hex[byte >> 4];
			out[8 * i + 2 * j + 1] = hex[byte & 15];
		}
	out[64] = '\0';
}

void sha256_free(struct sha256 *h)
{
	if (!h)
		return;
	if (h->glib)
		g_checksum_free(h->glib);
	g_free(h);
}
