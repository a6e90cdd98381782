/* c3v-aws-service.c: the AWS JSON-protocol services c3vis speaks to.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-aws-config-private.h"
#include "c3v-aws-service.h"

const C3vAwsService c3v_aws_service_ecs = {
  .id = "ecs",
  .target_prefix = "AmazonEC2ContainerServiceV20141113",
  .signing_name = "ecs",
  .json_version = "1.1",
  .endpoint_prefix = "ecs",
  .env_suffix = "ECS",
};

/* The services section key is the SDKs' service identifier
 * ("CloudWatch Logs" -> cloudwatch_logs), not the endpoint prefix. */
const C3vAwsService c3v_aws_service_logs = {
  .id = "cloudwatch_logs",
  .target_prefix = "Logs_20140328",
  .signing_name = "logs",
  .json_version = "1.1",
  .endpoint_prefix = "logs",
  .env_suffix = "CLOUDWATCH_LOGS",
};

const C3vAwsService c3v_aws_service_cloudwatch = {
  .id = "cloudwatch",
  .target_prefix = "GraniteServiceVersion20100801",
  .signing_name = "monitoring",
  .json_version = "1.0",
  .endpoint_prefix = "monitoring",
  .env_suffix = "CLOUDWATCH",
};

static const char *const pricing_regions[] = { "us-east-1", "eu-central-1", "ap-south-1", NULL };

const C3vAwsService c3v_aws_service_pricing = {
  .id = "pricing",
  .target_prefix = "AWSPriceListService",
  .signing_name = "pricing",
  .json_version = "1.1",
  .endpoint_prefix = "api.pricing",
  .env_suffix = "PRICING",
  .regions = pricing_regions,
};

char *
c3v_aws_service_content_type (const C3vAwsService *service)
{
  g_return_val_if_fail (service != NULL, NULL);

  return g_strconcat ("application/x-amz-json-", service->json_version, NULL);
}

char *
c3v_aws_service_target (const C3vAwsService *service, const char *operation)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  return g_strconcat (service->target_prefix, ".", operation, NULL);
}

/* "eu-west-1" and "eu-central-1" share "eu-". */
static gboolean
same_area (const char *a, const char *b)
{
  gsize length = strcspn (a, "-");

  return length == strcspn (b, "-") && strncmp (a, b, length) == 0;
}

const char *
c3v_aws_service_region (const C3vAwsService *service, const char *region)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  if (service->regions == NULL || g_strv_contains (service->regions, region))
    return region;
  for (guint i = 0; service->regions[i] != NULL; i++)
    {
      if (same_area (service->regions[i], region))
        return service->regions[i];
    }
  return service->regions[0];
}

char *
c3v_aws_service_default_endpoint (const C3vAwsService *service, const char *region)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  return c3v_aws_regional_endpoint (service->endpoint_prefix,
                                    c3v_aws_service_region (service, region));
}
