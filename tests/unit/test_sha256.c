/* test_sha256.c — the digest equals GChecksum's for any length and any feeding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "sha256.h"

/* The digest of data fed in pieces of the given sizes, cycled. */
static void digest(const unsigned char *data, size_t len, const size_t *pieces,
		   size_t n_pieces, char out[65])
{
	struct sha256 *h = sha256_new();
	size_t done = 0;

	for (size_t i = 0; done < len; i++) {
		size_t take = MIN(pieces[i % n_pieces], len - done);
		sha256_update(h, data + done, take);
		done += take;
	}
	sha256_hex(h, out);
	sha256_free(h);
}

static void test_known_digests(void **state)
{
	char out[65];
	static const size_t whole[] = { SIZE_MAX };
	const char *abc = "abc";
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	digest((const unsigned char *)"", 0, whole, 1, out);
	assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest((const unsigned char *)abc, 3, whole, 1, out);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest((const unsigned char *)two_blocks, strlen(two_blocks), whole, 1, out);
	assert_string_equal(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* Every length around the block and padding boundaries, fed whole, a byte
 * at a time and in uneven pieces, against GChecksum. */
static void test_same_as_gchecksum(void **state)
{
	static const size_t whole[] = { SIZE_MAX };
	static const size_t bytes[] = { 1 };
	static const size_t uneven[] = { 7, 64, 1, 130, 0, 3 };
	GRand *rand = g_rand_new_with_seed(2019);
	size_t max = 70000;
	unsigned char *data = g_malloc(max);

	for (size_t i = 0; i < max; i++)
		data[i] = (unsigned char)g_rand_int(rand);
	for (size_t len = 0; len < max; len += len < 300 ? 1 : 997) {
		GChecksum *ref = g_checksum_new(G_CHECKSUM_SHA256);
		char out[65];

		g_checksum_update(ref, data, (gssize)len);
		digest(data, len, whole, 1, out);
		assert_string_equal(out, g_checksum_get_string(ref));
		digest(data, len, uneven, G_N_ELEMENTS(uneven), out);
		assert_string_equal(out, g_checksum_get_string(ref));
		if (len < 300) {
			digest(data, len, bytes, 1, out);
			assert_string_equal(out, g_checksum_get_string(ref));
		}
		g_checksum_free(ref);
	}
	g_free(data);
	g_rand_free(rand);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_digests),
		cmocka_unit_test(test_same_as_gchecksum),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
