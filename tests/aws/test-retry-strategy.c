/* test-retry-strategy.c: the standard retry mode's decisions.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-retry-strategy.h"

static void
test_backoff (void)
{
  /* random * min(2^(attempt-1), 20) units */
  g_assert_cmpuint (c3v_retry_backoff_ms (1, 0.5, 1000), ==, 500);
  g_assert_cmpuint (c3v_retry_backoff_ms (2, 0.5, 1000), ==, 1000);
  g_assert_cmpuint (c3v_retry_backoff_ms (3, 1.0, 1000), ==, 4000);
  g_assert_cmpuint (c3v_retry_backoff_ms (5, 1.0, 1000), ==, 16000);
  g_assert_cmpuint (c3v_retry_backoff_ms (6, 1.0, 1000), ==, 20000);
  g_assert_cmpuint (c3v_retry_backoff_ms (40, 1.0, 1000), ==, 20000);
  g_assert_cmpuint (c3v_retry_backoff_ms (3, 0.0, 1000), ==, 0);
  g_assert_cmpuint (c3v_retry_backoff_ms (2, 0.5, 10), ==, 10);
}

static void
test_codes (void)
{
  g_assert_true (c3v_retry_is_throttling_code ("ThrottlingException"));
  g_assert_true (c3v_retry_is_throttling_code ("Throttling"));
  g_assert_true (c3v_retry_is_throttling_code ("TooManyRequestsException"));
  g_assert_true (c3v_retry_is_throttling_code ("RequestLimitExceeded"));
  g_assert_true (c3v_retry_is_throttling_code ("ProvisionedThroughputExceededException"));
  g_assert_true (c3v_retry_is_throttling_code ("RequestThrottled"));
  g_assert_false (c3v_retry_is_throttling_code ("AccessDeniedException"));
  g_assert_false (c3v_retry_is_throttling_code (NULL));

  for (guint status = 100; status < 600; status++)
    g_assert_cmpint (c3v_retry_is_transient_status (status), ==,
                     status == 500 || status == 502 || status == 503 || status == 504);
}

static void
test_attempts_and_kinds (void)
{
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new_standard ();
  guint delay = 0;
  guint cost = 0;

  g_assert_cmpuint (c3v_retry_strategy_get_max_attempts (retry), ==, 3);
  g_assert_false (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_NONE, &delay, &cost));
  g_assert_true (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_THROTTLED, &delay, &cost));
  g_assert_cmpuint (cost, ==, 5);
  g_assert_cmpuint (delay, <=, 1000);
  g_assert_true (c3v_retry_strategy_should_retry (retry, 2, C3V_RETRY_CONNECTION, &delay, &cost));
  g_assert_cmpuint (cost, ==, 10);
  g_assert_cmpuint (delay, <=, 2000);
  g_assert_false (c3v_retry_strategy_should_retry (retry, 3, C3V_RETRY_TRANSIENT, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 500 - 15);
}

/* 500 tokens: 50 connection-error retries drain the bucket; a success
 * after a retry gives that retry's cost back, one without gives 1. */
static void
test_token_bucket (void)
{
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new_standard ();
  guint delay = 0;
  guint cost = 0;

  for (guint i = 0; i < 50; i++)
    g_assert_true (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_CONNECTION, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 0);
  g_assert_false (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_THROTTLED, &delay, &cost));

  c3v_retry_strategy_record_success (retry, 0);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 1);
  c3v_retry_strategy_record_success (retry, 10);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 11);
  g_assert_true (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_THROTTLED, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 6);

  for (guint i = 0; i < 1000; i++)
    c3v_retry_strategy_record_success (retry, 0);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 500);
}

int
main (int argc, char *argv[])
{
  /* Before any thread exists: the standard settings, whole seconds. */
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_unsetenv ("C3VIS_RETRY_BASE_MS");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retry-strategy/backoff", test_backoff);
  g_test_add_func ("/retry-strategy/codes", test_codes);
  g_test_add_func ("/retry-strategy/attempts-and-kinds", test_attempts_and_kinds);
  g_test_add_func ("/retry-strategy/token-bucket", test_token_bucket);

  return g_test_run ();
}
