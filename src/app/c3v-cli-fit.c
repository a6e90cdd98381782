/* c3v-cli-fit.c: --fit and --drain, on the capacity planner.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "c3v-capacity.h"
#include "c3v-cli-fit.h"
#include "c3v-ecs-json.h"

/* Where the first copies go, in the readable answer. */
#define SHOWN_PLACEMENTS 10

/* ------------------------------------------------------------ definitions */

typedef struct
{
  GMainLoop  *loop;
  JsonObject *answer;
  GError     *error;
} Call;

static void
on_called (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Call *call = user_data;

  call->answer = c3v_ecs_client_call_finish (C3V_ECS_CLIENT (source), result, &call->error);
  g_main_loop_quit (call->loop);
}

/* DescribeTaskDefinition of @reference ("family", "family:3" or an ARN). */
static C3vTaskDefinition *
describe_definition (C3vEcsClient *client, const char *reference, GError **error)
{
  g_autoptr (JsonObject) request = json_object_new ();
  Call               call = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  C3vTaskDefinition *definition = NULL;

  json_object_set_string_member (request, "taskDefinition", reference);
  c3v_ecs_client_call_async (client, "DescribeTaskDefinition", request, NULL, on_called, &call);
  g_main_loop_run (call.loop);
  g_main_loop_unref (call.loop);

  if (call.error != NULL)
    {
      g_propagate_prefixed_error (error, call.error,
                                  /* Translators: %s is a task definition, such as web:3. */
                                  _ ("task definition %s: "), reference);
      return NULL;
    }

  definition
      = c3v_ecs_json_parse_task_definition (c3v_json_get_object (call.answer, "taskDefinition"));
  json_object_unref (call.answer);
  if (definition == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _ ("task definition %s: ECS answered without one"), reference);
  return definition;
}

static C3vStrategy
options_strategy (const C3vOptions *options)
{
  C3vStrategy strategy = C3V_STRATEGY_BINPACK_MEMORY;

  if (options->strategy != NULL)
    c3v_strategy_parse (options->strategy, &strategy);
  return strategy;
}

/* ------------------------------------------------------------ readable */

/* The reason in the readable answer. */
static const char *
block_label (C3vBlock block)
{
  switch (block)
    {
      case C3V_BLOCK_MEMORY:
        return _ ("not enough memory");
      case C3V_BLOCK_CPU:
        return _ ("not enough CPU");
      case C3V_BLOCK_PORTS:
        return _ ("a host port is taken");
      case C3V_BLOCK_ENI:
        return _ ("no network interface (ENI) to spare");
      case C3V_BLOCK_CONSTRAINT:
        return _ ("a placement constraint excludes it");
      case C3V_BLOCK_DRAINING:
        return _ ("not ACTIVE (draining)");
      case C3V_BLOCK_DISCONNECTED:
        return _ ("agent disconnected");
      case C3V_BLOCK_NONE:
      default:
        return "";
    }
}

static const char *
instance_name (const C3vInstance *instance)
{
  return instance->ec2_instance_id != NULL ? instance->ec2_instance_id : instance->id;
}

static void
append_ports (GString *out, const C3vTaskRequest *request)
{
  for (guint i = 0; i < request->n_ports; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? ", " : "", request->ports[i]);
}

