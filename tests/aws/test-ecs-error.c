/* test-ecs-error.c: what an error answer becomes, for answers no AWS
 * service writes but proxies and gateways do.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-ecs-client.h"
#include "c3v-ecs-error-private.h"

#include <string.h>

static GError *
error_for (guint status, const char *body)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (body, strlen (body));

  return c3v_ecs_error_from_response (status, bytes, NULL, NULL);
}

/* A bare 429 that outlasted every retry says it was throttling. */
static void
test_bare_429 (void)
{
  g_autoptr (GError) error = error_for (429, "Too Many Requests");

  g_assert_error (error, C3V_ECS_ERROR, C3V_ECS_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "HTTP 429"));
  g_assert_null (strstr (error->message, "Unexpected"));
}

static void
test_bare_502 (void)
{
  g_autoptr (GError) error = error_for (502, "<html>Bad Gateway</html>");

  g_assert_error (error, C3V_ECS_ERROR, C3V_ECS_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Unexpected HTTP status 502");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/ecs-error/bare-429", test_bare_429);
  g_test_add_func ("/aws/ecs-error/bare-502", test_bare_502);

  return g_test_run ();
}
