/* test-hostile.c: the ECS client and the credential sources against an
 * endpoint that answers badly on purpose (test-hostile-server), and the
 * bounds of c3v-untrusted on their own.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "c3v-aws-config.h"
#include "c3v-aws-profile-set.h"
#include "c3v-credentials-chain.h"
#include "c3v-ecs-client-private.h"
#include "c3v-fake-ecs.h"
#include "c3v-loader.h"
#include "c3v-untrusted.h"
#include "test-credentials-support.h"
#include "test-ecs-call.h"
#include "test-hostile-server.h"

#define ACCESS_KEY "AKIAHOSTILETEST00001"
#define SECRET     "hostile/test/secret+key0000000000000000"
#define TOKEN      "IQoJHOSTILESESSIONTOKEN/with+signs=="
#define WAIT_MS    10000

/* `{"clusters":` and @depth `[`: json-glib 1.6 recurses once per `[`. */
static char *
deep_json (guint depth)
{
  GString *text = g_string_new ("{\"clusters\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  return g_string_free (text, FALSE);
}

static C3vEcsClient *
client_for (const char *url)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new (ACCESS_KEY, SECRET, TOKEN, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);

  return c3v_ecs_client_new (provider, "eu-west-1", url);
}

static void
call_and_wait (C3vEcsClient *client, CallResult *r)
{
  c3v_ecs_client_call_async (client, "ListClusters", NULL, NULL, call_done, r);
  wait_for (&r->done, WAIT_MS);
}

/* --- c3v-untrusted on its own ----------------------------------------------- */

static void
test_json_depth (void)
{
  g_autofree char *deep = deep_json (100000);
  g_autoptr (GString) nested = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  root = c3v_untrusted_json_parse (deep, strlen (deep), C3V_UNTRUSTED_MAX_ANSWER_BYTES, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "nested more than 100 levels"));
  g_clear_error (&error);

  /* As deep as allowed parses; brackets inside strings do not count. */
  for (guint i = 0; i < C3V_UNTRUSTED_MAX_JSON_DEPTH - 1; i++)
    g_string_append_c (nested, '[');
  g_string_append (nested, "\"[[[[{{{{\\\"[[[[\"");
  for (guint i = 0; i < C3V_UNTRUSTED_MAX_JSON_DEPTH - 1; i++)
    g_string_append_c (nested, ']');
  g_string_prepend (nested, "{\"a\":");
  g_string_append_c (nested, '}');
  root = c3v_untrusted_json_parse (nested->str, nested->len, nested->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);

  /* One byte over the limit is refused before parsing. */
  root = c3v_untrusted_json_parse (nested->str, nested->len, nested->len - 1, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

static void
test_read_file_refuses (void)
{
  g_autofree char *dir = g_dir_make_tmp ("c3vis-hostile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *big = g_build_filename (dir, "big", NULL);
  g_autofree char *filler = g_strnfill (1001, 'x');
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  /* A FIFO without a writer would block a plain open(). */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (c3v_untrusted_read_file (fifo, 1000, &contents, &length, &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_false (c3v_untrusted_read_file ("/dev/zero", 1000, &contents, &length, &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (big, filler, -1, NULL));
  g_assert_false (c3v_untrusted_read_file (big, 1000, &contents, &length, &error));
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);

  g_assert_true (c3v_untrusted_read_file (big, 1001, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 1001);
  g_assert_cmpstr (contents, ==, filler);

  g_assert_false (c3v_untrusted_read_file (dir, 1000, &contents, &length, &error));
  g_clear_error (&error);
  g_assert_false (c3v_untrusted_read_file ("/nonexistent/c3vis", 1000, &contents, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (fifo);
  g_unlink (big);
  g_rmdir (dir);
}

/* --- the ECS client --------------------------------------------------------- */

static void
assert_ecs_error (const char *url, guint timeout_ms, int code, const char *says, CallResult *r)
{
  g_autoptr (C3vEcsClient) client = client_for (url);

  c3v_ecs_client_set_call_timeout (client, timeout_ms);
  call_and_wait (client, r);
  g_assert_null (r->result);
  g_assert_error (r->error, C3V_ECS_ERROR, code);
  if (strstr (r->error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", r->error->message, says);
  g_assert_null (strstr (r->error->message, "Could not reach"));
}

static void
test_ecs_deep_answer (void)
{
  g_autofree char *deep = deep_json (100000);
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 200, deep);
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                    "ListClusters returned a malformed answer: it is nested more than", &r);
  g_assert_cmpint (server->requests, ==, 1);
}

/* An error body is parsed too (for __type and message). */
static void
test_ecs_deep_error (void)
{
  g_autofree char *deep = deep_json (100000);
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 400, deep);
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_FAILED, "HTTP status 400", &r);
}

/* One byte every 200 ms: the idle timeout never fires, the deadline does,
 * and the attempt is retried as a timeout. */
static void
test_ecs_trickle (void)
{
  g_autoptr (HostileServer) server
      = hostile_server_new (HOSTILE_TRICKLE, 200, "{\"clusterArns\":[\"a\",\"b\",\"c\"]}");
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, 300, C3V_ECS_ERROR_NETWORK, "ListClusters at 127.0.0.1:", &r);
  g_assert_nonnull (strstr (r.error->message, "no complete answer within 1 s"));
  g_assert_cmpint (server->requests, ==, 3);
}

static void
test_ecs_endless (void)
{
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ENDLESS, 200, NULL);
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                    "malformed answer: it is larger than 8.0", &r);
  g_assert_cmpint (server->requests, ==, 1);
}

static void
test_ecs_declared_huge (void)
{
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_HUGE_SIZE, 200, "{");
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_MALFORMED_RESPONSE, "it is larger than 8.0",
                    &r);
}

