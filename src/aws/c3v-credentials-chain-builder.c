/* c3v-credentials-chain-builder.c: c3v_credentials_chain_new(), the chain
 * of credential sources for one profile.
 *
 * As in the AWS CLI: the environment comes first unless a profile was
 * chosen explicitly; then the profile's one configured source, where
 * role_arn wins over the profile's own keys (so `source_profile` may name
 * the profile itself), then static keys, SSO, credential_process.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-credentials-cached.h"
#include "c3v-credentials-chain.h"
#include "c3v-credentials-env.h"
#include "c3v-credentials-process.h"
#include "c3v-credentials-profile.h"
#include "c3v-credentials-sso.h"
#include "c3v-credentials-sts.h"

/* Real configurations chain two or three roles; this bounds the recursion
 * that follows source_profile, whatever a file says. */
#define MAX_SOURCE_PROFILE_DEPTH 32

/* The profiles being resolved, outermost first, and the same as a set so
 * that finding a loop does not cost a pass over the path per step. */
typedef struct
{
  GPtrArray  *names;
  GHashTable *members;
} ProfilePath;

static C3vCredentialsProvider *profile_source (C3vAwsProfileSet *set, const char *name,
                                               ProfilePath *path, GError **error);

static const char *
setting (C3vAwsProfileSet *set, const char *profile, const char *key)
{
  const char *value = c3v_aws_profile_set_get_profile (set, profile, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

static C3vCredentialsProvider *
cached (C3vCredentialsProvider *inner)
{
  g_autoptr (C3vCredentialsProvider) owned = inner;

  if (owned == NULL)
    return NULL;
  return c3v_credentials_cached_new (owned, C3V_AWS_REFRESH_MARGIN_SECONDS);
}

static gboolean
check_no_cycle (ProfilePath *path, const char *next, GError **error)
{
  g_autoptr (GString) cycle = NULL;
  guint start = 0;

  if (!g_hash_table_contains (path->members, next))
    return TRUE;

  while (strcmp (g_ptr_array_index (path->names, start), next) != 0)
    start++;
  cycle = g_string_new (NULL);
  for (guint j = start; j < path->names->len; j++)
    g_string_append_printf (cycle, "%s → ", (const char *) g_ptr_array_index (path->names, j));
  g_string_append (cycle, next);
  g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
               _ ("The source_profile settings form a loop: %s"), cycle->str);
  return FALSE;
}

static C3vCredentialsProvider *
no_source_error (const char *name, const char *reason, GError **error)
{
  g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
               _ ("Profile “%s” cannot be used: %s"), name, reason);
  return NULL;
}

/* The credentials that sign the AssumeRole call of @name. */
static C3vCredentialsProvider *
role_signer (C3vAwsProfileSet *set, const char *name, const char *source_name, ProfilePath *path,
             GError **error)
{
  C3vCredentialsProvider *source;
  GError                 *local_error = NULL;

  if (strcmp (source_name, name) == 0)
    {
      source = c3v_credentials_profile_new (set, name, error);
      if (source == NULL && (error == NULL || *error == NULL))
        return no_source_error (name, _ ("its source_profile is itself, but it has no access keys"),
                                error);
      return source;
    }

  if (!check_no_cycle (path, source_name, error))
    return NULL;
  if (!c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, source_name))
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE,
                   _ ("Profile “%s” names source_profile “%s”, which is not in %s or %s"), name,
                   source_name, c3v_aws_profile_set_get_config_path (set),
                   c3v_aws_profile_set_get_credentials_path (set));
      return NULL;
    }

  source = profile_source (set, source_name, path, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (source == NULL)
    g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                 _ ("Profile “%s” names source_profile “%s”, which has no credentials"), name,
                 source_name);
  return source;
}

