/* test-fake-faults.c: scripted and seeded faults, latency, the call log.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-ecs.h"
#include "c3v-fake-throttle.h"
#include "fake-test-client.h"

typedef struct
{
  C3vFakeEcs *fake;
  const char *url;
} Fixture;

static void
start (Fixture *fixture, const C3vFakeEcsOptions *options)
{
  g_autoptr (GError) error = NULL;

  fixture->fake = c3v_fake_ecs_new (options);
  g_assert_true (c3v_fake_ecs_start (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->url = c3v_fake_ecs_get_url (fixture->fake);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  C3vFakeEcsOptions options = { .seed = 3, .large_instances = 20, .large_tasks = 150 };

  start (fixture, &options);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->fake);
}

static FakeTestResponse *
list_tasks (Fixture *fixture)
{
  return fake_test_call (fixture->url, "ListTasks", "{\"cluster\": \"production\"}", NULL);
}

static void
test_scripted_throttle (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) first = NULL;
  g_autoptr (FakeTestResponse) other_operation = NULL;
  g_autoptr (FakeTestResponse) second = NULL;
  g_autoptr (FakeTestResponse) third = NULL;
  GArray *log;

  c3v_fake_ecs_add_fault (fixture->fake, "ListTasks", C3V_FAKE_FAULT_THROTTLE, 2);
  first = list_tasks (fixture);
  other_operation = fake_test_call (fixture->url, "ListClusters", NULL, NULL);
  second = list_tasks (fixture);
  third = list_tasks (fixture);

  fake_test_assert_error (first, 400, "ThrottlingException");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (first->json), "message"),
                   ==, "Rate exceeded");
  fake_test_response_object (other_operation);
  fake_test_assert_error (second, 400, "ThrottlingException");
  fake_test_response_object (third);

  log = c3v_fake_ecs_get_call_log (fixture->fake);
  g_assert_cmpuint (log->len, ==, 4);
  g_assert_cmpstr (g_array_index (log, C3vFakeCall, 0).operation, ==, "ListTasks");
  g_assert_cmpuint (g_array_index (log, C3vFakeCall, 0).status, ==, 400);
  g_assert_cmpstr (g_array_index (log, C3vFakeCall, 1).operation, ==, "ListClusters");
  g_assert_cmpuint (g_array_index (log, C3vFakeCall, 1).status, ==, 200);
  g_assert_cmpuint (g_array_index (log, C3vFakeCall, 3).status, ==, 200);
  g_assert_cmpint (g_array_index (log, C3vFakeCall, 0).time_us, <=,
                   g_array_index (log, C3vFakeCall, 3).time_us);
}

static void
test_server_error (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) failed = NULL;
  g_autoptr (FakeTestResponse) ok = NULL;

  c3v_fake_ecs_add_fault (fixture->fake, NULL, C3V_FAKE_FAULT_SERVER_ERROR, 1);
  failed = fake_test_call (fixture->url, "ListClusters", NULL, NULL);
  ok = fake_test_call (fixture->url, "ListClusters", NULL, NULL);

  fake_test_assert_error (failed, 500, "ServerException");
  fake_test_response_object (ok);
}

static void
test_malformed_and_truncated (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) malformed = NULL;
  g_autoptr (FakeTestResponse) truncated = NULL;
  g_autoptr (FakeTestResponse) whole = NULL;

  c3v_fake_ecs_add_fault (fixture->fake, "ListTasks", C3V_FAKE_FAULT_MALFORMED, 1);
  c3v_fake_ecs_add_fault (fixture->fake, "ListTasks", C3V_FAKE_FAULT_TRUNCATED, 1);
  malformed = list_tasks (fixture);
  truncated = list_tasks (fixture);
  whole = list_tasks (fixture);

  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_null (malformed->json);
  g_assert_cmpuint (truncated->status, ==, 200);
  g_assert_null (truncated->json);
  fake_test_response_object (whole);
  /* Cut from the real answer: a prefix of it. */
  g_assert_cmpuint (strlen (truncated->body), >, 0);
  g_assert_true (g_str_has_prefix (whole->body, truncated->body));
}

static void
test_drop (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) dropped = NULL;
  g_autoptr (FakeTestResponse) ok = NULL;
  GArray *log;

  c3v_fake_ecs_add_fault (fixture->fake, "ListClusters", C3V_FAKE_FAULT_DROP, 1);
  dropped = fake_test_call (fixture->url, "ListClusters", NULL, NULL);
  ok = fake_test_call (fixture->url, "ListClusters", NULL, NULL);

  g_assert_nonnull (dropped->error);
  g_assert_cmpuint (dropped->status, ==, 0);
  fake_test_response_object (ok);
  log = c3v_fake_ecs_get_call_log (fixture->fake);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpuint (g_array_index (log, C3vFakeCall, 0).status, ==, 0);
}

