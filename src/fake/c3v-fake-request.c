/* c3v-fake-request.c: typed access to a request's JSON members.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-fake-error.h"
#include "c3v-fake-request.h"

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
wrong_type (const char *name, const char *expected, GError **error)
{
  g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERIALIZATION, "Member %s must be %s.", name,
               expected);
  return FALSE;
}

gboolean
c3v_fake_request_get_string (JsonObject *request, const char *name, const char **value,
                             GError **error)
{
  JsonNode *node = json_object_get_member (request, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!holds_string (node))
    return wrong_type (name, "a string", error);

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
c3v_fake_request_get_string_array (JsonObject *request, const char *name, const char ***values,
                                   GError **error)
{
  JsonNode               *node = json_object_get_member (request, name);
  JsonArray              *array;
  guint                   length;
  g_autofree const char **strings = NULL;

  *values = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (name, "an array of strings", error);

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  strings = g_new0 (const char *, length + 1);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_string (element))
        return wrong_type (name, "an array of strings", error);
      strings[i] = json_node_get_string (element);
    }
  *values = g_steal_pointer (&strings);
  return TRUE;
}

gboolean
c3v_fake_request_includes (JsonObject *request, const char *option)
{
  g_autofree const char **include = NULL;

  if (!c3v_fake_request_get_string_array (request, "include", &include, NULL) || include == NULL)
    return FALSE;
  return g_strv_contains (include, option);
}
