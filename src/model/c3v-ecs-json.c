/* c3v-ecs-json.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-ecs-json.h"

static JsonNode *
get_member (JsonObject *object, const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

const char *
c3v_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonArray *
c3v_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
c3v_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Any JSON number as a double; FALSE for everything else. */
static gboolean
get_number (JsonObject *object, const char *member, double *value)
{
  JsonNode *node = get_member (object, member);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static gint32
size_from_double (double value)
{
  /* NaN fails both comparisons and so reads as unset. */
  if (!(value >= 0 && value <= G_MAXINT32))
    return C3V_UNSET;

  return (gint32) value;
}

static gint32
size_from_string (const char *str)
{
  char  *end = NULL;
  double value;

  value = g_ascii_strtod (str, &end);
  if (end == str)
    return C3V_UNSET;

  while (g_ascii_isspace (*end))
    end++;

  /* Task definitions may say "1 vCPU" or "2 GB"; DescribeTasks normalises
   * to units and MiB, but the cache reads definitions too. */
  if (g_ascii_strcasecmp (end, "vcpu") == 0 || g_ascii_strcasecmp (end, "gb") == 0)
    value *= 1024;
  else if (*end != '\0')
    return C3V_UNSET;

  return size_from_double (value);
}

gint32
c3v_json_get_size (JsonObject *object, const char *member)
{
  const char *str = c3v_json_get_string (object, member);
  double      value;

  if (str != NULL)
    return size_from_string (str);
  if (get_number (object, member, &value))
    return size_from_double (value);

  return C3V_UNSET;
}

static guint
get_count (JsonObject *object, const char *member)
{
  gint32 value = c3v_json_get_size (object, member);

  return value == C3V_UNSET ? 0 : (guint) value;
}

static gint64
get_timestamp_ms (JsonObject *object, const char *member)
{
  double seconds;

  /* Up to year 2286 in ms fits easily; anything wilder is garbage. */
  if (!get_number (object, member, &seconds) || !(seconds > 0 && seconds < 1e10))
    return 0;

  return (gint64) (seconds * 1000.0 + 0.5);
}

static gboolean
get_boolean (JsonObject *object, const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static JsonObject *
array_get_object (JsonArray *array, guint index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

GPtrArray *
c3v_json_array_get_strings (JsonArray *array)
{
  GPtrArray *strings = g_ptr_array_new ();
  guint      n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (strings, (gpointer) json_node_get_string (node));
    }

  return strings;
}

GPtrArray *
c3v_json_get_strings (JsonObject *object, const char *member)
{
  return c3v_json_array_get_strings (c3v_json_get_array (object, member));
}

void
c3v_json_foreach_object (JsonObject *object, const char *member, C3vJsonObjectFunc func,
                         gpointer user_data)
{
  JsonArray *array = c3v_json_get_array (object, member);
  guint      n = array != NULL ? json_array_get_length (array) : 0;

  g_return_if_fail (func != NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = array_get_object (array, i);

      if (item != NULL)
        func (item, user_data);
    }
}

/* The entry called @name of an array of {"name": ..., @value_member: ...}
 * objects: ECS's shape for attributes and resources. */
static JsonObject *
find_named (JsonObject *object, const char *array_member, const char *name)
{
  JsonArray *array = c3v_json_get_array (object, array_member);
  guint      n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = array_get_object (array, i);

      if (g_strcmp0 (c3v_json_get_string (entry, "name"), name) == 0)
        return entry;
    }

  return NULL;
}

static guint32
get_resource (JsonObject *object, const char *array_member, const char *name)
{
  JsonObject *entry = find_named (object, array_member, name);
  gint32      value = c3v_json_get_size (entry, "integerValue");

  if (value == C3V_UNSET)
    value = c3v_json_get_size (entry, "longValue");

  return value == C3V_UNSET ? 0 : (guint32) value;
}

/* remainingResources PORTS: the TCP host ports taken, as a list of
 * numbers, comma-separated; what is not a port is left out. */
static char *
dup_reserved_ports (JsonObject *object)
{
  JsonObject *entry = find_named (object, "remainingResources", "PORTS");
  g_autoptr (GPtrArray) ports = NULL;
  GString *joined;

  if (entry == NULL)
    return NULL;

  ports = c3v_json_get_strings (entry, "stringSetValue");
  joined = g_string_new (NULL);
  for (guint i = 0; i < ports->len; i++)
    {
      guint64 port;

      if (!g_ascii_string_to_unsigned (g_ptr_array_index (ports, i), 10, 1, 65535, &port, NULL))
        continue;
      g_string_append_printf (joined, "%s%u", joined->len > 0 ? "," : "", (guint) port);
    }

  return g_string_free (joined, FALSE);
}

gboolean
c3v_ecs_json_parse_instance (JsonObject *object, C3vInstance *instance)
{
  g_return_val_if_fail (instance != NULL, FALSE);

  memset (instance, 0, sizeof *instance);
  instance->arn = c3v_json_get_string (object, "containerInstanceArn");
  if (instance->arn == NULL)
    return FALSE;

  instance->ec2_instance_id = c3v_json_get_string (object, "ec2InstanceId");
  instance->instance_type
      = c3v_json_get_string (find_named (object, "attributes", "ecs.instance-type"), "value");
  instance->availability_zone
      = c3v_json_get_string (find_named (object, "attributes", "ecs.availability-zone"), "value");
  instance->status = c3v_json_get_string (object, "status");
  instance->agent_connected = get_boolean (object, "agentConnected");
  instance->registered_at = get_timestamp_ms (object, "registeredAt");
  instance->registered_cpu = get_resource (object, "registeredResources", "CPU");
  instance->registered_memory = get_resource (object, "registeredResources", "MEMORY");
  instance->remaining_cpu = get_resource (object, "remainingResources", "CPU");
  instance->remaining_memory = get_resource (object, "remainingResources", "MEMORY");
  instance->reserved_ports = dup_reserved_ports (object);

  return TRUE;
}

void
c3v_ecs_json_instance_clear (C3vInstance *instance)
{
  g_return_if_fail (instance != NULL);

  g_free ((char *) instance->reserved_ports);
  instance->reserved_ports = NULL;
}

static void
parse_container (JsonObject *object, C3vContainer *container)
{
  container->name = c3v_json_get_string (object, "name");
  container->image = c3v_json_get_string (object, "image");
  container->last_status = c3v_json_get_string (object, "lastStatus");
  container->cpu = c3v_json_get_size (object, "cpu");
  container->memory = c3v_json_get_size (object, "memory");
  container->memory_reservation = c3v_json_get_size (object, "memoryReservation");
}

static gint32
fill_unset (gint32 value, gint32 fallback)
{
  return value != C3V_UNSET ? value : fallback;
}

/* The rule for combining a task with its definition: what the task says
 * wins, because it is what ECS placed; a value the task leaves out (a
 * container's cpu, memory or memoryReservation, the task-level cpu or
 * memory, an image) comes from the definition, matching containers by
 * name. A task container the definition does not know (an ECS-managed
 * sidecar) keeps only its own values. A task with no containers[] at all
 * takes the definition's containers. */
static void
fill_container (C3vContainer *container, const C3vContainer *defined)
{
  if (defined == NULL)
    return;

  if (container->image == NULL)
    container->image = defined->image;
  container->cpu = fill_unset (container->cpu, defined->cpu);
  container->memory = fill_unset (container->memory, defined->memory);
  container->memory_reservation
      = fill_unset (container->memory_reservation, defined->memory_reservation);
}

static void
parse_task_containers (JsonObject *object, const C3vTaskDefinition *definition, C3vTask *task)
{
  JsonArray *array = c3v_json_get_array (object, "containers");
  guint      n = array != NULL ? json_array_get_length (array) : 0;

  if (n == 0 && definition != NULL)
    {
      task->containers = g_memdup2 (definition->containers,
                                    MAX (definition->n_containers, 1) * sizeof (C3vContainer));
      task->n_containers = definition->n_containers;
      return;
    }

  task->containers = g_new0 (C3vContainer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonObject   *entry = array_get_object (array, i);
      C3vContainer *container = &task->containers[task->n_containers];

      if (entry == NULL)
        continue;

      parse_container (entry, container);
      if (definition != NULL)
        fill_container (container,
                        c3v_task_definition_find_container (definition, container->name));
      task->n_containers++;
    }
}

/* "arn:aws:ecs:r:a:task-definition/web:12" -> family "web", revision 12. */
static void
parse_family (const char *task_definition_arn, char **family, guint *revision)
{
  const char *name, *colon;
  guint64     value = 0;

  *family = NULL;
  *revision = 0;
  if (task_definition_arn == NULL)
    return;

  name = strrchr (task_definition_arn, '/');
  name = name != NULL ? name + 1 : task_definition_arn;
  colon = strrchr (name, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT, &value, NULL))
    return;

  *family = g_strndup (name, colon - name);
  *revision = (guint) value;
}

