/* test-throttled-load.c: a whole load through the client while ECS
 * throttles: a busy account must slow c3vis down, never stop it.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-fake-ecs.h"
#include "c3v-loader.h"
#include "test-ecs-call.h"

#define WAIT_MS 60000

/* 200 instances with 30% of calls throttled at random (seeded), and one
 * attempt allowed for any other error: every throttled call is retried
 * past the attempt limit, and the load completes. */
static void
test_throttled_load (gconstpointer data)
{
  const C3vRetrySettings *settings = data;
  C3vFakeEcsOptions       options = {
          .seed = 9, .large_instances = 200, .large_tasks = 1000, .latency_ms = 1, .throttle_rate = 0.3
  };
  g_autoptr (C3vFakeEcs) fake = c3v_fake_ecs_new (&options);
  g_autoptr (C3vCredentials) keys
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (keys);
  g_autoptr (C3vEcsClient) client = NULL;
  g_autoptr (C3vLoader) loader = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_auto (AsyncWait) load = { 0 };
  C3vFakeCluster *cluster;
  guint           notified = 0;

  g_assert_true (c3v_fake_ecs_start (fake, 0, &error));
  g_assert_no_error (error);
  client = c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (fake));
  c3v_ecs_client_set_retry_settings (client, settings);
  g_signal_connect (client, "notify::throttled", G_CALLBACK (count_notify), &notified);
  loader = c3v_loader_new (client, NULL);

  c3v_loader_load_async (loader, "production", NULL, async_wait_done, &load);
  wait_for (&load.done, WAIT_MS);
  snapshot = c3v_loader_load_finish (loader, load.result, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (c3v_snapshot_is_complete (snapshot));
  cluster = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fake), "production", FALSE);
  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, cluster->instances->len);
  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, 200);
  g_test_message ("%u calls throttled", c3v_ecs_client_get_throttled_count (client));
  g_assert_cmpuint (c3v_ecs_client_get_throttled_count (client), >, 10);
  /* The status line was told, and told again when it was over. */
  g_assert_cmpuint (notified, >=, 2);
  g_assert_false (c3v_ecs_client_get_throttled (client));
}

int
main (int argc, char *argv[])
{
  static const C3vRetrySettings adaptive = { C3V_RETRY_MODE_ADAPTIVE, 1 };
  static const C3vRetrySettings standard = { C3V_RETRY_MODE_STANDARD, 1 };

  /* Before any thread exists: retries in milliseconds. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "1", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/throttled-load/adaptive", &adaptive, test_throttled_load);
  g_test_add_data_func ("/throttled-load/standard", &standard, test_throttled_load);

  return g_test_run ();
}
