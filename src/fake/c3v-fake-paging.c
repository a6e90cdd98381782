/* c3v-fake-paging.c: maxResults and opaque nextToken for List* calls.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-error.h"
#include "c3v-fake-paging.h"
#include "c3v-fake-request.h"

#define TOKEN_VERSION "c3v1"

static char *
make_token (const char *query, guint offset)
{
  g_autofree char *text = g_strdup_printf (TOKEN_VERSION ":%u:%08x", offset, g_str_hash (query));

  return g_base64_encode ((const guchar *) text, strlen (text));
}

static gboolean
parse_token (const char *token, const char *query, guint n_items, guint *offset, GError **error)
{
  gsize              length = 0;
  g_autofree guchar *raw = g_base64_decode (token, &length);
  g_autofree char   *text = g_strndup ((const char *) raw, length);
  g_autofree char   *expected_hash = g_strdup_printf ("%08x", g_str_hash (query));
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  guint64 value = 0;

  if (g_strv_length (parts) != 3 || strcmp (parts[0], TOKEN_VERSION) != 0
      || strcmp (parts[2], expected_hash) != 0
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, n_items, &value, NULL))
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER,
                           "Invalid nextToken.");
      return FALSE;
    }
  *offset = (guint) value;
  return TRUE;
}

static gboolean
parse_max_results (JsonObject *request, guint default_max_results, guint *max_results,
                   GError **error)
{
  JsonNode *node = json_object_get_member (request, "maxResults");
  gint64    value;

  *max_results = default_max_results;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERIALIZATION,
                           "maxResults must be an integer.");
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 1 || value > 100)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER,
                           "maxResults must be between 1 and 100.");
      return FALSE;
    }
  *max_results = (guint) value;
  return TRUE;
}

JsonNode *
c3v_fake_paging_answer (JsonObject *request, const char *query, guint default_max_results,
                        GPtrArray *arns, const char *member, GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  const char *token = NULL;
  guint       max_results;
  guint       offset = 0;
  guint       end;

  if (!parse_max_results (request, default_max_results, &max_results, error))
    return NULL;
  if (!c3v_fake_request_get_string (request, "nextToken", &token, error))
    return NULL;
  if (token != NULL && !parse_token (token, query, arns->len, &offset, error))
    return NULL;

  end = MIN (arns->len, offset + max_results);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = offset; i < end; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (arns, i));
  json_builder_end_array (builder);
  if (end < arns->len)
    {
      g_autofree char *next = make_token (query, end);

      json_builder_set_member_name (builder, "nextToken");
      json_builder_add_string_value (builder, next);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
