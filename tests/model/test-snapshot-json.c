/* test-snapshot-json.c: `--dump json` writes every member README.md documents,
 * each with its own value (model/snapshot-dump.json).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "c3v-ecs-json.h"
#include "c3v-snapshot-json.h"

#define ARN(kind, name) "arn:aws:ecs:eu-west-1:1:" kind "/" name
#define CI1             ARN ("container-instance", "prod/ci1")
#define CI2             ARN ("container-instance", "prod/ci2")

/* Every member carries a value that no other member of its object has
 * (lastStatus is never desiredStatus, memory never memoryReservation, ...),
 * so writing one member from another's field cannot pass unnoticed. */
static C3vSnapshot *
build_snapshot (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("prod", ARN ("cluster", "prod"), "eu-west-1");
  /* Reserves 320 CPU units and 684 MiB (384 + 200 + 100) of ci1. */
  C3vContainer containers[] = {
    { "app", "nginx:1", "RUNNING", 256, 512, 384 },
    { "log", NULL, "RUNNING", C3V_UNSET, 200, C3V_UNSET },
    { "probe", "busybox:1", "STOPPED", 64, C3V_UNSET, 100 },
  };
  /* Connected; registered - remaining is what its task reserves. */
  C3vInstance ci1 = {
    .arn = CI1,
    .ec2_instance_id = "i-0a1",
    .instance_type = "m5.large",
    .availability_zone = "eu-west-1a",
    .status = "ACTIVE",
    .agent_connected = TRUE,
    .registered_cpu = 2048,
    .registered_memory = 8192,
    .remaining_cpu = 1728,
    .remaining_memory = 7508,
  };
  /* Disconnected; registered - remaining (1536, 3680) is not its task's
   * reservation (1024, 3072). */
  C3vInstance ci2 = {
    .arn = CI2,
    .ec2_instance_id = "i-0b2",
    .instance_type = "c5.xlarge",
    .availability_zone = "eu-west-1b",
    .status = "DRAINING",
    .agent_connected = FALSE,
    .registered_cpu = 4096,
    .registered_memory = 7680,
    .remaining_cpu = 2560,
    .remaining_memory = 4000,
  };
  C3vTask web = {
    .arn = ARN ("task", "prod/t1"),
    .family = "webapp",
    .revision = 4,
    .task_definition_arn = ARN ("task-definition", "webapp:4"),
    .service_name = "web-svc",
    .launch_type = "EC2",
    .last_status = "RUNNING",
    .desired_status = "STOPPED",
    .container_instance_arn = CI1,
    .task_cpu = C3V_UNSET,
    .task_memory = C3V_UNSET,
    .containers = containers,
    .n_containers = G_N_ELEMENTS (containers),
  };
  C3vTask fargate = {
    .arn = ARN ("task", "prod/t2"),
    .family = "batch",
    .revision = 7,
    .task_definition_arn = ARN ("task-definition", "batch:7"),
    .launch_type = "FARGATE",
    .last_status = "PENDING",
    .desired_status = "RUNNING",
    .task_cpu = 512,
    .task_memory = 2048,
  };
  C3vTask worker = {
    .arn = ARN ("task", "prod/t3"),
    .family = "worker",
    .revision = 2,
    .task_definition_arn = ARN ("task-definition", "worker:2"),
    .service_name = "jobs",
    .launch_type = "EXTERNAL",
    .last_status = "DEPROVISIONING",
    .desired_status = "PROVISIONING",
    .container_instance_arn = CI2,
    .task_cpu = 1024,
    .task_memory = 3072,
  };
  C3vService service = {
    ARN ("service", "prod/web-svc"),
    "web-svc",
    "DRAINING",
    ARN ("task-definition", "webapp:3"),
    "EC2",
    5,
    3,
    1,
  };
  C3vFailure failures[] = {
    { ARN ("task", "prod/gone"), "MISSING", "no such task \"x\"" },
    { ARN ("task", "prod/lost"), "INACTIVE", NULL },
  };

  c3v_snapshot_builder_add_instance (builder, &ci1);
  c3v_snapshot_builder_add_instance (builder, &ci2);
  c3v_snapshot_builder_add_task (builder, &web);
  c3v_snapshot_builder_add_task (builder, &fargate);
  c3v_snapshot_builder_add_task (builder, &worker);
  c3v_snapshot_builder_add_service (builder, &service);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    c3v_snapshot_builder_add_failure (builder, &failures[i]);

  /* 2026-11-26T07:30:00.042Z */
  return c3v_snapshot_builder_build (builder, G_GINT64_CONSTANT (1795678200042), TRUE);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* "a, b, c": an object's member names in order of name. */
static char *
member_names (JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (names, l->data);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Equal documents, else a failure naming the first member that differs. */
static void
assert_same_json (const char *path, JsonNode *expected, JsonNode *actual)
{
  g_autofree char *expected_text = json_to_string (expected, FALSE);
  g_autofree char *actual_text = json_to_string (actual, FALSE);
  g_autofree char *want = g_strdup_printf ("%s: %s", path, expected_text);
  g_autofree char *got = g_strdup_printf ("%s: %s", path, actual_text);

  if (JSON_NODE_HOLDS_OBJECT (expected) && JSON_NODE_HOLDS_OBJECT (actual))
    {
      JsonObject      *e = json_node_get_object (expected);
      JsonObject      *a = json_node_get_object (actual);
      g_autofree char *e_names = member_names (e);
      g_autofree char *a_names = member_names (a);
      g_autoptr (GList) members = json_object_get_members (e);

      g_assert_cmpstr (a_names, ==, e_names);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strconcat (path, ".", l->data, NULL);

          assert_same_json (child, json_object_get_member (e, l->data),
                            json_object_get_member (a, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected) && JSON_NODE_HOLDS_ARRAY (actual))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = json_node_get_array (actual);

      g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (e));
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

          assert_same_json (child, json_array_get_element (e, i), json_array_get_element (a, i));
        }
    }
  else
    g_assert_cmpstr (got, ==, want);
}

