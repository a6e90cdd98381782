/* test-aws-config.c: profile, region and endpoint resolution, profile
 * listing and the cheap credentials check, with a throw-away HOME.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-aws-config.h"
#include "c3v-aws-regions.h"
#include "test-credentials-support.h"

static const char config_text[] = "[default]\n"
                                  "region = eu-west-1\n"
                                  "[profile dev]\n"
                                  "region = us-east-2\n"
                                  "services = local\n"
                                  "endpoint_url = http://profile-wide.example:1\n"
                                  "[profile plain]\n"
                                  "endpoint_url = http://plain.example:8080/\n"
                                  "[profile china]\n"
                                  "region = cn-north-1\n"
                                  "[profile noregion]\n"
                                  "output = json\n"
                                  "[profile sso]\n"
                                  "sso_session = corp\n"
                                  "[profile retries]\n"
                                  "region = eu-west-1\n"
                                  "retry_mode = legacy\n"
                                  "max_attempts = 7\n"
                                  "[profile proc]\n"
                                  "credential_process = /bin/true\n"
                                  "[services local]\n"
                                  "ecs =\n"
                                  "  endpoint_url = http://127.0.0.1:4566\n"
                                  "cloudwatch_logs =\n"
                                  "  endpoint_url = http://127.0.0.1:4567/\n";

static char *
setup (void)
{
  char *home = test_home_setup ();

  g_free (test_home_write (home, ".aws/config", config_text));
  g_free (test_home_write (home, ".aws/credentials",
                           "[keys]\naws_access_key_id = AKIDKEYS\n"
                           "aws_secret_access_key = secret\n"));
  return home;
}

static C3vAwsConfig *
resolve_ok (const char *profile, const char *region, const char *endpoint_url)
{
  g_autoptr (GError) error = NULL;
  C3vAwsConfig *config = c3v_aws_config_resolve (profile, region, endpoint_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static void
test_profile_precedence (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) by_default = resolve_ok (NULL, NULL, NULL);
  g_autoptr (C3vAwsConfig) by_env = NULL;
  g_autoptr (C3vAwsConfig) by_argument = NULL;

  g_assert_cmpstr (by_default->profile, ==, "default");
  g_assert_cmpstr (by_default->region, ==, "eu-west-1");

  g_setenv ("AWS_PROFILE", "dev", TRUE);
  by_env = resolve_ok (NULL, NULL, NULL);
  g_assert_cmpstr (by_env->profile, ==, "dev");
  g_assert_cmpstr (by_env->region, ==, "us-east-2");

  by_argument = resolve_ok ("china", NULL, NULL);
  g_assert_cmpstr (by_argument->profile, ==, "china");

  test_home_teardown (home);
}

static void
test_unknown_profile (void)
{
  char *home = setup ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vAwsConfig) config = c3v_aws_config_resolve ("missing", NULL, NULL, &error);

  g_assert_null (config);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE);
  g_assert_nonnull (strstr (error->message, "“missing”"));
  g_assert_nonnull (strstr (error->message, ".aws/config"));
  g_assert_nonnull (strstr (error->message, ".aws/credentials"));
  g_clear_error (&error);

  /* AWS_PROFILE naming a missing profile is just as wrong. */
  g_setenv ("AWS_PROFILE", "gone", TRUE);
  g_assert_null (c3v_aws_config_resolve (NULL, NULL, NULL, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE);

  test_home_teardown (home);
}

static void
test_missing_default_is_fine (void)
{
  char *home = test_home_setup ();
  g_autoptr (C3vAwsConfig) config = NULL;

  g_setenv ("AWS_REGION", "ap-south-1", TRUE);
  config = resolve_ok (NULL, NULL, NULL);
  g_assert_cmpstr (config->profile, ==, "default");
  g_assert_cmpstr (config->endpoint_url, ==, "https://ecs.ap-south-1.amazonaws.com");

  test_home_teardown (home);
}

/* The environment over the profile over adaptive and 3; legacy is
 * standard. */