/* DescribeTasks does not say the network mode: the definition does, and
 * an awsvpc task carries its ENI as an attachment. */
static const char *
task_network_mode (JsonObject *object, const C3vTaskDefinition *definition)
{
  JsonArray *attachments = c3v_json_get_array (object, "attachments");
  guint      n = attachments != NULL ? json_array_get_length (attachments) : 0;

  if (definition != NULL && definition->network_mode != NULL)
    return definition->network_mode;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (c3v_json_get_string (array_get_object (attachments, i), "type"),
                   "ElasticNetworkInterface")
        == 0)
      return "awsvpc";

  return NULL;
}

gboolean
c3v_ecs_json_parse_task (JsonObject *object, const C3vTaskDefinition *definition, C3vTask *task)
{
  char *family;

  g_return_val_if_fail (task != NULL, FALSE);

  memset (task, 0, sizeof *task);
  task->instance_index = -1;
  task->arn = c3v_json_get_string (object, "taskArn");
  if (task->arn == NULL)
    return FALSE;

  task->task_definition_arn = c3v_json_get_string (object, "taskDefinitionArn");
  parse_family (task->task_definition_arn, &family, &task->revision);
  task->family = family;
  task->group = c3v_json_get_string (object, "group");
  if (task->group != NULL && g_str_has_prefix (task->group, "service:"))
    task->service_name = task->group + strlen ("service:");
  task->launch_type = c3v_json_get_string (object, "launchType");
  task->last_status = c3v_json_get_string (object, "lastStatus");
  task->desired_status = c3v_json_get_string (object, "desiredStatus");
  task->container_instance_arn = c3v_json_get_string (object, "containerInstanceArn");
  task->availability_zone = c3v_json_get_string (object, "availabilityZone");
  task->started_at = get_timestamp_ms (object, "startedAt");
  task->task_cpu = c3v_json_get_size (object, "cpu");
  task->task_memory = c3v_json_get_size (object, "memory");
  if (definition != NULL)
    {
      task->task_cpu = fill_unset (task->task_cpu, definition->cpu);
      task->task_memory = fill_unset (task->task_memory, definition->memory);
    }
  parse_task_containers (object, definition, task);
  task->network_mode = task_network_mode (object, definition);

  return TRUE;
}

