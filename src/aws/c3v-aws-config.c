/* c3v-aws-config.c: profile, region and endpoint as the AWS CLI resolves them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-aws-profile-set.h"
#include "c3v-aws-service.h"

G_DEFINE_QUARK (c3v - aws - config - error - quark, c3v_aws_config_error)

/* A profile with any of these has a credential source configured. */
static const char *const credential_keys[] = {
  "aws_access_key_id", "role_arn",           "sso_session",
  "sso_start_url",     "credential_process", "web_identity_token_file",
};

char *
c3v_aws_home_path (const char *first_element, ...)
{
  const char *home = g_getenv ("HOME");
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const char *element;
  va_list     args;

  if (home == NULL || *home == '\0')
    home = g_get_home_dir ();

  g_ptr_array_add (parts, (gpointer) home);
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

gboolean
c3v_aws_parse_timestamp (const char *text, gint64 *out_unix)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) parsed = NULL;
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;

  /* Old SSO caches wrote "2019-11-14T04:05:45UTC". */
  copy = g_strdup (text);
  if (g_str_has_suffix (copy, "UTC"))
    strcpy (copy + strlen (copy) - 3, "Z");

  parsed = g_date_time_new_from_iso8601 (copy, utc);
  if (parsed == NULL)
    return FALSE;
  *out_unix = g_date_time_to_unix (parsed);
  return TRUE;
}

char *
c3v_aws_normalize_endpoint (const char *url, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  gsize       len;

  if (scheme == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (
          error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
          _ ("“%s” is not a valid endpoint URL: it needs http:// or https:// and a host name"),
          url);
      return NULL;
    }

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;
  return g_strndup (url, len);
}

static gboolean
endpoint_overrides_ignored (C3vAwsProfileSet *set, const char *profile)
{
  const char *env = g_getenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const char *value
      = c3v_aws_profile_set_get_profile (set, profile, "ignore_configured_endpoint_urls");

  if (env != NULL && *env != '\0')
    return g_ascii_strcasecmp (env, "true") == 0;
  return value != NULL && g_ascii_strcasecmp (value, "true") == 0;
}

static const char *
nonempty_env (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && *value != '\0' ? value : NULL;
}

