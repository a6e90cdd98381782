/* c3v-credentials-chain.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-aws-config.h"
#include "c3v-credentials-chain.h"

struct _C3vCredentialsChain
{
  C3vCredentialsProvider parent_instance;
  GPtrArray             *providers;
  char                  *not_found;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsChain, c3v_credentials_chain, C3V_TYPE_CREDENTIALS_PROVIDER)

static void try_provider (GTask *task);

static void
provider_get_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  C3vCredentialsProvider *provider = C3V_CREDENTIALS_PROVIDER (object);
  g_autoptr (GTask) task = user_data;
  guint *index = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  C3vCredentials *credentials;

  credentials = c3v_credentials_provider_get_finish (provider, result, &error);
  if (credentials != NULL)
    {
      g_autofree char *description = c3v_credentials_provider_describe (provider);

      g_debug ("Using AWS credentials from %s", description);
      g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
    }
  else if (g_error_matches (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS))
    {
      (*index)++;
      try_provider (g_steal_pointer (&task));
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Takes ownership of @task. */
static void
try_provider (GTask *task)
{
  C3vCredentialsChain *self = g_task_get_source_object (task);
  guint               *index = g_task_get_task_data (task);

  if (*index >= self->providers->len)
    {
      g_task_return_new_error (task, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS,
                               "%s", self->not_found);
      g_object_unref (task);
      return;
    }

  c3v_credentials_provider_get_async (g_ptr_array_index (self->providers, *index),
                                      g_task_get_cancellable (task), provider_get_cb, task);
}

static void
c3v_credentials_chain_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_name (task, G_STRFUNC);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);
  try_provider (task);
}

static C3vCredentials *
c3v_credentials_chain_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                  GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_chain_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsChain *self = C3V_CREDENTIALS_CHAIN (provider);
  GString             *out = g_string_new (NULL);

  for (guint i = 0; i < self->providers->len; i++)
    {
      g_autofree char *description
          = c3v_credentials_provider_describe (g_ptr_array_index (self->providers, i));

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", description);
    }
  return g_string_free (out, FALSE);
}

static void
c3v_credentials_chain_finalize (GObject *object)
{
  C3vCredentialsChain *self = C3V_CREDENTIALS_CHAIN (object);

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->not_found, g_free);

  G_OBJECT_CLASS (c3v_credentials_chain_parent_class)->finalize (object);
}

static void
c3v_credentials_chain_class_init (C3vCredentialsChainClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_chain_finalize;
  provider_class->get_async = c3v_credentials_chain_get_async;
  provider_class->get_finish = c3v_credentials_chain_get_finish;
  provider_class->describe = c3v_credentials_chain_describe;
}

static void
c3v_credentials_chain_init (C3vCredentialsChain *self)
{
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
}

C3vCredentialsProvider *
c3v_credentials_chain_new_for_providers (GPtrArray *providers, const char *not_found)
{
  C3vCredentialsChain *self;

  g_return_val_if_fail (providers != NULL, NULL);
  g_return_val_if_fail (not_found != NULL, NULL);

  self = g_object_new (C3V_TYPE_CREDENTIALS_CHAIN, NULL);
  for (guint i = 0; i < providers->len; i++)
    g_ptr_array_add (self->providers, g_object_ref (g_ptr_array_index (providers, i)));
  self->not_found = g_strdup (not_found);
  return C3V_CREDENTIALS_PROVIDER (self);
}