static C3vCredentialsProvider *
role_source (C3vAwsProfileSet *set, const char *name, ProfilePath *path, GError **error)
{
  const char *source_name = setting (set, name, "source_profile");
  const char *credential_source = setting (set, name, "credential_source");
  g_autoptr (C3vCredentialsProvider) source = NULL;

  /* Instance and container metadata are not sources c3vis has; the
   * environment is, so that one credential_source works. */
  if (g_strcmp0 (credential_source, "Environment") == 0)
    source = c3v_credentials_env_new ();
  else if (credential_source != NULL)
    return no_source_error (name,
                            _ ("only “credential_source = Environment” is supported, "
                               "use source_profile"),
                            error);
  else if (source_name == NULL && setting (set, name, "web_identity_token_file") != NULL)
    return no_source_error (name, _ ("web_identity_token_file is not supported"), error);
  else if (source_name == NULL)
    return no_source_error (name, _ ("it has role_arn but no source_profile"), error);
  else
    source = role_signer (set, name, source_name, path, error);

  if (source == NULL)
    return NULL;
  return cached (c3v_credentials_sts_new (set, name, source, error));
}

/* NULL without error when @name has no credential source at all. */
static C3vCredentialsProvider *
profile_source_for (C3vAwsProfileSet *set, const char *name, ProfilePath *path, GError **error)
{
  GError                 *local_error = NULL;
  C3vCredentialsProvider *provider;

  if (setting (set, name, "role_arn") != NULL)
    return role_source (set, name, path, error);
  if (c3v_credentials_profile_has_keys (set, name))
    return c3v_credentials_profile_new (set, name, error);

  provider = c3v_credentials_sso_new (set, name, &local_error);
  if (provider != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return cached (provider);
    }

  if (setting (set, name, "credential_process") != NULL)
    return cached (c3v_credentials_process_new (name, setting (set, name, "credential_process")));
  if (setting (set, name, "web_identity_token_file") != NULL)
    return no_source_error (name, _ ("web_identity_token_file is not supported"), error);
  return NULL;
}

static C3vCredentialsProvider *
profile_source (C3vAwsProfileSet *set, const char *name, ProfilePath *path, GError **error)
{
  C3vCredentialsProvider *provider;

  if (path->names->len >= MAX_SOURCE_PROFILE_DEPTH)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("The source_profile chain from profile “%s” is longer than %u profiles"),
                   (const char *) g_ptr_array_index (path->names, 0), MAX_SOURCE_PROFILE_DEPTH);
      return NULL;
    }

  g_ptr_array_add (path->names, (gpointer) name);
  g_hash_table_add (path->members, (gpointer) name);
  provider = profile_source_for (set, name, path, error);
  g_hash_table_remove (path->members, name);
  g_ptr_array_remove_index (path->names, path->names->len - 1);
  return provider;
}

static char *
not_found_message (C3vAwsProfileSet *set, const char *name, gboolean env_used)
{
  const char *config_path = c3v_aws_profile_set_get_config_path (set);
  const char *credentials_path = c3v_aws_profile_set_get_credentials_path (set);

  if (env_used)
    return g_strdup_printf (_ ("No AWS credentials found: looked at the environment variables "
                               "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and at profile “%s” "
                               "in %s and %s."),
                            name, credentials_path, config_path);
  return g_strdup_printf (_ ("No AWS credentials found for profile “%s” in %s or %s."), name,
                          credentials_path, config_path);
}

C3vCredentialsProvider *
c3v_credentials_chain_new (const char *profile, GError **error)
{
  g_autoptr (C3vAwsProfileSet) set = NULL;
  g_autoptr (GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) path_names = g_ptr_array_new ();
  g_autoptr (GHashTable) path_members = g_hash_table_new (g_str_hash, g_str_equal);
  ProfilePath      path = { path_names, path_members };
  g_autofree char *name = c3v_aws_config_profile_name (profile);
  g_autofree char *not_found = NULL;
  gboolean explicit = profile != NULL && *profile != '\0';
  GError                 *local_error = NULL;
  C3vCredentialsProvider *source;

  set = c3v_aws_profile_set_load_default (error);
  if (set == NULL
      || !c3v_aws_check_profile (set, name, explicit || c3v_aws_profile_from_env (), error))
    return NULL;

  /* An explicitly chosen profile must not be shadowed by stray keys in
   * the environment; AWS_PROFILE does not count as explicit (CLI rule). */
  if (!explicit)
    g_ptr_array_add (providers, c3v_credentials_env_new ());

  source = profile_source (set, name, &path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (source != NULL)
    g_ptr_array_add (providers, source);

  not_found = not_found_message (set, name, !explicit);
  return c3v_credentials_chain_new_for_providers (providers, not_found);
}