static void
test_retry_settings (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) by_default = resolve_ok (NULL, NULL, NULL);
  g_autoptr (C3vAwsConfig) by_profile = resolve_ok ("retries", NULL, NULL);
  g_autoptr (C3vAwsConfig) by_env = NULL;

  g_assert_cmpint (by_default->retry.mode, ==, C3V_RETRY_MODE_ADAPTIVE);
  g_assert_cmpuint (by_default->retry.max_attempts, ==, 3);
  g_assert_cmpint (by_profile->retry.mode, ==, C3V_RETRY_MODE_STANDARD);
  g_assert_cmpuint (by_profile->retry.max_attempts, ==, 7);

  g_setenv ("AWS_RETRY_MODE", "adaptive", TRUE);
  g_setenv ("AWS_MAX_ATTEMPTS", "2", TRUE);
  by_env = resolve_ok ("retries", NULL, NULL);
  g_assert_cmpint (by_env->retry.mode, ==, C3V_RETRY_MODE_ADAPTIVE);
  g_assert_cmpuint (by_env->retry.max_attempts, ==, 2);

  test_home_teardown (home);
}

static void
test_region_precedence (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) explicit = NULL;
  g_autoptr (C3vAwsConfig) region_env = NULL;
  g_autoptr (C3vAwsConfig) default_env = NULL;

  g_setenv ("AWS_DEFAULT_REGION", "us-west-1", TRUE);
  default_env = resolve_ok (NULL, NULL, NULL);
  g_assert_cmpstr (default_env->region, ==, "us-west-1");

  g_setenv ("AWS_REGION", "us-west-2", TRUE);
  region_env = resolve_ok (NULL, NULL, NULL);
  g_assert_cmpstr (region_env->region, ==, "us-west-2");

  explicit = resolve_ok (NULL, "sa-east-1", NULL);
  g_assert_cmpstr (explicit->region, ==, "sa-east-1");
  g_assert_cmpstr (explicit->endpoint_url, ==, "https://ecs.sa-east-1.amazonaws.com");

  test_home_teardown (home);
}

