/* c3v-aws-regions.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-aws-regions.h"

static const char *const commercial_regions[] = {
  "af-south-1",     "ap-east-1",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-central-1",   "ca-west-1",
  "eu-central-1",   "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",
  "eu-west-1",      "eu-west-2",      "eu-west-3",      "il-central-1",   "me-central-1",
  "me-south-1",     "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",
  "us-west-1",      "us-west-2",
};

GStrv
c3v_aws_regions_list (const char *current)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  /* The region in use leads, so the drop-down opens on it. */
  if (current != NULL && *current != '\0')
    g_strv_builder_add (builder, current);

  for (guint i = 0; i < G_N_ELEMENTS (commercial_regions); i++)
    if (g_strcmp0 (commercial_regions[i], current) != 0)
      g_strv_builder_add (builder, commercial_regions[i]);

  return g_strv_builder_end (builder);
}

static const char *const other_partitions[] = {
  "cn-north-1",
  "cn-northwest-1",
  "us-gov-east-1",
  "us-gov-west-1",
};

gboolean
c3v_aws_region_is_known (const char *region)
{
  if (region == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commercial_regions); i++)
    if (g_str_equal (commercial_regions[i], region))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (other_partitions); i++)
    if (g_str_equal (other_partitions[i], region))
      return TRUE;

  return FALSE;
}
