/* test-loader-canned.c: the loader against a loopback endpoint with canned
 * answers, for what the fake ECS never says: describe failures beside
 * results, a task definition that cannot be read, malformed items.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <glib/gstdio.h>
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
  guint       delay_ms; /* 0: answer at once */
  const char *when;     /* answers only a request body containing this */
} Canned;

typedef struct
{
  const Canned *answers;
  guint         n_answers;
  guint         n_delayed; /* replies still waiting for their delay */
} Endpoint;

typedef struct
{
  Endpoint          *endpoint;
  SoupServerMessage *msg;
  const Canned      *canned;
} Delayed;

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
  /* No task on its way down here: the desiredStatus STOPPED chain is empty. */
  { "ListTasks", 200, "{\"taskArns\": []}", 0, "\"STOPPED\"" },
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
set_answer (SoupServerMessage *msg, const Canned *canned)
{
  soup_server_message_set_status (msg, canned->status, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.1", SOUP_MEMORY_STATIC,
                                    canned->body, strlen (canned->body));
}

static gboolean
answer_later (gpointer data)
{
  Delayed *delayed = data;

  set_answer (delayed->msg, delayed->canned);
  soup_server_message_unpause (delayed->msg);
  delayed->endpoint->n_delayed--;
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static gboolean
body_contains (SoupServerMessage *msg, const char *text)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *copy = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (copy, text) != NULL;
}

static void
on_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  Endpoint   *endpoint = user_data;
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Amz-Target");
  const char *operation = target != NULL ? strrchr (target, '.') : NULL;

  for (guint i = 0; operation != NULL && i < endpoint->n_answers; i++)
    {
      const Canned *canned = &endpoint->answers[i];
      Delayed      *delayed;

      if (strcmp (operation + 1, canned->operation) != 0
          || (canned->when != NULL && !body_contains (msg, canned->when)))
        continue;

      if (canned->delay_ms == 0)
        {
          set_answer (msg, canned);
          return;
        }

      delayed = g_new0 (Delayed, 1);
      delayed->endpoint = endpoint;
      delayed->msg = g_object_ref (msg);
      delayed->canned = canned;
      endpoint->n_delayed++;
      soup_server_message_pause (msg);
      g_timeout_add (canned->delay_ms, answer_later, delayed);
      return;
    }

  soup_server_message_set_status (msg, 500, NULL);
}

typedef struct
{
  Endpoint     endpoint;
  gboolean     list;      /* list the clusters instead of loading one */
  const char  *cache_dir; /* where the loader keeps task definitions, or NULL */
  gboolean     done;
  C3vSnapshot *snapshot; /* the complete one, or the partial one on error */
  GPtrArray   *clusters; /* C3vClusterSummary, when listed */
  GError      *error;
} CannedLoad;

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CannedLoad  *load = user_data;
  C3vSnapshot *partial = NULL;

  load->snapshot = c3v_loader_load_finish (C3V_LOADER (source), result, &partial, &load->error);
  if (load->snapshot == NULL)
    load->snapshot = partial;
  load->done = TRUE;
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CannedLoad *load = user_data;

  load->clusters = c3v_loader_list_clusters_finish (C3V_LOADER (source), result, &load->error);
  load->done = TRUE;
}

/* Serves @answers on loopback and loads the cluster "canned" from them
 * through the real client; returns once the load has ended and every
 * delayed answer was sent (so none outlives the server), or fails the
 * test after WAIT_MS. */
