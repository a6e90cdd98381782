/* c3v-fake-serializer.c: account records to ECS's JSON shapes.
 *
 * Shapes follow botocore's ECS service model: task and container sizes
 * are strings, definition sizes are integers, times are epoch seconds.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-serializer.h"

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder, const char *name, double value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder, const char *name, gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_empty_array (JsonBuilder *builder, const char *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

/* ECS reports task and container sizes as strings. */
static void
add_size_string (JsonBuilder *builder, const char *name, guint value)
{
  g_autofree char *text = NULL;

  if (value == 0)
    return;
  text = g_strdup_printf ("%u", value);
  add_string (builder, name, text);
}

static void
add_name_value (JsonBuilder *builder, const char *name_key, const char *name, const char *value_key,
                const char *value)
{
  json_builder_begin_object (builder);
  add_string (builder, name_key, name);
  add_string (builder, value_key, value);
  json_builder_end_object (builder);
}

static void
add_tags (JsonBuilder *builder, const char *team)
{
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  add_name_value (builder, "key", "team", "value", team);
  add_name_value (builder, "key", "managed-by", "value", "c3vis-fake-ecs");
  json_builder_end_array (builder);
}

void
c3v_fake_serialize_failure (JsonBuilder *builder, const char *arn, const char *reason)
{
  add_name_value (builder, "arn", arn, "reason", reason);
}

static void
add_statistic (JsonBuilder *builder, const char *name, guint value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  add_name_value (builder, "name", name, "value", text);
}

typedef struct
{
  guint running[2]; /* [EC2, FARGATE] */
  guint pending[2];
  guint services[2];
} ClusterCounts;

static void
count_cluster (const C3vFakeCluster *cluster, ClusterCounts *counts)
{
  memset (counts, 0, sizeof *counts);
  if (cluster->deleted)
    return;
  for (guint i = 0; i < cluster->tasks->len; i++)
    {
      const C3vFakeTask *task = g_ptr_array_index (cluster->tasks, i);
      guint              kind = task->instance == NULL ? 1 : 0;

      if (strcmp (task->last_status, "RUNNING") == 0)
        counts->running[kind]++;
      else if (strcmp (task->last_status, "PENDING") == 0)
        counts->pending[kind]++;
    }
  for (guint i = 0; i < cluster->services->len; i++)
    {
      const C3vFakeService *service = g_ptr_array_index (cluster->services, i);

      counts->services[service->fargate ? 1 : 0]++;
    }
}

void
c3v_fake_serialize_cluster (JsonBuilder *builder, const C3vFakeCluster *cluster,
                            gboolean statistics, gboolean tags)
{
  ClusterCounts counts;

  count_cluster (cluster, &counts);

  json_builder_begin_object (builder);
  add_string (builder, "clusterArn", cluster->arn);
  add_string (builder, "clusterName", cluster->name);
  add_string (builder, "status", cluster->deleted ? "INACTIVE" : "ACTIVE");
  add_int (builder, "registeredContainerInstancesCount",
           cluster->deleted ? 0 : cluster->instances->len);
  add_int (builder, "runningTasksCount", counts.running[0] + counts.running[1]);
  add_int (builder, "pendingTasksCount", counts.pending[0] + counts.pending[1]);
  add_int (builder, "activeServicesCount", cluster->deleted ? 0 : cluster->services->len);
  json_builder_set_member_name (builder, "statistics");
  json_builder_begin_array (builder);
  if (statistics)
    {
      add_statistic (builder, "runningEC2TasksCount", counts.running[0]);
      add_statistic (builder, "runningFargateTasksCount", counts.running[1]);
      add_statistic (builder, "pendingEC2TasksCount", counts.pending[0]);
      add_statistic (builder, "pendingFargateTasksCount", counts.pending[1]);
      add_statistic (builder, "activeEC2ServiceCount", counts.services[0]);
      add_statistic (builder, "activeFargateServiceCount", counts.services[1]);
      add_statistic (builder, "drainingEC2ServiceCount", 0);
      add_statistic (builder, "drainingFargateServiceCount", 0);
    }
  json_builder_end_array (builder);
  if (tags)
    add_tags (builder, cluster->name);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_array (builder);
  add_name_value (builder, "name", "containerInsights", "value", "disabled");
  json_builder_end_array (builder);
  add_empty_array (builder, "capacityProviders");
  add_empty_array (builder, "defaultCapacityProviderStrategy");
  json_builder_end_object (builder);
}

