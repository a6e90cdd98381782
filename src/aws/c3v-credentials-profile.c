/* c3v-credentials-profile.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-credentials-profile.h"

struct _C3vCredentialsProfile
{
  C3vCredentialsProvider parent_instance;
  char                  *profile;
  C3vCredentials        *credentials;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsProfile, c3v_credentials_profile, C3V_TYPE_CREDENTIALS_PROVIDER)

static void
c3v_credentials_profile_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsProfile *self = C3V_CREDENTIALS_PROFILE (provider);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_name (task, G_STRFUNC);
  g_task_return_pointer (task, c3v_credentials_ref (self->credentials),
                         (GDestroyNotify) c3v_credentials_unref);
}

static C3vCredentials *
c3v_credentials_profile_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_profile_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsProfile *self = C3V_CREDENTIALS_PROFILE (provider);

  return g_strdup_printf (_ ("profile %s (access keys)"), self->profile);
}

static void
c3v_credentials_profile_finalize (GObject *object)
{
  C3vCredentialsProfile *self = C3V_CREDENTIALS_PROFILE (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->credentials, c3v_credentials_unref);

  G_OBJECT_CLASS (c3v_credentials_profile_parent_class)->finalize (object);
}

static void
c3v_credentials_profile_class_init (C3vCredentialsProfileClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_profile_finalize;
  provider_class->get_async = c3v_credentials_profile_get_async;
  provider_class->get_finish = c3v_credentials_profile_get_finish;
  provider_class->describe = c3v_credentials_profile_describe;
}

static void
c3v_credentials_profile_init (C3vCredentialsProfile *self)
{
}

static const char *
profile_value (C3vAwsProfileSet *set, const char *profile, const char *key)
{
  const char *value = c3v_aws_profile_set_get_profile (set, profile, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

gboolean
c3v_credentials_profile_has_keys (C3vAwsProfileSet *set, const char *profile)
{
  return profile_value (set, profile, "aws_access_key_id") != NULL;
}

C3vCredentialsProvider *
c3v_credentials_profile_new (C3vAwsProfileSet *set, const char *profile, GError **error)
{
  const char            *access_key_id = profile_value (set, profile, "aws_access_key_id");
  const char            *secret = profile_value (set, profile, "aws_secret_access_key");
  C3vCredentialsProfile *self;

  if (access_key_id == NULL)
    return NULL;
  if (secret == NULL)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("Profile “%s” has aws_access_key_id but no aws_secret_access_key"), profile);
      return NULL;
    }

  self = g_object_new (C3V_TYPE_CREDENTIALS_PROFILE, NULL);
  self->profile = g_strdup (profile);
  self->credentials = c3v_credentials_new (access_key_id, secret,
                                           profile_value (set, profile, "aws_session_token"), 0);
  return C3V_CREDENTIALS_PROVIDER (self);
}