void
c3v_ecs_json_task_clear (C3vTask *task)
{
  g_return_if_fail (task != NULL);

  g_clear_pointer (&task->containers, g_free);
  g_free ((char *) task->family);
  task->family = NULL;
  task->n_containers = 0;
}

gboolean
c3v_ecs_json_parse_service (JsonObject *object, C3vService *service)
{
  g_return_val_if_fail (service != NULL, FALSE);

  memset (service, 0, sizeof *service);
  service->arn = c3v_json_get_string (object, "serviceArn");
  if (service->arn == NULL)
    return FALSE;

  service->name = c3v_json_get_string (object, "serviceName");
  service->status = c3v_json_get_string (object, "status");
  service->task_definition_arn = c3v_json_get_string (object, "taskDefinition");
  service->launch_type = c3v_json_get_string (object, "launchType");
  service->desired_count = get_count (object, "desiredCount");
  service->running_count = get_count (object, "runningCount");
  service->pending_count = get_count (object, "pendingCount");

  return TRUE;
}

gboolean
c3v_ecs_json_parse_failure (JsonObject *object, C3vFailure *failure)
{
  g_return_val_if_fail (failure != NULL, FALSE);

  failure->arn = c3v_json_get_string (object, "arn");
  failure->reason = c3v_json_get_string (object, "reason");
  failure->detail = c3v_json_get_string (object, "detail");

  return TRUE;
}