static void
test_ecs_cut_off (void)
{
  g_autoptr (HostileServer) server
      = hostile_server_new (HOSTILE_CUT_OFF, 200, "{\"clusterArns\":[\"a\",");
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_NETWORK, "the answer was cut off", &r);
  g_assert_cmpint (server->requests, ==, 3);
}

/* A redirect to another host is an answer, not a place to send the signed
 * request (and its session token) again. */
static void
test_ecs_redirect (void)
{
  g_autoptr (HostileServer) elsewhere = hostile_server_new (HOSTILE_ANSWER, 200, "{}");
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 307, "");
  g_auto (CallResult) r = { 0 };

  server->location = g_strdup_printf ("%s/stolen", elsewhere->url);
  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_FAILED, "HTTP status 307", &r);
  g_assert_cmpint (elsewhere->requests, ==, 0);
}

/* A server's message reaches a terminal: one line, no escapes, and not the
 * signature it quotes. */
static void
test_ecs_error_text (void)
{
  static const char body[]
      = "{\"__type\":\"InvalidSignatureException\",\"message\":\"\\u001b[2J\\r\\n"
        "\\u001b]0;pwned\\u0007Signature mismatch for Authorization: AWS4-HMAC-SHA256 "
        "Credential=" ACCESS_KEY "/20260101/eu-west-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef\\u0007\\n"
        "x-amz-security-token:" TOKEN "\\nsecret " SECRET "\"}";
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 403, body);
  g_auto (CallResult) r = { 0 };

  assert_ecs_error (server->url, WAIT_MS, C3V_ECS_ERROR_INVALID_SIGNATURE,
                    "InvalidSignatureException: Signature mismatch for Authorization", &r);
  g_assert_nonnull (strstr (r.error->message, "Signature=[redacted]"));
  g_assert_null (strstr (r.error->message, "0123456789abcdef"));
  g_assert_null (strstr (r.error->message, TOKEN));
  g_assert_null (strstr (r.error->message, SECRET));
  for (const char *c = r.error->message; *c != '\0'; c++)
    g_assert_false (g_ascii_iscntrl (*c));
}

