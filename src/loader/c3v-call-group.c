/* c3v-call-group.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-call-group.h"

struct _C3vCallGroup
{
  C3vEcsClient        *client;
  GCancellable        *outer;       /* the caller's */
  GCancellable        *cancellable; /* the calls': outer or first error */
  gulong               outer_handler;
  C3vCallGroupDoneFunc done_func;
  gpointer             user_data;
  guint                pending; /* calls in flight, +1 until closed */
  GError              *error;
};

typedef struct
{
  C3vCallGroup          *group;
  C3vCallGroupAnswerFunc answer_func;
  char                  *data;
  gpointer               user_data;
  gboolean               tolerant;
} Call;

static void
cancel_calls (GCancellable *outer, gpointer user_data)
{
  C3vCallGroup *self = user_data;

  g_cancellable_cancel (self->cancellable);
}

C3vCallGroup *
c3v_call_group_new (C3vEcsClient *client, GCancellable *cancellable, C3vCallGroupDoneFunc done_func,
                    gpointer user_data)
{
  C3vCallGroup *self = g_new0 (C3vCallGroup, 1);

  g_return_val_if_fail (C3V_IS_ECS_CLIENT (client), NULL);

  self->client = g_object_ref (client);
  self->cancellable = g_cancellable_new ();
  self->done_func = done_func;
  self->user_data = user_data;
  self->pending = 1;
  if (cancellable != NULL)
    {
      self->outer = g_object_ref (cancellable);
      self->outer_handler
          = g_cancellable_connect (cancellable, G_CALLBACK (cancel_calls), self, NULL);
    }

  return self;
}

void
c3v_call_group_free (C3vCallGroup *self)
{
  if (self == NULL)
    return;

  /* Answers hold the group: freeing it with calls in flight is a bug. */
  g_return_if_fail (self->pending == 0);

  if (self->outer != NULL)
    g_cancellable_disconnect (self->outer, self->outer_handler);
  g_clear_object (&self->outer);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_error (&self->error);
  g_free (self);
}

static void
release (C3vCallGroup *self)
{
  g_assert (self->pending > 0);

  if (--self->pending == 0)
    self->done_func (self->error, self->user_data);
}

void
c3v_call_group_close (C3vCallGroup *self)
{
  g_return_if_fail (self != NULL);

  release (self);
}

gboolean
c3v_call_group_is_stopped (C3vCallGroup *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return g_cancellable_is_cancelled (self->cancellable);
}

const GError *
c3v_call_group_get_error (C3vCallGroup *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

void
c3v_call_group_fail (C3vCallGroup *self, GError *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  /* The cancellations that follow the first error are its echo. */
  if (self->error != NULL
      || (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && g_cancellable_is_cancelled (self->cancellable)))
    {
      g_error_free (error);
      return;
    }

  self->error = error;
  g_cancellable_cancel (self->cancellable);
}

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Call         *call = user_data;
  C3vCallGroup *self = call->group;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (source), result, &error);
  if (answer != NULL)
    call->answer_func (answer, call->data, call->user_data);
  else if (call->tolerant && !c3v_call_group_is_stopped (self))
    {
      g_debug ("Going on without an answer: %s", error->message);
      call->answer_func (NULL, call->data, call->user_data);
    }
  else
    c3v_call_group_fail (self, g_steal_pointer (&error));

  g_free (call->data);
  g_free (call);
  release (self);
}

static void
start_call (C3vCallGroup *self, const char *operation, JsonObject *request,
            C3vCallGroupAnswerFunc answer_func, const char *data, gpointer user_data,
            gboolean tolerant)
{
  g_autoptr (JsonObject) owned = request;
  Call *call = g_new0 (Call, 1);

  call->group = self;
  call->answer_func = answer_func;
  call->data = g_strdup (data);
  call->user_data = user_data;
  call->tolerant = tolerant;
  self->pending++;
  c3v_ecs_client_call_async (self->client, operation, owned, self->cancellable, on_call_done, call);
}

void
c3v_call_group_call (C3vCallGroup *self, const char *operation, JsonObject *request,
                     C3vCallGroupAnswerFunc answer_func, const char *data, gpointer user_data)
{
  g_return_if_fail (self != NULL && self->pending > 0);

  start_call (self, operation, request, answer_func, data, user_data, FALSE);
}

void
c3v_call_group_try (C3vCallGroup *self, const char *operation, JsonObject *request,
                    C3vCallGroupAnswerFunc answer_func, const char *data, gpointer user_data)
{
  g_return_if_fail (self != NULL && self->pending > 0);

  start_call (self, operation, request, answer_func, data, user_data, TRUE);
}

static void
on_paginate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  C3vCallGroup *self = user_data;
  GError       *error = NULL;

  if (!c3v_ecs_client_paginate_finish (C3V_ECS_CLIENT (source), result, NULL, &error))
    c3v_call_group_fail (self, error);

  release (self);
}

void
c3v_call_group_paginate (C3vCallGroup *self, const char *operation, JsonObject *request,
                         const char *result_key, C3vEcsPageFunc page_func, gpointer user_data)
{
  g_autoptr (JsonObject) owned = request;

  g_return_if_fail (self != NULL && self->pending > 0);

  self->pending++;
  c3v_ecs_client_paginate_async (self->client, operation, owned, result_key, page_func, user_data,
                                 NULL, self->cancellable, on_paginate_done, self);
}

JsonObject *
c3v_call_group_new_describe_request (const char *cluster, const char *member, GPtrArray *ids)
{
  JsonObject *request = json_object_new ();
  JsonArray  *array = json_array_sized_new (ids->len);

  if (cluster != NULL)
    json_object_set_string_member (request, "cluster", cluster);
  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  json_object_set_array_member (request, member, array);

  return request;
}
