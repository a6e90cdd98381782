/* test-ecs-client.c: the ECS client against a signature-checking SoupServer
 * on loopback.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "c3v-ecs-client.h"
#include "c3v-ecs-error-private.h"
#include "test-ecs-call.h"
#include "test-ecs-server.h"

#define TARGET_PREFIX "AmazonEC2ContainerServiceV20141113."
#define WAIT_MS       5000

/* Every log line while set (see capture_writer). */
static GString *captured_log;

/* --- helpers -------------------------------------------------------------- */

static gboolean
server_has_request (gconstpointer data)
{
  const TestServer *ts = data;

  return ts->requests > 0;
}

static gboolean
log_has_retry (gconstpointer data)
{
  return captured_log != NULL && strstr (captured_log->str, "retrying") != NULL;
}

static C3vEcsClient *
client_for (TestServer *ts, const char *token)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new (ACCESS_KEY, SECRET, token, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);

  return c3v_ecs_client_new (provider, REGION, ts->url);
}

static void
call_and_wait (C3vEcsClient *client, const char *operation, JsonObject *request, CallResult *r)
{
  c3v_ecs_client_call_async (client, operation, request, NULL, call_done, r);
  wait_for (&r->done, WAIT_MS);
}

/* Tests that change the environment run in a child process of their own,
 * where no thread exists yet to race with setenv(). Returns TRUE in the
 * child; in the parent it runs the child and checks it passed. */
static gboolean
in_fresh_process (void)
{
  if (g_test_subprocess ())
    return TRUE;

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_success (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_autoptr (JsonObject) request = json_object_new ();
  g_auto (CallResult) r = { 0 };
  JsonArray *arns;

  json_object_set_string_member (request, "cluster", "prod-\xc3\xbc");
  call_and_wait (client, "ListClusters", request, &r);

  g_assert_no_error (r.error);
  arns = json_object_get_array_member (r.result, "clusterArns");
  g_assert_cmpuint (json_array_get_length (arns), ==, 1);
  g_assert_cmpuint (ts->requests, ==, 1);
  g_assert_cmpuint (ts->bad_signatures, ==, 0);
  g_assert_cmpstr (ts->last_target, ==, TARGET_PREFIX "ListClusters");
  g_assert_cmpstr (ts->last_signed_headers, ==, "content-type;host;x-amz-date;x-amz-target");
  g_assert_cmpstr (ts->last_body, ==, "{\"cluster\":\"prod-\xc3\xbc\"}");
  g_assert_null (ts->last_token);
  g_assert_cmpuint (c3v_ecs_client_get_call_count (client, "ListClusters"), ==, 1);
  g_assert_cmpuint (c3v_ecs_client_get_call_count (client, "ListTasks"), ==, 0);
}

static void
test_empty_request (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (ts->last_body, ==, "{}");
}

/* A server that knows another secret rejects the signature. */
static void
test_bad_signature (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  ts->secret = "another/secret";
  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_SIGNATURE);
  g_assert_cmpuint (ts->bad_signatures, ==, 1);
  g_assert_cmpuint (ts->requests, ==, 1);
}

/* The desktop clock is an hour off: learn the skew from Date, sign again. */
static void
test_clock_skew (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) first = { 0 };
  g_auto (CallResult) second = { 0 };

  ts->clock_offset_s = 3600;
  call_and_wait (client, "ListClusters", NULL, &first);
  g_assert_no_error (first.error);
  g_assert_cmpuint (ts->requests, ==, 2);

  /* The skew is remembered: the next call is right the first time. */
  call_and_wait (client, "ListClusters", NULL, &second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (ts->requests, ==, 3);
}

/* A service whose clock keeps moving is not chased forever. */
static void
test_clock_skew_once (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  ts->clock_offset_s = -7200;
  c3v_ecs_client_call_async (client, "ListClusters", NULL, NULL, call_done, &r);
  /* Once the first rejection is sent, move the service's clock again. */
  wait_until (server_has_request, ts, WAIT_MS);
  ts->clock_offset_s = 7200;
  wait_for (&r.done, WAIT_MS);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_SIGNATURE);
  g_assert_cmpuint (ts->requests, ==, 2);
}

