/* test-retry-strategy.c: the retry modes' decisions.
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

/* One table: each code has one kind; PriorRequestNotComplete (in both of
 * botocore's lists) is throttling. A bare 429 is throttling too. */
static void
test_codes (void)
{
  const char *throttling[] = { "ThrottlingException",
                               "Throttling",
                               "TooManyRequestsException",
                               "RequestLimitExceeded",
                               "ProvisionedThroughputExceededException",
                               "RequestThrottled",
                               "PriorRequestNotComplete" };

  for (guint i = 0; i < G_N_ELEMENTS (throttling); i++)
    g_assert_cmpint (c3v_retry_kind_of (throttling[i], 400), ==, C3V_RETRY_THROTTLED);
  g_assert_cmpint (c3v_retry_kind_of ("RequestTimeout", 400), ==, C3V_RETRY_TRANSIENT);
  g_assert_cmpint (c3v_retry_kind_of ("RequestTimeoutException", 400), ==, C3V_RETRY_TRANSIENT);
  g_assert_cmpint (c3v_retry_kind_of ("AccessDeniedException", 400), ==, C3V_RETRY_NONE);
  g_assert_cmpint (c3v_retry_kind_of (NULL, 400), ==, C3V_RETRY_NONE);
  g_assert_cmpint (c3v_retry_kind_of ("HTTP 429", 429), ==, C3V_RETRY_THROTTLED);
  g_assert_true (c3v_retry_is_throttling (NULL, 429));
  g_assert_false (c3v_retry_is_throttling ("RequestTimeout", 400));

  for (guint status = 100; status < 600; status++)
    g_assert_cmpint (c3v_retry_kind_of (NULL, status) == C3V_RETRY_TRANSIENT, ==,
                     status == 500 || status == 502 || status == 503 || status == 504);
}

static void
test_retry_after (void)
{
  /* Wed, 21 Oct 2015 07:28:00 GMT */
  const gint64 now = 1445412480;

  g_assert_cmpint (c3v_retry_after_ms (NULL, now, 20000), ==, -1);
  g_assert_cmpint (c3v_retry_after_ms ("soon", now, 20000), ==, -1);
  g_assert_cmpint (c3v_retry_after_ms ("-3", now, 20000), ==, -1);
  g_assert_cmpint (c3v_retry_after_ms ("3", now, 20000), ==, 3000);
  g_assert_cmpint (c3v_retry_after_ms (" 0 ", now, 20000), ==, 0);
  g_assert_cmpint (c3v_retry_after_ms ("86400", now, 20000), ==, 20000);
  g_assert_cmpint (c3v_retry_after_ms ("Wed, 21 Oct 2015 07:28:05 GMT", now, 20000), ==, 5000);
  g_assert_cmpint (c3v_retry_after_ms ("Wed, 21 Oct 2015 07:27:00 GMT", now, 20000), ==, 0);
}

/* The server's wish is honoured when longer than the backoff, up to the
 * bound the caller set. */
static void
test_retry_after_delays (void)
{
  C3vRetrySettings settings = { C3V_RETRY_MODE_STANDARD, 3 };
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new (&settings);
  guint delay = 0;
  guint cost = 0;

  g_assert_true (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_THROTTLED, 7000, &delay, &cost));
  g_assert_cmpuint (delay, ==, 7000);
  g_assert_true (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_TRANSIENT, 0, &delay, &cost));
  g_assert_cmpuint (delay, <=, 1000);
}

static void
test_attempts_and_kinds (void)
{
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new (NULL);
  guint delay = 0;
  guint cost = 0;

  g_assert_cmpuint (c3v_retry_strategy_get_max_attempts (retry), ==, 3);
  g_assert_cmpint (c3v_retry_strategy_get_mode (retry), ==, C3V_RETRY_MODE_ADAPTIVE);
  g_assert_false (c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_NONE, -1, &delay, &cost));
  g_assert_true (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_TRANSIENT, -1, &delay, &cost));
  g_assert_cmpuint (cost, ==, 5);
  g_assert_cmpuint (delay, <=, 1000);
  g_assert_true (
      c3v_retry_strategy_should_retry (retry, 2, C3V_RETRY_CONNECTION, -1, &delay, &cost));
  g_assert_cmpuint (cost, ==, 10);
  g_assert_cmpuint (delay, <=, 2000);
  g_assert_false (
      c3v_retry_strategy_should_retry (retry, 3, C3V_RETRY_TRANSIENT, -1, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 500 - 15);
}

/* Throttling is retried well past the attempt limit, free of retry tokens,
 * with the backoff capped at 20 units; then it gives up. */