static void
canned_load_run (CannedLoad *load, const Canned *canned, guint n_answers)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new ("AKIDCANNED", "canned-secret", NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vEcsClient) client = NULL;
  g_autoptr (C3vLoader) loader = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;
  gboolean         timed_out = FALSE;
  guint            timeout;

  load->endpoint = (Endpoint){ canned, n_answers, 0 };
  soup_server_add_handler (server, NULL, on_request, &load->endpoint, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  client = c3v_ecs_client_new (provider, "eu-west-1", url);
  loader = c3v_loader_new (client, load->cache_dir);
  if (load->list)
    c3v_loader_list_clusters_async (loader, NULL, on_listed, load);
  else
    c3v_loader_load_async (loader, "canned", NULL, on_loaded, load);
  timeout = g_timeout_add (WAIT_MS, set_flag, &timed_out);
  while ((!load->done || load->endpoint.n_delayed > 0) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
canned_load_clear (CannedLoad *load)
{
  g_clear_pointer (&load->snapshot, c3v_snapshot_unref);
  g_clear_pointer (&load->clusters, g_ptr_array_unref);
  g_clear_error (&load->error);
}

static void
test_failures_and_degraded_answers (void)
{
  CannedLoad         load = { 0 };
  C3vSnapshot       *snapshot;
  const C3vInstance *instance;
  const C3vFailure  *failure;

  canned_load_run (&load, answers, G_N_ELEMENTS (answers));
  g_assert_no_error (load.error);
  snapshot = load.snapshot;

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
  canned_load_clear (&load);
}

/* The load fails (ListServices refused) while a task definition is still
 * being fetched: the tasks DescribeTasks already gave belong in the
 * partial snapshot all the same. */
static const Canned failing_answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\"}], \"failures\": []}" },
  { "ListContainerInstances", 200, "{\"containerInstanceArns\": []}" },
  { "ListTasks", 200, "{\"taskArns\": []}", 0, "\"STOPPED\"" },
  { "ListTasks", 200, "{\"taskArns\": [\"" ARN_PREFIX "task/canned/t1\"]}" },
  { "DescribeTasks", 200,
    "{\"tasks\": [{\"taskArn\": \"" ARN_PREFIX "task/canned/t1\","
    "   \"taskDefinitionArn\": \"" ARN_PREFIX "task-definition/slow:3\","
    "   \"launchType\": \"FARGATE\", \"cpu\": \"256\", \"memory\": \"512\","
    "   \"containers\": [{\"name\": \"app\"}]}], \"failures\": []}" },
  { "DescribeTaskDefinition", 200,
    "{\"taskDefinition\": {\"taskDefinitionArn\": \"" ARN_PREFIX "task-definition/slow:3\"}}",
    1500 },
  { "ListServices", 400, "{\"__type\": \"AccessDeniedException\", \"message\": \"no\"}", 300 },
};

static void
test_error_keeps_described_tasks (void)
{
  CannedLoad load = { 0 };
  guint      n_unplaced = 0;

  canned_load_run (&load, failing_answers, G_N_ELEMENTS (failing_answers));

  g_assert_nonnull (load.error);
  g_assert_nonnull (load.snapshot);
  g_assert_false (c3v_snapshot_is_complete (load.snapshot));
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (load.snapshot), ==, 1);
  g_assert_cmpuint (c3v_snapshot_get_task (load.snapshot, 0)->reserved_cpu, ==, 256);
  g_assert_cmpuint (c3v_snapshot_get_task (load.snapshot, 0)->reserved_memory, ==, 512);
  c3v_snapshot_get_unplaced_tasks (load.snapshot, &n_unplaced);
  g_assert_cmpuint (n_unplaced, ==, 1);
  canned_load_clear (&load);
}

/* ECS keeps a deleted cluster visible as INACTIVE for a while; its lists
 * fail. That is a cluster that does not exist, not one lost mid-load. */
static const Canned inactive_answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\", \"status\": \"INACTIVE\"}],"
    " \"failures\": []}" },
  { "ListContainerInstances", 400,
    "{\"__type\": \"ClusterNotFoundException\", \"message\": \"Cluster not found.\"}", 100 },
  { "ListTasks", 400,
    "{\"__type\": \"ClusterNotFoundException\", \"message\": \"Cluster not found.\"}", 100 },
  { "ListServices", 400,
    "{\"__type\": \"ClusterNotFoundException\", \"message\": \"Cluster not found.\"}", 100 },
};

