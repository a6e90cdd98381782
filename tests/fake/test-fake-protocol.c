/* test-fake-protocol.c: the fake endpoint over real HTTP on loopback.
 *
 * Shapes, limits, defaults, pagination, filters and failures[] of each
 * operation, with requests signed by c3v-sigv4.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-ecs.h"
#include "fake-test-client.h"

typedef struct
{
  C3vFakeEcs *fake;
  const char *url;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  C3vFakeEcsOptions options = { .seed = 11 };

  fixture->fake = c3v_fake_ecs_new (&options);
  g_assert_true (c3v_fake_ecs_start (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->url = c3v_fake_ecs_get_url (fixture->fake);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->fake);
}

static JsonObject *
call_ok (Fixture *fixture, const char *operation, const char *body, FakeTestResponse **response)
{
  *response = fake_test_call (fixture->url, operation, body, NULL);
  return fake_test_response_object (*response);
}

static void
assert_call_error (Fixture *fixture, const char *operation, const char *body, const char *type)
{
  g_autoptr (FakeTestResponse) response = fake_test_call (fixture->url, operation, body, NULL);

  fake_test_assert_error (response, 400, type);
}

/* Follows nextToken to the end, checking no ARN comes twice. */
static GPtrArray *
list_all (Fixture *fixture, const char *operation, const char *filters, const char *member,
          guint *n_pages)
{
  GPtrArray *arns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *token = NULL;

  *n_pages = 0;
  do
    {
      g_autoptr (FakeTestResponse) response = NULL;
      g_autofree char *body = token == NULL
                                  ? g_strdup_printf ("{%s}", filters)
                                  : g_strdup_printf ("{%s%s\"nextToken\": \"%s\"}", filters,
                                                     *filters ? ", " : "", token);
      JsonObject      *object = call_ok (fixture, operation, body, &response);
      JsonArray       *page = json_object_get_array_member (object, member);

      for (guint i = 0; i < json_array_get_length (page); i++)
        {
          char *arn = g_strdup (json_array_get_string_element (page, i));

          g_assert_false (g_hash_table_contains (seen, arn));
          g_hash_table_add (seen, arn);
          g_ptr_array_add (arns, arn);
        }
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (object, "nextToken", NULL));
      (*n_pages)++;
    }
  while (token != NULL);
  return arns;
}

static void
test_list_clusters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) paged = NULL;
  guint pages;

  all = list_all (fixture, "ListClusters", "", "clusterArns", &pages);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpuint (pages, ==, 1);
  paged = list_all (fixture, "ListClusters", "\"maxResults\": 2", "clusterArns", &pages);
  g_assert_cmpuint (paged->len, ==, 5);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==,
                   "arn:aws:ecs:eu-west-1:123456789012:cluster/production");
}

static void
test_limits (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) hundred_one = g_string_new ("{\"cluster\": \"production\", \"tasks\": [");

  assert_call_error (fixture, "ListClusters", "{\"maxResults\": 0}", "InvalidParameterException");
  assert_call_error (fixture, "ListClusters", "{\"maxResults\": 101}", "InvalidParameterException");
  assert_call_error (fixture, "ListTasks", "{\"cluster\": \"production\", \"maxResults\": 101}",
                     "InvalidParameterException");
  assert_call_error (fixture, "ListClusters", "{\"nextToken\": \"bm9wZQ==\"}",
                     "InvalidParameterException");
  assert_call_error (fixture, "ListClusters", "{\"maxResults\": \"ten\"}",
                     "SerializationException");
  assert_call_error (fixture, "ListClusters", "[1, 2", "SerializationException");
  assert_call_error (fixture, "DescribeTasks", "{\"cluster\": \"production\", \"tasks\": []}",
                     "InvalidParameterException");
  for (guint i = 0; i < 101; i++)
    g_string_append_printf (hundred_one, "%s\"t%u\"", i ? ", " : "", i);
  g_string_append (hundred_one, "]}");
  assert_call_error (fixture, "DescribeTasks", hundred_one->str, "InvalidParameterException");
  assert_call_error (fixture, "DescribeServices",
                     "{\"cluster\": \"production\", \"services\": "
                     "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}",
                     "InvalidParameterException");
  assert_call_error (fixture, "RunTask", NULL, "UnknownOperationException");
  assert_call_error (fixture, "ListTasks", NULL, "ClusterNotFoundException");
  assert_call_error (fixture, "ListTasks", "{\"cluster\": \"nope\"}", "ClusterNotFoundException");
  assert_call_error (fixture, "ListTasks",
                     "{\"cluster\": \"production\", \"desiredStatus\": \"DEAD\"}",
                     "InvalidParameterException");
  assert_call_error (fixture, "ListTasks",
                     "{\"cluster\": \"production\", \"serviceName\": \"nope\"}",
                     "ServiceNotFoundException");
  assert_call_error (fixture, "DescribeTaskDefinition", "{\"taskDefinition\": \"nope:1\"}",
                     "ClientException");
}