static void
test_one_line (void)
{
  g_autofree char *a = c3v_untrusted_one_line ("\n \033[1;31m\r\nfirst\tline\a\nsecond", 100);
  g_autofree char *b = c3v_untrusted_one_line ("abcdef", 3);
  g_autofree char *c = c3v_untrusted_one_line ("bad \xff utf8 \xe2\x80\xae reversed", 100);
  g_autoptr (GString) redacted
      = g_string_new ("X-Amz-Signature=abc&X-Amz-Security-Token=tok; Signature=def, s3cr3t");
  const char *secrets[] = { "s3cr3t", NULL };

  g_assert_cmpstr (a, ==, "first line");
  g_assert_cmpstr (b, ==, "abc…");
  g_assert_cmpstr (c, ==, "bad \xef\xbf\xbd utf8  reversed");
  c3v_untrusted_redact (redacted, secrets);
  g_assert_cmpstr (redacted->str, ==,
                   "X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]; "
                   "Signature=[redacted], [redacted]");
}

/* --- pagination -------------------------------------------------------------- */

static void
paginate_and_wait (C3vEcsClient *client, Paging *paging)
{
  g_autoptr (JsonObject) request = json_object_new ();

  json_object_set_string_member (request, "cluster", "staging");
  c3v_ecs_client_paginate_async (client, "ListTasks", request, "taskArns", collect_page, paging,
                                 NULL, NULL, paginate_done, paging);
  wait_for (&paging->done, WAIT_MS);
}

/* Tokens A, B, A, ...: no token repeats twice in a row, the chain still
 * never ends. */
static void
cycle_handler (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query,
               gpointer user_data)
{
  guint           *requests = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (message);
  const char      *answer = strstr (request->data, "\"nextToken\":\"A\"") != NULL
                                ? "{\"taskArns\":[],\"nextToken\":\"B\"}"
                                : "{\"taskArns\":[\"t\"],\"nextToken\":\"A\"}";

  (*requests)++;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/x-amz-json-1.1", SOUP_MEMORY_STATIC,
                                    answer, strlen (answer));
}

static void
test_pagination_cycle (void)
{
  g_autofree char *url = NULL;
  guint            requests = 0;
  g_autoptr (SoupServer) server = test_server_new (cycle_handler, &requests, &url);
  g_autoptr (C3vEcsClient) client = client_for (url);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0 };

  paginate_and_wait (client, &paging);
  g_assert_error (paging.error, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE);
  g_assert_nonnull (strstr (paging.error->message, "a page token it had returned before"));
  g_assert_cmpuint (requests, ==, 3);
  g_clear_error (&paging.error);
}

/* --- against the fake endpoint's hostile faults ------------------------------ */

static C3vFakeEcs *
fake_new (void)
{
  static const C3vFakeEcsOptions options = { .seed = 9 };
  C3vFakeEcs                    *fake = c3v_fake_ecs_new (&options);
  g_autoptr (GError) error = NULL;

  c3v_fake_ecs_start (fake, 0, &error);
  g_assert_no_error (error);
  return fake;
}

static C3vEcsClient *
client_for_fake (C3vFakeEcs *fake)
{
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);

  return c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (fake));
}

/* A fresh token on every page: only the bound on pages ends it. */
static void
test_fake_endless_pagination (void)
{
  g_autoptr (C3vFakeEcs) fake = fake_new ();
  g_autoptr (C3vEcsClient) client = client_for_fake (fake);
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  Paging paging = { arns, 0 };

  c3v_ecs_client_set_max_pages (client, 50);
  c3v_fake_ecs_add_fault (fake, "ListTasks", C3V_FAKE_FAULT_ENDLESS_PAGINATION, 1);
  paginate_and_wait (client, &paging);
  g_assert_error (paging.error, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE);
  g_assert_cmpstr (paging.error->message, ==,
                   "ListTasks returned more than 50 pages; no cluster holds that much");
  g_assert_cmpuint (c3v_fake_ecs_get_call_log (fake)->len, ==, 50);
  g_clear_error (&paging.error);
}

