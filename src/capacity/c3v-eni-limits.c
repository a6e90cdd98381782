/* c3v-eni-limits.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-eni-limits.h"

/* Sorted by type name for bsearch(). Trunk figures are the ECS
 * "Supported Amazon EC2 instance types" for awsvpcTrunking; burstable
 * (t3) types do not support trunking. */
static const C3vEniLimit limits[] = {
  { "c5.12xlarge", 8, 60 }, { "c5.18xlarge", 15, 120 }, { "c5.24xlarge", 15, 120 },
  { "c5.2xlarge", 4, 40 },  { "c5.4xlarge", 8, 60 },    { "c5.9xlarge", 8, 60 },
  { "c5.large", 3, 10 },    { "c5.xlarge", 4, 20 },     { "c6i.2xlarge", 4, 40 },
  { "c6i.4xlarge", 8, 60 }, { "c6i.large", 3, 10 },     { "c6i.xlarge", 4, 20 },
  { "m5.12xlarge", 8, 60 }, { "m5.16xlarge", 15, 120 }, { "m5.24xlarge", 15, 120 },
  { "m5.2xlarge", 4, 40 },  { "m5.4xlarge", 8, 60 },    { "m5.8xlarge", 8, 60 },
  { "m5.large", 3, 10 },    { "m5.xlarge", 4, 20 },     { "m6i.2xlarge", 4, 40 },
  { "m6i.4xlarge", 8, 60 }, { "m6i.large", 3, 10 },     { "m6i.xlarge", 4, 20 },
  { "r5.12xlarge", 8, 60 }, { "r5.16xlarge", 15, 120 }, { "r5.24xlarge", 15, 120 },
  { "r5.2xlarge", 4, 40 },  { "r5.4xlarge", 8, 60 },    { "r5.8xlarge", 8, 60 },
  { "r5.large", 3, 10 },    { "r5.xlarge", 4, 20 },     { "t3.2xlarge", 4, 0 },
  { "t3.large", 3, 0 },     { "t3.medium", 3, 0 },      { "t3.micro", 2, 0 },
  { "t3.nano", 2, 0 },      { "t3.small", 3, 0 },       { "t3.xlarge", 4, 0 },
};

static int
compare_type (const void *key, const void *entry)
{
  return strcmp (key, ((const C3vEniLimit *) entry)->instance_type);
}

const C3vEniLimit *
c3v_eni_limit_lookup (const char *instance_type)
{
  if (instance_type == NULL)
    return NULL;

  return bsearch (instance_type, limits, G_N_ELEMENTS (limits), sizeof limits[0], compare_type);
}

guint
c3v_eni_limit_task_capacity (const char *instance_type, gboolean trunking)
{
  const C3vEniLimit *limit = c3v_eni_limit_lookup (instance_type);

  if (limit == NULL)
    return G_MAXUINT;
  if (trunking && limit->trunk_tasks > 0)
    return limit->trunk_tasks;

  /* The primary interface is the instance's own. */
  return limit->max_enis - 1;
}
