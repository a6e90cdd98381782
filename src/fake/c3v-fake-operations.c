/* c3v-fake-operations.c: the ECS operations the fake endpoint answers.
 *
 * Limits, defaults and error codes follow the ECS API reference: list
 * pages of 1..100 (ListServices defaults to 10), describe batches of 100
 * (DescribeServices: 10), unknown items reported in failures[] as
 * MISSING, a cluster given by name or ARN and "default" when omitted.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-error.h"
#include "c3v-fake-operations.h"
#include "c3v-fake-paging.h"
#include "c3v-fake-request.h"
#include "c3v-fake-serializer.h"

typedef JsonNode *(*OperationFunc) (C3vFakeAccount *account, JsonObject *request, GError **error);

static gboolean
invalid_parameter (GError **error, const char *message)
{
  g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER, message);
  return FALSE;
}

static const char *
cluster_reference (JsonObject *request, GError **error)
{
  const char *reference;

  if (!c3v_fake_request_get_string (request, "cluster", &reference, error))
    return NULL;
  return reference != NULL ? reference : "default";
}

/* The cluster a call names; a deleted one is found only for describes,
 * which report its items as MISSING instead of failing. */
static C3vFakeCluster *
find_cluster (C3vFakeAccount *account, JsonObject *request, gboolean include_deleted,
              GError **error)
{
  const char     *reference = cluster_reference (request, error);
  C3vFakeCluster *cluster;

  if (reference == NULL)
    return NULL;

  cluster = c3v_fake_account_find_cluster (account, reference, include_deleted);
  if (cluster == NULL)
    g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_CLUSTER_NOT_FOUND,
                         "Cluster not found.");
  return cluster;
}

/* Reads a describe call's list of references, enforcing 1..@max. */
static const char **
get_references (JsonObject *request, const char *member, guint max, GError **error)
{
  g_autofree const char **references = NULL;
  guint                   length;

  if (!c3v_fake_request_get_string_array (request, member, &references, error))
    return NULL;

  length = references != NULL ? g_strv_length ((char **) references) : 0;
  if (length == 0)
    {
      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER, "%s can not be empty.",
                   member);
      return NULL;
    }
  if (length > max)
    {
      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER,
                   "%s can have at most %u items.", member, max);
      return NULL;
    }
  return g_steal_pointer (&references);
}

static JsonNode *
list_clusters (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  g_autoptr (GPtrArray) arns = g_ptr_array_new ();

  for (guint i = 0; i < account->clusters->len; i++)
    {
      C3vFakeCluster *cluster = g_ptr_array_index (account->clusters, i);

      if (!cluster->deleted)
        g_ptr_array_add (arns, cluster->arn);
    }
  return c3v_fake_paging_answer (request, "ListClusters", 100, arns, "clusterArns", error);
}

/* Closes the items array a Describe* answer is building, then lists the
 * references it did not find as failures[], the way ECS does. */
static JsonNode *
end_describe_answer (JsonBuilder *builder, GPtrArray *missing)
{
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < missing->len; i++)
    c3v_fake_serialize_failure (builder, g_ptr_array_index (missing, i), "MISSING");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
describe_clusters (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const char      *default_clusters[] = { "default", NULL };
  g_autofree const char **references = NULL;
  const char            **names;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  gboolean statistics = c3v_fake_request_includes (request, "STATISTICS");
  gboolean tags = c3v_fake_request_includes (request, "TAGS");

  if (!c3v_fake_request_get_string_array (request, "clusters", &references, error))
    return NULL;
  names = references != NULL ? references : default_clusters;
  if (g_strv_length ((char **) names) > 100)
    {
      invalid_parameter (error, "clusters can have at most 100 items.");
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clusters");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      /* Like ECS, a deleted cluster is still described for a while, INACTIVE. */
      C3vFakeCluster *cluster = c3v_fake_account_find_cluster (account, names[i], TRUE);

      if (cluster != NULL)
        c3v_fake_serialize_cluster (builder, cluster, statistics, tags);
      else if (g_str_has_prefix (names[i], "arn:"))
        g_ptr_array_add (missing, g_strdup (names[i]));
      else
        g_ptr_array_add (missing, c3v_fake_account_cluster_arn (account, names[i]));
    }
  return end_describe_answer (builder, missing);
}

