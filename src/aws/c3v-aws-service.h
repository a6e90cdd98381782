/* c3v-aws-service.h: what tells one AWS JSON-protocol service from another.
 *
 * ECS, CloudWatch Logs, CloudWatch and the Price List API all speak the
 * same protocol: a signed POST to "/" with an X-Amz-Target header naming
 * "<target prefix>.<Operation>" and a JSON body. They differ only in the
 * few strings below, so one client (c3v-ecs-client.h) serves them all.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;              /* key in the config file's `services` section: "ecs" */
  const char *target_prefix;   /* "AmazonEC2ContainerServiceV20141113", no dot */
  const char *signing_name;    /* SigV4 credential scope: "ecs", "logs", "monitoring" */
  const char *json_version;    /* "1.0" or "1.1" */
  const char *endpoint_prefix; /* host name before the region: "ecs", "api.pricing" */
  const char *env_suffix;      /* AWS_ENDPOINT_URL_<env_suffix>: "ECS", "CLOUDWATCH_LOGS" */
  /* NULL: the service is in every region; else the only regions that
   * have it (NULL-terminated), the first being the fallback. */
  const char *const *regions;
} C3vAwsService;

extern const C3vAwsService c3v_aws_service_ecs;
extern const C3vAwsService c3v_aws_service_logs;
extern const C3vAwsService c3v_aws_service_cloudwatch;
extern const C3vAwsService c3v_aws_service_pricing;

/* "application/x-amz-json-1.1" */
char *c3v_aws_service_content_type (const C3vAwsService *service);
/* "Logs_20140328.GetLogEvents" */
char *c3v_aws_service_target (const C3vAwsService *service, const char *operation);
/* The region a call to @service from @region goes to and is signed for:
 * @region itself, or for a service in a few regions only the nearest one
 * (Price List: eu-* -> eu-central-1, ap-* -> ap-south-1, else us-east-1). */
const char *c3v_aws_service_region (const C3vAwsService *service, const char *region);
/* "https://logs.eu-west-1.amazonaws.com"; ".com.cn" for China's regions. */
char *c3v_aws_service_default_endpoint (const C3vAwsService *service, const char *region);

G_END_DECLS