char *
c3v_aws_endpoint_override (C3vAwsProfileSet *set, const char *profile, const char *env_id,
                           const char *services_key)
{
  g_autofree char *variable = g_strconcat ("AWS_ENDPOINT_URL_", env_id, NULL);
  g_autofree char *services_property = g_strconcat (services_key, ".endpoint_url", NULL);
  const char      *services;
  const char      *value;

  if (endpoint_overrides_ignored (set, profile))
    return NULL;

  if ((value = nonempty_env (variable)) != NULL
      || (value = nonempty_env ("AWS_ENDPOINT_URL")) != NULL)
    return g_strdup (value);

  services = c3v_aws_profile_set_get_profile (set, profile, "services");
  value = c3v_aws_profile_set_get (set, C3V_AWS_SECTION_SERVICES, services, services_property);
  if (value == NULL || *value == '\0')
    value = c3v_aws_profile_set_get_profile (set, profile, "endpoint_url");
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

char *
c3v_aws_regional_endpoint (const char *service, const char *region)
{
  const char *suffix = g_str_has_prefix (region, "cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";

  return g_strconcat ("https://", service, ".", region, suffix, NULL);
}

char *
c3v_aws_config_default_endpoint (const char *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return c3v_aws_service_default_endpoint (&c3v_aws_service_ecs, region);
}

char *
c3v_aws_lookup_region (C3vAwsProfileSet *set, const char *profile)
{
  const char *value;

  if ((value = nonempty_env ("AWS_REGION")) != NULL
      || (value = nonempty_env ("AWS_DEFAULT_REGION")) != NULL)
    return g_strdup (value);

  value = c3v_aws_profile_set_get_profile (set, profile, "region");
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

gboolean
c3v_aws_profile_from_env (void)
{
  return nonempty_env ("AWS_PROFILE") != NULL;
}

char *
c3v_aws_config_profile_name (const char *profile)
{
  if (profile != NULL && *profile != '\0')
    return g_strdup (profile);
  if (c3v_aws_profile_from_env ())
    return g_strdup (g_getenv ("AWS_PROFILE"));
  return g_strdup ("default");
}

gboolean
c3v_aws_check_profile (C3vAwsProfileSet *set, const char *name, gboolean chosen, GError **error)
{
  if (!chosen || c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, name))
    return TRUE;

  g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE,
               _ ("The AWS profile “%s” was not found in %s or %s."), name,
               c3v_aws_profile_set_get_config_path (set),
               c3v_aws_profile_set_get_credentials_path (set));
  return FALSE;
}

/* The region becomes part of a host name: keep it to what AWS uses. */
static gboolean
check_region (const char *region, GError **error)
{
  for (const char *c = region; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-')
        {
          g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                       _ ("“%s” is not a valid AWS region name"), region);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
resolve_region (C3vAwsProfileSet *set, const char *profile, const char *region, GError **error)
{
  g_autofree char *found = NULL;

  found = region != NULL && *region != '\0' ? g_strdup (region)
                                            : c3v_aws_lookup_region (set, profile);
  if (found == NULL)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_REGION,
                   _ ("No AWS region is set for profile “%s”. Choose a region, set AWS_REGION, "
                      "or add “region = …” to the profile in %s."),
                   profile, c3v_aws_profile_set_get_config_path (set));
      return NULL;
    }
  if (!check_region (found, error))
    return NULL;
  return g_steal_pointer (&found);
}

/* The same rules for every service: the --endpoint-url option, then what
 * the SDKs read (c3v_aws_endpoint_override), then the regional default. */
static char *
resolve_endpoint (C3vAwsProfileSet *set, const char *profile, const char *region,
                  const C3vAwsService *service, const char *endpoint_url, GError **error)
{
  g_autofree char *found = NULL;

  if (endpoint_url != NULL && *endpoint_url != '\0')
    found = g_strdup (endpoint_url);
  else
    found = c3v_aws_endpoint_override (set, profile, service->env_suffix, service->id);
  if (found == NULL)
    found = c3v_aws_service_default_endpoint (service, region);
  return c3v_aws_normalize_endpoint (found, error);
}

char *
c3v_aws_config_resolve_endpoint (const C3vAwsConfig *config, const C3vAwsService *service,
                                 const char *endpoint_url, GError **error)
{
  g_autoptr (C3vAwsProfileSet) set = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  set = c3v_aws_profile_set_load_default (error);
  if (set == NULL)
    return NULL;
  return resolve_endpoint (set, config->profile, config->region, service, endpoint_url, error);
}

C3vAwsConfig *
c3v_aws_config_resolve (const char *profile, const char *region, const char *endpoint_url,
                        GError **error)
{
  g_autoptr (C3vAwsProfileSet) set = NULL;
  g_autoptr (C3vAwsConfig) config = g_new0 (C3vAwsConfig, 1);
  gboolean chosen = (profile != NULL && *profile != '\0') || c3v_aws_profile_from_env ();

  set = c3v_aws_profile_set_load_default (error);
  if (set == NULL)
    return NULL;

  config->profile = c3v_aws_config_profile_name (profile);
  if (!c3v_aws_check_profile (set, config->profile, chosen, error))
    return NULL;

  config->region = resolve_region (set, config->profile, region, error);
  if (config->region == NULL)
    return NULL;

  config->endpoint_url = resolve_endpoint (set, config->profile, config->region,
                                           &c3v_aws_service_ecs, endpoint_url, error);
  if (config->endpoint_url == NULL)
    return NULL;

  c3v_retry_settings_resolve (
      c3v_aws_profile_set_get_profile (set, config->profile, "retry_mode"),
      c3v_aws_profile_set_get_profile (set, config->profile, "max_attempts"), &config->retry);

  return g_steal_pointer (&config);
}

void
c3v_aws_config_free (C3vAwsConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->profile);
  g_free (config->region);
  g_free (config->endpoint_url);
  g_free (config);
}

char **
c3v_aws_config_list_profiles (void)
{
  g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_load_default (NULL);

  if (set == NULL)
    return g_new0 (char *, 1);
  return c3v_aws_profile_set_list (set, C3V_AWS_SECTION_PROFILE);
}

gboolean
c3v_aws_config_have_credentials (const char *profile)
{
  g_autoptr (C3vAwsProfileSet) set = NULL;
  g_autofree char *name = NULL;
  gboolean explicit = profile != NULL && *profile != '\0';

  if (!explicit && nonempty_env ("AWS_ACCESS_KEY_ID") != NULL
      && nonempty_env ("AWS_SECRET_ACCESS_KEY") != NULL)
    return TRUE;

  /* A broken file is not "no credentials": let the chain report it rather
   * than quietly falling back to the demo. */
  set = c3v_aws_profile_set_load_default (NULL);
  if (set == NULL)
    return TRUE;

  name = c3v_aws_config_profile_name (profile);
  for (guint i = 0; i < G_N_ELEMENTS (credential_keys); i++)
    {
      if (c3v_aws_profile_set_get_profile (set, name, credential_keys[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}
