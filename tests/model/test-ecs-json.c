/* test-ecs-json.c: ECS answers -> model structs, good and malformed.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-ecs-json.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char instance_json[]
    = "{\"containerInstanceArn\": \"arn:aws:ecs:eu-west-1:1:container-instance/prod/abc\","
      " \"ec2InstanceId\": \"i-0abc\", \"status\": \"ACTIVE\", \"agentConnected\": true,"
      " \"registeredAt\": 1700000000.5,"
      " \"attributes\": [{\"name\": \"ecs.os-type\", \"value\": \"linux\"},"
      "                  {\"name\": \"ecs.instance-type\", \"value\": \"m5.large\"},"
      "                  {\"name\": \"ecs.availability-zone\", \"value\": \"eu-west-1b\"}],"
      " \"registeredResources\": [{\"name\": \"CPU\", \"type\": \"INTEGER\", \"integerValue\": "
      "2048},"
      "                           {\"name\": \"MEMORY\", \"type\": \"INTEGER\", \"integerValue\": "
      "7680},"
      "                           {\"name\": \"PORTS\", \"type\": \"STRINGSET\", "
      "\"stringSetValue\": [\"22\"]}],"
      " \"remainingResources\": [{\"name\": \"CPU\", \"integerValue\": 1024},"
      "                          {\"name\": \"MEMORY\", \"type\": \"LONG\", \"longValue\": 5632},"
      "                          {\"name\": \"PORTS\", \"type\": \"STRINGSET\","
      "                           \"stringSetValue\": [\"22\", \"x\", \"80\", \"70000\"]}]}";

static void
test_instance (void)
{
  g_autoptr (JsonObject) object = parse_object (instance_json);
  C3vInstance instance;

  g_assert_true (c3v_ecs_json_parse_instance (object, &instance));
  g_assert_cmpstr (instance.arn, ==, "arn:aws:ecs:eu-west-1:1:container-instance/prod/abc");
  g_assert_cmpstr (instance.ec2_instance_id, ==, "i-0abc");
  g_assert_cmpstr (instance.instance_type, ==, "m5.large");
  g_assert_cmpstr (instance.availability_zone, ==, "eu-west-1b");
  g_assert_cmpstr (instance.status, ==, "ACTIVE");
  g_assert_true (instance.agent_connected);
  g_assert_cmpint (instance.registered_at, ==, G_GINT64_CONSTANT (1700000000500));
  g_assert_cmpuint (instance.registered_cpu, ==, 2048);
  g_assert_cmpuint (instance.registered_memory, ==, 7680);
  g_assert_cmpuint (instance.remaining_cpu, ==, 1024);
  g_assert_cmpuint (instance.remaining_memory, ==, 5632);
  /* What is not a port is left out. */
  g_assert_cmpstr (instance.reserved_ports, ==, "22,80");
  c3v_ecs_json_instance_clear (&instance);
  g_assert_null (instance.reserved_ports);
}

/* Network mode, static host ports and memberOf: what placement needs,
 * read from ECS and kept through the cache's subset. */
