/* c3v-regions.h: the commercial AWS regions that offer ECS.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL-terminated, sorted; @current (if any and not listed) comes first. */
GStrv c3v_regions_list (const char *current);

G_END_DECLS