static void
test_inactive_cluster (void)
{
  CannedLoad load = { 0 };

  canned_load_run (&load, inactive_answers, G_N_ELEMENTS (inactive_answers));

  g_assert_error (load.error, C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND);
  g_assert_cmpstr (load.error->message, ==, "Cluster “canned” does not exist");
  canned_load_clear (&load);
}

/* A task asked to stop (desiredStatus STOPPED) still runs and still holds
 * its reservation, as ECS accounts it; one that has stopped holds nothing. */
#define TASK_JSON(id, last, desired, cpu, memory)                                                  \
  "{\"taskArn\": \"" ARN_PREFIX "task/canned/" id "\", \"lastStatus\": \"" last "\","              \
  " \"desiredStatus\": \"" desired "\", \"cpu\": \"" cpu "\", \"memory\": \"" memory "\","         \
  " \"containerInstanceArn\": \"" ARN_PREFIX "container-instance/canned/ci1\"}"

static const Canned stopping_answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\"}], \"failures\": []}" },
  { "ListContainerInstances", 200,
    "{\"containerInstanceArns\": [\"" ARN_PREFIX "container-instance/canned/ci1\"]}" },
  { "DescribeContainerInstances", 200,
    "{\"containerInstances\": [{\"containerInstanceArn\": \"" ARN_PREFIX
    "container-instance/canned/ci1\","
    "   \"registeredResources\": [{\"name\": \"CPU\", \"integerValue\": 2048},"
    "                             {\"name\": \"MEMORY\", \"integerValue\": 4096}],"
    "   \"remainingResources\": [{\"name\": \"CPU\", \"integerValue\": 1664},"
    "                            {\"name\": \"MEMORY\", \"integerValue\": 3328}]}],"
    " \"failures\": []}" },
  { "ListTasks", 200,
    "{\"taskArns\": [\"" ARN_PREFIX "task/canned/stopping\", \"" ARN_PREFIX
    "task/canned/stopped\"]}",
    0, "\"STOPPED\"" },
  { "ListTasks", 200, "{\"taskArns\": [\"" ARN_PREFIX "task/canned/running\"]}" },
  { "DescribeTasks", 200,
    "{\"tasks\": [" TASK_JSON ("stopping", "RUNNING", "STOPPED", "128", "256") ", " TASK_JSON (
        "stopped", "STOPPED", "STOPPED", "1024", "1024") "], \"failures\": []}",
    0, "task/canned/stopping" },
  { "DescribeTasks", 200,
    "{\"tasks\": [" TASK_JSON ("running", "RUNNING", "RUNNING", "256",
                               "512") "],"
                                      " \"failures\": []}" },
  { "ListServices", 200, "{\"serviceArns\": []}" },
};

static void
test_stopping_tasks (void)
{
  CannedLoad         load = { 0 };
  C3vSnapshot       *snapshot;
  const C3vInstance *instance;

  canned_load_run (&load, stopping_answers, G_N_ELEMENTS (stopping_answers));
  g_assert_no_error (load.error);
  snapshot = load.snapshot;

  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 2);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, ARN_PREFIX "task/canned/running"), >=, 0);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, ARN_PREFIX "task/canned/stopping"), >=, 0);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, ARN_PREFIX "task/canned/stopped"), ==, -1);
  instance = c3v_snapshot_get_instance (snapshot, 0);
  g_assert_cmpuint (instance->n_tasks, ==, 2);
  g_assert_cmpuint (instance->reserved_memory, ==, 768);
  g_assert_false (instance->mismatch);
  canned_load_clear (&load);
}

/* A task that stops between ListTasks and DescribeTasks comes back
 * STOPPED from the RUNNING chain: it holds nothing any more, and ECS's
 * remaining resources no longer count it. */