static void
test_definition_placement (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"taskDefinitionArn\": \"arn:aws:ecs:r:1:task-definition/edge:3\","
      " \"networkMode\": \"bridge\","
      " \"containerDefinitions\": ["
      "   {\"name\": \"a\", \"portMappings\": [{\"containerPort\": 80, \"hostPort\": 80},"
      "                                   {\"containerPort\": 81, \"hostPort\": 0},"
      "                                   {\"containerPort\": 53, \"hostPort\": 53,"
      "                                    \"protocol\": \"udp\"}]},"
      "   {\"name\": \"b\", \"portMappings\": [{\"containerPort\": 9, \"hostPort\": 8443}]}],"
      " \"placementConstraints\": [{\"type\": \"memberOf\","
      "                             \"expression\": \"attribute:ecs.instance-type =~ m5.*\"},"
      "                            {\"type\": \"other\"}]}");
  g_autoptr (JsonObject) awsvpc = parse_object (
      "{\"taskDefinitionArn\": \"arn:aws:ecs:r:1:task-definition/grpc:1\","
      " \"networkMode\": \"awsvpc\","
      " \"containerDefinitions\": [{\"name\": \"a\", \"portMappings\": [{\"hostPort\": 80}]}]}");
  g_autoptr (C3vTaskDefinition) definition = c3v_ecs_json_parse_task_definition (object);
  g_autoptr (C3vTaskDefinition) vpc = c3v_ecs_json_parse_task_definition (awsvpc);
  g_autoptr (C3vTaskDefinition) cached = NULL;
  g_autoptr (JsonNode) subset = NULL;

  g_assert_cmpstr (definition->network_mode, ==, "bridge");
  /* Dynamic (0) and UDP ports take no TCP host port. */
  g_assert_cmpuint (definition->n_host_ports, ==, 2);
  g_assert_cmpuint (definition->host_ports[0], ==, 80);
  g_assert_cmpuint (definition->host_ports[1], ==, 8443);
  g_assert_cmpstr (definition->member_of[0], ==, "attribute:ecs.instance-type =~ m5.*");
  g_assert_null (definition->member_of[1]);

  /* An awsvpc task has its own ENI: no host port is taken. */
  g_assert_cmpstr (vpc->network_mode, ==, "awsvpc");
  g_assert_cmpuint (vpc->n_host_ports, ==, 0);
  g_assert_null (vpc->member_of);

  subset = c3v_ecs_json_from_task_definition (definition);
  cached = c3v_ecs_json_parse_task_definition (json_node_get_object (subset));
  g_assert_cmpstr (cached->network_mode, ==, "bridge");
  g_assert_cmpuint (cached->n_host_ports, ==, 2);
  g_assert_cmpuint (cached->host_ports[1], ==, 8443);
  g_assert_cmpstr (cached->member_of[0], ==, "attribute:ecs.instance-type =~ m5.*");
}

static void
test_task_network_mode (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"taskArn\": \"arn:t\", \"attachments\": [{\"type\": \"ElasticNetworkInterface\"}]}");
  g_autoptr (JsonObject) plain = parse_object ("{\"taskArn\": \"arn:t\", \"attachments\": 3}");
  g_autoptr (C3vTaskDefinition) host
      = c3v_task_definition_new ("arn:d", "d", 1, C3V_UNSET, C3V_UNSET, NULL, 0);
  C3vTask task;

  g_assert_true (c3v_ecs_json_parse_task (object, NULL, &task));
  g_assert_cmpstr (task.network_mode, ==, "awsvpc");
  c3v_ecs_json_task_clear (&task);
  g_assert_true (c3v_ecs_json_parse_task (plain, NULL, &task));
  g_assert_null (task.network_mode);
  c3v_ecs_json_task_clear (&task);
  /* The definition says it, when it can. */
  host->network_mode = g_strdup ("host");
  g_assert_true (c3v_ecs_json_parse_task (plain, host, &task));
  g_assert_cmpstr (task.network_mode, ==, "host");
  c3v_ecs_json_task_clear (&task);
}

static const char task_json[]
    = "{\"taskArn\": \"arn:aws:ecs:eu-west-1:1:task/prod/t1\","
      " \"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:1:task-definition/web:12\","
      " \"containerInstanceArn\": \"arn:aws:ecs:eu-west-1:1:container-instance/prod/abc\","
      " \"group\": \"service:web\", \"launchType\": \"EC2\", \"lastStatus\": \"RUNNING\","
      " \"desiredStatus\": \"RUNNING\", \"availabilityZone\": \"eu-west-1b\","
      " \"startedAt\": 1700000001.2506,"
      " \"containers\": [{\"name\": \"app\", \"image\": \"nginx:1\", \"lastStatus\": \"RUNNING\","
      "                   \"cpu\": \"256\", \"memoryReservation\": \"128\"},"
      "                  {\"name\": \"log\", \"lastStatus\": \"RUNNING\"},"
      "                  {\"name\": \"~internal~ecs~pause\", \"lastStatus\": \"RUNNING\"}]}";

