/* c3v-aws-regions.h: the AWS regions that offer ECS.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The commercial regions, sorted, for a region picker; @current (if any)
 * comes first. NULL-terminated. */
GStrv c3v_aws_regions_list (const char *current);
/* TRUE for a region c3vis knows (commercial, China, GovCloud). Unknown
 * names are still allowed (AWS adds regions), but explain a failure. */
gboolean c3v_aws_region_is_known (const char *region);

G_END_DECLS
