/* test-aws-services-botocore.c: the service descriptors of c3v-aws-service.c
 * against botocore's models: target prefix, JSON version, signing name,
 * endpoint prefix, and the services key and AWS_ENDPOINT_URL_<SERVICE>
 * suffix the SDKs derive from the service ID; and a request the client
 * really sent for each service, signed again by botocore for the signing
 * name of its model, must carry the same Authorization. Exits 77 (meson:
 * SKIP) when /usr/bin/python3 cannot import botocore.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "c3v-aws-service.h"
#include "c3v-ecs-client.h"
#include "test-botocore.h"
#include "test-ecs-call.h"

#define ACCESS_KEY_ID "AKIAEXAMPLE000000009"
#define SECRET_KEY    "ab/cd+ef/GH+ij0123456789/+KLmnopqrstuvwx"
#define SESSION_TOKEN "IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQ+token=="
#define REGION        "eu-west-1"
#define WAIT_MS       10000

typedef struct
{
  const char          *botocore_name;
  const C3vAwsService *service;
  const char          *operation; /* one the client sends in the signing test */
} Case;

static const Case cases[] = {
  { "ecs", &c3v_aws_service_ecs, "ListClusters" },
  { "logs", &c3v_aws_service_logs, "GetLogEvents" },
  { "cloudwatch", &c3v_aws_service_cloudwatch, "GetMetricData" },
  { "pricing", &c3v_aws_service_pricing, "GetProducts" },
};

/* What the client sent. */
typedef struct
{
  char   *content_type;
  char   *target;
  char   *amz_date;
  char   *authorization;
  GBytes *body;
} Captured;

static void
captured_clear (Captured *captured)
{
  g_free (captured->content_type);
  g_free (captured->target);
  g_free (captured->amz_date);
  g_free (captured->authorization);
  g_clear_pointer (&captured->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Captured, captured_clear)

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
capture_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                 gpointer user_data)
{
  Captured           *captured = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (captured->body == NULL)
    {
      captured->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      captured->target = g_strdup (soup_message_headers_get_one (headers, "X-Amz-Target"));
      captured->amz_date = g_strdup (soup_message_headers_get_one (headers, "X-Amz-Date"));
      captured->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
      captured->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.1", SOUP_MEMORY_STATIC, "{}", 2);
}

/* The client's request for @c, captured by a server on loopback; *@url is
 * where it went. */
static void
send_one (const Case *c, Captured *captured, char **url)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vAwsClient) client = NULL;
  g_autoptr (JsonObject) request = json_object_new ();
  g_auto (CallResult) r = { 0 };
  GSList *uris;

  soup_server_add_handler (server, NULL, capture_request, captured, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  json_object_set_string_member (request, "name", "caf\xc3\xa9 \xe9\x9b\x86");
  client = c3v_aws_client_new (c->service, provider, REGION, *url);
  c3v_ecs_client_call_async (client, c->operation, request, NULL, call_done, &r);
  wait_for (&r.done, WAIT_MS);
  g_assert_no_error (r.error);
  g_assert_nonnull (captured->body);
}

static void
test_signed_like_botocore (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (JsonObject) model = botocore_model (c->botocore_name);
  g_auto (Captured) captured = { 0 };
  g_autofree char *url = NULL;
  BotocoreRequest  request = {
     .access_key_id = ACCESS_KEY_ID,
     .secret_access_key = SECRET_KEY,
     .session_token = SESSION_TOKEN,
  };
  g_autofree char *expected = NULL;
  g_autofree char *target = NULL;
  const char      *json_version = json_object_get_string_member (model, "jsonVersion");

  send_one (c, &captured, &url);
  target = g_strconcat (c->service->target_prefix, ".", c->operation, NULL);
  g_assert_cmpstr (captured.target, ==, target);
  if (json_version != NULL)
    {
      g_autofree char *type = g_strconcat ("application/x-amz-json-", json_version, NULL);

      g_assert_cmpstr (captured.content_type, ==, type);
    }

  request.url = url;
  request.content_type = captured.content_type;
  request.target = captured.target;
  request.body = g_bytes_get_data (captured.body, &request.body_length);
  request.amz_date = captured.amz_date;
  request.region = c3v_aws_service_region (c->service, REGION);
  request.service = json_object_get_string_member (model, "signingName");
  expected = botocore_authorization (&request);
  g_assert_cmpstr (captured.authorization, ==, expected);
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

  if (!botocore_available ())
    {
      g_printerr ("botocore is not importable by /usr/bin/python3: skipped\n");
      return 77;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/aws/services/botocore/%s", cases[i].botocore_name);

      g_autofree char *signing
          = g_strdup_printf ("/aws/services/botocore-signs/%s", cases[i].botocore_name);

      g_test_add_data_func (path, &cases[i], test_service);
      g_test_add_data_func (signing, &cases[i], test_signed_like_botocore);
    }
  return g_test_run ();
}
