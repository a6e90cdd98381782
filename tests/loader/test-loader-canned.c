/* test-loader-canned.c: the loader against a loopback endpoint with canned
 * answers, for what the fake ECS never says: describe failures beside
 * results, a task definition that cannot be read, malformed items.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <libsoup/soup.h>
#include <string.h>

#include "c3v-loader.h"

#define WAIT_MS    10000
#define ARN_PREFIX "arn:aws:ecs:eu-west-1:123456789012:"

typedef struct
{
  const char *operation;
  guint       status;
  const char *body;
} Canned;

static const Canned answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\"}],"
    " \"failures\": []}" },
  { "ListContainerInstances", 200,
    "{\"containerInstanceArns\": [\"" ARN_PREFIX "container-instance/canned/ci1\", 42]}" },
  { "DescribeContainerInstances", 200,
    "{\"containerInstances\": [{\"containerInstanceArn\": \"" ARN_PREFIX
    "container-instance/canned/ci1\","
    "   \"registeredResources\": [{\"name\": \"CPU\", \"integerValue\": 2048},"
    "                             {\"name\": \"MEMORY\", \"integerValue\": 4096}],"
    "   \"remainingResources\": [{\"name\": \"CPU\", \"integerValue\": 1792},"
    "                            {\"name\": \"MEMORY\", \"integerValue\": 3584}]},"
    "  \"not an object\", {\"ec2InstanceId\": \"i-no-arn\"}],"
    " \"failures\": []}" },
  { "ListTasks", 200,
    "{\"taskArns\": [\"" ARN_PREFIX "task/canned/t1\", \"" ARN_PREFIX "task/canned/gone\"]}" },
  { "DescribeTasks", 200,
    "{\"tasks\": [{\"taskArn\": \"" ARN_PREFIX "task/canned/t1\","
    "   \"taskDefinitionArn\": \"" ARN_PREFIX "task-definition/secret:1\","
    "   \"containerInstanceArn\": \"" ARN_PREFIX "container-instance/canned/ci1\","
    "   \"containers\": [{\"name\": \"app\", \"cpu\": \"256\", \"memoryReservation\": \"512\"}]}],"
    " \"failures\": [{\"arn\": \"" ARN_PREFIX "task/canned/gone\", \"reason\": \"MISSING\"}]}" },
  { "DescribeTaskDefinition", 400,
    "{\"__type\": \"AccessDeniedException\", \"message\": \"not allowed\"}" },
  { "ListServices", 200, "{\"serviceArns\": []}" },
};

static void
on_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Amz-Target");
  const char *operation = target != NULL ? strrchr (target, '.') : NULL;

  for (guint i = 0; operation != NULL && i < G_N_ELEMENTS (answers); i++)
    {
      if (strcmp (operation + 1, answers[i].operation) != 0)
        continue;

      soup_server_message_set_status (msg, answers[i].status, NULL);
      soup_server_message_set_response (msg, "application/x-amz-json-1.1", SOUP_MEMORY_STATIC,
                                        answers[i].body, strlen (answers[i].body));
      return;
    }

  soup_server_message_set_status (msg, 500, NULL);
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  C3vSnapshot **snapshot = user_data;
  g_autoptr (GError) error = NULL;

  *snapshot = c3v_loader_load_finish (C3V_LOADER (source), result, NULL, &error);
  g_assert_no_error (error);
}

static void
test_failures_and_degraded_answers (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new ("AKIDCANNED", "canned-secret", NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vEcsClient) client = NULL;
  g_autoptr (C3vLoader) loader = NULL;
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char   *url = NULL;
  const C3vInstance *instance;
  const C3vFailure  *failure;
  gboolean           timed_out = FALSE;
  guint              timeout;

  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  client = c3v_ecs_client_new (provider, "eu-west-1", url);
  loader = c3v_loader_new (client, NULL);
  c3v_loader_load_async (loader, "canned", NULL, on_loaded, &snapshot);
  timeout = g_timeout_add (WAIT_MS, set_flag, &timed_out);
  while (snapshot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  g_assert_cmpstr (c3v_snapshot_get_cluster_arn (snapshot), ==, ARN_PREFIX "cluster/canned");
  /* Items without an ARN and non-objects are skipped, not fatal. */
  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, 1);
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 1);
  /* The definition could not be read: the task shows with what it says. */
  g_assert_cmpuint (c3v_snapshot_get_task (snapshot, 0)->reserved_cpu, ==, 256);
  g_assert_cmpuint (c3v_snapshot_get_task (snapshot, 0)->reserved_memory, ==, 512);
  g_assert_cmpuint (c3v_snapshot_get_task (snapshot, 0)->revision, ==, 1);
  instance = c3v_snapshot_get_instance (snapshot, 0);
  g_assert_cmpuint (instance->n_tasks, ==, 1);
  g_assert_false (instance->mismatch);
  /* The describe failure is kept beside the results. */
  g_assert_cmpuint (c3v_snapshot_get_n_failures (snapshot), ==, 1);
  failure = c3v_snapshot_get_failure (snapshot, 0);
  g_assert_cmpstr (failure->arn, ==, ARN_PREFIX "task/canned/gone");
  g_assert_cmpstr (failure->reason, ==, "MISSING");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-canned/failures-and-degraded-answers",
                   test_failures_and_degraded_answers);

  return g_test_run ();
}