/* A token belongs to its query: replayed with other filters it is refused. */
static void
test_token_bound_to_query (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) first = NULL;
  g_autoptr (FakeTestResponse) again = NULL;
  g_autofree char *body = NULL;
  JsonObject      *object;

  object
      = call_ok (fixture, "ListTasks", "{\"cluster\": \"production\", \"maxResults\": 5}", &first);
  g_assert_true (json_object_has_member (object, "nextToken"));
  body = g_strdup_printf ("{\"cluster\": \"staging\", \"nextToken\": \"%s\"}",
                          json_object_get_string_member (object, "nextToken"));
  again = fake_test_call (fixture->url, "ListTasks", body, NULL);
  fake_test_assert_error (again, 400, "InvalidParameterException");
}

static void
test_list_tasks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) running = NULL;
  g_autoptr (GPtrArray) stopped = NULL;
  g_autoptr (GPtrArray) by_arn = NULL;
  g_autoptr (GPtrArray) fargate = NULL;
  g_autoptr (GPtrArray) ec2 = NULL;
  guint pages;

  running = list_all (fixture, "ListTasks", "\"cluster\": \"production\"", "taskArns", &pages);
  g_assert_cmpuint (running->len, ==, 3000);
  g_assert_cmpuint (pages, ==, 30);
  by_arn = list_all (
      fixture, "ListTasks",
      "\"cluster\": \"arn:aws:ecs:eu-west-1:123456789012:cluster/production\", \"maxResults\": 7",
      "taskArns", &pages);
  g_assert_cmpuint (by_arn->len, ==, 3000);
  g_assert_cmpuint (pages, ==, (3000 + 6) / 7);
  stopped = list_all (fixture, "ListTasks",
                      "\"cluster\": \"production\", \"desiredStatus\": \"STOPPED\"", "taskArns",
                      &pages);
  g_assert_cmpuint (stopped->len, ==, 60);
  fargate
      = list_all (fixture, "ListTasks", "\"cluster\": \"production\", \"launchType\": \"FARGATE\"",
                  "taskArns", &pages);
  ec2 = list_all (fixture, "ListTasks", "\"cluster\": \"production\", \"launchType\": \"EC2\"",
                  "taskArns", &pages);
  g_assert_cmpuint (fargate->len, >, 0);
  g_assert_cmpuint (fargate->len + ec2->len, ==, 3000);
}

static void
assert_subset (GPtrArray *subset, GPtrArray *set)
{
  g_assert_cmpuint (subset->len, >, 0);
  g_assert_cmpuint (subset->len, <=, set->len);
  for (guint i = 0; i < subset->len; i++)
    g_assert_true (
        g_ptr_array_find_with_equal_func (set, g_ptr_array_index (subset, i), g_str_equal, NULL));
}

static void
test_task_filters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) running = NULL;
  g_autoptr (GPtrArray) family = NULL;
  g_autoptr (GPtrArray) service = NULL;
  g_autoptr (GPtrArray) started_by = NULL;
  guint pages;

  running = list_all (fixture, "ListTasks", "\"cluster\": \"staging\"", "taskArns", &pages);
  family = list_all (fixture, "ListTasks", "\"cluster\": \"staging\", \"family\": \"web-frontend\"",
                     "taskArns", &pages);
  service = list_all (fixture, "ListTasks",
                      "\"cluster\": \"staging\", \"serviceName\": \"web-frontend\"", "taskArns",
                      &pages);
  started_by = list_all (fixture, "ListTasks",
                         "\"cluster\": \"staging\", \"startedBy\": \"report-scheduler\"",
                         "taskArns", &pages);
  g_assert_cmpuint (family->len, <, running->len);
  assert_subset (family, running);
  assert_subset (service, family);
  assert_subset (started_by, running);
}

static JsonObject *
first_item (JsonObject *object, const char *member)
{
  JsonArray *items = json_object_get_array_member (object, member);

  g_assert_cmpuint (json_array_get_length (items), >, 0);
  return json_array_get_object_element (items, 0);
}

static const char *
attribute (JsonObject *instance, const char *name)
{
  JsonArray *attributes = json_object_get_array_member (instance, "attributes");

  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *entry = json_array_get_object_element (attributes, i);

      if (strcmp (json_object_get_string_member (entry, "name"), name) == 0)
        return json_object_get_string_member (entry, "value");
    }
  return NULL;
}