static const Canned raced_answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\"}], \"failures\": []}" },
  { "ListContainerInstances", 200,
    "{\"containerInstanceArns\": [\"" ARN_PREFIX "container-instance/canned/ci1\"]}" },
  { "DescribeContainerInstances", 200,
    "{\"containerInstances\": [{\"containerInstanceArn\": \"" ARN_PREFIX
    "container-instance/canned/ci1\","
    "   \"registeredResources\": [{\"name\": \"CPU\", \"integerValue\": 2048},"
    "                             {\"name\": \"MEMORY\", \"integerValue\": 4096}],"
    "   \"remainingResources\": [{\"name\": \"CPU\", \"integerValue\": 1792},"
    "                            {\"name\": \"MEMORY\", \"integerValue\": 3584}]}],"
    " \"failures\": []}" },
  { "ListTasks", 200, "{\"taskArns\": []}", 0, "\"STOPPED\"" },
  { "ListTasks", 200,
    "{\"taskArns\": [\"" ARN_PREFIX "task/canned/running\", \"" ARN_PREFIX
    "task/canned/raced\"]}" },
  { "DescribeTasks", 200,
    "{\"tasks\": [" TASK_JSON ("running", "RUNNING", "RUNNING", "256", "512") ", " TASK_JSON (
        "raced", "STOPPED", "STOPPED", "1024", "1024") "], \"failures\": []}" },
  { "ListServices", 200, "{\"serviceArns\": []}" },
};

static void
test_task_stopped_since_listed (void)
{
  CannedLoad         load = { 0 };
  C3vSnapshot       *snapshot;
  const C3vInstance *instance;

  canned_load_run (&load, raced_answers, G_N_ELEMENTS (raced_answers));
  g_assert_no_error (load.error);
  snapshot = load.snapshot;

  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 1);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, ARN_PREFIX "task/canned/raced"), ==, -1);
  instance = c3v_snapshot_get_instance (snapshot, 0);
  g_assert_cmpuint (instance->n_tasks, ==, 1);
  g_assert_cmpuint (instance->reserved_memory, ==, 512);
  g_assert_false (instance->mismatch);
  canned_load_clear (&load);
}

/* An endpoint that repeats a service ARN, in a page and in the describe
 * answer: the service is listed once. */
#define SERVICE_ARN ARN_PREFIX "service/canned/web"

static const Canned repeated_service_answers[] = {
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX
    "cluster/canned\", \"clusterName\": \"canned\"}], \"failures\": []}" },
  { "ListContainerInstances", 200, "{\"containerInstanceArns\": []}" },
  { "ListTasks", 200, "{\"taskArns\": []}" },
  { "ListServices", 200, "{\"serviceArns\": [\"" SERVICE_ARN "\", \"" SERVICE_ARN "\"]}" },
  { "DescribeServices", 200,
    "{\"services\": [{\"serviceArn\": \"" SERVICE_ARN "\", \"serviceName\": \"web\"},"
    " {\"serviceArn\": \"" SERVICE_ARN "\", \"serviceName\": \"web\"}], \"failures\": []}" },
};

static void
test_repeated_service (void)
{
  CannedLoad load = { 0 };

  canned_load_run (&load, repeated_service_answers, G_N_ELEMENTS (repeated_service_answers));
  g_assert_no_error (load.error);
  g_assert_cmpuint (c3v_snapshot_get_n_services (load.snapshot), ==, 1);
  g_assert_cmpstr (c3v_snapshot_get_service (load.snapshot, 0)->arn, ==, SERVICE_ARN);
  canned_load_clear (&load);
}

/* A lone surrogate in a cluster's name reaches the sidebar as bytes that
 * are not UTF-8 (json-glib lets it through): the summary is valid UTF-8,
 * the bad part replaced. */
static const Canned surrogate_cluster_answers[] = {
  { "ListClusters", 200, "{\"clusterArns\": [\"" ARN_PREFIX "cluster/we\\ud800xb\"]}" },
  { "DescribeClusters", 200,
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX "cluster/we\\ud800xb\","
    " \"clusterName\": \"we\\ud800xb\", \"status\": \"ACTIVE\\udc00xz\"}], \"failures\": []}" },
};

