/* c3v-credentials-provider.c: where credentials come from (base class).
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-credentials-provider.h"

G_DEFINE_ABSTRACT_TYPE (C3vCredentialsProvider, c3v_credentials_provider, G_TYPE_OBJECT)

static char *
c3v_credentials_provider_real_describe (C3vCredentialsProvider *self)
{
  return g_strdup (G_OBJECT_TYPE_NAME (self));
}

static void
c3v_credentials_provider_class_init (C3vCredentialsProviderClass *klass)
{
  klass->describe = c3v_credentials_provider_real_describe;
}

static void
c3v_credentials_provider_init (C3vCredentialsProvider *self)
{
}

void
c3v_credentials_provider_get_async (C3vCredentialsProvider *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (C3V_IS_CREDENTIALS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  C3V_CREDENTIALS_PROVIDER_GET_CLASS (self)->get_async (self, cancellable, callback, user_data);
}

C3vCredentials *
c3v_credentials_provider_get_finish (C3vCredentialsProvider *self, GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return C3V_CREDENTIALS_PROVIDER_GET_CLASS (self)->get_finish (self, result, error);
}

char *
c3v_credentials_provider_describe (C3vCredentialsProvider *self)
{
  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (self), NULL);

  return C3V_CREDENTIALS_PROVIDER_GET_CLASS (self)->describe (self);
}