static gint64
resource (JsonObject *instance, const char *member, const char *name)
{
  JsonArray *resources = json_object_get_array_member (instance, member);

  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *entry = json_array_get_object_element (resources, i);

      if (strcmp (json_object_get_string_member (entry, "name"), name) == 0)
        return json_object_get_int_member (entry, "integerValue");
    }
  g_assert_not_reached ();
}

static void
test_instances_and_filters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) instances = NULL;
  g_autoptr (GPtrArray) draining = NULL;
  g_autoptr (GPtrArray) on_instance = NULL;
  g_autoptr (FakeTestResponse) response = NULL;
  g_autofree char *body = NULL;
  g_autofree char *filter = NULL;
  JsonObject      *instance;
  guint            pages;

  instances = list_all (fixture, "ListContainerInstances", "\"cluster\": \"staging\"",
                        "containerInstanceArns", &pages);
  g_assert_cmpuint (instances->len, ==, 6);
  draining = list_all (fixture, "ListContainerInstances",
                       "\"cluster\": \"staging\", \"status\": \"DRAINING\"",
                       "containerInstanceArns", &pages);
  g_assert_cmpuint (draining->len, >=, 1);
  g_assert_cmpuint (draining->len, <, 6);

  body = g_strdup_printf (
      "{\"cluster\": \"staging\", \"containerInstances\": [\"%s\", \"missing-id\"]}",
      (char *) g_ptr_array_index (instances, 0));
  instance = first_item (call_ok (fixture, "DescribeContainerInstances", body, &response),
                         "containerInstances");
  g_assert_true (g_str_has_prefix (attribute (instance, "ecs.availability-zone"), "eu-west-1"));
  g_assert_nonnull (attribute (instance, "ecs.instance-type"));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (instance, "registeredAt")));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (instance, "registeredAt")), ==,
                   G_TYPE_DOUBLE);
  g_assert_cmpint (resource (instance, "remainingResources", "MEMORY"), <=,
                   resource (instance, "registeredResources", "MEMORY"));
  g_assert_cmpstr (json_object_get_string_member (
                       first_item (json_node_get_object (response->json), "failures"), "reason"),
                   ==, "MISSING");

  filter = g_strdup_printf ("\"cluster\": \"staging\", \"containerInstance\": \"%s\"",
                            json_object_get_string_member (instance, "containerInstanceArn"));
  on_instance = list_all (fixture, "ListTasks", filter, "taskArns", &pages);
  g_assert_cmpint (on_instance->len, ==,
                   json_object_get_int_member (instance, "runningTasksCount")
                       + json_object_get_int_member (instance, "pendingTasksCount"));
}

static void
test_describe_tasks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) listed = NULL;
  g_autoptr (FakeTestResponse) described = NULL;
  g_autoptr (GString) body
      = g_string_new ("{\"cluster\": \"production\", \"include\": [\"TAGS\"], \"tasks\": [");
  JsonArray *arns = json_object_get_array_member (
      call_ok (fixture, "ListTasks", "{\"cluster\": \"production\"}", &listed), "taskArns");
  JsonObject *object;
  JsonArray  *tasks;
  JsonArray  *failures;
  const char *id;

  g_assert_cmpuint (json_array_get_length (arns), ==, 100);
  for (guint i = 0; i < 98; i++)
    g_string_append_printf (body, "\"%s\", ", json_array_get_string_element (arns, i));
  /* One by bare ID, one unknown. */
  id = strrchr (json_array_get_string_element (arns, 98), '/') + 1;
  g_string_append_printf (body, "\"%s\", \"0000notatask\"]}", id);

  object = call_ok (fixture, "DescribeTasks", body->str, &described);
  tasks = json_object_get_array_member (object, "tasks");
  failures = json_object_get_array_member (object, "failures");
  g_assert_cmpuint (json_array_get_length (tasks), ==, 99);
  g_assert_cmpuint (json_array_get_length (failures), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (failures, 0), "arn"), ==,
      "arn:aws:ecs:eu-west-1:123456789012:task/production/0000notatask");
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonObject *task = json_array_get_object_element (tasks, i);
      const char *group = json_object_get_string_member (task, "group");

      g_assert_true (g_str_has_prefix (group, "service:") || g_str_has_prefix (group, "family:"));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (task, "createdAt")), ==,
                       G_TYPE_DOUBLE);
      g_assert_true (json_object_has_member (task, "tags"));
      if (strcmp (json_object_get_string_member (task, "launchType"), "FARGATE") == 0)
        {
          g_assert_false (json_object_has_member (task, "containerInstanceArn"));
          g_assert_nonnull (json_object_get_string_member (task, "memory"));
        }
      else
        g_assert_nonnull (json_object_get_string_member (task, "containerInstanceArn"));
    }
}

