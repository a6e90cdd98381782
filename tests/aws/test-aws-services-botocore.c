/* test-aws-services-botocore.c: the service descriptors of c3v-aws-service.c
 * against botocore's models: target prefix, JSON version, signing name,
 * endpoint prefix, and the services key and AWS_ENDPOINT_URL_<SERVICE>
 * suffix the SDKs derive from the service ID. Exits 77 (meson: SKIP) when
 * /usr/bin/python3 cannot import botocore.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "c3v-aws-service.h"

typedef struct
{
  const char          *botocore_name;
  const C3vAwsService *service;
} Case;

static const Case cases[] = {
  { "ecs", &c3v_aws_service_ecs },
  { "logs", &c3v_aws_service_logs },
  { "cloudwatch", &c3v_aws_service_cloudwatch },
  { "pricing", &c3v_aws_service_pricing },
};

static gboolean
probe_botocore (void)
{
  const char *argv[] = { "/usr/bin/python3", "-c", "import botocore.session", NULL };
  gint        status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static JsonObject *
botocore_model (const char *name)
{
  const char      *argv[] = { "/usr/bin/python3", BOTOCORE_SERVICE, name, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gint status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("botocore-service.py %s failed: %s", name, err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* How the SDKs name a service in the config file and the environment:
 * "CloudWatch Logs" -> cloudwatch_logs, CLOUDWATCH_LOGS. */
static char *
sdk_identifier (const char *service_id, gboolean upper)
{
  g_autofree char *joined = g_strdelimit (g_strdup (service_id), " ", '_');

  return upper ? g_ascii_strup (joined, -1) : g_ascii_strdown (joined, -1);
}

static void
test_service (gconstpointer data)
{
  const Case          *c = data;
  const C3vAwsService *service = c->service;
  g_autoptr (JsonObject) model = botocore_model (c->botocore_name);
  const char      *service_id = json_object_get_string_member (model, "serviceId");
  g_autofree char *key = sdk_identifier (service_id, FALSE);
  g_autofree char *env = sdk_identifier (service_id, TRUE);
  JsonArray       *protocols = json_object_get_array_member (model, "protocols");
  gboolean         speaks_json = FALSE;

  g_assert_cmpstr (service->signing_name, ==, json_object_get_string_member (model, "signingName"));
  g_assert_cmpstr (service->endpoint_prefix, ==,
                   json_object_get_string_member (model, "endpointPrefix"));
  g_assert_cmpstr (service->id, ==, key);
  g_assert_cmpstr (service->env_suffix, ==, env);
  for (guint i = 0; i < json_array_get_length (protocols); i++)
    speaks_json |= g_strcmp0 (json_array_get_string_element (protocols, i), "json") == 0;
  if (!speaks_json)
    {
      g_test_skip ("this botocore models the service without the JSON protocol");
      return;
    }
  g_assert_cmpstr (service->target_prefix, ==,
                   json_object_get_string_member (model, "targetPrefix"));
  g_assert_cmpstr (service->json_version, ==, json_object_get_string_member (model, "jsonVersion"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!probe_botocore ())
    {
      g_printerr ("botocore is not importable by /usr/bin/python3: skipped\n");
      return 77;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/aws/services/botocore/%s", cases[i].botocore_name);

      g_test_add_data_func (path, &cases[i], test_service);
    }
  return g_test_run ();
}