static gboolean
check_choice (const char *name, const char *value, const char **allowed, GError **error)
{
  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;

  g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_PARAMETER,
               "%s is not a valid value for %s.", value, name);
  return FALSE;
}

static JsonNode *
list_container_instances (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const char *statuses[]
      = { "ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED", NULL };
  C3vFakeCluster *cluster = find_cluster (account, request, FALSE, error);
  g_autoptr (GPtrArray) arns = g_ptr_array_new ();
  g_autofree char *query = NULL;
  const char      *status = NULL;
  const char      *filter = NULL;

  if (cluster == NULL || !c3v_fake_request_get_string (request, "status", &status, error)
      || !c3v_fake_request_get_string (request, "filter", &filter, error)
      || !check_choice ("status", status, statuses, error))
    return NULL;
  /* The cluster query language is out of scope: refuse it loudly rather
   * than answer as if it matched everything. */
  if (filter != NULL)
    {
      invalid_parameter (error, "The fake endpoint does not support filter expressions.");
      return NULL;
    }

  for (guint i = 0; i < cluster->instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (cluster->instances, i);

      if (status == NULL || strcmp (status, instance->status) == 0)
        g_ptr_array_add (arns, instance->arn);
    }
  query = g_strdup_printf ("ListContainerInstances\n%s\n%s", cluster->arn, status ? status : "");
  return c3v_fake_paging_answer (request, query, 100, arns, "containerInstanceArns", error);
}

typedef gconstpointer (*FindFunc) (C3vFakeCluster *cluster, const char *reference);
typedef void (*SerializeFunc) (JsonBuilder *builder, C3vFakeCluster *cluster, gconstpointer item,
                               gboolean tags);

typedef struct
{
  const char   *member;   /* request and answer member: "tasks" */
  const char   *arn_kind; /* "task" in arn:...:task/CLUSTER/ID */
  guint         max;
  FindFunc      find;
  SerializeFunc serialize;
} DescribeSpec;

static char *
missing_arn (C3vFakeAccount *account, C3vFakeCluster *cluster, const DescribeSpec *spec,
             const char *reference)
{
  if (g_str_has_prefix (reference, "arn:"))
    return g_strdup (reference);
  return g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":%s/%s/%s", account->region,
                          spec->arn_kind, cluster->name, reference);
}

/* Describes each reference of a cluster, reporting unknown ones (and all
 * of a deleted cluster's) in failures[] as MISSING. */
static JsonNode *
describe_in_cluster (C3vFakeAccount *account, JsonObject *request, const DescribeSpec *spec,
                     GError **error)
{
  C3vFakeCluster         *cluster = find_cluster (account, request, TRUE, error);
  g_autofree const char **references = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  gboolean tags = c3v_fake_request_includes (request, "TAGS");

  if (cluster == NULL
      || (references = get_references (request, spec->member, spec->max, error)) == NULL)
    return NULL;

  builder = json_builder_new ();
  missing = g_ptr_array_new_with_free_func (g_free);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, spec->member);
  json_builder_begin_array (builder);
  for (guint i = 0; references[i] != NULL; i++)
    {
      gconstpointer item = cluster->deleted ? NULL : spec->find (cluster, references[i]);

      if (item != NULL)
        spec->serialize (builder, cluster, item, tags);
      else
        g_ptr_array_add (missing, missing_arn (account, cluster, spec, references[i]));
    }
  return end_describe_answer (builder, missing);
}

static gconstpointer
find_instance (C3vFakeCluster *cluster, const char *reference)
{
  return c3v_fake_cluster_find_instance (cluster, reference);
}

