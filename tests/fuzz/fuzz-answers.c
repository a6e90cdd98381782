/* fuzz-answers.c: libFuzzer target for what c3vis reads from an endpoint:
 * any bytes as an ECS answer (bounds, JSON, the model's parsers of
 * instances, tasks, services, failures and task definitions), as an error
 * answer, and as text bound for a message. See build-aux/fuzz.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>

#include "c3v-ecs-error-private.h"
#include "c3v-ecs-json.h"
#include "c3v-untrusted.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
parse_instance (JsonObject *object, gpointer user_data)
{
  C3vInstance instance;

  c3v_ecs_json_parse_instance (object, &instance);
}

static void
parse_service (JsonObject *object, gpointer user_data)
{
  C3vService service;

  c3v_ecs_json_parse_service (object, &service);
}

static void
parse_failure (JsonObject *object, gpointer user_data)
{
  C3vFailure failure;

  c3v_ecs_json_parse_failure (object, &failure);
}

static void
parse_task (JsonObject *object, gpointer user_data)
{
  C3vTask task;

  if (c3v_ecs_json_parse_task (object, user_data, &task))
    c3v_ecs_json_task_clear (&task);
}

static void
parse_answer (JsonObject *answer)
{
  JsonObject *definition_object = c3v_json_get_object (answer, "taskDefinition");
  g_autoptr (C3vTaskDefinition) definition = NULL;
  g_autoptr (JsonNode) cached = NULL;

  if (definition_object != NULL)
    definition = c3v_ecs_json_parse_task_definition (definition_object);
  /* What the cache writes of it must read back. */
  if (definition != NULL)
    cached = c3v_ecs_json_from_task_definition (definition);
  c3v_json_foreach_object (answer, "containerInstances", parse_instance, NULL);
  c3v_json_foreach_object (answer, "services", parse_service, NULL);
  c3v_json_foreach_object (answer, "failures", parse_failure, NULL);
  c3v_json_foreach_object (answer, "tasks", parse_task, definition);
  g_ptr_array_unref (c3v_json_get_strings (answer, "taskArns"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (JsonObject) answer = c3v_untrusted_json_parse_object (bytes, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *line = NULL;
  g_autoptr (GString) redacted = g_string_new (text);

  if (answer != NULL)
    parse_answer (answer);
  error = c3v_ecs_error_from_response (400, bytes, text, &code);
  c3v_ecs_error_redact (error, NULL);
  line = c3v_untrusted_one_line (text, 100);
  c3v_untrusted_redact (redacted, NULL);
  return 0;
}
