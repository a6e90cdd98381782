/* c3v-credentials-env.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-credentials-env.h"

struct _C3vCredentialsEnv
{
  C3vCredentialsProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsEnv, c3v_credentials_env, C3V_TYPE_CREDENTIALS_PROVIDER)

static const char *
env_value (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && *value != '\0' ? value : NULL;
}

static C3vCredentials *
credentials_from_env (GError **error)
{
  const char *access_key_id = env_value ("AWS_ACCESS_KEY_ID");
  const char *secret = env_value ("AWS_SECRET_ACCESS_KEY");

  if (access_key_id == NULL && secret == NULL)
    {
      g_set_error_literal (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS,
                           _ ("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"));
      return NULL;
    }
  /* Half a key pair is a mistake to report, not a reason to fall through
   * to a profile the user did not mean. */
  if (access_key_id == NULL || secret == NULL)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("%s is set in the environment but %s is not"),
                   access_key_id != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   access_key_id != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }
  return c3v_credentials_new (access_key_id, secret, env_value ("AWS_SESSION_TOKEN"), 0);
}

static void
c3v_credentials_env_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (provider, cancellable, callback, user_data);
  GError         *error = NULL;
  C3vCredentials *credentials;

  g_task_set_name (task, G_STRFUNC);
  credentials = credentials_from_env (&error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
}

static C3vCredentials *
c3v_credentials_env_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_env_describe (C3vCredentialsProvider *provider)
{
  return g_strdup (_ ("environment variables"));
}

static void
c3v_credentials_env_class_init (C3vCredentialsEnvClass *klass)
{
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  provider_class->get_async = c3v_credentials_env_get_async;
  provider_class->get_finish = c3v_credentials_env_get_finish;
  provider_class->describe = c3v_credentials_env_describe;
}

static void
c3v_credentials_env_init (C3vCredentialsEnv *self)
{
}

C3vCredentialsProvider *
c3v_credentials_env_new (void)
{
  return g_object_new (C3V_TYPE_CREDENTIALS_ENV, NULL);
}