static void
add_resource (JsonBuilder *builder, const char *name, guint value)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "type", "INTEGER");
  add_double (builder, "doubleValue", 0.0);
  add_int (builder, "longValue", 0);
  add_int (builder, "integerValue", value);
  json_builder_end_object (builder);
}

static void
add_ports (JsonBuilder *builder, const char *name, const char *const *ports)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "type", "STRINGSET");
  add_double (builder, "doubleValue", 0.0);
  add_int (builder, "longValue", 0);
  add_int (builder, "integerValue", 0);
  json_builder_set_member_name (builder, "stringSetValue");
  json_builder_begin_array (builder);
  for (guint i = 0; ports[i] != NULL; i++)
    json_builder_add_string_value (builder, ports[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* @task_ports: the host ports tasks took, listed after the agent's own
 * (NULL for registeredResources). */
static void
add_resources (JsonBuilder *builder, const char *name, guint cpu, guint memory,
               const C3vFakeInstance *task_ports)
{
  static const char *const agent_ports[] = { "22", "2375", "2376", "51678", "51679" };
  static const char *const no_ports[] = { NULL };
  g_autoptr (GPtrArray) tcp_ports = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (agent_ports); i++)
    g_ptr_array_add (tcp_ports, g_strdup (agent_ports[i]));
  for (guint i = 0; task_ports != NULL && i < task_ports->n_host_ports; i++)
    g_ptr_array_add (tcp_ports, g_strdup_printf ("%u", task_ports->host_ports[i]));
  g_ptr_array_add (tcp_ports, NULL);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  add_resource (builder, "CPU", cpu);
  add_resource (builder, "MEMORY", memory);
  add_ports (builder, "PORTS", (const char *const *) tcp_ports->pdata);
  add_ports (builder, "PORTS_UDP", no_ports);
  json_builder_end_array (builder);
}

void
c3v_fake_serialize_instance (JsonBuilder *builder, const C3vFakeCluster *cluster,
                             const C3vFakeInstance *instance, gboolean tags)
{
  json_builder_begin_object (builder);
  add_string (builder, "containerInstanceArn", instance->arn);
  add_string (builder, "ec2InstanceId", instance->ec2_instance_id);
  add_int (builder, "version", 42);
  json_builder_set_member_name (builder, "versionInfo");
  json_builder_begin_object (builder);
  add_string (builder, "agentVersion", "1.79.0");
  add_string (builder, "agentHash", "0f2a6b1c");
  add_string (builder, "dockerVersion", "DockerVersion: 20.10.25");
  json_builder_end_object (builder);
  add_resources (builder, "remainingResources", instance->remaining_cpu, instance->remaining_memory,
                 instance);
  add_resources (builder, "registeredResources", instance->registered_cpu,
                 instance->registered_memory, NULL);
  add_string (builder, "status", instance->status);
  add_boolean (builder, "agentConnected", instance->agent_connected);
  add_int (builder, "runningTasksCount", instance->running_tasks);
  add_int (builder, "pendingTasksCount", instance->pending_tasks);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  add_name_value (builder, "name", "ecs.instance-type", "value", instance->instance_type);
  add_name_value (builder, "name", "ecs.availability-zone", "value", instance->availability_zone);
  add_name_value (builder, "name", "ecs.ami-id", "value", "ami-0c3v15fake000001");
  add_name_value (builder, "name", "ecs.os-type", "value", "linux");
  add_name_value (builder, "name", "ecs.cpu-architecture", "value", "x86_64");
  json_builder_end_array (builder);
  add_double (builder, "registeredAt", instance->registered_at);
  add_empty_array (builder, "attachments");
  if (tags)
    add_tags (builder, cluster->name);
  json_builder_end_object (builder);
}

/* A stable container ID derived from the task, so answers stay
 * deterministic without storing one more string per container. */
static char *
container_arn (const C3vFakeTask *task, guint index)
{
  g_autofree char *key = g_strdup_printf ("%s/%u", task->id, index);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, key, -1);
  g_auto (GStrv) parts = g_strsplit (task->arn, ":task/", 2);

  g_assert (parts[0] != NULL && parts[1] != NULL);
  return g_strdup_printf ("%s:container/%s/%.8s-%.4s-%.4s-%.4s-%.12s", parts[0], parts[1], hash,
                          hash + 8, hash + 12, hash + 16, hash + 20);
}

