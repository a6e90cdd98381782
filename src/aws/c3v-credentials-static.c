/* c3v-credentials-static.c: always hands out the same credentials
 * (demo, tests). Only reachable through c3v_credentials_provider_new_static().
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-credentials-provider.h"

#define C3V_TYPE_CREDENTIALS_STATIC (c3v_credentials_static_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsStatic, c3v_credentials_static, C3V, CREDENTIALS_STATIC,
                      C3vCredentialsProvider)

struct _C3vCredentialsStatic
{
  C3vCredentialsProvider parent_instance;
  C3vCredentials        *credentials;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsStatic, c3v_credentials_static, C3V_TYPE_CREDENTIALS_PROVIDER)

static void
c3v_credentials_static_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsStatic *self = C3V_CREDENTIALS_STATIC (provider);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_name (task, G_STRFUNC);
  g_task_return_pointer (task, c3v_credentials_ref (self->credentials),
                         (GDestroyNotify) c3v_credentials_unref);
}

static C3vCredentials *
c3v_credentials_static_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_static_describe (C3vCredentialsProvider *provider)
{
  return g_strdup ("static credentials");
}

static void
c3v_credentials_static_finalize (GObject *object)
{
  C3vCredentialsStatic *self = C3V_CREDENTIALS_STATIC (object);

  g_clear_pointer (&self->credentials, c3v_credentials_unref);

  G_OBJECT_CLASS (c3v_credentials_static_parent_class)->finalize (object);
}

static void
c3v_credentials_static_class_init (C3vCredentialsStaticClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_static_finalize;
  provider_class->get_async = c3v_credentials_static_get_async;
  provider_class->get_finish = c3v_credentials_static_get_finish;
  provider_class->describe = c3v_credentials_static_describe;
}

static void
c3v_credentials_static_init (C3vCredentialsStatic *self)
{
}

C3vCredentialsProvider *
c3v_credentials_provider_new_static (C3vCredentials *credentials)
{
  C3vCredentialsStatic *self;

  g_return_val_if_fail (credentials != NULL, NULL);

  self = g_object_new (C3V_TYPE_CREDENTIALS_STATIC, NULL);
  self->credentials = c3v_credentials_ref (credentials);
  return C3V_CREDENTIALS_PROVIDER (self);
}