static const char definition_json[]
    = "{\"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:1:task-definition/web:12\","
      " \"family\": \"web\", \"revision\": 12,"
      " \"containerDefinitions\": ["
      "   {\"name\": \"app\", \"image\": \"nginx:1\", \"cpu\": 512, \"memory\": 1024,"
      "    \"memoryReservation\": 512,"
      "    \"environment\": [{\"name\": \"DB_PASSWORD\", \"value\": \"hunter2\"}],"
      "    \"secrets\": [{\"name\": \"TOKEN\", \"valueFrom\": \"arn:secret\"}]},"
      "   {\"name\": \"log\", \"image\": \"fluentbit:2\", \"cpu\": 64, \"memory\": 100}]}";

static void
test_task_alone (void)
{
  g_autoptr (JsonObject) object = parse_object (task_json);
  C3vTask task;

  g_assert_true (c3v_ecs_json_parse_task (object, NULL, &task));
  g_assert_cmpstr (task.arn, ==, "arn:aws:ecs:eu-west-1:1:task/prod/t1");
  g_assert_cmpstr (task.family, ==, "web");
  g_assert_cmpuint (task.revision, ==, 12);
  g_assert_cmpstr (task.service_name, ==, "web");
  g_assert_cmpstr (task.launch_type, ==, "EC2");
  g_assert_cmpstr (task.container_instance_arn, ==,
                   "arn:aws:ecs:eu-west-1:1:container-instance/prod/abc");
  /* Seconds with a fraction, to the nearest millisecond. */
  g_assert_cmpint (task.started_at, ==, G_GINT64_CONSTANT (1700000001251));
  g_assert_cmpint (task.task_cpu, ==, C3V_UNSET);
  g_assert_cmpint (task.task_memory, ==, C3V_UNSET);
  g_assert_cmpuint (task.n_containers, ==, 3);
  g_assert_cmpint (task.containers[0].cpu, ==, 256);
  g_assert_cmpint (task.containers[0].memory, ==, C3V_UNSET);
  g_assert_cmpint (task.containers[0].memory_reservation, ==, 128);
  g_assert_cmpint (task.containers[1].cpu, ==, C3V_UNSET);
  g_assert_null (task.containers[1].image);
  c3v_ecs_json_task_clear (&task);
}

static void
test_task_with_definition (void)
{
  g_autoptr (JsonObject) object = parse_object (task_json);
  g_autoptr (JsonObject) definition_object = parse_object (definition_json);
  g_autoptr (C3vTaskDefinition) definition = c3v_ecs_json_parse_task_definition (definition_object);
  C3vTask task;

  g_assert_nonnull (definition);
  g_assert_true (c3v_ecs_json_parse_task (object, definition, &task));
  g_assert_cmpuint (task.n_containers, ==, 3);
  /* What the task says wins... */
  g_assert_cmpint (task.containers[0].cpu, ==, 256);
  g_assert_cmpint (task.containers[0].memory_reservation, ==, 128);
  /* ...what it leaves out comes from the definition, by name... */
  g_assert_cmpint (task.containers[0].memory, ==, 1024);
  g_assert_cmpint (task.containers[1].cpu, ==, 64);
  g_assert_cmpint (task.containers[1].memory, ==, 100);
  g_assert_cmpint (task.containers[1].memory_reservation, ==, C3V_UNSET);
  g_assert_cmpstr (task.containers[1].image, ==, "fluentbit:2");
  /* ...and a container the definition does not know keeps its own. */
  g_assert_cmpint (task.containers[2].cpu, ==, C3V_UNSET);
  c3v_ecs_json_task_clear (&task);
}