static void
test_session_token (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, SESSION_TOKEN);
  g_auto (CallResult) r = { 0 };

  ts->session_token = SESSION_TOKEN;
  call_and_wait (client, "DescribeClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ts->bad_signatures, ==, 0);
  g_assert_cmpstr (ts->last_token, ==, SESSION_TOKEN);
  g_assert_cmpstr (ts->last_signed_headers, ==,
                   "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
}

static void
test_error_type_normalization (void)
{
  struct
  {
    const char *type;
    const char *code;
  } cases[] = {
    { "com.amazonaws.ecs#ClusterNotFoundException", "ClusterNotFoundException" },
    { "ClusterNotFoundException:http://internal.amazon.com/", "ClusterNotFoundException" },
    { "aws.protocoltests#AccessDeniedException:http://x/", "AccessDeniedException" },
    { "ThrottlingException", "ThrottlingException" },
    /* The suffix is cut first: a '#' inside it is not the prefix's. */
    { "com.amazonaws.ecs#ThrottlingException:http://internal/#frag", "ThrottlingException" },
    { "ServerException:http://internal/#frag", "ServerException" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = c3v_ecs_error_normalize_type (cases[i].type);

      g_assert_cmpstr (code, ==, cases[i].code);
    }
  g_assert_null (c3v_ecs_error_normalize_type (NULL));
}

static void
expect_error (const Reply *reply, int code, const char *message)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  test_server_script (ts, reply, 1);
  call_and_wait (client, "ListTasks", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, code);
  g_assert_cmpstr (r.error->message, ==, message);
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_error_parsing (void)
{
  static const Reply not_found
      = { 400,
          "{\"__type\":\"com.amazonaws.ecs#ClusterNotFoundException:http://internal/\","
          "\"message\":\"Cluster not found.\"}",
          NULL };
  static const Reply denied = {
    400,
    "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::123456789012:user/dev "
    "is not authorized to perform: ecs:ListTasks on resource: *\"}",
    NULL
  };
  static const Reply header_only = { 400, "{}", "InvalidParameterException:http://x/" };
  static const Reply html = { 403, "<html>Forbidden</html>", NULL };

  expect_error (&not_found, C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
                "ClusterNotFoundException: Cluster not found.");
  expect_error (&denied, C3V_ECS_ERROR_ACCESS_DENIED,
                "AccessDeniedException: User: arn:aws:iam::123456789012:user/dev "
                "is not authorized to perform: ecs:ListTasks on resource: *");
  expect_error (&header_only, C3V_ECS_ERROR_INVALID_PARAMETER,
                "InvalidParameterException (HTTP status 400)");
  expect_error (&html, C3V_ECS_ERROR_FAILED, "Unexpected HTTP status 403");
}

static const Reply throttled
    = { 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", NULL };
static const Reply server_error
    = { 500, "{\"__type\":\"ServerException\",\"message\":\"Service unavailable, try again.\"}",
        NULL };

static void
test_throttled_then_success (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  test_server_script (ts, &throttled, 1);
  call_and_wait (client, "DescribeTasks", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.result);
  g_assert_cmpuint (ts->requests, ==, 2);
  g_assert_cmpuint (ts->bad_signatures, ==, 0);
  g_assert_cmpuint (c3v_ecs_client_get_call_count (client, "DescribeTasks"), ==, 1);
}

/* A timeout the service reports itself is retried like a 5xx. */
static void
test_request_timeout_retried (void)
{
  static const Reply timeout
      = { 400, "{\"__type\":\"RequestTimeoutException\",\"message\":\"Timed out\"}", NULL };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  test_server_script (ts, &timeout, 1);
  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.result);
  g_assert_cmpuint (ts->requests, ==, 2);
}

/* Throttling gets far more attempts than other errors (3), then fails. */
static void
test_throttled_exhausted (void)
{
  g_autofree Reply *script = g_new0 (Reply, C3V_RETRY_THROTTLED_MAX_ATTEMPTS + 1);
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  for (guint i = 0; i <= C3V_RETRY_THROTTLED_MAX_ATTEMPTS; i++)
    script[i] = throttled;
  test_server_script (ts, script, C3V_RETRY_THROTTLED_MAX_ATTEMPTS + 1);
  call_and_wait (client, "DescribeTasks", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_THROTTLED);
  g_assert_cmpuint (ts->requests, ==, C3V_RETRY_THROTTLED_MAX_ATTEMPTS);
  g_assert_cmpuint (c3v_ecs_client_get_throttled_count (client), ==,
                    C3V_RETRY_THROTTLED_MAX_ATTEMPTS);
  g_assert_false (c3v_ecs_client_get_throttled (client));
}

/* A proxy or gateway may say 429 with no AWS error at all. */
static void
test_bare_429_retried (void)
{
  static const Reply script[]
      = { { 429, "<html>Too Many Requests</html>", NULL }, { 429, "", NULL } };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  test_server_script (ts, script, G_N_ELEMENTS (script));
  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ts->requests, ==, 3);
  g_assert_cmpuint (c3v_ecs_client_get_throttled_count (client), ==, 2);
}

static gboolean
client_throttled (gconstpointer data)
{
  return c3v_ecs_client_get_throttled ((C3vEcsClient *) data);
}

/* Retry-After is honoured (here 1 s, far above the tests' 1 ms backoff),
 * and "throttled" tells while the call waits. */
static void
test_retry_after_honoured (void)
{
  static const Reply slow_down = { 429, "", NULL, "1" };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };
  guint notified = 0;

  g_signal_connect (client, "notify::throttled", G_CALLBACK (count_notify), &notified);
  test_server_script (ts, &slow_down, 1);
  c3v_ecs_client_call_async (client, "ListClusters", NULL, NULL, call_done, &r);
  wait_until (client_throttled, client, WAIT_MS);
  wait_for (&r.done, WAIT_MS);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ts->requests, ==, 2);
  g_assert_cmpint (ts->last_request_us - ts->previous_request_us, >=, G_USEC_PER_SEC);
  g_assert_false (c3v_ecs_client_get_throttled (client));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_server_error_three_times (void)
{
  static const Reply script[] = { server_error, server_error, server_error, server_error };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  test_server_script (ts, script, G_N_ELEMENTS (script));
  call_and_wait (client, "ListContainerInstances", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_SERVER);
  g_assert_cmpstr (r.error->message, ==, "ServerException: Service unavailable, try again.");
  g_assert_cmpuint (ts->requests, ==, 3);
}

