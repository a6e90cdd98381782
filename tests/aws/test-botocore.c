/* test-botocore.c: botocore's SigV4 signer as the reference.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-botocore.h"

gboolean
botocore_available (void)
{
  const char *argv[] = { "/usr/bin/python3", "-c", "import botocore.auth, botocore.session", NULL };
  gint        status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
add_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_header (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, name);
  json_builder_add_string_value (builder, value);
  json_builder_end_array (builder);
}

/* botocore-sign.py's input: one JSON object, so secrets stay out of argv. */
static char *
botocore_spec (const BotocoreRequest *request)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body64 = g_base64_encode (request->body, request->body_length);

  json_builder_begin_object (builder);
  add_member (builder, "method", "POST");
  add_member (builder, "url", request->url);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  add_header (builder, "Content-Type", request->content_type);
  add_header (builder, "X-Amz-Target", request->target);
  json_builder_end_array (builder);
  add_member (builder, "body_base64", body64);
  add_member (builder, "amz_date", request->amz_date);
  add_member (builder, "access_key_id", request->access_key_id);
  add_member (builder, "secret_access_key", request->secret_access_key);
  if (request->session_token != NULL)
    add_member (builder, "session_token", request->session_token);
  add_member (builder, "region", request->region);
  add_member (builder, "service", request->service);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
botocore_authorization (const BotocoreRequest *request)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *spec = botocore_spec (request);
  char            *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, "/usr/bin/python3", BOTOCORE_SIGN, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, spec, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}