static void
test_task_levels_and_missing_containers (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"taskArn\": \"arn:t2\", \"cpu\": \"1024\", \"memory\": \"2048\","
      " \"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:1:task-definition/web:12\"}");
  g_autoptr (JsonObject) definition_object = parse_object (definition_json);
  g_autoptr (C3vTaskDefinition) definition = c3v_ecs_json_parse_task_definition (definition_object);
  C3vTask task;

  g_assert_true (c3v_ecs_json_parse_task (object, definition, &task));
  g_assert_cmpint (task.task_cpu, ==, 1024);
  g_assert_cmpint (task.task_memory, ==, 2048);
  g_assert_null (task.container_instance_arn);
  g_assert_null (task.service_name);
  /* No containers[]: the definition's containers stand in. */
  g_assert_cmpuint (task.n_containers, ==, 2);
  g_assert_cmpstr (task.containers[1].name, ==, "log");
  g_assert_cmpint (task.containers[0].memory_reservation, ==, 512);
  c3v_ecs_json_task_clear (&task);
  g_assert_null (task.containers);
}

static void
test_task_definition_forms (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"taskDefinitionArn\": \"arn:aws:ecs:r:1:task-definition/batch-job:3\","
      " \"cpu\": \"1 vCPU\", \"memory\": \"2 GB\", \"containerDefinitions\": [7, null]}");
  g_autoptr (C3vTaskDefinition) definition = c3v_ecs_json_parse_task_definition (object);

  g_assert_nonnull (definition);
  g_assert_cmpstr (definition->family, ==, "batch-job");
  g_assert_cmpuint (definition->revision, ==, 3);
  g_assert_cmpint (definition->cpu, ==, 1024);
  g_assert_cmpint (definition->memory, ==, 2048);
  g_assert_cmpuint (definition->n_containers, ==, 0);
  g_assert_null (c3v_task_definition_find_container (definition, "app"));
}

static void
test_task_definition_cache_form (void)
{
  g_autoptr (JsonObject) object = parse_object (definition_json);
  g_autoptr (C3vTaskDefinition) definition = c3v_ecs_json_parse_task_definition (object);
  g_autoptr (C3vTaskDefinition) again = NULL;
  g_autoptr (JsonNode) node = c3v_ecs_json_from_task_definition (definition);
  g_autofree char *text = json_to_string (node, FALSE);

  /* Only what drawing needs goes to disk: never the environment. */
  g_assert_null (strstr (text, "hunter2"));
  g_assert_null (strstr (text, "DB_PASSWORD"));
  g_assert_null (strstr (text, "environment"));
  g_assert_null (strstr (text, "secrets"));
  /* What the definition leaves out is left out, not written as null. */
  g_assert_null (strstr (text, "null"));

  again = c3v_ecs_json_parse_task_definition (json_node_get_object (node));
  g_assert_cmpstr (again->arn, ==, definition->arn);
  g_assert_cmpstr (again->family, ==, "web");
  g_assert_cmpuint (again->revision, ==, 12);
  g_assert_cmpint (again->cpu, ==, C3V_UNSET);
  g_assert_cmpuint (again->n_containers, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (again->containers[i].name, ==, definition->containers[i].name);
      g_assert_cmpstr (again->containers[i].image, ==, definition->containers[i].image);
      g_assert_cmpint (again->containers[i].cpu, ==, definition->containers[i].cpu);
      g_assert_cmpint (again->containers[i].memory, ==, definition->containers[i].memory);
      g_assert_cmpint (again->containers[i].memory_reservation, ==,
                       definition->containers[i].memory_reservation);
    }
}

