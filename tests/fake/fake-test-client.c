/* fake-test-client.c: a SigV4-signing HTTP client for the fake ECS tests.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "c3v-fake-ecs.h"
#include "c3v-sigv4.h"
#include "fake-test-client.h"

#define TIMEOUT_SECONDS 10

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fake_test_wait_for (const gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint    timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, set_flag, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting for the fake ECS endpoint");
  g_source_remove (timeout_id);
}

struct _FakeTestCall
{
  FakeTestResponse *response;
  SoupSession      *session;
  SoupMessage      *msg;
  gboolean          done;
};

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FakeTestCall *call = user_data;
  g_autoptr (GBytes) bytes
      = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &call->response->error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize       length = 0;
  const char *data;

  call->done = TRUE;
  if (bytes == NULL)
    return;

  call->response->status = soup_message_get_status (call->msg);
  data = g_bytes_get_data (bytes, &length);
  call->response->body = g_strndup (data, length);
  if (json_parser_load_from_data (parser, call->response->body, -1, NULL))
    call->response->json = json_node_copy (json_parser_get_root (parser));
}

static void
sign (SoupMessage *msg, const char *operation_target, const char *body,
      const FakeTestSigning *signing)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GUri               *uri = soup_message_get_uri (msg);
  g_autofree char    *host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  g_autofree char    *amz_date
      = c3v_sigv4_format_amz_date (g_get_real_time () / G_USEC_PER_SEC + signing->clock_offset);
  g_autoptr (C3vSigv4Signer) signer = c3v_sigv4_signer_new ();
  g_autofree char *authorization = NULL;
  C3vHttpHeader    signed_headers[5] = {
       { "host", host },
       { "x-amz-date", amz_date },
       { "content-type", "application/x-amz-json-1.1" },
       { "x-amz-target", operation_target },
       { "x-amz-security-token", signing->session_token },
  };
  C3vSigv4Request request
      = { "POST", "/",          NULL, signed_headers, signing->session_token != NULL ? 5 : 4,
          body,   strlen (body) };

  soup_message_headers_replace (headers, "X-Amz-Date", amz_date);
  if (signing->session_token != NULL)
    soup_message_headers_replace (headers, "X-Amz-Security-Token", signing->session_token);
  if (signing->unsigned_request)
    return;

  authorization = c3v_sigv4_authorization (
      signer, signing->access_key_id ? signing->access_key_id : C3V_FAKE_ECS_ACCESS_KEY_ID,
      signing->secret_access_key ? signing->secret_access_key : C3V_FAKE_ECS_SECRET_ACCESS_KEY,
      &request, amz_date, signing->region ? signing->region : C3V_FAKE_ECS_REGION,
      signing->service ? signing->service : "ecs");
  soup_message_headers_replace (headers, "Authorization", authorization);
}

FakeTestCall *
fake_test_call_start (const char *url, const char *operation, const char *body,
                      const FakeTestSigning *signing)
{
  static const FakeTestSigning defaults = { 0 };
  g_autofree char *target = g_strdup_printf ("AmazonEC2ContainerServiceV20141113.%s", operation);
  g_autoptr (GBytes) bytes = NULL;
  FakeTestCall *call = g_new0 (FakeTestCall, 1);
  const char   *sent;

  if (body == NULL)
    body = "{}";
  if (signing == NULL)
    signing = &defaults;
  sent = signing->sent_body != NULL ? signing->sent_body : body;

  call->response = g_new0 (FakeTestResponse, 1);
  call->session = soup_session_new ();
  call->msg = soup_message_new ("POST", url);
  g_assert_nonnull (call->msg);
  bytes = g_bytes_new (sent, strlen (sent));
  soup_message_set_request_body_from_bytes (call->msg, "application/x-amz-json-1.1", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (call->msg), "X-Amz-Target",
                                target);
  sign (call->msg, target, body, signing);

  soup_session_send_and_read_async (call->session, call->msg, G_PRIORITY_DEFAULT, NULL, on_read,
                                    call);
  return call;
}

FakeTestResponse *
fake_test_call_finish (FakeTestCall *call)
{
  FakeTestResponse *response;

  fake_test_wait_for (&call->done);
  response = call->response;
  g_object_unref (call->msg);
  g_object_unref (call->session);
  g_free (call);
  return response;
}

FakeTestResponse *
fake_test_call (const char *url, const char *operation, const char *body,
                const FakeTestSigning *signing)
{
  return fake_test_call_finish (fake_test_call_start (url, operation, body, signing));
}

void
fake_test_response_free (FakeTestResponse *response)
{
  if (response == NULL)
    return;

  g_clear_error (&response->error);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response->body);
  g_free (response);
}

JsonObject *
fake_test_response_object (FakeTestResponse *response)
{
  g_assert_no_error (response->error);
  if (response->status != 200)
    g_error ("expected HTTP 200, got %u: %s", response->status, response->body);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

void
fake_test_assert_error (FakeTestResponse *response, guint status, const char *type)
{
  JsonObject *object;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_nonnull (response->json);
  object = json_node_get_object (response->json);
  g_assert_cmpstr (json_object_get_string_member (object, "__type"), ==, type);
  g_assert_true (json_object_has_member (object, "message"));
}
