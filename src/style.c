/* style.c — the Indonesian names of model values, as every output shows them. */
#include "style.h"

const char *style_recommendation_label(enum recommendation rec)
{
	switch (rec) {
	case REC_RECOMMENDED: return "Direkomendasikan";
	case REC_RETAINED: return "Dipertahankan";
	default: return "Tidak direkomendasikan";
	}
}