static void
test_service_and_failure (void)
{
  g_autoptr (JsonObject) service_object = parse_object (
      "{\"serviceArn\": \"arn:s\", \"serviceName\": \"web\", \"status\": \"ACTIVE\","
      " \"taskDefinition\": \"arn:td\", \"launchType\": \"FARGATE\","
      " \"desiredCount\": 3, \"runningCount\": 2, \"pendingCount\": 1}");
  g_autoptr (JsonObject) failure_object
      = parse_object ("{\"arn\": \"arn:x\", \"reason\": \"MISSING\"}");
  C3vService service;
  C3vFailure failure;

  g_assert_true (c3v_ecs_json_parse_service (service_object, &service));
  g_assert_cmpstr (service.name, ==, "web");
  g_assert_cmpstr (service.task_definition_arn, ==, "arn:td");
  g_assert_cmpuint (service.desired_count, ==, 3);
  g_assert_cmpuint (service.running_count, ==, 2);
  g_assert_cmpuint (service.pending_count, ==, 1);

  g_assert_true (c3v_ecs_json_parse_failure (failure_object, &failure));
  g_assert_cmpstr (failure.arn, ==, "arn:x");
  g_assert_cmpstr (failure.reason, ==, "MISSING");
  g_assert_null (failure.detail);
}

/* Wrong types everywhere: nothing may crash, warn or invent values. */
static void
test_malformed (void)
{
  g_autoptr (JsonObject) no_arn = parse_object ("{\"ec2InstanceId\": \"i-1\"}");
  g_autoptr (JsonObject) bad_instance = parse_object (
      "{\"containerInstanceArn\": \"arn:ci\", \"ec2InstanceId\": 5,"
      " \"status\": [\"ACTIVE\"], \"agentConnected\": \"yes\","
      " \"registeredAt\": \"yesterday\", \"attributes\": {\"name\": 1},"
      " \"registeredResources\": [null, 3, {\"name\": \"CPU\", \"integerValue\": -5},"
      "   {\"name\": \"MEMORY\", \"integerValue\": 1e20}],"
      " \"remainingResources\": \"none\"}");
  g_autoptr (JsonObject) bad_task = parse_object (
      "{\"taskArn\": \"arn:t\", \"taskDefinitionArn\": \"no-revision\","
      " \"group\": 7, \"cpu\": \"lots\", \"memory\": \"12 MB\", \"startedAt\": -3,"
      " \"containers\": [1, \"x\", null, {\"name\": 2, \"cpu\": {}, \"memory\": \"\"},"
      "   {\"name\": \"ok\", \"cpu\": 1.5e3, \"memoryReservation\": true}]}");
  g_autoptr (JsonObject) bad_definition
      = parse_object ("{\"taskDefinitionArn\": \"arn:aws:ecs:r:1:task-definition/x:y\","
                      " \"revision\": \"seven\", \"containerDefinitions\": \"none\"}");
  g_autoptr (JsonObject) bad_service
      = parse_object ("{\"serviceArn\": \"arn:s\", \"desiredCount\": -1, \"runningCount\": \"2\"}");
  g_autoptr (JsonObject) bad_failure = parse_object ("{\"arn\": null, \"reason\": 5}");
  g_autoptr (C3vTaskDefinition) definition = NULL;
  C3vInstance instance;
  C3vTask     task;
  C3vService  service;
  C3vFailure  failure;

  g_assert_false (c3v_ecs_json_parse_instance (no_arn, &instance));
  g_assert_false (c3v_ecs_json_parse_instance (NULL, &instance));
  g_assert_false (c3v_ecs_json_parse_task (no_arn, NULL, &task));
  c3v_ecs_json_task_clear (&task);
  g_assert_false (c3v_ecs_json_parse_service (no_arn, &service));
  g_assert_null (c3v_ecs_json_parse_task_definition (no_arn));

  g_assert_true (c3v_ecs_json_parse_instance (bad_instance, &instance));
  g_assert_null (instance.ec2_instance_id);
  g_assert_null (instance.status);
  g_assert_null (instance.instance_type);
  g_assert_false (instance.agent_connected);
  g_assert_cmpint (instance.registered_at, ==, 0);
  g_assert_cmpuint (instance.registered_cpu, ==, 0);
  g_assert_cmpuint (instance.registered_memory, ==, 0);
  g_assert_cmpuint (instance.remaining_cpu, ==, 0);

  g_assert_true (c3v_ecs_json_parse_task (bad_task, NULL, &task));
  g_assert_null (task.family);
  g_assert_cmpuint (task.revision, ==, 0);
  g_assert_null (task.group);
  g_assert_cmpint (task.task_cpu, ==, C3V_UNSET);
  g_assert_cmpint (task.task_memory, ==, C3V_UNSET);
  g_assert_cmpint (task.started_at, ==, 0);
  g_assert_cmpuint (task.n_containers, ==, 2);
  g_assert_null (task.containers[0].name);
  g_assert_cmpint (task.containers[0].cpu, ==, C3V_UNSET);
  g_assert_cmpint (task.containers[0].memory, ==, C3V_UNSET);
  g_assert_cmpint (task.containers[1].cpu, ==, 1500);
  g_assert_cmpint (task.containers[1].memory_reservation, ==, C3V_UNSET);
  c3v_ecs_json_task_clear (&task);

  definition = c3v_ecs_json_parse_task_definition (bad_definition);
  g_assert_nonnull (definition);
  g_assert_null (definition->family);
  g_assert_cmpuint (definition->revision, ==, 0);
  g_assert_cmpuint (definition->n_containers, ==, 0);

  g_assert_true (c3v_ecs_json_parse_service (bad_service, &service));
  g_assert_cmpuint (service.desired_count, ==, 0);
  g_assert_cmpuint (service.running_count, ==, 2);
  g_assert_null (service.name);

  g_assert_true (c3v_ecs_json_parse_failure (bad_failure, &failure));
  g_assert_null (failure.arn);
  g_assert_null (failure.reason);
}