/* Answers come from timeouts: calls overlap instead of queueing. */
static void
test_latency_concurrent (Fixture *fixture, gconstpointer data)
{
  FakeTestCall *calls[6];

  c3v_fake_ecs_set_latency (fixture->fake, 150);
  c3v_fake_ecs_add_fault (fixture->fake, "DescribeClusters", C3V_FAKE_FAULT_DROP, 1);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    calls[i] = fake_test_call_start (fixture->url, i == 0 ? "DescribeClusters" : "ListClusters",
                                     NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr (FakeTestResponse) response = fake_test_call_finish (calls[i]);

      if (i == 0)
        g_assert_nonnull (response->error);
      else
        fake_test_response_object (response);
    }
  g_assert_cmpuint (c3v_fake_ecs_get_peak_in_flight (fixture->fake), ==, G_N_ELEMENTS (calls));
  g_assert_cmpuint (c3v_fake_ecs_get_call_log (fixture->fake)->len, ==, G_N_ELEMENTS (calls));

  c3v_fake_ecs_clear_call_log (fixture->fake);
  g_assert_cmpuint (c3v_fake_ecs_get_call_log (fixture->fake)->len, ==, 0);
  g_assert_cmpuint (c3v_fake_ecs_get_peak_in_flight (fixture->fake), ==, 0);
}

/* A server freed with answers still delayed must neither fire them into
 * freed memory (ASan runs this too) nor leave the client hanging. */
static void
test_dispose_with_delayed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) response = NULL;
  FakeTestCall *call;

  c3v_fake_ecs_set_latency (fixture->fake, 100);
  call = fake_test_call_start (fixture->url, "ListClusters", NULL, NULL);
  while (c3v_fake_ecs_get_peak_in_flight (fixture->fake) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->fake);

  response = fake_test_call_finish (call);
  g_assert_nonnull (response->error);
}

static void
test_delete_cluster (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) before = NULL;
  g_autoptr (FakeTestResponse) after = NULL;
  g_autoptr (FakeTestResponse) described = NULL;
  g_autoptr (FakeTestResponse) tasks = NULL;
  g_autofree char *body = NULL;
  JsonObject      *object;

  c3v_fake_ecs_delete_cluster (fixture->fake, "staging", 1);
  before = fake_test_call (fixture->url, "ListTasks", "{\"cluster\": \"staging\"}", NULL);
  object = fake_test_response_object (before);
  after = fake_test_call (fixture->url, "ListTasks", "{\"cluster\": \"staging\"}", NULL);
  fake_test_assert_error (after, 400, "ClusterNotFoundException");

  /* As in ECS, a deleted cluster is still described, INACTIVE. */
  described
      = fake_test_call (fixture->url, "DescribeClusters", "{\"clusters\": [\"staging\"]}", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        fake_test_response_object (described), "failures")),
                    ==, 0);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (
              json_object_get_array_member (fake_test_response_object (described), "clusters"), 0),
          "status"),
      ==, "INACTIVE");
  body = g_strdup_printf (
      "{\"cluster\": \"staging\", \"tasks\": [\"%s\"]}",
      json_array_get_string_element (json_object_get_array_member (object, "taskArns"), 0));
  tasks = fake_test_call (fixture->url, "DescribeTasks", body, NULL);
  object = fake_test_response_object (tasks);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tasks")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "failures")), ==,
                    1);
}

static void
test_rates (void)
{
  C3vFakeEcsOptions throttled
      = { .seed = 1, .large_instances = 5, .large_tasks = 10, .throttle_rate = 1.0 };
  C3vFakeEcsOptions failing
      = { .seed = 1, .large_instances = 5, .large_tasks = 10, .error_rate = 1.0 };
  Fixture fixture = { 0 };
  g_autoptr (FakeTestResponse) first = NULL;
  g_autoptr (FakeTestResponse) second = NULL;
  g_autoptr (FakeTestResponse) third = NULL;

  start (&fixture, &throttled);
  first = fake_test_call (fixture.url, "ListClusters", NULL, NULL);
  fake_test_assert_error (first, 400, "ThrottlingException");
  g_clear_object (&fixture.fake);

  start (&fixture, &failing);
  second = fake_test_call (fixture.url, "ListClusters", NULL, NULL);
  fake_test_assert_error (second, 500, "ServerException");
  c3v_fake_ecs_set_fault_rates (fixture.fake, 0, 0);
  third = fake_test_call (fixture.url, "ListClusters", NULL, NULL);
  fake_test_response_object (third);
  g_clear_object (&fixture.fake);
}

/* A bucket per action group: burst, then the refill rate; a throttled
 * request takes no token. */
