/* c3v-aws-console.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-aws-console.h"

static gboolean
present (const char *value)
{
  return value != NULL && *value != '\0';
}

/* @page: the cluster's page below /ecs/v2/clusters/CLUSTER/. */
static char *
ecs_cluster_page_url (const char *region, const char *cluster, const char *page, const char *id)
{
  const char      *domain;
  g_autofree char *escaped_cluster = NULL;
  g_autofree char *escaped_id = NULL;

  if (!present (region) || !present (cluster) || !present (id))
    return NULL;

  domain = g_str_has_prefix (region, "cn-") ? "console.amazonaws.cn" : "console.aws.amazon.com";
  escaped_cluster = g_uri_escape_string (cluster, NULL, FALSE);
  escaped_id = g_uri_escape_string (id, NULL, FALSE);
  return g_strdup_printf ("https://%s.%s/ecs/v2/clusters/%s/%s/%s?region=%s", region, domain,
                          escaped_cluster, page, escaped_id, region);
}

char *
c3v_aws_console_ecs_task_url (const char *region, const char *cluster, const char *task_id)
{
  return ecs_cluster_page_url (region, cluster, "tasks", task_id);
}

char *
c3v_aws_console_ecs_instance_url (const char *region, const char *cluster, const char *instance_id)
{
  return ecs_cluster_page_url (region, cluster, "infrastructure/container-instances", instance_id);
}