static void
test_max_attempts_env (void)
{
  static const Reply script[] = { server_error, server_error };
  g_autoptr (TestServer) ts = NULL;
  g_autoptr (C3vEcsClient) client = NULL;
  g_auto (CallResult) r = { 0 };

  if (!in_fresh_process ())
    return;

  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  ts = test_server_new ();
  client = client_for (ts, NULL);

  test_server_script (ts, script, G_N_ELEMENTS (script));
  call_and_wait (client, "ListContainerInstances", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_SERVER);
  g_assert_cmpuint (ts->requests, ==, 1);
}

/* A 200 that is not JSON arrived whole: asking again would not help. */
static void
test_malformed (void)
{
  static const Reply script[] = {
    { 200, "this is not json", NULL },
    { 200, "{\"tasks\":[{\"taskArn\":\"arn", NULL },
    { 200, "[\"an array, not an object\"]", NULL },
  };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);

  test_server_script (ts, script, G_N_ELEMENTS (script));
  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    {
      g_auto (CallResult) r = { 0 };

      call_and_wait (client, "DescribeTasks", NULL, &r);
      g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE);
      g_assert_cmpuint (ts->requests, ==, i + 1);
    }
}

/* A loopback port nothing listens on: bind one, note it, close it. */
static guint
unused_port (void)
{
  g_autoptr (GSocket) socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_connection_refused (void)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new (ACCESS_KEY, SECRET, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr (C3vEcsClient) client = c3v_ecs_client_new (provider, REGION, url);
  g_auto (CallResult) r = { 0 };

  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK);
}

static void
test_invalid_endpoint (void)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new (ACCESS_KEY, SECRET, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vEcsClient) client = c3v_ecs_client_new (provider, REGION, "ftp://example.com");
  g_auto (CallResult) r = { 0 };

  call_and_wait (client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK);
}

