/* c3v-retry-strategy.c: the AWS SDKs' "standard" retry mode.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-retry-strategy.h"

#define DEFAULT_BASE_MS 1000

struct _C3vRetryStrategy
{
  guint max_attempts;
  guint base_ms;
  guint tokens;
};

/* A positive integer from the environment, else @fallback. */
static guint
env_positive (const char *name, guint fallback)
{
  const char *text = g_getenv (name);
  guint64     value = 0;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    {
      g_warning ("Ignoring %s=%s: not a positive integer", name, text);
      return fallback;
    }
  return (guint) value;
}

C3vRetryStrategy *
c3v_retry_strategy_new_standard (void)
{
  C3vRetryStrategy *self = g_new0 (C3vRetryStrategy, 1);

  self->max_attempts = env_positive ("AWS_MAX_ATTEMPTS", C3V_RETRY_DEFAULT_MAX_ATTEMPTS);
  self->base_ms = env_positive ("C3VIS_RETRY_BASE_MS", DEFAULT_BASE_MS);
  self->tokens = C3V_RETRY_BUCKET_CAPACITY;
  return self;
}

void
c3v_retry_strategy_free (C3vRetryStrategy *self)
{
  g_free (self);
}

guint
c3v_retry_strategy_get_max_attempts (C3vRetryStrategy *self)
{
  return self->max_attempts;
}

guint
c3v_retry_strategy_get_tokens (C3vRetryStrategy *self)
{
  return self->tokens;
}

guint
c3v_retry_backoff_ms (guint attempt, double random, guint base_ms)
{
  guint units = C3V_RETRY_MAX_BACKOFF_UNITS;

  if (attempt >= 1 && attempt <= 5)
    units = MIN (1u << (attempt - 1), units);
  return (guint) MIN (CLAMP (random, 0.0, 1.0) * units * (double) base_ms, (double) G_MAXUINT);
}

gboolean
c3v_retry_strategy_should_retry (C3vRetryStrategy *self, guint attempt, C3vRetryKind kind,
                                 guint *delay_ms, guint *cost)
{
  guint needed;

  g_return_val_if_fail (self != NULL, FALSE);

  if (kind == C3V_RETRY_NONE || attempt >= self->max_attempts)
    return FALSE;

  needed = kind == C3V_RETRY_CONNECTION ? C3V_RETRY_TIMEOUT_COST : C3V_RETRY_COST;
  if (self->tokens < needed)
    return FALSE;

  self->tokens -= needed;
  *cost = needed;
  *delay_ms = c3v_retry_backoff_ms (attempt, g_random_double (), self->base_ms);
  return TRUE;
}

void
c3v_retry_strategy_record_success (C3vRetryStrategy *self, guint last_cost)
{
  guint refund = last_cost > 0 ? last_cost : C3V_RETRY_NO_RETRY_INCREMENT;

  g_return_if_fail (self != NULL);

  self->tokens = MIN (self->tokens + refund, C3V_RETRY_BUCKET_CAPACITY);
}

/* The throttling codes of botocore's standard retry mode, plus the ones other
 * SDKs add. */
gboolean
c3v_retry_is_throttling_code (const char *code)
{
  static const char *const codes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
  };

  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (code, codes[i]))
      return TRUE;
  return FALSE;
}

gboolean
c3v_retry_is_transient_status (guint http_status)
{
  return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

/* botocore's standard mode retries these like HTTP 500. */
gboolean
c3v_retry_is_transient_code (const char *code)
{
  static const char *const codes[] = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
  };

  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (code, codes[i]))
      return TRUE;
  return FALSE;
}