static void
add_task_containers (JsonBuilder *builder, const C3vFakeTask *task)
{
  const C3vFakeTaskDef *def = task->definition;

  json_builder_set_member_name (builder, "containers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < def->n_containers; i++)
    {
      const C3vFakeContainerDef *container = &def->containers[i];
      g_autofree char           *arn = container_arn (task, i);
      g_autofree char           *cpu = g_strdup_printf ("%u", container->cpu);

      json_builder_begin_object (builder);
      add_string (builder, "containerArn", arn);
      add_string (builder, "taskArn", task->arn);
      add_string (builder, "name", container->name);
      add_string (builder, "image", container->image);
      add_string (builder, "lastStatus", task->last_status);
      add_string (builder, "healthStatus", "UNKNOWN");
      add_empty_array (builder, "networkBindings");
      add_empty_array (builder, "networkInterfaces");
      add_string (builder, "cpu", cpu);
      add_size_string (builder, "memory", container->memory);
      add_size_string (builder, "memoryReservation", container->memory_reservation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static const char *
network_mode (const C3vFakeTaskDef *def)
{
  return def->network_mode != NULL ? def->network_mode : def->fargate ? "awsvpc" : "bridge";
}

/* An awsvpc task on EC2 carries its ENI, as ECS shows it. */
static void
add_attachments (JsonBuilder *builder, const C3vFakeTask *task)
{
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  if (task->instance != NULL && g_strcmp0 (task->definition->network_mode, "awsvpc") == 0)
    {
      g_autofree char *id = g_strdup_printf ("eni-%.17s", task->id);

      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "type", "ElasticNetworkInterface");
      add_string (builder, "status", "ATTACHED");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
c3v_fake_serialize_task (JsonBuilder *builder, const C3vFakeCluster *cluster,
                         const C3vFakeTask *task, gboolean tags)
{
  gboolean fargate = task->instance == NULL;

  json_builder_begin_object (builder);
  add_string (builder, "taskArn", task->arn);
  add_string (builder, "clusterArn", cluster->arn);
  add_string (builder, "taskDefinitionArn", task->definition->arn);
  if (!fargate)
    add_string (builder, "containerInstanceArn", task->instance->arn);
  add_string (builder, "launchType", fargate ? "FARGATE" : "EC2");
  if (fargate)
    {
      add_string (builder, "capacityProviderName", "FARGATE");
      add_string (builder, "platformVersion", "1.4.0");
    }
  add_string (builder, "availabilityZone", task->availability_zone);
  add_string (builder, "lastStatus", task->last_status);
  add_string (builder, "desiredStatus", task->desired_status);
  add_string (builder, "healthStatus", "UNKNOWN");
  add_string (builder, "connectivity", "CONNECTED");
  add_string (builder, "group", task->group);
  if (task->started_by != NULL)
    add_string (builder, "startedBy", task->started_by);
  add_double (builder, "createdAt", task->created_at);
  if (task->started_at != 0)
    add_double (builder, "startedAt", task->started_at);
  add_size_string (builder, "cpu", task->definition->cpu);
  add_size_string (builder, "memory", task->definition->memory);
  add_int (builder, "version", 3);
  add_task_containers (builder, task);
  add_attachments (builder, task);
  if (tags)
    add_tags (builder, cluster->name);
  json_builder_end_object (builder);
}

/* Environment values a client must never display: a recognisable secret
 * lets tests check that none leaks into the UI, logs or exports. */
static void
add_environment (JsonBuilder *builder, const char *family)
{
  g_autofree char *url
      = g_strdup_printf ("postgres://%s:C3VIS-SECRET-ENV-VALUE@db.internal/%s", family, family);

  json_builder_set_member_name (builder, "environment");
  json_builder_begin_array (builder);
  add_name_value (builder, "name", "DATABASE_URL", "value", url);
  add_name_value (builder, "name", "LOG_LEVEL", "value", "info");
  json_builder_end_array (builder);
}

static void
add_container_def (JsonBuilder *builder, const C3vFakeTaskDef *def,
                   const C3vFakeContainerDef *container)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", container->name);
  add_string (builder, "image", container->image);
  add_int (builder, "cpu", container->cpu);
  if (container->memory != 0)
    add_int (builder, "memory", container->memory);
  if (container->memory_reservation != 0)
    add_int (builder, "memoryReservation", container->memory_reservation);
  add_boolean (builder, "essential", TRUE);
  json_builder_set_member_name (builder, "portMappings");
  json_builder_begin_array (builder);
  if (container->host_port != 0)
    {
      json_builder_begin_object (builder);
      add_int (builder, "containerPort", container->host_port);
      add_int (builder, "hostPort", container->host_port);
      add_string (builder, "protocol", "tcp");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_environment (builder, def->family);
  add_empty_array (builder, "mountPoints");
  add_empty_array (builder, "volumesFrom");
  json_builder_end_object (builder);
}

static void
add_string_array (JsonBuilder *builder, const char *name, const char *first, const char *second)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, first);
  if (second != NULL)
    json_builder_add_string_value (builder, second);
  json_builder_end_array (builder);
}

void
c3v_fake_serialize_task_def (JsonBuilder *builder, const C3vFakeTaskDef *def)
{
  json_builder_begin_object (builder);
  add_string (builder, "taskDefinitionArn", def->arn);
  add_string (builder, "family", def->family);
  add_int (builder, "revision", def->revision);
  add_string (builder, "status", "ACTIVE");
  json_builder_set_member_name (builder, "containerDefinitions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < def->n_containers; i++)
    add_container_def (builder, def, &def->containers[i]);
  json_builder_end_array (builder);
  add_empty_array (builder, "volumes");
  json_builder_set_member_name (builder, "placementConstraints");
  json_builder_begin_array (builder);
  if (def->member_of != NULL)
    add_name_value (builder, "type", "memberOf", "expression", def->member_of);
  json_builder_end_array (builder);
  add_string (builder, "networkMode", network_mode (def));
  add_string_array (builder, "compatibilities", "EC2", def->fargate ? "FARGATE" : NULL);
  if (def->fargate)
    add_string_array (builder, "requiresCompatibilities", "FARGATE", NULL);
  add_size_string (builder, "cpu", def->cpu);
  add_size_string (builder, "memory", def->memory);
  add_double (builder, "registeredAt", def->registered_at);
  add_string (builder, "registeredBy", "arn:aws:iam::" C3V_FAKE_ACCOUNT_ID ":role/deployer");
  json_builder_end_object (builder);
}

static void
add_deployment (JsonBuilder *builder, const C3vFakeService *service)
{
  g_autofree char *id = g_strdup_printf ("ecs-svc/%010u", g_str_hash (service->arn));

  json_builder_set_member_name (builder, "deployments");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "status", "PRIMARY");
  add_string (builder, "taskDefinition", service->definition->arn);
  add_int (builder, "desiredCount", service->desired_count);
  add_int (builder, "pendingCount", service->pending_count);
  add_int (builder, "runningCount", service->running_count);
  add_double (builder, "createdAt", service->created_at);
  add_double (builder, "updatedAt", service->created_at);
  add_string (builder, "launchType", service->fargate ? "FARGATE" : "EC2");
  add_string (builder, "rolloutState", "COMPLETED");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

void
c3v_fake_serialize_service (JsonBuilder *builder, const C3vFakeCluster *cluster,
                            const C3vFakeService *service)
{
  json_builder_begin_object (builder);
  add_string (builder, "serviceArn", service->arn);
  add_string (builder, "serviceName", service->name);
  add_string (builder, "clusterArn", cluster->arn);
  add_empty_array (builder, "loadBalancers");
  add_empty_array (builder, "serviceRegistries");
  add_string (builder, "status", "ACTIVE");
  add_int (builder, "desiredCount", service->desired_count);
  add_int (builder, "runningCount", service->running_count);
  add_int (builder, "pendingCount", service->pending_count);
  add_string (builder, "launchType", service->fargate ? "FARGATE" : "EC2");
  if (service->fargate)
    add_string (builder, "platformVersion", "LATEST");
  add_string (builder, "taskDefinition", service->definition->arn);
  add_deployment (builder, service);
  add_empty_array (builder, "events");
  add_double (builder, "createdAt", service->created_at);
  add_empty_array (builder, "placementConstraints");
  add_empty_array (builder, "placementStrategy");
  add_string (builder, "schedulingStrategy", "REPLICA");
  json_builder_end_object (builder);
}