/* The client is dropped right after the call: the call keeps it alive,
 * and cancelling completes the call at once. */
static void
test_cancel_in_flight (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  C3vEcsClient *client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  ts->delay_ms = 30000;
  c3v_ecs_client_call_async (client, "ListTasks", NULL, cancellable, call_done, &r);
  g_object_unref (client);
  wait_until (server_has_request, ts, WAIT_MS);
  g_cancellable_cancel (cancellable);
  wait_for (&r.done, 1000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_queued (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) first = { 0 };
  g_auto (CallResult) second = { 0 };

  c3v_ecs_client_set_max_in_flight (client, 1);
  ts->delay_ms = 200;
  c3v_ecs_client_call_async (client, "ListTasks", NULL, NULL, call_done, &first);
  c3v_ecs_client_call_async (client, "ListTasks", NULL, cancellable, call_done, &second);
  g_cancellable_cancel (cancellable);
  wait_for (&second.done, 1000);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (first.done);

  wait_for (&first.done, WAIT_MS);
  g_assert_no_error (first.error);
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_cancel_backoff (void)
{
  g_autoptr (TestServer) ts = NULL;
  g_autoptr (GCancellable) cancellable = NULL;
  C3vEcsClient *client;
  g_auto (CallResult) r = { 0 };

  if (!in_fresh_process ())
    return;

  /* Backoff of up to 60 s: only cancelling can end the wait in time. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "60000", TRUE);
  ts = test_server_new ();
  cancellable = g_cancellable_new ();
  client = client_for (ts, NULL);

  test_server_script (ts, &server_error, 1);
  captured_log = g_string_new (NULL);
  c3v_ecs_client_call_async (client, "ListTasks", NULL, cancellable, call_done, &r);
  g_object_unref (client);
  wait_until (log_has_retry, NULL, WAIT_MS);
  g_cancellable_cancel (cancellable);
  wait_for (&r.done, 1000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ts->requests, ==, 1);
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

static void
test_cancelled_before (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_auto (CallResult) r = { 0 };

  g_cancellable_cancel (cancellable);
  c3v_ecs_client_call_async (client, "ListTasks", NULL, cancellable, call_done, &r);
  wait_for (&r.done, 1000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ts->requests, ==, 0);
}

static void
count_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  guint *remaining = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer
      = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  (*remaining)--;
}

static void
test_in_flight_bound (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  guint remaining = 10;

  g_assert_cmpuint (c3v_ecs_client_get_max_in_flight (client), ==, 16);
  g_object_set (client, "max-in-flight", 3, NULL);
  g_assert_cmpuint (c3v_ecs_client_get_max_in_flight (client), ==, 3);
  ts->delay_ms = 50;
  for (guint i = 0; i < 10; i++)
    c3v_ecs_client_call_async (client, "DescribeTasks", NULL, NULL, count_done, &remaining);

  wait_until (counted_down, &remaining, WAIT_MS);

  g_assert_cmpuint (ts->requests, ==, 10);
  g_assert_cmpuint (ts->peak_in_flight, ==, 3);
  g_assert_cmpuint (c3v_ecs_client_get_peak_in_flight (client), ==, 3);
}

static void
paginate (C3vEcsClient *client, Paging *paging)
{
  g_autoptr (JsonObject) request = json_object_new ();

  json_object_set_string_member (request, "cluster", "default");
  c3v_ecs_client_paginate_async (client, "ListTasks", request, "taskArns", collect_page, paging,
                                 NULL, NULL, paginate_done, paging);
  wait_for (&paging->done, WAIT_MS);
  /* The caller's request is not modified. */
  g_assert_false (json_object_has_member (request, "nextToken"));
}

static void
test_paginate (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0 };

  paginate (client, &paging);
  g_assert_no_error (paging.error);
  g_assert_true (paging.ok);
  g_assert_cmpuint (paging.pages, ==, 3);
  g_assert_cmpuint (paging.n_items, ==, 4);
  g_assert_cmpuint (arns->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (arns, 3), ==, "task-4");
  g_assert_cmpuint (ts->requests, ==, 3);
  g_assert_nonnull (strstr (ts->last_body, "\"nextToken\":\"t2\""));
  g_assert_nonnull (strstr (ts->last_body, "\"cluster\":\"default\""));
}

static void
test_paginate_stop (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0, 1 };

  paginate (client, &paging);
  g_assert_no_error (paging.error);
  g_assert_cmpuint (paging.pages, ==, 1);
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_paginate_repeated_token (void)
{
  static const Reply script[] = {
    { 200, "{\"taskArns\":[\"a\"],\"nextToken\":\"same\"}", NULL },
    { 200, "{\"taskArns\":[\"b\"],\"nextToken\":\"same\"}", NULL },
  };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0 };

  test_server_script (ts, script, G_N_ELEMENTS (script));
  paginate (client, &paging);
  g_assert_error (paging.error, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE);
  g_assert_cmpuint (ts->requests, ==, 2);
  g_clear_error (&paging.error);
}

