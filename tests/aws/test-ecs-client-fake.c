/* test-ecs-client-fake.c: the ECS client against the project's fake ECS
 * endpoint (src/fake), which verifies SigV4 as AWS does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "c3v-ecs-client.h"
#include "c3v-fake-ecs.h"
#include "test-ecs-call.h"

#define WAIT_MS 10000

typedef struct
{
  C3vFakeEcs   *fake;
  C3vEcsClient *client;
} Fixture;

static C3vEcsClient *
client_new (const char *url, const char *secret, const char *token)
{
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, secret, token, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);

  return c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, url);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  const C3vFakeEcsOptions *options = data;
  g_autoptr (GError) error = NULL;

  fixture->fake = c3v_fake_ecs_new (options);
  c3v_fake_ecs_start (fixture->fake, 0, &error);
  g_assert_no_error (error);
  fixture->client
      = client_new (c3v_fake_ecs_get_url (fixture->fake), C3V_FAKE_ECS_SECRET_ACCESS_KEY,
                    options ? options->session_token : NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->fake);
}

static void
call (C3vEcsClient *client, const char *operation, JsonObject *request, CallResult *r)
{
  c3v_ecs_client_call_async (client, operation, request, NULL, call_done, r);
  wait_for (&r->done, WAIT_MS);
}

static guint
count_calls (C3vFakeEcs *fake, const char *operation)
{
  GArray *log = c3v_fake_ecs_get_call_log (fake);
  guint   count = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_strcmp0 (g_array_index (log, C3vFakeCall, i).operation, operation) == 0)
      count++;
  return count;
}

static void
test_list_clusters (Fixture *fixture, gconstpointer data)
{
  g_auto (CallResult) r = { 0 };
  JsonArray *arns;
  gboolean   found = FALSE;

  call (fixture->client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  arns = json_object_get_array_member (r.result, "clusterArns");
  g_assert_nonnull (arns);
  for (guint i = 0; i < json_array_get_length (arns); i++)
    found |= g_str_has_suffix (json_array_get_string_element (arns, i), "/staging");
  g_assert_true (found);
}

typedef struct
{
  guint remaining;
  guint described;
  guint failures;
} Describing;

static void
described (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Describing *describing = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer
      = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (object), result, &error);

  g_assert_no_error (error);
  describing->described += json_array_get_length (json_object_get_array_member (answer, "tasks"));
  describing->failures += json_array_get_length (json_object_get_array_member (answer, "failures"));
  describing->remaining--;
}

static void
describe_in_batches (C3vEcsClient *client, GPtrArray *arns, Describing *describing)
{
  g_autoptr (GPtrArray) batches = c3v_ecs_split_batches (arns, 100);

  describing->remaining = batches->len;
  for (guint i = 0; i < batches->len; i++)
    {
      GPtrArray *batch = g_ptr_array_index (batches, i);
      g_autoptr (JsonObject) request = json_object_new ();
      JsonArray *tasks = json_array_sized_new (batch->len);

      for (guint j = 0; j < batch->len; j++)
        json_array_add_string_element (tasks, g_ptr_array_index (batch, j));
      json_object_set_string_member (request, "cluster", "production");
      json_object_set_array_member (request, "tasks", tasks);
      c3v_ecs_client_call_async (client, "DescribeTasks", request, NULL, described, describing);
    }

  wait_until (counted_down, &describing->remaining, WAIT_MS);
}

/* ListTasks page by page, then DescribeTasks in batches of 100. */
static void
test_list_and_describe (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) arns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) request = json_object_new ();
  Paging     paging = { arns, 0 };
  Describing describing = { 0 };

  json_object_set_string_member (request, "cluster", "production");
  json_object_set_int_member (request, "maxResults", 100);
  c3v_ecs_client_paginate_async (fixture->client, "ListTasks", request, "taskArns", collect_page,
                                 &paging, NULL, NULL, paginate_done, &paging);
  wait_for (&paging.done, WAIT_MS);
  g_assert_no_error (paging.error);
  g_assert_cmpuint (arns->len, ==, 250);
  g_assert_cmpuint (paging.pages, ==, 3);
  g_assert_cmpuint (count_calls (fixture->fake, "ListTasks"), ==, 3);

  describe_in_batches (fixture->client, arns, &describing);
  g_assert_cmpuint (describing.described, ==, 250);
  g_assert_cmpuint (describing.failures, ==, 0);
  g_assert_cmpuint (c3v_ecs_client_get_call_count (fixture->client, "DescribeTasks"), ==, 3);
}