static void
add_host_ports (JsonObject *container, GArray *ports)
{
  JsonArray *mappings = c3v_json_get_array (container, "portMappings");
  guint      n = mappings != NULL ? json_array_get_length (mappings) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *mapping = array_get_object (mappings, i);
      const char *protocol = c3v_json_get_string (mapping, "protocol");
      gint32      port = c3v_json_get_size (mapping, "hostPort");

      /* Port 0 (or none) is a dynamic port, taken from the ephemeral range. */
      if (port > 0 && port <= 65535 && (protocol == NULL || g_strcmp0 (protocol, "tcp") == 0))
        g_array_append_val (ports, port);
    }
}

static void
add_member_of (JsonObject *constraint, gpointer user_data)
{
  const char *expression = c3v_json_get_string (constraint, "expression");

  if (g_strcmp0 (c3v_json_get_string (constraint, "type"), "memberOf") == 0 && expression != NULL)
    g_ptr_array_add (user_data, g_strdup (expression));
}

/* What placement needs: network mode, static host ports (awsvpc tasks
 * take none on the host), memberOf constraints. */
static void
parse_placement (JsonObject *object, C3vTaskDefinition *definition)
{
  JsonArray *array = c3v_json_get_array (object, "containerDefinitions");
  guint      n = array != NULL ? json_array_get_length (array) : 0;
  GArray    *ports = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *member_of = g_ptr_array_new ();

  definition->network_mode = g_strdup (c3v_json_get_string (object, "networkMode"));
  if (g_strcmp0 (definition->network_mode, "awsvpc") != 0)
    for (guint i = 0; i < n; i++)
      add_host_ports (array_get_object (array, i), ports);
  definition->n_host_ports = ports->len;
  definition->host_ports = (guint *) (void *) g_array_free (ports, ports->len == 0);

  c3v_json_foreach_object (object, "placementConstraints", add_member_of, member_of);
  if (member_of->len > 0)
    g_ptr_array_add (member_of, NULL);
  definition->member_of = (char **) g_ptr_array_free (member_of, member_of->len == 0);
}

C3vTaskDefinition *
c3v_ecs_json_parse_task_definition (JsonObject *object)
{
  const char              *arn = c3v_json_get_string (object, "taskDefinitionArn");
  JsonArray               *array = c3v_json_get_array (object, "containerDefinitions");
  guint                    n = array != NULL ? json_array_get_length (array) : 0;
  g_autofree C3vContainer *containers = g_new0 (C3vContainer, MAX (n, 1));
  g_autofree char         *arn_family = NULL;
  const char              *family;
  guint                    revision = 0;
  guint                    n_containers = 0;
  C3vTaskDefinition       *definition;

  if (arn == NULL)
    return NULL;

  parse_family (arn, &arn_family, &revision);
  family = c3v_json_get_string (object, "family");
  if (family == NULL)
    family = arn_family;
  if (c3v_json_get_size (object, "revision") > 0)
    revision = (guint) c3v_json_get_size (object, "revision");

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = array_get_object (array, i);

      if (entry != NULL)
        parse_container (entry, &containers[n_containers++]);
    }

  definition
      = c3v_task_definition_new (arn, family, revision, c3v_json_get_size (object, "cpu"),
                                 c3v_json_get_size (object, "memory"), containers, n_containers);
  parse_placement (object, definition);
  return definition;
}