static void
count_object (JsonObject *item, gpointer user_data)
{
  g_assert_nonnull (item);
  (*(guint *) user_data)++;
}

static void
test_helpers (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"ids\": [\"a\", 1, null, \"b\", {}], \"n\": \" 42 \", \"o\": {}, \"s\": \"x\"}");
  g_autoptr (GPtrArray) ids = c3v_json_get_strings (object, "ids");
  g_autoptr (GPtrArray) none = c3v_json_get_strings (object, "missing");
  guint n_objects = 0;

  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "b");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (c3v_json_get_size (object, "n"), ==, 42);
  g_assert_nonnull (c3v_json_get_object (object, "o"));
  g_assert_null (c3v_json_get_object (object, "s"));
  g_assert_null (c3v_json_get_array (object, "o"));
  g_assert_null (c3v_json_get_string (object, "o"));
  g_assert_null (c3v_json_get_string (NULL, "o"));

  /* Only the object elements, and nothing for a non-array. */
  c3v_json_foreach_object (object, "ids", count_object, &n_objects);
  g_assert_cmpuint (n_objects, ==, 1);
  c3v_json_foreach_object (object, "o", count_object, &n_objects);
  c3v_json_foreach_object (NULL, "ids", count_object, &n_objects);
  g_assert_cmpuint (n_objects, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs-json/instance", test_instance);
  g_test_add_func ("/ecs-json/definition-placement", test_definition_placement);
  g_test_add_func ("/ecs-json/task-network-mode", test_task_network_mode);
  g_test_add_func ("/ecs-json/task-alone", test_task_alone);
  g_test_add_func ("/ecs-json/task-with-definition", test_task_with_definition);
  g_test_add_func ("/ecs-json/task-levels-and-missing-containers",
                   test_task_levels_and_missing_containers);
  g_test_add_func ("/ecs-json/task-definition-forms", test_task_definition_forms);
  g_test_add_func ("/ecs-json/task-definition-cache-form", test_task_definition_cache_form);
  g_test_add_func ("/ecs-json/service-and-failure", test_service_and_failure);
  g_test_add_func ("/ecs-json/malformed", test_malformed);
  g_test_add_func ("/ecs-json/helpers", test_helpers);

  return g_test_run ();
}