static void
fake_call_fails (C3vFakeFault fault, guint timeout_ms, int code, const char *says)
{
  g_autoptr (C3vFakeEcs) fake = fake_new ();
  g_autoptr (C3vEcsClient) client = client_for_fake (fake);
  g_auto (CallResult) r = { 0 };

  c3v_fake_ecs_set_trickle_interval (fake, 50);
  c3v_fake_ecs_add_fault (fake, "ListClusters", fault, 10);
  c3v_ecs_client_set_call_timeout (client, timeout_ms);
  call_and_wait (client, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, code);
  if (strstr (r.error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", r.error->message, says);
}

static void
test_fake_faults (void)
{
  fake_call_fails (C3V_FAKE_FAULT_DEEP_JSON, WAIT_MS, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                   "nested more than 100 levels");
  fake_call_fails (C3V_FAKE_FAULT_OVERSIZE, WAIT_MS, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                   "larger than 8.0");
  fake_call_fails (C3V_FAKE_FAULT_TRICKLE, 200, C3V_ECS_ERROR_NETWORK,
                   "no complete answer within 1 s");
  /* The fake answers 421 to whoever follows its redirect. */
  fake_call_fails (C3V_FAKE_FAULT_REDIRECT, WAIT_MS, C3V_ECS_ERROR_FAILED, "HTTP status 307");
}

typedef struct
{
  gboolean     done;
  C3vSnapshot *snapshot;
  C3vSnapshot *partial;
  GError      *error;
} LoadResult;

static void
load_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  LoadResult *r = user_data;

  r->snapshot = c3v_loader_load_finish (C3V_LOADER (object), result, &r->partial, &r->error);
  r->done = TRUE;
}

/* Every call keeps going (one byte every 50 ms is far from a call's
 * deadline), but the load as a whole has one. */
static void
test_load_deadline (void)
{
  g_autoptr (C3vFakeEcs) fake = fake_new ();
  g_autoptr (C3vEcsClient) client = client_for_fake (fake);
  g_autoptr (C3vLoader) loader = c3v_loader_new (client, NULL);
  LoadResult r = { 0 };
  gint64     start = g_get_monotonic_time ();

  c3v_fake_ecs_set_trickle_interval (fake, 50);
  c3v_fake_ecs_add_fault (fake, "ListTasks", C3V_FAKE_FAULT_TRICKLE, 100);
  c3v_loader_set_load_timeout (loader, 1);
  c3v_loader_load_async (loader, "staging", NULL, load_done, &r);
  wait_for (&r.done, WAIT_MS);

  g_assert_null (r.snapshot);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK);
  g_assert_cmpstr (r.error->message, ==, "Loading cluster “staging” did not finish within 1 s");
  g_assert_nonnull (r.partial);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_pointer (&r.partial, c3v_snapshot_unref);
  g_clear_error (&r.error);
}

/* --- credential sources ----------------------------------------------------- */

static char *
write_config (const char *home, const char *text)
{
  return test_home_write (home, ".aws/config", text);
}

static void
assert_no_leak_to (HostileServer *elsewhere, const char *secret)
{
  g_autofree char *seen = hostile_server_dup_request_headers (elsewhere);

  g_assert_cmpint (elsewhere->requests, ==, 0);
  g_assert_null (strstr (seen, secret));
}

