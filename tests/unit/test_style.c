/* test_style.c — the shared look: palette values and the Indonesian names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "draw.h"
#include "style.h"

static void test_recommendation_labels(void **state)
{
	assert_string_equal(style_recommendation_label(REC_RECOMMENDED), "Direkomendasikan");
	assert_string_equal(style_recommendation_label(REC_RETAINED), "Dipertahankan");
	assert_string_equal(style_recommendation_label(REC_NOT_RECOMMENDED),
			    "Tidak direkomendasikan");
}

static void test_hex_splits_the_channels(void **state)
{
	static const struct draw_rgb navy = HEX(STYLE_NAVY), white = HEX(STYLE_WHITE);

	assert_true(navy.r == 0x1F / 255.0 && navy.g == 0x3A / 255.0 && navy.b == 0x5F / 255.0);
	assert_true(white.r == 1.0 && white.g == 1.0 && white.b == 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recommendation_labels),
		cmocka_unit_test(test_hex_splits_the_channels),
	};

	return cmocka_run_group_tests_name("style", tests, NULL, NULL);
}
