/* c3v-credentials-cached.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-credentials-cached.h"

struct _C3vCredentialsCached
{
  C3vCredentialsProvider  parent_instance;
  C3vCredentialsProvider *inner;
  gint64                  margin_seconds;
  C3vCredentials         *credentials;
  GPtrArray              *waiters; /* GTask waiting for the fetch in flight */
};

G_DEFINE_FINAL_TYPE (C3vCredentialsCached, c3v_credentials_cached, C3V_TYPE_CREDENTIALS_PROVIDER)

static gboolean
cached_is_fresh (C3vCredentialsCached *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->credentials != NULL
         && !c3v_credentials_expires_within (self->credentials, now, self->margin_seconds);
}

static void
inner_get_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (C3vCredentialsCached) self = user_data;
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;

  g_assert (C3V_IS_CREDENTIALS_CACHED (self));

  credentials = c3v_credentials_provider_get_finish (self->inner, result, &error);
  if (credentials != NULL)
    {
      g_clear_pointer (&self->credentials, c3v_credentials_unref);
      self->credentials = c3v_credentials_ref (credentials);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      /* Drops the waiter's cancellation watch (and its reference). */
      g_task_set_task_data (task, NULL, NULL);
      if (credentials != NULL)
        g_task_return_pointer (task, c3v_credentials_ref (credentials),
                               (GDestroyNotify) c3v_credentials_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
destroy_source (gpointer source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

/* A waiter whose cancellable fires leaves at once; the shared fetch goes on
 * for the others (and the cache). */
static gboolean
waiter_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask                *task = user_data;
  C3vCredentialsCached *self = g_task_get_source_object (task);
  guint                 index = 0;

  if (self->waiters != NULL && g_ptr_array_find (self->waiters, task, &index))
    {
      g_autoptr (GTask) owned = g_ptr_array_steal_index (self->waiters, index);

      g_task_set_task_data (owned, NULL, NULL);
      g_task_return_error_if_cancelled (owned);
    }
  return G_SOURCE_REMOVE;
}

static void
add_waiter (C3vCredentialsCached *self, GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    {
      GSource *source = g_cancellable_source_new (cancellable);

      g_source_set_static_name (source, "[c3vis] cached credentials wait");
      g_source_set_callback (source, G_SOURCE_FUNC (waiter_cancelled), g_object_ref (task),
                             g_object_unref);
      g_source_attach (source, g_task_get_context (task));
      g_task_set_task_data (task, source, destroy_source);
    }
  g_ptr_array_add (self->waiters, task);
}

static void
c3v_credentials_cached_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsCached *self = C3V_CREDENTIALS_CACHED (provider);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean fetching = self->waiters != NULL;

  g_task_set_name (task, G_STRFUNC);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (cached_is_fresh (self))
    {
      g_task_return_pointer (task, c3v_credentials_ref (self->credentials),
                             (GDestroyNotify) c3v_credentials_unref);
      return;
    }

  /* The shared fetch must not die with the first caller's cancellable;
   * each waiter's own cancellable ends only its own wait. */
  if (!fetching)
    self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  add_waiter (self, g_steal_pointer (&task));
  if (!fetching)
    c3v_credentials_provider_get_async (self->inner, NULL, inner_get_cb, g_object_ref (self));
}

static C3vCredentials *
c3v_credentials_cached_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_cached_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsCached *self = C3V_CREDENTIALS_CACHED (provider);

  return c3v_credentials_provider_describe (self->inner);
}

static void
c3v_credentials_cached_finalize (GObject *object)
{
  C3vCredentialsCached *self = C3V_CREDENTIALS_CACHED (object);

  g_assert (self->waiters == NULL);
  g_clear_object (&self->inner);
  g_clear_pointer (&self->credentials, c3v_credentials_unref);

  G_OBJECT_CLASS (c3v_credentials_cached_parent_class)->finalize (object);
}

static void
c3v_credentials_cached_class_init (C3vCredentialsCachedClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_cached_finalize;
  provider_class->get_async = c3v_credentials_cached_get_async;
  provider_class->get_finish = c3v_credentials_cached_get_finish;
  provider_class->describe = c3v_credentials_cached_describe;
}

static void
c3v_credentials_cached_init (C3vCredentialsCached *self)
{
}

C3vCredentialsProvider *
c3v_credentials_cached_new (C3vCredentialsProvider *inner, gint64 margin_seconds)
{
  C3vCredentialsCached *self;

  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (inner), NULL);
  g_return_val_if_fail (margin_seconds >= 0, NULL);

  self = g_object_new (C3V_TYPE_CREDENTIALS_CACHED, NULL);
  self->inner = g_object_ref (inner);
  self->margin_seconds = margin_seconds;
  return C3V_CREDENTIALS_PROVIDER (self);
}

void
c3v_credentials_cached_invalidate (C3vCredentialsCached *self)
{
  g_return_if_fail (C3V_IS_CREDENTIALS_CACHED (self));

  g_clear_pointer (&self->credentials, c3v_credentials_unref);
}