static void
test_sts_redirect (void)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (HostileServer) elsewhere = hostile_server_new (HOSTILE_ANSWER, 200, "");
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 307, "");
  g_autofree char *config = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  server->location = g_strdup_printf ("%s/stolen", elsewhere->url);
  config = g_strdup_printf ("[profile base]\n"
                            "aws_access_key_id = " ACCESS_KEY "\n"
                            "aws_secret_access_key = " SECRET "\n"
                            "aws_session_token = " TOKEN "\n"
                            "[profile role]\n"
                            "role_arn = arn:aws:iam::123456789012:role/r\n"
                            "source_profile = base\n"
                            "region = eu-west-1\n"
                            "endpoint_url = %s\n",
                            server->url);
  g_free (write_config (home, config));

  credentials = test_get_credentials_for_profile ("role", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  g_assert_cmpint (server->requests, ==, 1);
  assert_no_leak_to (elsewhere, TOKEN);
  test_home_teardown (g_steal_pointer (&home));
}

static void
write_sso_cache (const char *home, const char *key, const char *contents)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  g_autofree char *path = g_strconcat (".aws/sso/cache/", hash, ".json", NULL);

  g_free (test_home_write (home, path, contents));
}

static char *
sso_config (const char *url)
{
  return g_strdup_printf ("[profile sso]\n"
                          "sso_session = corp\n"
                          "sso_account_id = 111122223333\n"
                          "sso_role_name = ReadOnly\n"
                          "region = eu-west-1\n"
                          "endpoint_url = %s\n"
                          "[sso-session corp]\n"
                          "sso_start_url = https://corp.awsapps.com/start\n"
                          "sso_region = eu-central-1\n",
                          url);
}

static void
test_sso_redirect (void)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (HostileServer) elsewhere = hostile_server_new (HOSTILE_ANSWER, 200, "");
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 307, "");
  g_autofree char *config = sso_config (server->url);
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  server->location = g_strdup_printf ("%s/stolen", elsewhere->url);
  g_free (write_config (home, config));
  write_sso_cache (home, "corp",
                   "{\"accessToken\": \"bearer-secret\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}");

  credentials = test_get_credentials_for_profile ("sso", &error);
  g_assert_null (credentials);
  g_assert_nonnull (error);
  g_assert_cmpint (server->requests, ==, 1);
  assert_no_leak_to (elsewhere, "bearer-secret");
  test_home_teardown (g_steal_pointer (&home));
}

static void
test_sso_deep_cache (void)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 200, "{}");
  g_autofree char *config = sso_config (server->url);
  g_autofree char *deep = deep_json (100000);
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  g_free (write_config (home, config));
  write_sso_cache (home, "corp", deep);

  credentials = test_get_credentials_for_profile ("sso", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SSO_LOGIN_NEEDED);
  g_assert_cmpint (server->requests, ==, 0);
  test_home_teardown (g_steal_pointer (&home));
}