/* An empty nextToken ends the listing, as a missing one does. */
static void
test_paginate_empty_token (void)
{
  static const Reply script[] = {
    { 200, "{\"taskArns\":[\"a\"],\"nextToken\":\"\"}", NULL },
  };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, NULL);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0 };

  test_server_script (ts, script, G_N_ELEMENTS (script));
  paginate (client, &paging);
  g_assert_no_error (paging.error);
  g_assert_cmpuint (paging.pages, ==, 1);
  g_assert_cmpuint (arns->len, ==, 1);
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_split_batches (void)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) batches = NULL;
  g_autoptr (GPtrArray) none = NULL;
  GPtrArray *last;

  for (guint i = 0; i < 250; i++)
    g_ptr_array_add (ids, g_strdup_printf ("arn-%u", i));

  batches = c3v_ecs_split_batches (ids, 100);
  g_assert_cmpuint (batches->len, ==, 3);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (batches, 0))->len, ==, 100);
  last = g_ptr_array_index (batches, 2);
  g_assert_cmpuint (last->len, ==, 50);
  /* Borrowed, not copied. */
  g_assert_true (g_ptr_array_index (last, 49) == g_ptr_array_index (ids, 249));

  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = c3v_ecs_split_batches (ids, 10);
  g_assert_cmpuint (batches->len, ==, 25);

  g_ptr_array_set_size (ids, 0);
  none = c3v_ecs_split_batches (ids, 100);
  g_assert_cmpuint (none->len, ==, 0);
}

/* --- secret hygiene ------------------------------------------------------ */

static GLogWriterOutput
capture_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields,
                gpointer user_data)
{
  for (gsize i = 0; captured_log != NULL && i < n_fields; i++)
    {
      gssize length = fields[i].length < 0 ? (gssize) strlen (fields[i].value) : fields[i].length;

      g_string_append_printf (captured_log, "%s=%.*s\n", fields[i].key, (int) length,
                              (const char *) fields[i].value);
    }

  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (text, SESSION_TOKEN));
  g_assert_null (strstr (text, "Signature="));
}

