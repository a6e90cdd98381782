/* test-ecs-call.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "test-ecs-call.h"

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
wait_until (Condition condition, gconstpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add (timeout_ms, set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

gboolean
flag_is_set (gconstpointer data)
{
  return *(const gboolean *) data;
}

gboolean
counted_down (gconstpointer data)
{
  return *(const guint *) data == 0;
}

void
wait_for (const gboolean *done, guint timeout_ms)
{
  wait_until (flag_is_set, done, timeout_ms);
}

void
call_result_clear (CallResult *r)
{
  g_clear_pointer (&r->result, json_object_unref);
  g_clear_error (&r->error);
}

void
call_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  CallResult *r = user_data;

  r->result = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (object), result, &r->error);
  r->done = TRUE;
}

void
async_wait_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

void
async_wait_clear (AsyncWait *wait)
{
  g_clear_object (&wait->result);
}

void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

gboolean
collect_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  Paging *paging = user_data;

  paging->pages++;
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (paging->arns, g_strdup (json_array_get_string_element (items, i)));
  return paging->stop_after == 0 || paging->pages < paging->stop_after;
}

void
paginate_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Paging *paging = user_data;

  paging->ok = c3v_ecs_client_paginate_finish (C3V_ECS_CLIENT (object), result, &paging->n_items,
                                               &paging->error);
  paging->done = TRUE;
}
