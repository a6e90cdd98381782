/* c3v-retry-strategy.h: the AWS SDKs' "standard" retry mode.
 *
 * Decides whether a failed attempt is retried and how long to wait: at most
 * AWS_MAX_ATTEMPTS attempts (3 by default), full-jitter exponential backoff
 * random(0,1) * min(2^(attempt-1), 20) seconds, and a retry-token bucket of
 * 500 that stops retry storms (a retry costs 5, a timeout or connection
 * error 10; a success gives back what its retries took, or 1).
 *
 * C3VIS_RETRY_BASE_MS scales the backoff unit (default 1000 ms) so that tests
 * can retry in milliseconds; nothing else should set it. AWS_RETRY_MODE is
 * not read: "legacy" and "adaptive" get the standard mode too.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  C3V_RETRY_NONE,       /* not retryable: client errors, TLS, malformed answers */
  C3V_RETRY_THROTTLED,  /* ThrottlingException and friends */
  C3V_RETRY_TRANSIENT,  /* HTTP 500, 502, 503, 504 */
  C3V_RETRY_CONNECTION, /* timeouts, refused or reset connections */
} C3vRetryKind;

#define C3V_RETRY_DEFAULT_MAX_ATTEMPTS 3
#define C3V_RETRY_BUCKET_CAPACITY      500
#define C3V_RETRY_COST                 5
#define C3V_RETRY_TIMEOUT_COST         10
#define C3V_RETRY_NO_RETRY_INCREMENT   1
#define C3V_RETRY_MAX_BACKOFF_UNITS    20

typedef struct _C3vRetryStrategy C3vRetryStrategy;

/* Reads AWS_MAX_ATTEMPTS and C3VIS_RETRY_BASE_MS once. */
C3vRetryStrategy *c3v_retry_strategy_new_standard (void);
void              c3v_retry_strategy_free (C3vRetryStrategy *self);
guint             c3v_retry_strategy_get_max_attempts (C3vRetryStrategy *self);
guint             c3v_retry_strategy_get_tokens (C3vRetryStrategy *self);

/* After attempt number @attempt (1-based) failed with @kind: TRUE when it
 * should be retried, with the delay in *@delay_ms and the tokens taken from
 * the bucket in *@cost (give them to _record_success if a retry succeeds). */
gboolean c3v_retry_strategy_should_retry (C3vRetryStrategy *self, guint attempt, C3vRetryKind kind,
                                          guint *delay_ms, guint *cost);
/* A call succeeded; @last_cost is the cost of its last retry (0: none). */
void c3v_retry_strategy_record_success (C3vRetryStrategy *self, guint last_cost);

/* Error codes (after prefix/suffix removal) the standard mode retries. */
gboolean c3v_retry_is_throttling_code (const char *code);
gboolean c3v_retry_is_transient_status (guint http_status);
/* Error codes of timeouts the service itself reports (RequestTimeout...). */
gboolean c3v_retry_is_transient_code (const char *code);
/* random(0,1) * min(2^(attempt-1), 20) * @base_ms, for @random in [0,1). */
guint c3v_retry_backoff_ms (guint attempt, double random, guint base_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vRetryStrategy, c3v_retry_strategy_free)

G_END_DECLS
