/* test-sigv4-botocore.c: the SigV4 signer against botocore's, on ECS
 * requests. Exits 77 (meson: SKIP) when /usr/bin/python3 cannot import
 * botocore.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "c3v-sigv4.h"

/* --- against botocore ------------------------------------------------ */

typedef struct
{
  const char *url;
  const char *host;
  const char *target;
  const char *body;
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token;
  const char *amz_date;
} EcsCase;

static gboolean
probe_botocore (void)
{
  const char *argv[] = { "/usr/bin/python3", "-c", "import botocore.auth", NULL };
  gint        status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
add_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_header_pair (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, name);
  json_builder_add_string_value (builder, value);
  json_builder_end_array (builder);
}

static char *
botocore_spec (const EcsCase *c)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body64 = g_base64_encode ((const guchar *) c->body, strlen (c->body));

  json_builder_begin_object (builder);
  add_member (builder, "method", "POST");
  add_member (builder, "url", c->url);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  add_header_pair (builder, "Content-Type", "application/x-amz-json-1.1");
  add_header_pair (builder, "X-Amz-Target", c->target);
  json_builder_end_array (builder);
  add_member (builder, "body_base64", body64);
  add_member (builder, "amz_date", c->amz_date);
  add_member (builder, "access_key_id", c->access_key_id);
  add_member (builder, "secret_access_key", c->secret_access_key);
  if (c->session_token != NULL)
    add_member (builder, "session_token", c->session_token);
  add_member (builder, "region", "eu-west-1");
  add_member (builder, "service", "ecs");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
botocore_authorization (const EcsCase *c)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *spec = botocore_spec (c);
  char            *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, "/usr/bin/python3", BOTOCORE_SIGN, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, spec, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

static char *
c3v_authorization (const EcsCase *c)
{
  g_autoptr (C3vSigv4Signer) signer = c3v_sigv4_signer_new ();
  C3vHttpHeader headers[] = {
    { "Host", c->host },
    { "X-Amz-Date", c->amz_date },
    { "Content-Type", "application/x-amz-json-1.1" },
    { "X-Amz-Target", c->target },
    { "X-Amz-Security-Token", c->session_token },
  };
  C3vSigv4Request request = {
    .method = "POST",
    .path = "/",
    .headers = headers,
    .n_headers = c->session_token ? G_N_ELEMENTS (headers) : G_N_ELEMENTS (headers) - 1,
    .body = c->body,
    .body_length = strlen (c->body),
  };

  return c3v_sigv4_authorization (signer, c->access_key_id, c->secret_access_key, &request,
                                  c->amz_date, "eu-west-1", "ecs");
}

static const EcsCase ecs_cases[] = {
  { "https://ecs.eu-west-1.amazonaws.com/", "ecs.eu-west-1.amazonaws.com",
    "AmazonEC2ContainerServiceV20141113.ListClusters", "{}", "AKIAEXAMPLE000000001",
    "ab/cd+ef/GH+ij0123456789/+KLmnopqrstuvwx", NULL, "20260301T101112Z" },
  { "https://ecs.eu-west-1.amazonaws.com/", "ecs.eu-west-1.amazonaws.com",
    "AmazonEC2ContainerServiceV20141113.DescribeClusters",
    "{\"clusters\":[\"prod-\xc3\xbc-\xe9\x9b\x86\xe7\xbe\xa4\"],\"include\":[\"STATISTICS\"]}",
    "AKIAEXAMPLE000000002", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", NULL, "20251231T235959Z" },
  { "https://ecs.eu-west-1.amazonaws.com/", "ecs.eu-west-1.amazonaws.com",
    "AmazonEC2ContainerServiceV20141113.ListTasks",
    "{\"cluster\":\"default\",\"maxResults\":100,\"nextToken\":\"a/b+c==\"}",
    "ASIAEXAMPLE000000003", "secret/with+both/and+more0000000000000000",
    "IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQ+token/with+chars==",
    "20260115T080000Z" },
  /* A non-default port is part of the signed host. */
  { "http://127.0.0.1:4566/", "127.0.0.1:4566", "AmazonEC2ContainerServiceV20141113.DescribeTasks",
    "{\"tasks\":[]}", "AKIAEXAMPLE000000004", "local/secret+key", NULL, "20260704T120000Z" },
};

static void
test_botocore (gconstpointer data)
{
  const EcsCase   *c = data;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  expected = botocore_authorization (c);
  actual = c3v_authorization (c);
  g_assert_cmpstr (actual, ==, expected);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!probe_botocore ())
    {
      g_print ("SKIP: /usr/bin/python3 cannot import botocore\n");
      return 77;
    }
  g_test_add_data_func ("/sigv4/botocore/secret-with-slash-and-plus", &ecs_cases[0], test_botocore);
  g_test_add_data_func ("/sigv4/botocore/utf8-body", &ecs_cases[1], test_botocore);
  g_test_add_data_func ("/sigv4/botocore/session-token", &ecs_cases[2], test_botocore);
  g_test_add_data_func ("/sigv4/botocore/host-with-port", &ecs_cases[3], test_botocore);

  return g_test_run ();
}