void
c3v_json_add_string (JsonBuilder *builder, const char *member, const char *value,
                     C3vJsonUnset unset)
{
  if (value == NULL && unset == C3V_JSON_UNSET_OMIT)
    return;

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
c3v_json_add_size (JsonBuilder *builder, const char *member, gint32 value, C3vJsonUnset unset)
{
  if (value == C3V_UNSET && unset == C3V_JSON_UNSET_OMIT)
    return;

  json_builder_set_member_name (builder, member);
  if (value != C3V_UNSET)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_container_members (JsonBuilder *builder, const C3vContainer *container, C3vJsonUnset unset)
{
  c3v_json_add_string (builder, "name", container->name, unset);
  c3v_json_add_string (builder, "image", container->image, unset);
  c3v_json_add_size (builder, "cpu", container->cpu, unset);
  c3v_json_add_size (builder, "memory", container->memory, unset);
  c3v_json_add_size (builder, "memoryReservation", container->memory_reservation, unset);
}

void
c3v_json_add_container (JsonBuilder *builder, const C3vContainer *container, C3vJsonUnset unset)
{
  json_builder_begin_object (builder);
  add_container_members (builder, container, unset);
  json_builder_end_object (builder);
}

static void
add_port_mappings (JsonBuilder *builder, const C3vTaskDefinition *definition)
{
  if (definition->n_host_ports == 0)
    return;

  json_builder_set_member_name (builder, "portMappings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < definition->n_host_ports; i++)
    {
      json_builder_begin_object (builder);
      c3v_json_add_size (builder, "hostPort", (gint32) definition->host_ports[i],
                         C3V_JSON_UNSET_OMIT);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
c3v_ecs_json_from_task_definition (const C3vTaskDefinition *definition)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (definition != NULL, NULL);

  json_builder_begin_object (builder);
  c3v_json_add_string (builder, "taskDefinitionArn", definition->arn, C3V_JSON_UNSET_OMIT);
  c3v_json_add_string (builder, "family", definition->family, C3V_JSON_UNSET_OMIT);
  c3v_json_add_size (builder, "revision", (gint32) MIN (definition->revision, G_MAXINT32),
                     C3V_JSON_UNSET_OMIT);
  c3v_json_add_size (builder, "cpu", definition->cpu, C3V_JSON_UNSET_OMIT);
  c3v_json_add_size (builder, "memory", definition->memory, C3V_JSON_UNSET_OMIT);
  json_builder_set_member_name (builder, "containerDefinitions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < definition->n_containers; i++)
    {
      json_builder_begin_object (builder);
      add_container_members (builder, &definition->containers[i], C3V_JSON_UNSET_OMIT);
      /* Placement needs the host ports, not which container has them. */
      if (i == 0)
        add_port_mappings (builder, definition);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  c3v_json_add_string (builder, "networkMode", definition->network_mode, C3V_JSON_UNSET_OMIT);
  json_builder_set_member_name (builder, "placementConstraints");
  json_builder_begin_array (builder);
  for (guint i = 0; definition->member_of != NULL && definition->member_of[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      c3v_json_add_string (builder, "type", "memberOf", C3V_JSON_UNSET_OMIT);
      c3v_json_add_string (builder, "expression", definition->member_of[i], C3V_JSON_UNSET_OMIT);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