static void
test_throttling_patience (void)
{
  C3vRetrySettings settings = { C3V_RETRY_MODE_STANDARD, 1 };
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new (&settings);
  guint delay = 0;
  guint cost = 7;

  g_assert_false (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_TRANSIENT, -1, &delay, &cost));
  for (guint attempt = 1; attempt < C3V_RETRY_THROTTLED_MAX_ATTEMPTS; attempt++)
    {
      g_assert_true (
          c3v_retry_strategy_should_retry (retry, attempt, C3V_RETRY_THROTTLED, -1, &delay, &cost));
      g_assert_cmpuint (cost, ==, 0);
      g_assert_cmpuint (delay, <=, 20000);
    }
  g_assert_false (c3v_retry_strategy_should_retry (retry, C3V_RETRY_THROTTLED_MAX_ATTEMPTS,
                                                   C3V_RETRY_THROTTLED, -1, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 500);
}

/* 500 tokens: 50 connection-error retries drain the bucket; a success
 * after a retry gives that retry's cost back, one without gives 1. */
static void
test_token_bucket (void)
{
  g_autoptr (C3vRetryStrategy) retry = c3v_retry_strategy_new (NULL);
  guint delay = 0;
  guint cost = 0;

  for (guint i = 0; i < 50; i++)
    g_assert_true (
        c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_CONNECTION, -1, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 0);
  g_assert_false (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_TRANSIENT, -1, &delay, &cost));
  /* Throttling does not need tokens. */
  g_assert_true (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_THROTTLED, -1, &delay, &cost));

  c3v_retry_strategy_record_success (retry, 0);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 1);
  c3v_retry_strategy_record_success (retry, 10);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 11);
  g_assert_true (
      c3v_retry_strategy_should_retry (retry, 1, C3V_RETRY_TRANSIENT, -1, &delay, &cost));
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 6);

  for (guint i = 0; i < 1000; i++)
    c3v_retry_strategy_record_success (retry, 0);
  g_assert_cmpuint (c3v_retry_strategy_get_tokens (retry), ==, 500);
}

/* The environment wins over the profile; legacy is standard; what does
 * not parse is ignored. */
static void
test_settings (void)
{
  C3vRetrySettings settings;
  C3vRetryMode     mode;

  g_assert_true (c3v_retry_mode_from_string ("Legacy", &mode));
  g_assert_cmpint (mode, ==, C3V_RETRY_MODE_STANDARD);
  g_assert_true (c3v_retry_mode_from_string ("ADAPTIVE", &mode));
  g_assert_cmpint (mode, ==, C3V_RETRY_MODE_ADAPTIVE);
  g_assert_false (c3v_retry_mode_from_string ("fast", &mode));

  c3v_retry_settings_resolve (NULL, NULL, &settings);
  g_assert_cmpint (settings.mode, ==, C3V_RETRY_MODE_ADAPTIVE);
  g_assert_cmpuint (settings.max_attempts, ==, 3);

  c3v_retry_settings_resolve ("legacy", "5", &settings);
  g_assert_cmpint (settings.mode, ==, C3V_RETRY_MODE_STANDARD);
  g_assert_cmpuint (settings.max_attempts, ==, 5);

  if (g_test_subprocess ())
    {
      g_setenv ("AWS_RETRY_MODE", "adaptive", TRUE);
      g_setenv ("AWS_MAX_ATTEMPTS", "2", TRUE);
      c3v_retry_settings_resolve ("standard", "5", &settings);
      g_assert_cmpint (settings.mode, ==, C3V_RETRY_MODE_ADAPTIVE);
      g_assert_cmpuint (settings.max_attempts, ==, 2);

      /* Ignored values are warned about, not fatal. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_setenv ("AWS_MAX_ATTEMPTS", "many", TRUE);
      c3v_retry_settings_resolve ("standard", "zero", &settings);
      g_assert_cmpuint (settings.max_attempts, ==, 3);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Ignoring AWS_MAX_ATTEMPTS=many*Ignoring max_attempts=zero*");
}

int
main (int argc, char *argv[])
{
  /* Before any thread exists: the default settings, whole seconds. */
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_unsetenv ("AWS_RETRY_MODE");
  g_unsetenv ("C3VIS_RETRY_BASE_MS");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retry-strategy/backoff", test_backoff);
  g_test_add_func ("/retry-strategy/codes", test_codes);
  g_test_add_func ("/retry-strategy/retry-after", test_retry_after);
  g_test_add_func ("/retry-strategy/retry-after-delays", test_retry_after_delays);
  g_test_add_func ("/retry-strategy/attempts-and-kinds", test_attempts_and_kinds);
  g_test_add_func ("/retry-strategy/throttling-patience", test_throttling_patience);
  g_test_add_func ("/retry-strategy/token-bucket", test_token_bucket);
  g_test_add_func ("/retry-strategy/settings", test_settings);

  return g_test_run ();
}