static void
test_cluster_names_valid_utf8 (void)
{
  CannedLoad               load = { .list = TRUE };
  const C3vClusterSummary *summary;

  canned_load_run (&load, surrogate_cluster_answers, G_N_ELEMENTS (surrogate_cluster_answers));
  g_assert_no_error (load.error);
  g_assert_cmpuint (load.clusters->len, ==, 1);
  summary = g_ptr_array_index (load.clusters, 0);
  g_assert_true (g_utf8_validate (summary->name, -1, NULL));
  g_assert_true (g_str_has_prefix (summary->name, "we"));
  g_assert_true (g_str_has_suffix (summary->name, "b"));
  g_assert_true (g_utf8_validate (summary->arn, -1, NULL));
  g_assert_true (g_utf8_validate (summary->status, -1, NULL));
  canned_load_clear (&load);
}

/* A task of victim:7 on ci1, and the answers around it; the definition's
 * answer is the caller's. */
#define VICTIM_TD ARN_PREFIX "task-definition/victim:7"
#define WEB_TD    ARN_PREFIX "task-definition/web:1"
#define DEFINITION_JSON(arn, family, revision, image)                                              \
  "{\"taskDefinition\": {\"taskDefinitionArn\": \"" arn "\", \"family\": \"" family "\","          \
  " \"revision\": " revision ","                                                                   \
  " \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"" image "\", \"memory\": 256}]}}"
#define TASK_OF(id, definition)                                                                    \
  "{\"taskArn\": \"" ARN_PREFIX "task/canned/" id "\", \"taskDefinitionArn\": \"" definition "\"," \
  " \"lastStatus\": \"RUNNING\", \"desiredStatus\": \"RUNNING\","                                  \
  " \"containerInstanceArn\": \"" ARN_PREFIX "container-instance/canned/ci1\","                    \
  " \"containers\": [{\"name\": \"app\"}]}"
#define ONE_INSTANCE_ANSWERS                                                                       \
  { "DescribeClusters", 200,                                                                       \
    "{\"clusters\": [{\"clusterArn\": \"" ARN_PREFIX                                               \
    "cluster/canned\", \"clusterName\": \"canned\"}], \"failures\": []}" },                        \
      { "ListContainerInstances", 200,                                                             \
        "{\"containerInstanceArns\": [\"" ARN_PREFIX "container-instance/canned/ci1\"]}" },        \
      { "DescribeContainerInstances", 200,                                                         \
        "{\"containerInstances\": [{\"containerInstanceArn\": \"" ARN_PREFIX                       \
        "container-instance/canned/ci1\"}], \"failures\": []}" },                                  \
      { "ListTasks", 200, "{\"taskArns\": []}", 0, "\"STOPPED\"" },                                \
  {                                                                                                \
    "ListServices", 200, "{\"serviceArns\": []}"                                                   \
  }

/* Asked for web:1, a hostile endpoint describes victim:7 instead. */
static const Canned misdescribed_answers[] = {
  ONE_INSTANCE_ANSWERS,
  { "ListTasks", 200, "{\"taskArns\": [\"" ARN_PREFIX "task/canned/web\"]}" },
  { "DescribeTasks", 200, "{\"tasks\": [" TASK_OF ("web", WEB_TD) "], \"failures\": []}" },
  { "DescribeTaskDefinition", 200, DEFINITION_JSON (VICTIM_TD, "victim", "7", "attacker/image"), 0,
    "web:1" },
};

/* Any endpoint's honest (or claimed) answer about victim:7. */
#define VICTIM_ANSWERS(image)                                                                      \
  ONE_INSTANCE_ANSWERS,                                                                            \
      { "ListTasks", 200, "{\"taskArns\": [\"" ARN_PREFIX "task/canned/victim\"]}" },              \
      { "DescribeTasks", 200,                                                                      \
        "{\"tasks\": [" TASK_OF ("victim", VICTIM_TD) "], \"failures\": []}" },                    \
  {                                                                                                \
    "DescribeTaskDefinition", 200, DEFINITION_JSON (VICTIM_TD, "victim", "7", image), 0,           \
        "victim:7"                                                                                 \
  }