static void
test_sso_deep_answer (void)
{
  g_autofree char *home = test_home_setup ();
  g_autofree char *deep = deep_json (100000);
  g_autoptr (HostileServer) server = hostile_server_new (HOSTILE_ANSWER, 200, deep);
  g_autofree char *config = sso_config (server->url);
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  g_free (write_config (home, config));
  write_sso_cache (home, "corp",
                   "{\"accessToken\": \"bearer-secret\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}");

  credentials = test_get_credentials_for_profile ("sso", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  test_home_teardown (g_steal_pointer (&home));
}

static void
test_process_deep_output (void)
{
  g_autofree char *home = test_home_setup ();
  g_autofree char *script = NULL;
  g_autofree char *config = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  script = test_home_write (home, "deep.sh",
                            "#!/bin/sh\nprintf '{\"Version\": 1, \"x\": '\n"
                            "head -c 100000 /dev/zero | tr '\\0' '['\n");
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  config = g_strdup_printf ("[profile proc]\ncredential_process = %s\n", script);
  g_free (write_config (home, config));

  credentials = test_get_credentials_for_profile ("proc", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED);
  g_assert_nonnull (strstr (error->message, "its output is malformed: it is nested more than"));
  test_home_teardown (g_steal_pointer (&home));
}

/* Profile "proc" runs @script (a shell script body). */
static void
write_process_profile (const char *home, const char *script_body)
{
  g_autofree char *script = g_strconcat ("#!/bin/sh\n", script_body, NULL);
  g_autofree char *path = test_home_write (home, "helper.sh", script);
  g_autofree char *config = g_strdup_printf ("[profile proc]\ncredential_process = %s\n", path);

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  g_free (write_config (home, config));
}

static void
assert_process_fails (const char *script_body, const char *says)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  write_process_profile (home, script_body);
  credentials = test_get_credentials_for_profile ("proc", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\033'));
  test_home_teardown (g_steal_pointer (&home));
}

/* C3VIS_PROCESS_TIMEOUT_MS is 1000 here (see main). */
static void
test_process_timeout (void)
{
  assert_process_fails ("exec sleep 30\n", "did not finish within 1 s");
}

static void
test_process_endless_output (void)
{
  assert_process_fails ("exec yes\n", "it printed more than 1.0");
}

static void
test_process_not_utf8 (void)
{
  assert_process_fails ("printf '{\"Version\": 1, \"AccessKeyId\": \"\\377\\376\"}'\n",
                        "its output is not UTF-8 text");
}

/* Terminal escapes, carriage returns and a second line stay out. */
static void
test_process_stderr_one_line (void)
{
  assert_process_fails ("printf '\\n  \\033[31mtoken\\033[0m expired\\r\\a\\nsee the log\\n' >&2\n"
                        "exit 3\n",
                        "exit status 3: token expired");
}

static gboolean
process_gone (gconstpointer data)
{
  const GPid *pid = data;

  return kill (*pid, 0) != 0;
}

static void
cancelled_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_provider_get_finish (C3V_CREDENTIALS_PROVIDER (object), result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static gboolean
file_exists (gconstpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Nobody waits for its answer any more: it does not keep running. */
static void
test_process_killed_on_cancel (void)
{
  g_autofree char *home = test_home_setup ();
  g_autofree char *pid_file = g_build_filename (home, "pid", NULL);
  g_autofree char *body = g_strdup_printf ("echo $$ > %s.tmp; mv %s.tmp %s\nexec sleep 30\n",
                                           pid_file, pid_file, pid_file);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (C3vCredentialsProvider) chain = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pid_text = NULL;
  gboolean         done = FALSE;
  GPid             pid;

  write_process_profile (home, body);
  chain = c3v_credentials_chain_new ("proc", &error);
  g_assert_no_error (error);
  c3v_credentials_provider_get_async (chain, cancellable, cancelled_cb, &done);
  wait_until (file_exists, pid_file, WAIT_MS);
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  pid = (GPid) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (pid, >, 0);

  g_cancellable_cancel (cancellable);
  wait_for (&done, WAIT_MS);
  wait_until (process_gone, &pid, WAIT_MS);
  test_home_teardown (g_steal_pointer (&home));
}

/* --- configuration files ----------------------------------------------------- */

/* 20,000 roles, each the source of the one before: bounded, not a stack
 * overflow, and quick. */
static void
test_deep_source_profile_chain (void)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (GString) config = g_string_new (NULL);
  g_autoptr (C3vCredentialsProvider) chain = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (config,
                            "[profile p%u]\nrole_arn = arn:aws:iam::1:role/r%u\n"
                            "source_profile = p%u\n",
                            i, i, i + 1);
  g_free (write_config (home, config->str));
  chain = c3v_credentials_chain_new ("p0", &error);
  g_assert_null (chain);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The source_profile chain from profile “p0” is longer than 32 profiles");
  test_home_teardown (g_steal_pointer (&home));
}

static void
test_source_profile_loop (void)
{
  g_autofree char *home = test_home_setup ();
  g_autoptr (C3vCredentialsProvider) chain = NULL;
  g_autoptr (GError) error = NULL;

  g_free (write_config (home,
                        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
                        "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n"
                        "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = b\n"));
  chain = c3v_credentials_chain_new ("a", &error);
  g_assert_null (chain);
  g_assert_cmpstr (error->message, ==, "The source_profile settings form a loop: b → c → b");
  test_home_teardown (g_steal_pointer (&home));
}

static void
assert_file_refused (const char *path, const char *says)
{
  g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (c3v_aws_profile_set_load_file (set, path, C3V_AWS_FILE_CREDENTIALS, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

/* /dev/zero never ends and a FIFO waits for a writer: neither is read. */
static void
test_credentials_file_not_regular (void)
{
  g_autofree char *home = test_home_setup ();
  g_autofree char *fifo = g_build_filename (home, "credentials-fifo", NULL);
  g_autofree char *with_nul = g_build_filename (home, "credentials-nul", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_file_refused ("/dev/zero", "/dev/zero: it is not a regular file");
  assert_file_refused (fifo, "it is not a regular file");
  g_assert_true (
      g_file_set_contents (with_nul, "[default]\naws_access_key_id = AKIA\0x\n", 37, NULL));
  assert_file_refused (with_nul, "credentials-nul:2: a NUL byte; this is not a text file");
  test_home_teardown (g_steal_pointer (&home));
}

int
main (int argc, char *argv[])
{
  /* Retries within milliseconds; set before any thread exists. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "1", TRUE);
  g_setenv ("C3VIS_PROCESS_TIMEOUT_MS", "1000", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/untrusted/json-depth", test_json_depth);
  g_test_add_func ("/hostile/untrusted/read-file-refuses", test_read_file_refuses);
  g_test_add_func ("/hostile/ecs/deep-answer", test_ecs_deep_answer);
  g_test_add_func ("/hostile/ecs/deep-error", test_ecs_deep_error);
  g_test_add_func ("/hostile/ecs/trickle", test_ecs_trickle);
  g_test_add_func ("/hostile/ecs/endless", test_ecs_endless);
  g_test_add_func ("/hostile/ecs/declared-huge", test_ecs_declared_huge);
  g_test_add_func ("/hostile/ecs/cut-off", test_ecs_cut_off);
  g_test_add_func ("/hostile/ecs/redirect", test_ecs_redirect);
  g_test_add_func ("/hostile/ecs/error-text", test_ecs_error_text);
  g_test_add_func ("/hostile/untrusted/one-line", test_one_line);
  g_test_add_func ("/hostile/paginate/cycle", test_pagination_cycle);
  g_test_add_func ("/hostile/fake/endless-pagination", test_fake_endless_pagination);
  g_test_add_func ("/hostile/fake/faults", test_fake_faults);
  g_test_add_func ("/hostile/fake/load-deadline", test_load_deadline);
  g_test_add_func ("/hostile/sts/redirect", test_sts_redirect);
  g_test_add_func ("/hostile/sso/redirect", test_sso_redirect);
  g_test_add_func ("/hostile/sso/deep-cache", test_sso_deep_cache);
  g_test_add_func ("/hostile/sso/deep-answer", test_sso_deep_answer);
  g_test_add_func ("/hostile/process/deep-output", test_process_deep_output);
  g_test_add_func ("/hostile/process/timeout", test_process_timeout);
  g_test_add_func ("/hostile/process/endless-output", test_process_endless_output);
  g_test_add_func ("/hostile/process/not-utf8", test_process_not_utf8);
  g_test_add_func ("/hostile/process/stderr-one-line", test_process_stderr_one_line);
  g_test_add_func ("/hostile/process/killed-on-cancel", test_process_killed_on_cancel);
  g_test_add_func ("/hostile/config/deep-source-profile-chain", test_deep_source_profile_chain);
  g_test_add_func ("/hostile/config/source-profile-loop", test_source_profile_loop);
  g_test_add_func ("/hostile/config/credentials-file-not-regular",
                   test_credentials_file_not_regular);
  return g_test_run ();
}