static void
serialize_instance (JsonBuilder *builder, C3vFakeCluster *cluster, gconstpointer item,
                    gboolean tags)
{
  c3v_fake_serialize_instance (builder, cluster, item, tags);
}

static JsonNode *
describe_container_instances (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const DescribeSpec spec
      = { "containerInstances", "container-instance", 100, find_instance, serialize_instance };

  return describe_in_cluster (account, request, &spec, error);
}

static gconstpointer
find_task (C3vFakeCluster *cluster, const char *reference)
{
  return c3v_fake_cluster_find_task (cluster, reference);
}

static void
serialize_task (JsonBuilder *builder, C3vFakeCluster *cluster, gconstpointer item, gboolean tags)
{
  c3v_fake_serialize_task (builder, cluster, item, tags);
}

static JsonNode *
describe_tasks (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const DescribeSpec spec = { "tasks", "task", 100, find_task, serialize_task };

  return describe_in_cluster (account, request, &spec, error);
}

static gconstpointer
find_service (C3vFakeCluster *cluster, const char *reference)
{
  return c3v_fake_cluster_find_service (cluster, reference);
}

static void
serialize_service (JsonBuilder *builder, C3vFakeCluster *cluster, gconstpointer item, gboolean tags)
{
  c3v_fake_serialize_service (builder, cluster, item);
}

static JsonNode *
describe_services (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const DescribeSpec spec = { "services", "service", 10, find_service, serialize_service };

  return describe_in_cluster (account, request, &spec, error);
}

typedef struct
{
  const char      *container_instance;
  const char      *family;
  const char      *service_name;
  const char      *launch_type;
  const char      *desired_status;
  const char      *started_by;
  C3vFakeInstance *instance;
} TaskFilter;

static gboolean
read_task_filter (C3vFakeCluster *cluster, JsonObject *request, TaskFilter *filter, GError **error)
{
  static const char *launch_types[] = { "EC2", "FARGATE", "EXTERNAL", NULL };
  static const char *desired_statuses[] = { "RUNNING", "PENDING", "STOPPED", NULL };

  if (!c3v_fake_request_get_string (request, "containerInstance", &filter->container_instance,
                                    error)
      || !c3v_fake_request_get_string (request, "family", &filter->family, error)
      || !c3v_fake_request_get_string (request, "serviceName", &filter->service_name, error)
      || !c3v_fake_request_get_string (request, "launchType", &filter->launch_type, error)
      || !c3v_fake_request_get_string (request, "desiredStatus", &filter->desired_status, error)
      || !c3v_fake_request_get_string (request, "startedBy", &filter->started_by, error)
      || !check_choice ("launchType", filter->launch_type, launch_types, error)
      || !check_choice ("desiredStatus", filter->desired_status, desired_statuses, error))
    return FALSE;

  if (filter->desired_status == NULL)
    filter->desired_status = "RUNNING";
  if (filter->service_name != NULL
      && c3v_fake_cluster_find_service (cluster, filter->service_name) == NULL)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERVICE_NOT_FOUND,
                           "Service not found.");
      return FALSE;
    }
  if (filter->container_instance != NULL)
    {
      filter->instance = c3v_fake_cluster_find_instance (cluster, filter->container_instance);
      if (filter->instance == NULL)
        return invalid_parameter (error, "Container instance not found in the cluster.");
    }
  return TRUE;
}

static gboolean
task_matches (const C3vFakeTask *task, const TaskFilter *filter)
{
  const char *launch_type = task->instance != NULL ? "EC2" : "FARGATE";

  return strcmp (task->desired_status, filter->desired_status) == 0
         && (filter->container_instance == NULL || task->instance == filter->instance)
         && (filter->family == NULL || strcmp (task->definition->family, filter->family) == 0)
         && (filter->service_name == NULL
             || (task->service != NULL
                 && (strcmp (task->service->name, filter->service_name) == 0
                     || strcmp (task->service->arn, filter->service_name) == 0)))
         && (filter->launch_type == NULL || strcmp (launch_type, filter->launch_type) == 0)
         && (filter->started_by == NULL || g_strcmp0 (task->started_by, filter->started_by) == 0);
}