static void
test_session_token (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vEcsClient) without
      = client_new (c3v_fake_ecs_get_url (fixture->fake), C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL);
  g_auto (CallResult) with_token = { 0 };
  g_auto (CallResult) no_token = { 0 };

  call (fixture->client, "ListClusters", NULL, &with_token);
  g_assert_no_error (with_token.error);
  call (without, "ListClusters", NULL, &no_token);
  g_assert_nonnull (no_token.error);
  g_assert_true (no_token.error->domain == C3V_ECS_ERROR);
}

static void
test_wrong_secret (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vEcsClient) wrong
      = client_new (c3v_fake_ecs_get_url (fixture->fake), "not/the+secret", NULL);
  g_auto (CallResult) r = { 0 };

  call (wrong, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_SIGNATURE);
}

static void
test_throttle_retried (Fixture *fixture, gconstpointer data)
{
  g_auto (CallResult) r = { 0 };

  c3v_fake_ecs_add_fault (fixture->fake, "ListClusters", C3V_FAKE_FAULT_THROTTLE, 2);
  call (fixture->client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (count_calls (fixture->fake, "ListClusters"), ==, 3);
}

static void
test_server_error_exhausted (Fixture *fixture, gconstpointer data)
{
  g_auto (CallResult) r = { 0 };

  c3v_fake_ecs_add_fault (fixture->fake, "ListClusters", C3V_FAKE_FAULT_SERVER_ERROR, 5);
  call (fixture->client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_SERVER);
  g_assert_cmpuint (count_calls (fixture->fake, "ListClusters"), ==, 3);
}

static void
test_malformed (Fixture *fixture, gconstpointer data)
{
  const C3vFakeFault faults[] = { C3V_FAKE_FAULT_MALFORMED, C3V_FAKE_FAULT_TRUNCATED };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_auto (CallResult) r = { 0 };

      c3v_fake_ecs_add_fault (fixture->fake, "ListClusters", faults[i], 1);
      call (fixture->client, "ListClusters", NULL, &r);
      g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_dropped (Fixture *fixture, gconstpointer data)
{
  g_auto (CallResult) r = { 0 };

  c3v_fake_ecs_add_fault (fixture->fake, "ListClusters", C3V_FAKE_FAULT_DROP, 100);
  call (fixture->client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK);
}

static void
count_down (GObject *object, GAsyncResult *result, gpointer user_data)
{
  guint *remaining = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer
      = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (object), result, &error);

  g_assert_no_error (error);
  (*remaining)--;
}

static void
test_in_flight_bound (Fixture *fixture, gconstpointer data)
{
  guint remaining = 12;

  c3v_ecs_client_set_max_in_flight (fixture->client, 4);
  c3v_fake_ecs_set_latency (fixture->fake, 30);
  for (guint i = 0; i < 12; i++)
    c3v_ecs_client_call_async (fixture->client, "ListClusters", NULL, NULL, count_down, &remaining);
  wait_until (counted_down, &remaining, WAIT_MS);

  g_assert_cmpuint (c3v_fake_ecs_get_peak_in_flight (fixture->fake), <=, 4);
  g_assert_cmpuint (c3v_ecs_client_get_peak_in_flight (fixture->client), ==, 4);
}

int
main (int argc, char *argv[])
{
  static const C3vFakeEcsOptions small = { .seed = 7, .large_instances = 20, .large_tasks = 250 };
  static const C3vFakeEcsOptions with_token
      = { .seed = 7, .session_token = "FakeSessionToken/+==" };

  /* Backoff in milliseconds instead of seconds. Set before any thread runs. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "1", TRUE);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  /* Loopback is reached directly, whatever proxy (or WPAD lookup, slow
   * without a network) the machine is set up for. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, options, func)                                                                   \
  g_test_add ("/ecs-client-fake/" path, Fixture, options, fixture_set_up, func, fixture_tear_down)

  ADD ("list-clusters", &small, test_list_clusters);
  ADD ("list-and-describe", &small, test_list_and_describe);
  ADD ("session-token", &with_token, test_session_token);
  ADD ("wrong-secret", &small, test_wrong_secret);
  ADD ("throttle-retried", &small, test_throttle_retried);
  ADD ("server-error-exhausted", &small, test_server_error_exhausted);
  ADD ("malformed", &small, test_malformed);
  ADD ("dropped", &small, test_dropped);
  ADD ("in-flight-bound", &small, test_in_flight_bound);

#undef ADD

  return g_test_run ();
}