static void
test_no_region (void)
{
  char *home = setup ();
  g_autoptr (GError) error = NULL;

  g_assert_null (c3v_aws_config_resolve ("noregion", NULL, NULL, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_REGION);
  g_assert_nonnull (strstr (error->message, "noregion"));
  g_clear_error (&error);

  g_assert_null (c3v_aws_config_resolve (NULL, "eu-west-1/../evil", NULL, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
  g_clear_error (&error);

  /* It would name another host: ecs.eu-west-1.evil.example.amazonaws.com. */
  g_assert_null (c3v_aws_config_resolve (NULL, "eu-west-1.evil.example", NULL, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);

  test_home_teardown (home);
}

static void
test_endpoint_precedence (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) services = resolve_ok ("dev", NULL, NULL);
  g_autoptr (C3vAwsConfig) profile_wide = resolve_ok ("plain", "eu-west-1", NULL);
  g_autoptr (C3vAwsConfig) env_any = NULL;
  g_autoptr (C3vAwsConfig) env_ecs = NULL;
  g_autoptr (C3vAwsConfig) explicit = NULL;
  g_autoptr (C3vAwsConfig) ignored = NULL;
  g_autoptr (C3vAwsConfig) not_ignored = NULL;

  g_assert_cmpstr (services->endpoint_url, ==, "http://127.0.0.1:4566");
  g_assert_cmpstr (profile_wide->endpoint_url, ==, "http://plain.example:8080");

  g_setenv ("AWS_ENDPOINT_URL", "http://any.example", TRUE);
  env_any = resolve_ok ("dev", NULL, NULL);
  g_assert_cmpstr (env_any->endpoint_url, ==, "http://any.example");

  g_setenv ("AWS_ENDPOINT_URL_ECS", "https://ecs-only.example/", TRUE);
  env_ecs = resolve_ok ("dev", NULL, NULL);
  g_assert_cmpstr (env_ecs->endpoint_url, ==, "https://ecs-only.example");

  explicit = resolve_ok ("dev", NULL, "http://localhost:9999");
  g_assert_cmpstr (explicit->endpoint_url, ==, "http://localhost:9999");

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", TRUE);
  ignored = resolve_ok ("dev", NULL, NULL);
  g_assert_cmpstr (ignored->endpoint_url, ==, "https://ecs.us-east-2.amazonaws.com");

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false", TRUE);
  not_ignored = resolve_ok ("dev", NULL, NULL);
  g_assert_cmpstr (not_ignored->endpoint_url, ==, "https://ecs-only.example");

  test_home_teardown (home);
}

static char *
service_endpoint (const C3vAwsConfig *config, const C3vAwsService *service,
                  const char *endpoint_url)
{
  g_autoptr (GError) error = NULL;
  char *url = c3v_aws_config_resolve_endpoint (config, service, endpoint_url, &error);

  g_assert_no_error (error);
  return url;
}

/* Each service by the same rules, with its own variable and services key. */
static void
test_service_endpoints (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) dev = resolve_ok ("dev", NULL, NULL);
  g_autoptr (C3vAwsConfig) plain = resolve_ok (NULL, NULL, NULL);
  g_autoptr (C3vAwsConfig) china = resolve_ok ("china", NULL, NULL);
  g_autofree char *logs_services = service_endpoint (dev, &c3v_aws_service_logs, NULL);
  g_autofree char *cloudwatch_profile = service_endpoint (dev, &c3v_aws_service_cloudwatch, NULL);
  g_autofree char *logs_default = service_endpoint (plain, &c3v_aws_service_logs, NULL);
  g_autofree char *cloudwatch_default = service_endpoint (plain, &c3v_aws_service_cloudwatch, NULL);
  g_autofree char *pricing_default = service_endpoint (plain, &c3v_aws_service_pricing, NULL);
  g_autofree char *logs_china = service_endpoint (china, &c3v_aws_service_logs, NULL);
  g_autofree char *logs_env = NULL;
  g_autofree char *cloudwatch_env = NULL;
  g_autofree char *ecs_env = NULL;
  g_autofree char *logs_any = NULL;
  g_autofree char *cloudwatch_any = NULL;
  g_autofree char *logs_explicit = NULL;
  g_autofree char *pricing_explicit = NULL;

  g_assert_cmpstr (logs_services, ==, "http://127.0.0.1:4567");
  g_assert_cmpstr (cloudwatch_profile, ==, "http://profile-wide.example:1");
  g_assert_cmpstr (logs_default, ==, "https://logs.eu-west-1.amazonaws.com");
  g_assert_cmpstr (cloudwatch_default, ==, "https://monitoring.eu-west-1.amazonaws.com");
  g_assert_cmpstr (pricing_default, ==, "https://api.pricing.eu-central-1.amazonaws.com");
  g_assert_cmpstr (logs_china, ==, "https://logs.cn-north-1.amazonaws.com.cn");

  g_setenv ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs-only.example", TRUE);
  logs_env = service_endpoint (dev, &c3v_aws_service_logs, NULL);
  cloudwatch_env = service_endpoint (dev, &c3v_aws_service_cloudwatch, NULL);
  ecs_env = service_endpoint (dev, &c3v_aws_service_ecs, NULL);
  g_assert_cmpstr (logs_env, ==, "http://logs-only.example");
  g_assert_cmpstr (cloudwatch_env, ==, "http://profile-wide.example:1");
  g_assert_cmpstr (ecs_env, ==, "http://127.0.0.1:4566");

  /* Like the SDKs: any variable before the config file. */
  g_setenv ("AWS_ENDPOINT_URL", "http://any.example", TRUE);
  logs_any = service_endpoint (dev, &c3v_aws_service_logs, NULL);
  cloudwatch_any = service_endpoint (dev, &c3v_aws_service_cloudwatch, NULL);
  g_assert_cmpstr (logs_any, ==, "http://logs-only.example");
  g_assert_cmpstr (cloudwatch_any, ==, "http://any.example");

  /* --endpoint-url is for every service. */
  logs_explicit = service_endpoint (dev, &c3v_aws_service_logs, "http://localhost:9999/");
  pricing_explicit = service_endpoint (dev, &c3v_aws_service_pricing, "http://localhost:9999");
  g_assert_cmpstr (logs_explicit, ==, "http://localhost:9999");
  g_assert_cmpstr (pricing_explicit, ==, "http://localhost:9999");

  test_home_teardown (home);
}

static void
test_china (void)
{
  char *home = setup ();
  g_autoptr (C3vAwsConfig) config = resolve_ok ("china", NULL, NULL);
  g_autofree char *plain = c3v_aws_config_default_endpoint ("eu-north-1");

  g_assert_cmpstr (config->endpoint_url, ==, "https://ecs.cn-north-1.amazonaws.com.cn");
  g_assert_cmpstr (plain, ==, "https://ecs.eu-north-1.amazonaws.com");

  test_home_teardown (home);
}

static void
test_invalid_endpoint (void)
{
  char       *home = setup ();
  const char *bad[] = { "ftp://x.example", "not a url", "http://", "127.0.0.1:4566" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (c3v_aws_config_resolve (NULL, NULL, bad[i], &error));
      g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
    }

  test_home_teardown (home);
}

static void
test_list_profiles (void)
{
  char *home = setup ();
  g_auto (GStrv) profiles = c3v_aws_config_list_profiles ();
  const char *const expected[]
      = { "china", "default", "dev", "keys", "noregion", "plain", "proc", "retries", "sso", NULL };

  g_assert_cmpstrv (profiles, expected);

  test_home_teardown (home);
}

static void
test_have_credentials (void)
{
  char *home = setup ();

  g_assert_false (c3v_aws_config_have_credentials (NULL));
  g_assert_false (c3v_aws_config_have_credentials ("dev"));
  g_assert_true (c3v_aws_config_have_credentials ("keys"));
  g_assert_true (c3v_aws_config_have_credentials ("sso"));
  g_assert_true (c3v_aws_config_have_credentials ("proc"));

  g_setenv ("AWS_PROFILE", "keys", TRUE);
  g_assert_true (c3v_aws_config_have_credentials (NULL));
  g_unsetenv ("AWS_PROFILE");

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "secret", TRUE);
  g_assert_true (c3v_aws_config_have_credentials (NULL));
  /* Environment keys do not count for an explicitly chosen profile. */
  g_assert_false (c3v_aws_config_have_credentials ("dev"));

  test_home_teardown (home);
}

static void
test_known_regions (void)
{
  g_auto (GStrv) regions = c3v_aws_regions_list ("eu-central-1");

  g_assert_true (c3v_aws_region_is_known ("eu-west-1"));
  g_assert_true (c3v_aws_region_is_known ("cn-north-1"));
  g_assert_true (c3v_aws_region_is_known ("us-gov-west-1"));
  g_assert_false (c3v_aws_region_is_known ("eu-wst-1"));
  g_assert_false (c3v_aws_region_is_known (NULL));

  /* The region in use leads the picker, listed once. */
  g_assert_cmpstr (regions[0], ==, "eu-central-1");
  for (guint i = 1; regions[i] != NULL; i++)
    {
      g_assert_cmpstr (regions[i], !=, "eu-central-1");
      g_assert_true (c3v_aws_region_is_known (regions[i]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/config/profile-precedence", test_profile_precedence);
  g_test_add_func ("/aws/config/unknown-profile", test_unknown_profile);
  g_test_add_func ("/aws/config/missing-default", test_missing_default_is_fine);
  g_test_add_func ("/aws/config/region-precedence", test_region_precedence);
  g_test_add_func ("/aws/config/no-region", test_no_region);
  g_test_add_func ("/aws/config/endpoint-precedence", test_endpoint_precedence);
  g_test_add_func ("/aws/config/china", test_china);
  g_test_add_func ("/aws/config/service-endpoints", test_service_endpoints);
  g_test_add_func ("/aws/config/invalid-endpoint", test_invalid_endpoint);
  g_test_add_func ("/aws/config/retry-settings", test_retry_settings);
  g_test_add_func ("/aws/config/list-profiles", test_list_profiles);
  g_test_add_func ("/aws/config/have-credentials", test_have_credentials);
  g_test_add_func ("/aws/config/known-regions", test_known_regions);

  return g_test_run ();
}
