/* test-sigv4-botocore.c: the SigV4 signer against botocore's, on ECS
 * requests. Exits 77 (meson: SKIP) when /usr/bin/python3 cannot import
 * botocore.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "c3v-sigv4.h"
#include "test-botocore.h"

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

static char *
reference_authorization (const EcsCase *c)
{
  const BotocoreRequest request = {
    .url = c->url,
    .content_type = "application/x-amz-json-1.1",
    .target = c->target,
    .body = c->body,
    .body_length = strlen (c->body),
    .amz_date = c->amz_date,
    .access_key_id = c->access_key_id,
    .secret_access_key = c->secret_access_key,
    .session_token = c->session_token,
    .region = "eu-west-1",
    .service = "ecs",
  };

  return botocore_authorization (&request);
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

  expected = reference_authorization (c);
  actual = c3v_authorization (c);
  g_assert_cmpstr (actual, ==, expected);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!botocore_available ())
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
