/* c3v-ecs-client-pages.c: following nextToken, and splitting ids into
 * batches for the Describe* calls.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "config.h"

#include <glib/gi18n.h>

#include "c3v-ecs-client.h"
#include "c3v-ecs-client-private.h"

typedef struct
{
  char          *operation;
  JsonObject    *request; /* a copy; nextToken changes per page */
  char          *result_key;
  C3vEcsPageFunc page_func;
  gpointer       page_data;
  GDestroyNotify page_data_destroy;
  GHashTable    *tokens; /* SHA-256 of every nextToken of the chain so far */
  guint          max_pages;
  guint          pages;
  guint          n_items;
} PaginateData;

static void
paginate_data_free (PaginateData *data)
{
  if (data->page_data_destroy != NULL)
    data->page_data_destroy (data->page_data);
  g_free (data->operation);
  g_clear_pointer (&data->request, json_object_unref);
  g_free (data->result_key);
  g_clear_pointer (&data->tokens, g_hash_table_unref);
  g_free (data);
}

/* Top-level copy: only nextToken is ever replaced. */
static JsonObject *
copy_request (JsonObject *request)
{
  JsonObject    *copy = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  if (request == NULL)
    return copy;

  json_object_iter_init (&iter, request);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, json_node_copy (node));
  return copy;
}

static void paginate_page_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
paginate_request_page (GTask *task)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  PaginateData *data = g_task_get_task_data (task);

  c3v_ecs_client_call_page_async (self, data->operation, data->request,
                                  g_task_get_cancellable (task), paginate_page_cb,
                                  g_object_ref (task));
}

static JsonArray *
page_items (JsonObject *page, const char *result_key)
{
  JsonNode *node = json_object_get_member (page, result_key);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));
  return json_array_new ();
}

/* The nextToken of @page, NULL on the last page. */
static const char *
page_next_token (JsonObject *page)
{
  JsonNode   *node = json_object_get_member (page, "nextToken");
  const char *token;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  token = json_node_get_string (node);
  return token != NULL && *token != '\0' ? token : NULL;
}

/* A service that hands out a token it gave before (A, B, A, ...) or a
 * fresh one forever would keep the chain going as fast as it answers:
 * tokens are remembered (as hashes, whatever their size) for the whole
 * chain, and the pages bounded by far more than any cluster fills. */
static gboolean
paginate_check_token (GTask *task, const char *next)
{
  PaginateData *data = g_task_get_task_data (task);
  char         *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, next, -1);

  if (!g_hash_table_add (data->tokens, hash))
    {
      g_task_return_new_error (task, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                               _ ("%s returned a page token it had returned before, after %u "
                                  "pages; the list would never end"),
                               data->operation, data->pages);
      return FALSE;
    }
  if (data->pages >= data->max_pages)
    {
      g_task_return_new_error (task, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                               _ ("%s returned more than %u pages; no cluster holds that much"),
                               data->operation, data->max_pages);
      return FALSE;
    }
  return TRUE;
}

static void
paginate_page_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PaginateData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) page = NULL;
  g_autoptr (JsonArray) items = NULL;
  GError     *error = NULL;
  const char *next;

  page = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->pages++;
  items = page_items (page, data->result_key);
  data->n_items += json_array_get_length (items);
  next = page_next_token (page);
  if (!data->page_func (page, items, data->page_data) || next == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!paginate_check_token (task, next))
    return;

  json_object_set_string_member (data->request, "nextToken", next);
  paginate_request_page (task);
}

void
c3v_ecs_client_paginate_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                               const char *result_key, C3vEcsPageFunc page_func, gpointer page_data,
                               GDestroyNotify page_data_destroy, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PaginateData *data;

  g_return_if_fail (C3V_IS_ECS_CLIENT (self));
  g_return_if_fail (operation != NULL);
  g_return_if_fail (result_key != NULL);
  g_return_if_fail (page_func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_name (task, G_STRFUNC);

  data = g_new0 (PaginateData, 1);
  data->operation = g_strdup (operation);
  data->request = copy_request (request);
  data->result_key = g_strdup (result_key);
  data->page_func = page_func;
  data->page_data = page_data;
  data->page_data_destroy = page_data_destroy;
  data->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->max_pages = c3v_ecs_client_get_max_pages (self);
  g_task_set_task_data (task, data, (GDestroyNotify) paginate_data_free);

  paginate_request_page (task);
}

gboolean
c3v_ecs_client_paginate_finish (C3vEcsClient *self, GAsyncResult *result, guint *n_items,
                                GError **error)
{
  PaginateData *data;

  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_items != NULL)
    *n_items = data->n_items;
  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
c3v_ecs_split_batches (GPtrArray *ids, guint batch_size)
{
  GPtrArray *batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (batch_size > 0, batches);

  for (guint start = 0; ids != NULL && start < ids->len; start += batch_size)
    {
      guint      count = MIN (batch_size, ids->len - start);
      GPtrArray *batch = g_ptr_array_sized_new (count);

      for (guint i = 0; i < count; i++)
        g_ptr_array_add (batch, g_ptr_array_index (ids, start + i));
      g_ptr_array_add (batches, batch);
    }
  return batches;
}