static JsonNode *
list_tasks (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  C3vFakeCluster *cluster = find_cluster (account, request, FALSE, error);
  g_autoptr (GPtrArray) arns = NULL;
  g_autofree char *query = NULL;
  TaskFilter       filter = { 0 };

  if (cluster == NULL || !read_task_filter (cluster, request, &filter, error))
    return NULL;

  arns = g_ptr_array_new ();
  for (guint i = 0; i < cluster->tasks->len; i++)
    {
      C3vFakeTask *task = g_ptr_array_index (cluster->tasks, i);

      if (task_matches (task, &filter))
        g_ptr_array_add (arns, task->arn);
    }
  query = g_strjoin ("\n", "ListTasks", cluster->arn, filter.desired_status,
                     filter.container_instance ? filter.container_instance : "",
                     filter.family ? filter.family : "",
                     filter.service_name ? filter.service_name : "",
                     filter.launch_type ? filter.launch_type : "",
                     filter.started_by ? filter.started_by : "", NULL);
  return c3v_fake_paging_answer (request, query, 100, arns, "taskArns", error);
}

static JsonNode *
list_services (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  static const char *launch_types[] = { "EC2", "FARGATE", "EXTERNAL", NULL };
  C3vFakeCluster    *cluster = find_cluster (account, request, FALSE, error);
  g_autoptr (GPtrArray) arns = NULL;
  g_autofree char *query = NULL;
  const char      *launch_type = NULL;

  if (cluster == NULL || !c3v_fake_request_get_string (request, "launchType", &launch_type, error)
      || !check_choice ("launchType", launch_type, launch_types, error))
    return NULL;

  arns = g_ptr_array_new ();
  for (guint i = 0; i < cluster->services->len; i++)
    {
      C3vFakeService *service = g_ptr_array_index (cluster->services, i);

      if (launch_type == NULL || strcmp (launch_type, service->fargate ? "FARGATE" : "EC2") == 0)
        g_ptr_array_add (arns, service->arn);
    }
  query = g_strdup_printf ("ListServices\n%s\n%s", cluster->arn, launch_type ? launch_type : "");
  /* ListServices is the one list whose page defaults to 10, not 100. */
  return c3v_fake_paging_answer (request, query, 10, arns, "serviceArns", error);
}

static JsonNode *
describe_task_definition (C3vFakeAccount *account, JsonObject *request, GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  const char     *reference = NULL;
  C3vFakeTaskDef *def;

  if (!c3v_fake_request_get_string (request, "taskDefinition", &reference, error))
    return NULL;
  if (reference == NULL)
    {
      invalid_parameter (error, "taskDefinition can not be blank.");
      return NULL;
    }

  def = c3v_fake_account_find_task_def (account, reference);
  if (def == NULL)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_CLIENT,
                           "Unable to describe task definition.");
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "taskDefinition");
  c3v_fake_serialize_task_def (builder, def);
  if (c3v_fake_request_includes (request, "TAGS"))
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const struct
{
  const char   *name;
  OperationFunc func;
} operations[] = {
  { "ListClusters", list_clusters },
  { "DescribeClusters", describe_clusters },
  { "ListContainerInstances", list_container_instances },
  { "DescribeContainerInstances", describe_container_instances },
  { "ListTasks", list_tasks },
  { "DescribeTasks", describe_tasks },
  { "DescribeTaskDefinition", describe_task_definition },
  { "ListServices", list_services },
  { "DescribeServices", describe_services },
};

JsonNode *
c3v_fake_operations_call (C3vFakeAccount *account, const char *operation, JsonObject *request,
                          GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (g_strcmp0 (operations[i].name, operation) == 0)
      return operations[i].func (account, request, error);

  g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_UNKNOWN_OPERATION, "");
  return NULL;
}