static const Canned honest_victim_answers[] = { VICTIM_ANSWERS ("honest/image") };
static const Canned hostile_victim_answers[] = { VICTIM_ANSWERS ("attacker/image") };

static const char *
first_image (C3vSnapshot *snapshot)
{
  const C3vTask *task;

  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 1);
  task = c3v_snapshot_get_task (snapshot, 0);
  g_assert_cmpuint (task->n_containers, ==, 1);
  return task->containers[0].image;
}

static void
remove_cache_dir (char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_free (path);
}

/* An answer about another definition than the one asked for is neither
 * used for the task nor kept for that other definition. */
static void
test_misdescribed_definition_ignored (void)
{
  g_autoptr (GError) error = NULL;
  char      *cache_dir = g_dir_make_tmp ("c3vis-canned-XXXXXX", &error);
  CannedLoad poison = { .cache_dir = cache_dir };
  CannedLoad honest = { .cache_dir = cache_dir };

  g_assert_no_error (error);
  canned_load_run (&poison, misdescribed_answers, G_N_ELEMENTS (misdescribed_answers));
  g_assert_no_error (poison.error);
  g_assert_null (first_image (poison.snapshot));

  canned_load_run (&honest, honest_victim_answers, G_N_ELEMENTS (honest_victim_answers));
  g_assert_no_error (honest.error);
  g_assert_cmpstr (first_image (honest.snapshot), ==, "honest/image");

  canned_load_clear (&poison);
  canned_load_clear (&honest);
  remove_cache_dir (cache_dir);
}

/* What one endpoint said about a definition is not shown for another's
 * tasks: the disk cache is the endpoint's own. */
static void
test_cache_kept_per_endpoint (void)
{
  g_autoptr (GError) error = NULL;
  char      *cache_dir = g_dir_make_tmp ("c3vis-canned-XXXXXX", &error);
  CannedLoad hostile = { .cache_dir = cache_dir };
  CannedLoad honest = { .cache_dir = cache_dir };

  g_assert_no_error (error);
  canned_load_run (&hostile, hostile_victim_answers, G_N_ELEMENTS (hostile_victim_answers));
  g_assert_no_error (hostile.error);
  g_assert_cmpstr (first_image (hostile.snapshot), ==, "attacker/image");

  /* Another server, on another port: another endpoint. */
  canned_load_run (&honest, honest_victim_answers, G_N_ELEMENTS (honest_victim_answers));
  g_assert_no_error (honest.error);
  g_assert_cmpstr (first_image (honest.snapshot), ==, "honest/image");

  canned_load_clear (&hostile);
  canned_load_clear (&honest);
  remove_cache_dir (cache_dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-canned/failures-and-degraded-answers",
                   test_failures_and_degraded_answers);
  g_test_add_func ("/loader-canned/error-keeps-described-tasks", test_error_keeps_described_tasks);
  g_test_add_func ("/loader-canned/inactive-cluster", test_inactive_cluster);
  g_test_add_func ("/loader-canned/stopping-tasks", test_stopping_tasks);
  g_test_add_func ("/loader-canned/task-stopped-since-listed", test_task_stopped_since_listed);
  g_test_add_func ("/loader-canned/repeated-service", test_repeated_service);
  g_test_add_func ("/loader-canned/cluster-names-valid-utf8", test_cluster_names_valid_utf8);
  g_test_add_func ("/loader-canned/misdescribed-definition-ignored",
                   test_misdescribed_definition_ignored);
  g_test_add_func ("/loader-canned/cache-kept-per-endpoint", test_cache_kept_per_endpoint);

  return g_test_run ();
}