static void
test_token_bucket_groups (void)
{
  g_autoptr (C3vFakeThrottle) throttle = c3v_fake_throttle_new (2, 10);
  g_autofree char *instances = c3v_fake_throttle_group ("DescribeContainerInstances");
  g_autofree char *listed = c3v_fake_throttle_group ("ListContainerInstances");
  g_autofree char *definition = c3v_fake_throttle_group ("DescribeTaskDefinition");
  guint            capacity = 0;
  double           refill = 0;

  g_assert_cmpstr (instances, ==, "ContainerInstance");
  g_assert_cmpstr (listed, ==, "ContainerInstance");
  g_assert_cmpstr (definition, ==, "TaskDefinition");

  g_assert_true (c3v_fake_throttle_admit (throttle, "ListTasks", 0));
  g_assert_true (c3v_fake_throttle_admit (throttle, "DescribeTasks", 0));
  g_assert_false (c3v_fake_throttle_admit (throttle, "ListTasks", 0));
  g_assert_true (c3v_fake_throttle_admit (throttle, "ListServices", 0));
  /* 10 per second: one token after 100 ms, not before. */
  g_assert_false (c3v_fake_throttle_admit (throttle, "DescribeTasks", 99000));
  g_assert_true (c3v_fake_throttle_admit (throttle, "DescribeTasks", 100000));
  g_assert_false (c3v_fake_throttle_admit (throttle, "DescribeTasks", 100000));
  /* Never more than the burst. */
  g_assert_true (c3v_fake_throttle_admit (throttle, "ListTasks", 60000000));
  g_assert_true (c3v_fake_throttle_admit (throttle, "ListTasks", 60000000));
  g_assert_false (c3v_fake_throttle_admit (throttle, "ListTasks", 60000000));

  g_assert_true (c3v_fake_throttle_parse ("50:20", &capacity, &refill));
  g_assert_cmpuint (capacity, ==, 50);
  g_assert_cmpfloat (refill, ==, 20);
  g_assert_true (c3v_fake_throttle_parse ("1:0.5", &capacity, &refill));
  g_assert_false (c3v_fake_throttle_parse ("50", &capacity, &refill));
  g_assert_false (c3v_fake_throttle_parse ("0:20", &capacity, &refill));
  g_assert_false (c3v_fake_throttle_parse ("50:0", &capacity, &refill));
  g_assert_false (c3v_fake_throttle_parse ("50:20x", &capacity, &refill));
  g_assert_false (c3v_fake_throttle_parse ("50:20:1", &capacity, &refill));
}

/* Over HTTP: the burst is answered, the next call of the group throttled
 * as ECS does it, another group still answered. */
static void
test_token_buckets (void)
{
  C3vFakeEcsOptions options = {
    .seed = 1, .large_instances = 5, .large_tasks = 10, .bucket_capacity = 2, .bucket_refill = 0.001
  };
  Fixture fixture = { 0 };
  g_autoptr (FakeTestResponse) first = NULL;
  g_autoptr (FakeTestResponse) second = NULL;
  g_autoptr (FakeTestResponse) third = NULL;
  g_autoptr (FakeTestResponse) other = NULL;

  start (&fixture, &options);
  first = fake_test_call (fixture.url, "ListClusters", NULL, NULL);
  fake_test_response_object (first);
  second = fake_test_call (fixture.url, "DescribeClusters", NULL, NULL);
  fake_test_response_object (second);
  third = fake_test_call (fixture.url, "ListClusters", NULL, NULL);
  fake_test_assert_error (third, 400, "ThrottlingException");
  other = fake_test_call (fixture.url, "ListContainerInstances", "{\"cluster\":\"production\"}",
                          NULL);
  fake_test_response_object (other);
  g_clear_object (&fixture.fake);
}

/* The same seed gives the same faults in the same order. */
static GString *
fault_pattern (guint32 seed)
{
  C3vFakeEcsOptions options
      = { .seed = seed, .large_instances = 5, .large_tasks = 10, .throttle_rate = 0.5 };
  Fixture  fixture = { 0 };
  GString *pattern = g_string_new (NULL);

  start (&fixture, &options);
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr (FakeTestResponse) response
          = fake_test_call (fixture.url, "ListClusters", NULL, NULL);

      g_string_append_c (pattern, response->status == 200 ? '.' : 'T');
    }
  g_clear_object (&fixture.fake);
  return pattern;
}

static void
test_seeded_rates (void)
{
  g_autoptr (GString) first = fault_pattern (5);
  g_autoptr (GString) again = fault_pattern (5);

  g_assert_cmpstr (first->str, ==, again->str);
  g_assert_nonnull (strchr (first->str, 'T'));
  g_assert_nonnull (strchr (first->str, '.'));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/fake/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("scripted-throttle", test_scripted_throttle);
  g_test_add_func ("/fake/faults/token-bucket-groups", test_token_bucket_groups);
  g_test_add_func ("/fake/faults/token-buckets", test_token_buckets);
  ADD ("server-error", test_server_error);
  ADD ("malformed-and-truncated", test_malformed_and_truncated);
  ADD ("drop", test_drop);
  ADD ("latency-concurrent", test_latency_concurrent);
  ADD ("dispose-with-delayed", test_dispose_with_delayed);
  ADD ("delete-cluster", test_delete_cluster);
#undef ADD
  g_test_add_func ("/fake/faults/rates", test_rates);
  g_test_add_func ("/fake/faults/seeded-rates", test_seeded_rates);

  return g_test_run ();
}