/* @name: relative to tests/ in the source tree. */
static char *
read_dist_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* snapshot-dump.json is build_snapshot() as README.md documents it, worked
 * out by hand. */
static void
test_round_trip (void)
{
  g_autoptr (C3vSnapshot) snapshot = build_snapshot ();
  g_autofree char *text = c3v_snapshot_to_json (snapshot);
  g_autofree char *expected_text = read_dist_file ("model/snapshot-dump.json");
  g_autoptr (JsonNode) expected = parse (expected_text);
  g_autoptr (JsonNode) actual = parse (text);

  g_assert_true (g_str_has_suffix (text, "}\n"));
  assert_same_json ("$", expected, actual);
}

/* "a, b, c": the set's strings in order. */
static char *
sorted_keys (GHashTable *set)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (", ", (char **) keys->pdata);
}

static void
collect_member_names (JsonNode *node, GHashTable *names)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_hash_table_add (names, g_strdup (l->data));
          collect_member_names (json_object_get_member (object, l->data), names);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_member_names (json_array_get_element (array, i), names);
    }
}

/* Every "name" in README.md's schema block, but those in (comments). */
static char *
documented_members (void)
{
  g_autofree char *readme = read_dist_file ("../README.md");
  g_autoptr (GRegex) comments = g_regex_new ("\\([^)]*\\)", 0, 0, NULL);
  g_autoptr (GRegex) names = g_regex_new ("\"([A-Za-z0-9]+)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *block = NULL;
  g_autofree char *bare = NULL;
  const char      *start;
  const char      *end;

  start = strstr (readme, "### `--dump json` schema");
  g_assert_nonnull (start);
  start = strstr (start, "```\n");
  g_assert_nonnull (start);
  start += strlen ("```\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  block = g_strndup (start, end - start);
  bare = g_regex_replace_literal (comments, block, -1, 0, "", 0, NULL);

  g_regex_match (names, bare, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    g_hash_table_add (seen, g_match_info_fetch (match, 1));
  return sorted_keys (seen);
}
/* What the dump writes is what README.md documents, member for member, so
 * the round trip above checks every documented member. */
static void
test_documented_members (void)
{
  g_autoptr (C3vSnapshot) snapshot = build_snapshot ();
  g_autofree char *text = c3v_snapshot_to_json (snapshot);
  g_autoptr (JsonNode) root = parse (text);
  g_autoptr (GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *documented = documented_members ();
  g_autofree char *names = NULL;

  collect_member_names (root, written);
  names = sorted_keys (written);
  g_assert_cmpstr (names, ==, documented);
}

static void
test_empty (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("e", NULL, NULL);
  g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, FALSE);
  g_autofree char *text = c3v_snapshot_to_json (snapshot);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *cluster;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  cluster = json_object_get_object_member (root, "cluster");
  g_assert_true (json_object_get_null_member (cluster, "arn"));
  g_assert_cmpstr (json_object_get_string_member (cluster, "fetchedAt"), ==,
                   "1970-01-01T00:00:00.000Z");
  g_assert_false (json_object_get_boolean_member (cluster, "complete"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tasks")), ==, 0);
}

/* A lone surrogate on the wire ("\\ud800"): json-glib 1.6 hands it on
 * as bytes that are not UTF-8 (and swallows the character after it).
 * What the snapshot keeps, and so what --dump writes, is valid UTF-8 all
 * the same, the bad part replaced. */
#define SURROGATES_JSON                                                                            \
  "{\"taskArn\": \"arn:aws:ecs:eu-west-1:1:task/prod/t\\ud800xz\","                                \
  " \"group\": \"service:we\\ud800xb\", \"launchType\": \"EC2\\udfffxz\","                         \
  " \"containers\": [{\"name\": \"a\\ud800xpp\", \"image\": \"nginx\\udc00x:1\"}]}"

static void
test_invalid_utf8_replaced (void)
{
  g_autoptr (JsonNode) wire = parse (SURROGATES_JSON);
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("prod", ARN ("cluster", "prod"), "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) dumped = NULL;
  const C3vTask *task;
  C3vTask        parsed;

  g_assert_true (c3v_ecs_json_parse_task (json_node_get_object (wire), NULL, &parsed));
  c3v_snapshot_builder_add_task (builder, &parsed);
  c3v_ecs_json_task_clear (&parsed);
  snapshot = c3v_snapshot_builder_build (builder, 1, TRUE);

  task = c3v_snapshot_get_task (snapshot, 0);
  g_assert_true (g_utf8_validate (task->arn, -1, NULL));
  g_assert_true (g_utf8_validate (task->id, -1, NULL));
  g_assert_true (g_utf8_validate (task->service_name, -1, NULL));
  g_assert_true (g_str_has_prefix (task->service_name, "we"));
  g_assert_true (g_str_has_suffix (task->service_name, "b"));
  g_assert_nonnull (strstr (task->service_name, "\xef\xbf\xbd")); /* U+FFFD */
  g_assert_true (g_utf8_validate (task->containers[0].name, -1, NULL));
  g_assert_true (g_utf8_validate (task->containers[0].image, -1, NULL));

  text = c3v_snapshot_to_json (snapshot);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  dumped = parse (text);
  g_assert_nonnull (dumped);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot-json/round-trip", test_round_trip);
  g_test_add_func ("/snapshot-json/documented-members", test_documented_members);
  g_test_add_func ("/snapshot-json/empty", test_empty);
  g_test_add_func ("/snapshot-json/invalid-utf8-replaced", test_invalid_utf8_replaced);

  return g_test_run ();
}
