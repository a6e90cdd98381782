/* c3v-fake-logs.c: the CloudWatch Logs operations the fake endpoint answers.
 *
 * GetLogEvents pages like the service: without a token the newest events
 * (or the oldest with startFromHead), "f/N" the events from N on, "b/N"
 * those before N; each answer carries both tokens.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-error.h"
#include "c3v-fake-logs.h"
#include "c3v-fake-request.h"

#define FIRST_EVENT_MS G_GINT64_CONSTANT (1767225600000) /* 2026-01-01T00:00:00Z */
#define MAX_LIMIT      10000

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER, message);
  return FALSE;
}

static gboolean
find_stream (JsonObject *request, GError **error)
{
  const char *group = NULL;
  const char *identifier = NULL;
  const char *stream = NULL;

  if (!c3v_fake_request_get_string (request, "logGroupName", &group, error)
      || !c3v_fake_request_get_string (request, "logGroupIdentifier", &identifier, error)
      || !c3v_fake_request_get_string (request, "logStreamName", &stream, error))
    return FALSE;
  if (group == NULL)
    group = identifier;
  if (group == NULL || stream == NULL)
    return invalid (error, "logGroupName or logGroupIdentifier, and logStreamName are required.");

  if (strcmp (group, C3V_FAKE_LOGS_GROUP) != 0)
    g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_RESOURCE_NOT_FOUND,
                         "The specified log group does not exist.");
  else if (strcmp (stream, C3V_FAKE_LOGS_STREAM) != 0)
    g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_RESOURCE_NOT_FOUND,
                         "The specified log stream does not exist.");
  else
    return TRUE;
  return FALSE;
}

static gboolean
read_limit (JsonObject *request, guint *limit, GError **error)
{
  JsonNode *node = json_object_get_member (request, "limit");
  gint64    value;

  *limit = MAX_LIMIT;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERIALIZATION,
                           "Member limit must be an integer.");
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 1 || value > MAX_LIMIT)
    return invalid (error, "limit must be between 1 and 10000.");
  *limit = (guint) value;
  return TRUE;
}

/* The events [*start, *end) the request asks for: up to @limit after
 * @from (forward) or before it (backward). */
static void
set_range (guint from, gboolean forward, guint limit, guint *start, guint *end)
{
  *start = forward ? from : from - MIN (limit, from);
  *end = forward ? MIN (from + limit, C3V_FAKE_LOGS_N_EVENTS) : from;
}

static gboolean
choose_range (JsonObject *request, guint limit, guint *start, guint *end, GError **error)
{
  const guint n = C3V_FAKE_LOGS_N_EVENTS;
  const char *token = NULL;
  JsonNode   *head = json_object_get_member (request, "startFromHead");
  char       *rest = NULL;
  guint64     at;

  if (!c3v_fake_request_get_string (request, "nextToken", &token, error))
    return FALSE;
  if (token == NULL)
    {
      gboolean from_head = head != NULL && JSON_NODE_HOLDS_VALUE (head)
                           && json_node_get_value_type (head) == G_TYPE_BOOLEAN
                           && json_node_get_boolean (head);

      set_range (from_head ? 0 : n, from_head, limit, start, end);
      return TRUE;
    }

  if ((token[0] != 'f' && token[0] != 'b') || token[1] != '/' || !g_ascii_isdigit (token[2]))
    return invalid (error, "The specified nextToken is invalid.");
  at = g_ascii_strtoull (token + 2, &rest, 10);
  if (*rest != '\0' || at > n)
    return invalid (error, "The specified nextToken is invalid.");
  set_range ((guint) at, token[0] == 'f', limit, start, end);
  return TRUE;
}

static JsonNode *
get_log_events (JsonObject *request, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *forward = NULL;
  g_autofree char *backward = NULL;
  guint            limit, start, end;

  if (!find_stream (request, error) || !read_limit (request, &limit, error)
      || !choose_range (request, limit, &start, &end, error))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = start; i < end; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u", i + 1);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "timestamp");
      json_builder_add_int_value (builder, FIRST_EVENT_MS + i * 1000);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_set_member_name (builder, "ingestionTime");
      json_builder_add_int_value (builder, FIRST_EVENT_MS + i * 1000 + 250);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  forward = g_strdup_printf ("f/%u", end);
  backward = g_strdup_printf ("b/%u", start);
  json_builder_set_member_name (builder, "nextForwardToken");
  json_builder_add_string_value (builder, forward);
  json_builder_set_member_name (builder, "nextBackwardToken");
  json_builder_add_string_value (builder, backward);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
c3v_fake_logs_call (C3vFakeAccount *account, const char *operation, JsonObject *request,
                    GError **error)
{
  if (g_strcmp0 (operation, "GetLogEvents") == 0)
    return get_log_events (request, error);

  g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_UNKNOWN_OPERATION, "");
  return NULL;
}
