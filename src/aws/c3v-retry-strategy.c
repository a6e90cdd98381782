/* c3v-retry-strategy.c: the AWS SDKs' retry modes.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <libsoup/soup.h>

#include "c3v-retry-strategy.h"

struct _C3vRetryStrategy
{
  C3vRetryMode mode;
  guint        max_attempts;
  guint        base_ms;
  guint        tokens;
};

/* A positive integer, or FALSE with a warning naming @source. */
static gboolean
parse_positive (const char *source, const char *text, guint *value)
{
  guint64 parsed = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &parsed, NULL))
    {
      g_warning ("Ignoring %s=%s: not a positive integer", source, text);
      return FALSE;
    }
  *value = (guint) parsed;
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
c3v_retry_mode_from_string (const char *text, C3vRetryMode *mode)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "standard") == 0 || g_ascii_strcasecmp (text, "legacy") == 0)
    *mode = C3V_RETRY_MODE_STANDARD;
  else if (g_ascii_strcasecmp (text, "adaptive") == 0)
    *mode = C3V_RETRY_MODE_ADAPTIVE;
  else
    return FALSE;
  return TRUE;
}

static void
resolve_mode (const char *source, const char *text, C3vRetrySettings *settings, gboolean *resolved)
{
  if (*resolved || nonempty (text) == NULL)
    return;
  if (c3v_retry_mode_from_string (text, &settings->mode))
    *resolved = TRUE;
  else
    g_warning ("Ignoring %s=%s: not standard, legacy or adaptive", source, text);
}

static void
resolve_max_attempts (const char *source, const char *text, C3vRetrySettings *settings,
                      gboolean *resolved)
{
  if (*resolved || nonempty (text) == NULL)
    return;
  *resolved = parse_positive (source, text, &settings->max_attempts);
}

void
c3v_retry_settings_resolve (const char *profile_mode, const char *profile_max_attempts,
                            C3vRetrySettings *settings)
{
  gboolean have_mode = FALSE, have_attempts = FALSE;

  settings->mode = C3V_RETRY_DEFAULT_MODE;
  settings->max_attempts = C3V_RETRY_DEFAULT_MAX_ATTEMPTS;
  resolve_mode ("AWS_RETRY_MODE", g_getenv ("AWS_RETRY_MODE"), settings, &have_mode);
  resolve_mode ("retry_mode", profile_mode, settings, &have_mode);
  resolve_max_attempts ("AWS_MAX_ATTEMPTS", g_getenv ("AWS_MAX_ATTEMPTS"), settings,
                        &have_attempts);
  resolve_max_attempts ("max_attempts", profile_max_attempts, settings, &have_attempts);
}

guint
c3v_retry_base_ms (void)
{
  const char *text = nonempty (g_getenv ("C3VIS_RETRY_BASE_MS"));
  guint       base_ms = C3V_RETRY_DEFAULT_BASE_MS;

  if (text != NULL)
    parse_positive ("C3VIS_RETRY_BASE_MS", text, &base_ms);
  return base_ms;
}

C3vRetryStrategy *
c3v_retry_strategy_new (const C3vRetrySettings *settings)
{
  C3vRetryStrategy *self = g_new0 (C3vRetryStrategy, 1);
  C3vRetrySettings  resolved;

  if (settings == NULL)
    {
      c3v_retry_settings_resolve (NULL, NULL, &resolved);
      settings = &resolved;
    }
  self->mode = settings->mode;
  self->max_attempts = MAX (settings->max_attempts, 1u);
  self->base_ms = c3v_retry_base_ms ();
  self->tokens = C3V_RETRY_BUCKET_CAPACITY;
  return self;
}

void
c3v_retry_strategy_free (C3vRetryStrategy *self)
{
  g_free (self);
}

