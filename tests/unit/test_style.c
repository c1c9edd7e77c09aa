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

static void contrast_follows_wcag(void **state)
{
	assert_float_equal(style_contrast(0x000000u, 0xFFFFFFu), 21.0, 1e-9);
	assert_float_equal(style_contrast(0x777777u, 0x777777u), 1.0, 1e-9);
	/* #767676 is the classic lightest grey with 4.5:1 on white. */
	assert_float_equal(style_contrast(0x767676u, 0xFFFFFFu), 4.54, 0.01);
	assert_int_equal(style_mix(0x000000u, 0xFFFFFFu, 0.5), 0x808080u);
	assert_int_equal(style_mix(0x123456u, 0xABCDEFu, 0), 0x123456u);
	assert_int_equal(style_mix(0x123456u, 0xABCDEFu, 1), 0xABCDEFu);
}

/* Text on any fill reads at 4.5:1 at least. */
static void text_on_any_fill(void **state)
{
	for (unsigned v = 0; v < 256; v += 5) {
		unsigned grey = v * 0x010101u, red = v << 16, teal = (v / 3) << 16 | v << 8 | v;

		assert_true(style_contrast(style_text_on(grey), grey) >= 4.5);
		assert_true(style_contrast(style_text_on(red), red) >= 4.5);
		assert_true(style_contrast(style_text_on(teal), teal) >= 4.5);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recommendation_labels),
		cmocka_unit_test(test_hex_splits_the_channels),
		cmocka_unit_test(contrast_follows_wcag),
		cmocka_unit_test(text_on_any_fill),
	};

	return cmocka_run_group_tests_name("style", tests, NULL, NULL);
}