static void
readable_fit (GString *out, C3vSnapshot *snapshot, const C3vTaskRequest *request,
              C3vStrategy strategy, const C3vFit *fit, GArray *first, gboolean has_largest,
              guint32 largest_memory, guint32 largest_cpu)
{
  /* Translators: %s is a task definition (web:3) or memory=512,cpu=256. */
  g_string_append_printf (out, _ ("Task %s: %u MiB, %u CPU units"), request->label, request->memory,
                          request->cpu);
  if (request->n_ports > 0)
    {
      g_string_append (out, _ (", host ports "));
      append_ports (out, request);
    }
  if (request->network_mode == C3V_NETWORK_AWSVPC)
    g_string_append (out, _ (", awsvpc (one ENI each)"));
  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "%u copy fits in cluster %s (%s).\n",
                                       "%u copies fit in cluster %s (%s).\n", fit->copies),
                          fit->copies, c3v_snapshot_get_cluster_name (snapshot),
                          c3v_strategy_to_string (strategy));

  for (guint i = 0; i < fit->n_instances; i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, i);

      g_string_append_printf (out, "  %-20s %-12s %-12s ", instance_name (instance),
                              instance->instance_type ? instance->instance_type : "?",
                              instance->availability_zone ? instance->availability_zone : "?");
      if (fit->blocks[i] == C3V_BLOCK_NONE)
        g_string_append_printf (
            out, g_dngettext (GETTEXT_PACKAGE, "%u copy\n", "%u copies\n", fit->instance_copies[i]),
            fit->instance_copies[i]);
      else
        g_string_append_printf (out, "%s\n", block_label (fit->blocks[i]));
    }

  if (first->len > 0)
    {
      g_string_append (out, _ ("First copies go to:"));
      for (guint i = 0; i < first->len; i++)
        g_string_append_printf (
            out, " %s",
            instance_name (c3v_snapshot_get_instance (snapshot, g_array_index (first, guint, i))));
      g_string_append_c (out, '\n');
    }
  if (has_largest)
    g_string_append_printf (out,
                            _ ("Largest task that could still be placed: %u MiB × %u CPU units\n"),
                            largest_memory, largest_cpu);
  else
    g_string_append (out, _ ("No instance has room for any task.\n"));
  if (fit->unsupported != NULL)
    /* Translators: %s says what c3vis cannot read in a memberOf expression. */
    g_string_append_printf (out, _ ("A placement constraint could not be judged: %s\n"),
                            fit->unsupported);
}

/* ------------------------------------------------------------ JSON */