C3vRetryMode
c3v_retry_strategy_get_mode (C3vRetryStrategy *self)
{
  return self->mode;
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

/* Throttling is retried longer, and paid for by slowing down (the rate
 * limiter) rather than with retry tokens. */
static gboolean
take_retry_tokens (C3vRetryStrategy *self, guint attempt, C3vRetryKind kind, guint *cost)
{
  guint needed;

  if (kind == C3V_RETRY_THROTTLED)
    {
      *cost = 0;
      return attempt < MAX (self->max_attempts, C3V_RETRY_THROTTLED_MAX_ATTEMPTS);
    }
  if (attempt >= self->max_attempts)
    return FALSE;

  needed = kind == C3V_RETRY_CONNECTION ? C3V_RETRY_TIMEOUT_COST : C3V_RETRY_COST;
  if (self->tokens < needed)
    return FALSE;
  self->tokens -= needed;
  *cost = needed;
  return TRUE;
}

gboolean
c3v_retry_strategy_should_retry (C3vRetryStrategy *self, guint attempt, C3vRetryKind kind,
                                 gint64 retry_after_ms, guint *delay_ms, guint *cost)
{
  guint backoff;

  g_return_val_if_fail (self != NULL, FALSE);

  if (kind == C3V_RETRY_NONE || !take_retry_tokens (self, attempt, kind, cost))
    return FALSE;

  /* The service knows best how long it needs; the backoff is the least. */
  backoff = c3v_retry_backoff_ms (attempt, g_random_double (), self->base_ms);
  *delay_ms = (guint) MAX ((gint64) backoff, MIN (retry_after_ms, (gint64) G_MAXUINT));
  return TRUE;
}

void
c3v_retry_strategy_record_success (C3vRetryStrategy *self, guint last_cost)
{
  guint refund = last_cost > 0 ? last_cost : C3V_RETRY_NO_RETRY_INCREMENT;

  g_return_if_fail (self != NULL);

  self->tokens = MIN (self->tokens + refund, C3V_RETRY_BUCKET_CAPACITY);
}

/* botocore's standard mode, plus the throttling codes other SDKs add.
 * botocore lists PriorRequestNotComplete as both transient and throttling;
 * it asks the caller to slow down, so here it is throttling. */
static const struct
{
  const char  *code;
  C3vRetryKind kind;
} retryable_codes[] = {
  { "Throttling", C3V_RETRY_THROTTLED },
  { "ThrottlingException", C3V_RETRY_THROTTLED },
  { "ThrottledException", C3V_RETRY_THROTTLED },
  { "RequestThrottledException", C3V_RETRY_THROTTLED },
  { "TooManyRequestsException", C3V_RETRY_THROTTLED },
  { "ProvisionedThroughputExceededException", C3V_RETRY_THROTTLED },
  { "TransactionInProgressException", C3V_RETRY_THROTTLED },
  { "RequestLimitExceeded", C3V_RETRY_THROTTLED },
  { "BandwidthLimitExceeded", C3V_RETRY_THROTTLED },
  { "LimitExceededException", C3V_RETRY_THROTTLED },
  { "RequestThrottled", C3V_RETRY_THROTTLED },
  { "SlowDown", C3V_RETRY_THROTTLED },
  { "PriorRequestNotComplete", C3V_RETRY_THROTTLED },
  { "EC2ThrottledException", C3V_RETRY_THROTTLED },
  { "RequestTimeout", C3V_RETRY_TRANSIENT },
  { "RequestTimeoutException", C3V_RETRY_TRANSIENT },
};

C3vRetryKind
c3v_retry_kind_of (const char *code, guint http_status)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (retryable_codes); i++)
    if (g_str_equal (code, retryable_codes[i].code))
      return retryable_codes[i].kind;

  /* A bare 429 (a proxy, an API gateway) says the same as the codes. */
  if (http_status == 429)
    return C3V_RETRY_THROTTLED;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504)
    return C3V_RETRY_TRANSIENT;
  return C3V_RETRY_NONE;
}

gboolean
c3v_retry_is_throttling (const char *code, guint http_status)
{
  return c3v_retry_kind_of (code, http_status) == C3V_RETRY_THROTTLED;
}

gint64
c3v_retry_after_ms (const char *header, gint64 now_unix, gint64 max_ms)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *text = NULL;
  guint64          seconds = 0;
  gint64           ms;

  if (header == NULL)
    return -1;
  text = g_strstrip (g_strdup (header));
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seconds, NULL))
    ms = (gint64) seconds * 1000;
  else if ((date = soup_date_time_new_from_http_string (text)) != NULL)
    ms = (g_date_time_to_unix (date) - now_unix) * 1000;
  else
    return -1;
  return CLAMP (ms, 0, max_ms);
}
