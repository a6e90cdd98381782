/* c3v-aws-config.h: profile, region and endpoint as the AWS CLI resolves them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "c3v-aws-service.h"
#include "c3v-credentials-provider.h"
#include "c3v-retry-strategy.h"

G_BEGIN_DECLS

#define C3V_AWS_CONFIG_ERROR (c3v_aws_config_error_quark ())

typedef enum
{
  C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS, /* message says where it looked */
  C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE,
  C3V_AWS_CONFIG_ERROR_NO_REGION,
  C3V_AWS_CONFIG_ERROR_INVALID,          /* bad file, cycle, bad endpoint */
  C3V_AWS_CONFIG_ERROR_SSO_LOGIN_NEEDED, /* "run aws sso login --profile X" */
  C3V_AWS_CONFIG_ERROR_PROCESS_FAILED,
  C3V_AWS_CONFIG_ERROR_EXPIRED,
  C3V_AWS_CONFIG_ERROR_ACCESS_DENIED,  /* STS said no; AWS's message kept */
  C3V_AWS_CONFIG_ERROR_SERVICE_FAILED, /* STS/SSO unreachable or odd answer */
} C3vAwsConfigError;

GQuark c3v_aws_config_error_quark (void);

typedef struct
{
  char *profile; /* the profile in effect ("default" when none) */
  char *region;
  char *endpoint_url; /* override or the regional default, no trailing / */
  /* AWS_RETRY_MODE / AWS_MAX_ATTEMPTS, else the profile's retry_mode /
   * max_attempts, else adaptive and 3 */
  C3vRetrySettings retry;
} C3vAwsConfig;

/* Each argument may be NULL (then the environment and files decide). */
C3vAwsConfig *c3v_aws_config_resolve (const char *profile, const char *region,
                                      const char *endpoint_url, GError **error);
void          c3v_aws_config_free (C3vAwsConfig *config);
/* The endpoint of @service for @config's profile and region, by the rules
 * that found @config's ECS endpoint: @endpoint_url (the --endpoint-url
 * option applies to every service), AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `services` section, the profile's
 * endpoint_url, else the regional default (c3v_aws_service_region). */
char *c3v_aws_config_resolve_endpoint (const C3vAwsConfig *config, const C3vAwsService *service,
                                       const char *endpoint_url, GError **error);
/* Regional default: "https://ecs.cn-north-1.amazonaws.com.cn" for China. */
char *c3v_aws_config_default_endpoint (const char *region);
/* Sorted profile names from both files, for a profile switcher. */
char **c3v_aws_config_list_profiles (void);
/* The credentials chain for @profile (NULL: AWS_PROFILE / default, and
 * environment keys allowed). Fails only on broken configuration; missing
 * credentials surface from get_async with C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS. */
C3vCredentialsProvider *c3v_credentials_chain_new (const char *profile, GError **error);
/* Cheap synchronous check, no network or processes: would the chain find any
 * source at all? Used to fall back to the demo on first run. */
gboolean c3v_aws_config_have_credentials (const char *profile);
/* The profile name in effect: @profile, else AWS_PROFILE, else "default". */
char *c3v_aws_config_profile_name (const char *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vAwsConfig, c3v_aws_config_free)

G_END_DECLS