static void
test_secret_hygiene (void)
{
  static const Reply script[] = {
    { 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", NULL },
    { 200, "{\"clusterArns\":[]}", NULL },
    { 400, "{\"__type\":\"AccessDeniedException\",\"message\":\"denied\"}", NULL },
    { 200, "not json", NULL },
    /* AWS quotes the canonical request it expected, token included. */
    { 403,
      "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request signature we "
      "calculated does not match.\\n\\nThe Canonical String for this request should have been\\n"
      "'POST\\n/\\n\\nx-amz-security-token:" SESSION_TOKEN "\\n'\"}",
      NULL },
    /* A service echoing the token on one line must not leak it either. */
    { 400, "{\"__type\":\"ValidationException\",\"message\":\"Bad token " SESSION_TOKEN "\"}",
      NULL },
  };
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (C3vEcsClient) client = client_for (ts, SESSION_TOKEN);
  g_autofree char *refused_url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr (C3vEcsClient) refused = NULL;

  ts->session_token = SESSION_TOKEN;
  test_server_script (ts, script, G_N_ELEMENTS (script));
  captured_log = g_string_new (NULL);

  /* The first call is throttled once, then answered: five calls in all. */
  for (guint i = 0; i < 5; i++)
    {
      g_auto (CallResult) r = { 0 };

      call_and_wait (client, "ListClusters", NULL, &r);
      if (r.error != NULL)
        assert_no_secret (r.error->message);
      if (i == 3)
        g_assert_cmpstr (
            r.error->message, ==,
            "InvalidSignatureException: The request signature we calculated does not match.");
      if (i == 4)
        g_assert_cmpstr (r.error->message, ==, "ValidationException: Bad token [redacted]");
    }
  ts->secret = "wrong";
  {
    g_auto (CallResult) r = { 0 };

    call_and_wait (client, "ListClusters", NULL, &r);
    g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_SIGNATURE);
    assert_no_secret (r.error->message);
  }
  {
    g_autoptr (C3vCredentials) credentials
        = c3v_credentials_new (ACCESS_KEY, SECRET, SESSION_TOKEN, 0);
    g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
    g_auto (CallResult) r = { 0 };

    refused = c3v_ecs_client_new (provider, REGION, refused_url);
    call_and_wait (refused, "ListClusters", NULL, &r);
    g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK);
    assert_no_secret (r.error->message);
  }

  /* The log did see the calls, so the check above is not vacuous. */
  g_assert_nonnull (strstr (captured_log->str, "ListClusters: HTTP 200"));
  g_assert_nonnull (strstr (captured_log->str, "ListClusters: HTTP 400"));
  assert_no_secret (captured_log->str);
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

int
main (int argc, char *argv[])
{
  /* Every message, debug included, must be free of secrets. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  /* Backoff in milliseconds instead of seconds. Set before any thread runs. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "1", TRUE);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  /* Loopback is reached directly, whatever proxy (or WPAD lookup, slow
   * without a network) the machine is set up for. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs-client/success", test_success);
  g_test_add_func ("/ecs-client/empty-request", test_empty_request);
  g_test_add_func ("/ecs-client/bad-signature", test_bad_signature);
  g_test_add_func ("/ecs-client/session-token", test_session_token);
  g_test_add_func ("/ecs-client/clock-skew", test_clock_skew);
  g_test_add_func ("/ecs-client/clock-skew-once", test_clock_skew_once);
  g_test_add_func ("/ecs-client/error-type-normalization", test_error_type_normalization);
  g_test_add_func ("/ecs-client/error-parsing", test_error_parsing);
  g_test_add_func ("/ecs-client/throttled-then-success", test_throttled_then_success);
  g_test_add_func ("/ecs-client/throttled-exhausted", test_throttled_exhausted);
  g_test_add_func ("/ecs-client/bare-429-retried", test_bare_429_retried);
  g_test_add_func ("/ecs-client/retry-after-honoured", test_retry_after_honoured);
  g_test_add_func ("/ecs-client/request-timeout-retried", test_request_timeout_retried);
  g_test_add_func ("/ecs-client/server-error-three-times", test_server_error_three_times);
  g_test_add_func ("/ecs-client/max-attempts-env", test_max_attempts_env);
  g_test_add_func ("/ecs-client/malformed", test_malformed);
  g_test_add_func ("/ecs-client/connection-refused", test_connection_refused);
  g_test_add_func ("/ecs-client/invalid-endpoint", test_invalid_endpoint);
  g_test_add_func ("/ecs-client/cancel/in-flight", test_cancel_in_flight);
  g_test_add_func ("/ecs-client/cancel/queued", test_cancel_queued);
  g_test_add_func ("/ecs-client/cancel/backoff", test_cancel_backoff);
  g_test_add_func ("/ecs-client/cancel/before", test_cancelled_before);
  g_test_add_func ("/ecs-client/in-flight-bound", test_in_flight_bound);
  g_test_add_func ("/ecs-client/paginate/all", test_paginate);
  g_test_add_func ("/ecs-client/paginate/stop", test_paginate_stop);
  g_test_add_func ("/ecs-client/paginate/repeated-token", test_paginate_repeated_token);
  g_test_add_func ("/ecs-client/paginate/empty-token", test_paginate_empty_token);
  g_test_add_func ("/ecs-client/split-batches", test_split_batches);
  g_test_add_func ("/ecs-client/secret-hygiene", test_secret_hygiene);

  return g_test_run ();
}