static void
add_int (JsonBuilder *builder, const char *member, gint64 value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_string_or_null (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

static char *
json_fit (C3vSnapshot *snapshot, const C3vTaskRequest *request, C3vStrategy strategy,
          const C3vFit *fit, gboolean has_largest, guint32 largest_memory, guint32 largest_cpu)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "schema", 1);
  json_builder_set_member_name (builder, "task");
  json_builder_begin_object (builder);
  add_int (builder, "memory", request->memory);
  add_int (builder, "cpu", request->cpu);
  json_builder_set_member_name (builder, "ports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->n_ports; i++)
    json_builder_add_int_value (builder, request->ports[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  add_string_or_null (builder, "strategy", c3v_strategy_to_string (strategy));
  add_int (builder, "copies", fit->copies);
  json_builder_set_member_name (builder, "instances");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fit->n_instances; i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", instance->id);
      add_string_or_null (builder, "ec2InstanceId", instance->ec2_instance_id);
      add_int (builder, "copies", fit->instance_copies[i]);
      add_string_or_null (builder, "reason", c3v_block_to_string (fit->blocks[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "largestPlaceable");
  if (has_largest)
    {
      json_builder_begin_object (builder);
      add_int (builder, "memory", largest_memory);
      add_int (builder, "cpu", largest_cpu);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

/* ------------------------------------------------------------ --fit */

static C3vTaskRequest *
request_from_options (C3vEcsClient *client, const char *fit, GError **error)
{
  g_autoptr (C3vTaskDefinition) definition = NULL;

  /* memory=…: typed by hand; anything else names a task definition. */
  if (strchr (fit, '=') != NULL)
    return c3v_task_request_parse (fit, error);

  definition = describe_definition (client, fit, error);
  return definition != NULL ? c3v_task_request_new_from_definition (definition) : NULL;
}

char *
c3v_cli_fit_answer (C3vSnapshot *snapshot, C3vEcsClient *client, const C3vOptions *options,
                    gboolean json, gboolean *fits, GError **error)
{
  C3vStrategy strategy = options_strategy (options);
  g_autoptr (C3vTaskRequest) request = NULL;
  g_autoptr (C3vCapacity) capacity = NULL;
  g_autoptr (C3vFit) fit = NULL;
  g_autoptr (GArray) first = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  guint32  largest_memory = 0, largest_cpu = 0;
  gboolean has_largest;

  request = request_from_options (client, options->fit, error);
  if (request == NULL)
    return NULL;

  capacity = c3v_capacity_new (snapshot);
  fit = c3v_capacity_fit (capacity, request);
  has_largest = c3v_capacity_largest_placeable (capacity, &largest_memory, &largest_cpu);
  *fits = fit->copies > 0;
  if (fit->unsupported != NULL && json)
    g_printerr ("c3vis: %s\n", fit->unsupported);

  if (json)
    return json_fit (snapshot, request, strategy, fit, has_largest, largest_memory, largest_cpu);

  /* Placing charges the working copy: after the numbers above. */
  first = c3v_capacity_place (capacity, request, strategy, SHOWN_PLACEMENTS, 0);
  readable_fit (out, snapshot, request, strategy, fit, first, has_largest, largest_memory,
                largest_cpu);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------ --drain */

typedef struct
{
  C3vEcsClient *client;
  GHashTable   *definitions; /* arn -> C3vTaskDefinition */
  GError       *error;
} Definitions;

static const C3vTaskDefinition *
lookup_definition (const char *arn, gpointer user_data)
{
  Definitions       *definitions = user_data;
  C3vTaskDefinition *definition = g_hash_table_lookup (definitions->definitions, arn);

  /* One call per definition; after a failure, none: the answer is lost. */
  if (definition != NULL || definitions->error != NULL)
    return definition;

  definition = describe_definition (definitions->client, arn, &definitions->error);
  if (definition != NULL)
    g_hash_table_insert (definitions->definitions, definition->arn, definition);
  return definition;
}

static const char *
task_label (const C3vTask *task, char **owned)
{
  *owned = c3v_task_dup_label (task);
  return *owned;
}

static void
readable_drain (GString *out, C3vSnapshot *snapshot, const C3vDrain *drain)
{
  const C3vInstance *drained = c3v_snapshot_get_instance (snapshot, drain->instance);
  guint              n = drain->placed->len + drain->unplaced->len;

  /* Translators: %s is an instance id, %u how many tasks would move. */
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "Draining %s would move %u task.\n",
                                       "Draining %s would move %u tasks.\n", n),
                          instance_name (drained), n);
  for (guint i = 0; i < drain->placed->len; i++)
    {
      const C3vDrainPlacement *placed = &g_array_index (drain->placed, C3vDrainPlacement, i);
      const C3vTask           *task = c3v_snapshot_get_task (snapshot, placed->task);
      g_autofree char         *label = NULL;

      g_string_append_printf (
          out, "  %s %s → %s\n", task_label (task, &label), task->id,
          instance_name (c3v_snapshot_get_instance (snapshot, placed->instance)));
    }
  for (guint i = 0; i < drain->unplaced->len; i++)
    {
      const C3vTask *task
          = c3v_snapshot_get_task (snapshot, g_array_index (drain->unplaced, guint, i));
      g_autofree char *label = NULL;

      /* Translators: a task that no other instance has room for. */
      g_string_append_printf (out, _ ("  %s %s → pending: no room\n"), task_label (task, &label),
                              task->id);
    }
  if (drain->unplaced->len == 0)
    g_string_append (out, _ ("Every task would be placed again.\n"));
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "%u task would stay pending.\n",
                                         "%u tasks would stay pending.\n", drain->unplaced->len),
                            drain->unplaced->len);
}

static char *
json_drain (C3vSnapshot *snapshot, const C3vDrain *drain)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "placed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < drain->placed->len; i++)
    {
      const C3vDrainPlacement *placed = &g_array_index (drain->placed, C3vDrainPlacement, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "task", c3v_snapshot_get_task (snapshot, placed->task)->arn);
      add_string_or_null (builder, "to",
                          c3v_snapshot_get_instance (snapshot, placed->instance)->id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unplaced");
  json_builder_begin_array (builder);
  for (guint i = 0; i < drain->unplaced->len; i++)
    json_builder_add_string_value (
        builder, c3v_snapshot_get_task (snapshot, g_array_index (drain->unplaced, guint, i))->arn);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

char *
c3v_cli_drain_answer (C3vSnapshot *snapshot, C3vEcsClient *client, const C3vOptions *options,
                      gboolean json, gboolean *fits, GError **error)
{
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) c3v_task_definition_unref);
  Definitions definitions = { client, table, NULL };
  g_autoptr (C3vDrain) drain = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  gint instance = c3v_capacity_find_instance (capacity, options->drain);

  if (instance < 0)
    {
      /* Translators: the first %s is an instance id, the second a cluster. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("no container instance “%s” in cluster %s"), options->drain,
                   c3v_snapshot_get_cluster_name (snapshot));
      return NULL;
    }

  drain = c3v_capacity_drain (capacity, (guint) instance, options_strategy (options), 0,
                              lookup_definition, &definitions);
  if (definitions.error != NULL)
    {
      g_propagate_error (error, definitions.error);
      return NULL;
    }

  *fits = drain->unplaced->len == 0;
  if (json)
    return json_drain (snapshot, drain);

  readable_drain (out, snapshot, drain);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
