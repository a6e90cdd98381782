/* test-rate-limiter.c: the adaptive mode's rate limiter, on a clock the
 * test drives (no sleeping).
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>

#include "c3v-rate-limiter.h"

/* Answers at @per_second from @from to @to, none throttled. */
static double
answer_steadily (C3vRateLimiter *limiter, double from, double to, double per_second)
{
  double t;

  for (t = from; t < to; t += 1 / per_second)
    c3v_rate_limiter_record (limiter, t, t, FALSE);
  return t;
}

/* Until the first throttled answer, nothing waits. */
static void
test_off_until_throttled (void)
{
  g_autoptr (C3vRateLimiter) limiter = c3v_rate_limiter_new (100.0);

  answer_steadily (limiter, 100.0, 105.0, 50);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpfloat (c3v_rate_limiter_acquire (limiter, 105.0), ==, 0);
  g_assert_false (c3v_rate_limiter_is_enabled (limiter));
  g_assert_cmpfloat_with_epsilon (c3v_rate_limiter_get_measured_rate (limiter), 50, 2);
}

/* A throttled answer sets the rate to 0.7 times the measured rate; the
 * requests then go out at that rate, each given its own turn. */
static void
test_throttle_slows_down (void)
{
  g_autoptr (C3vRateLimiter) limiter = c3v_rate_limiter_new (0.0);
  double now = answer_steadily (limiter, 0.0, 5.0, 20);
  double measured, rate, previous = 0;

  /* The throttled answer is measured too. */
  c3v_rate_limiter_record (limiter, now, now, TRUE);
  g_assert_true (c3v_rate_limiter_is_enabled (limiter));
  measured = c3v_rate_limiter_get_measured_rate (limiter);
  g_assert_cmpfloat_with_epsilon (measured, 20, 1);
  rate = c3v_rate_limiter_get_fill_rate (limiter);
  g_assert_cmpfloat_with_epsilon (rate, 0.7 * measured, 1e-9);

  /* Drain what the bucket holds, then each waits 1/rate more. */
  while (c3v_rate_limiter_acquire (limiter, now) == 0)
    ;
  previous = c3v_rate_limiter_acquire (limiter, now);
  for (guint i = 0; i < 10; i++)
    {
      double wait = c3v_rate_limiter_acquire (limiter, now);

      g_assert_cmpfloat_with_epsilon (wait - previous, 1 / rate, 1e-9);
      previous = wait;
    }
}

/* After a throttle, answers that are not throttled let the rate climb back
 * (CUBIC): to the throttled rate after k = cbrt(W * 0.3 / 0.4) seconds,
 * and past it after that; a new throttle brings it down again. */
static void
test_recovers (void)
{
  g_autoptr (C3vRateLimiter) limiter = c3v_rate_limiter_new (0.0);
  double now = answer_steadily (limiter, 0.0, 5.0, 20);
  double w_max, k, before, after;

  c3v_rate_limiter_record (limiter, now, now, TRUE);
  w_max = c3v_rate_limiter_get_measured_rate (limiter);
  k = cbrt (w_max * 0.3 / 0.4);
  before = c3v_rate_limiter_get_fill_rate (limiter);

  answer_steadily (limiter, now + 0.05, now + k / 2, 20);
  after = c3v_rate_limiter_get_fill_rate (limiter);
  g_assert_cmpfloat (after, >, before);
  g_assert_cmpfloat (after, <, w_max);

  answer_steadily (limiter, now + k / 2, now + k, 20);
  c3v_rate_limiter_record (limiter, now + k, now + k, FALSE);
  g_assert_cmpfloat_with_epsilon (c3v_rate_limiter_get_fill_rate (limiter), w_max, 1e-6);

  /* Past w_max, but never above twice what is measured. */
  now = answer_steadily (limiter, now + k, now + k + 10, 20);
  after = c3v_rate_limiter_get_fill_rate (limiter);
  g_assert_cmpfloat (after, >, w_max);
  g_assert_cmpfloat (after, <=, 2 * c3v_rate_limiter_get_measured_rate (limiter) + 1e-9);

  c3v_rate_limiter_record (limiter, now, now, TRUE);
  g_assert_cmpfloat (c3v_rate_limiter_get_fill_rate (limiter), <, after);
}

/* The answers to requests already in flight when the rate went down do
 * not bring it down again; a request sent after does. */
static void
test_once_per_burst (void)
{
  g_autoptr (C3vRateLimiter) limiter = c3v_rate_limiter_new (0.0);
  double now = answer_steadily (limiter, 0.0, 5.0, 20);
  double rate;

  c3v_rate_limiter_record (limiter, now, now - 0.03, TRUE);
  rate = c3v_rate_limiter_get_fill_rate (limiter);
  for (guint i = 1; i < 16; i++)
    c3v_rate_limiter_record (limiter, now + i * 0.001, now - 0.03, TRUE);
  g_assert_cmpfloat (c3v_rate_limiter_get_fill_rate (limiter), ==, rate);

  c3v_rate_limiter_record (limiter, now + 0.1, now + 0.05, TRUE);
  g_assert_cmpfloat (c3v_rate_limiter_get_fill_rate (limiter), <, rate);
}

/* Throttled at every answer, the rate bottoms out at 0.5 per second. */
static void
test_floor (void)
{
  g_autoptr (C3vRateLimiter) limiter = c3v_rate_limiter_new (0.0);

  for (double t = 0; t < 60; t += 0.25)
    c3v_rate_limiter_record (limiter, t, t, TRUE);
  g_assert_cmpfloat (c3v_rate_limiter_get_fill_rate (limiter), ==, 0.5);
  while (c3v_rate_limiter_acquire (limiter, 60) == 0)
    ;
  g_assert_cmpfloat_with_epsilon (
      c3v_rate_limiter_acquire (limiter, 60) - c3v_rate_limiter_acquire (limiter, 60), -2.0, 1e-9);
}

/* One limiter per key, alive while someone holds it. */
static void
test_shared (void)
{
  C3vRateLimiter *a = c3v_rate_limiter_get_shared ("AKID eu-west-1 aws", 0);
  C3vRateLimiter *b = c3v_rate_limiter_get_shared ("AKID eu-west-1 aws", 0);
  C3vRateLimiter *other = c3v_rate_limiter_get_shared ("AKID us-east-1 aws", 0);
  C3vRateLimiter *again;

  g_assert_true (a == b);
  g_assert_true (a != other);

  /* What one client learns, the other obeys. */
  c3v_rate_limiter_record (a, 1, 1, TRUE);
  g_assert_true (c3v_rate_limiter_is_enabled (b));
  g_assert_false (c3v_rate_limiter_is_enabled (other));

  c3v_rate_limiter_unref (a);
  c3v_rate_limiter_unref (b);
  again = c3v_rate_limiter_get_shared ("AKID eu-west-1 aws", 0);
  g_assert_false (c3v_rate_limiter_is_enabled (again));
  c3v_rate_limiter_unref (again);
  c3v_rate_limiter_unref (other);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rate-limiter/off-until-throttled", test_off_until_throttled);
  g_test_add_func ("/rate-limiter/throttle-slows-down", test_throttle_slows_down);
  g_test_add_func ("/rate-limiter/recovers", test_recovers);
  g_test_add_func ("/rate-limiter/once-per-burst", test_once_per_burst);
  g_test_add_func ("/rate-limiter/floor", test_floor);
  g_test_add_func ("/rate-limiter/shared", test_shared);

  return g_test_run ();
}