static void
test_describe_clusters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) response = NULL;
  g_autoptr (FakeTestResponse) plain = NULL;
  JsonObject *object
      = call_ok (fixture, "DescribeClusters",
                 "{\"clusters\": [\"staging\", "
                 "\"arn:aws:ecs:eu-west-1:123456789012:cluster/team_a-batch_v2\", \"gone\"],"
                 " \"include\": [\"STATISTICS\"]}",
                 &response);
  JsonArray  *clusters = json_object_get_array_member (object, "clusters");
  JsonObject *staging = json_array_get_object_element (clusters, 0);
  JsonObject *failure = first_item (object, "failures");

  g_assert_cmpuint (json_array_get_length (clusters), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (staging, "clusterName"), ==, "staging");
  g_assert_cmpint (json_object_get_int_member (staging, "registeredContainerInstancesCount"), ==,
                   6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (staging, "statistics")), >,
                    0);
  g_assert_cmpstr (json_object_get_string_member (failure, "arn"), ==,
                   "arn:aws:ecs:eu-west-1:123456789012:cluster/gone");
  g_assert_cmpstr (json_object_get_string_member (failure, "reason"), ==, "MISSING");

  object = call_ok (fixture, "DescribeClusters", "{\"clusters\": [\"empty\"]}", &plain);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        first_item (object, "clusters"), "statistics")),
                    ==, 0);
}

static void
test_task_definition (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) latest = NULL;
  g_autoptr (FakeTestResponse) first = NULL;
  g_autoptr (FakeTestResponse) by_arn = NULL;
  JsonObject *def = json_object_get_object_member (
      call_ok (fixture, "DescribeTaskDefinition", "{\"taskDefinition\": \"orders-api\"}", &latest),
      "taskDefinition");
  JsonObject *container;

  g_assert_cmpint (json_object_get_int_member (def, "revision"), ==, 4);
  container = json_array_get_object_element (
      json_object_get_array_member (def, "containerDefinitions"), 0);
  g_assert_true (json_object_has_member (container, "memoryReservation"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (container, "environment")),
                    >, 0);

  def = json_object_get_object_member (
      call_ok (fixture, "DescribeTaskDefinition", "{\"taskDefinition\": \"orders-api:1\"}", &first),
      "taskDefinition");
  g_assert_cmpint (json_object_get_int_member (def, "revision"), ==, 1);
  def = json_object_get_object_member (
      call_ok (fixture, "DescribeTaskDefinition",
               "{\"taskDefinition\": "
               "\"arn:aws:ecs:eu-west-1:123456789012:task-definition/edge-proxy:2\"}",
               &by_arn),
      "taskDefinition");
  g_assert_cmpstr (json_object_get_string_member (def, "family"), ==, "edge-proxy");
  g_assert_nonnull (json_object_get_string_member (def, "cpu"));
}

static void
test_services (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FakeTestResponse) first_page = NULL;
  g_autoptr (FakeTestResponse) described = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GString) body = g_string_new ("{\"cluster\": \"production\", \"services\": [");
  JsonObject *object
      = call_ok (fixture, "ListServices", "{\"cluster\": \"production\"}", &first_page);
  JsonArray *services;
  guint      pages;

  /* ListServices pages by 10 when maxResults is omitted. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "serviceArns")),
                    ==, 10);
  g_assert_true (json_object_has_member (object, "nextToken"));
  all = list_all (fixture, "ListServices", "\"cluster\": \"production\"", "serviceArns", &pages);
  g_assert_cmpuint (all->len, ==, 40);

  for (guint i = 0; i < 9; i++)
    g_string_append_printf (body, "\"%s\", ", (char *) g_ptr_array_index (all, i));
  g_string_append (body, "\"not-a-service\"]}");
  object = call_ok (fixture, "DescribeServices", body->str, &described);
  services = json_object_get_array_member (object, "services");
  g_assert_cmpuint (json_array_get_length (services), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (first_item (object, "failures"), "reason"), ==,
                   "MISSING");
  g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (services, 0), "runningCount"), >,
      0);
}

/* A request nested 100,000 deep is refused, not a stack overflow. */
static void
test_deep_request (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) body = g_string_new ("{\"cluster\":");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '[');
  assert_call_error (fixture, "ListTasks", body->str, "SerializationException");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/fake/protocol/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list-clusters", test_list_clusters);
  ADD ("limits", test_limits);
  ADD ("token-bound-to-query", test_token_bound_to_query);
  ADD ("list-tasks", test_list_tasks);
  ADD ("task-filters", test_task_filters);
  ADD ("instances-and-filters", test_instances_and_filters);
  ADD ("describe-tasks", test_describe_tasks);
  ADD ("describe-clusters", test_describe_clusters);
  ADD ("task-definition", test_task_definition);
  ADD ("services", test_services);
  ADD ("deep-request", test_deep_request);
#undef ADD

  return g_test_run ();
}
