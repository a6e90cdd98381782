/* c3v-retry-strategy.h: the AWS SDKs' retry modes.
 *
 * Decides whether a failed attempt is retried and how long to wait: full-
 * jitter exponential backoff random(0,1) * min(2^(attempt-1), 20) seconds,
 * and a retry-token bucket of 500 that stops retry storms (a retry costs 5,
 * a timeout or connection error 10; a success gives back what its retries
 * took, or 1). Other errors get at most max_attempts attempts (3 by
 * default). Throttling gets more patience: ECS throttles a busy account all
 * the time, and a load should slow down rather than fail, so a throttled
 * call is retried up to C3V_RETRY_THROTTLED_MAX_ATTEMPTS attempts (some six
 * minutes of capped backoff; cancelling ends it sooner) without drawing on
 * the retry tokens, which guard against outages, not against throttling.
 *
 * "adaptive" mode adds a client-side rate limiter (c3v-rate-limiter.h); it
 * is c3vis's default. "legacy" is treated as "standard".
 *
 * C3VIS_RETRY_BASE_MS scales the time unit of retries (backoff and the
 * rate limiter; default 1000 ms) so that tests can retry in milliseconds;
 * nothing else should set it.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  C3V_RETRY_NONE,       /* not retryable: client errors, TLS, malformed answers */
  C3V_RETRY_THROTTLED,  /* ThrottlingException and friends, HTTP 429 */
  C3V_RETRY_TRANSIENT,  /* HTTP 500, 502, 503, 504, RequestTimeout... */
  C3V_RETRY_CONNECTION, /* timeouts, refused or reset connections */
} C3vRetryKind;

typedef enum
{
  C3V_RETRY_MODE_STANDARD,
  C3V_RETRY_MODE_ADAPTIVE,
} C3vRetryMode;

#define C3V_RETRY_DEFAULT_MODE           C3V_RETRY_MODE_ADAPTIVE
#define C3V_RETRY_DEFAULT_MAX_ATTEMPTS   3
#define C3V_RETRY_THROTTLED_MAX_ATTEMPTS 40
#define C3V_RETRY_BUCKET_CAPACITY        500
#define C3V_RETRY_COST                   5
#define C3V_RETRY_TIMEOUT_COST           10
#define C3V_RETRY_NO_RETRY_INCREMENT     1
#define C3V_RETRY_MAX_BACKOFF_UNITS      20
#define C3V_RETRY_DEFAULT_BASE_MS        1000

/* What the environment and the profile ask for. */
typedef struct
{
  C3vRetryMode mode;
  guint        max_attempts;
} C3vRetrySettings;

/* "standard", "legacy" (as standard) or "adaptive", any case. */
gboolean c3v_retry_mode_from_string (const char *text, C3vRetryMode *mode);
/* AWS_RETRY_MODE and AWS_MAX_ATTEMPTS first, then the profile's
 * retry_mode and max_attempts (either may be NULL), else adaptive and 3.
 * A value that does not parse is ignored with a warning. */
void c3v_retry_settings_resolve (const char *profile_mode, const char *profile_max_attempts,
                                 C3vRetrySettings *settings);
/* The time unit of retries in ms: C3VIS_RETRY_BASE_MS, else 1000. */
guint c3v_retry_base_ms (void);

typedef struct _C3vRetryStrategy C3vRetryStrategy;

/* @settings NULL: resolved from the environment alone. */
C3vRetryStrategy *c3v_retry_strategy_new (const C3vRetrySettings *settings);
void              c3v_retry_strategy_free (C3vRetryStrategy *self);
C3vRetryMode      c3v_retry_strategy_get_mode (C3vRetryStrategy *self);
guint             c3v_retry_strategy_get_max_attempts (C3vRetryStrategy *self);
guint             c3v_retry_strategy_get_tokens (C3vRetryStrategy *self);

/* After attempt number @attempt (1-based) failed with @kind: TRUE when it
 * should be retried, with the delay in *@delay_ms and the tokens taken from
 * the bucket in *@cost (give them to _record_success if a retry succeeds).
 * @retry_after_ms is the delay the service asked for (Retry-After), or -1. */
gboolean c3v_retry_strategy_should_retry (C3vRetryStrategy *self, guint attempt, C3vRetryKind kind,
                                          gint64 retry_after_ms, guint *delay_ms, guint *cost);
/* A call succeeded; @last_cost is the cost of its last retry (0: none). */
void c3v_retry_strategy_record_success (C3vRetryStrategy *self, guint last_cost);

/* One table of the error codes (after prefix/suffix removal) the SDKs
 * retry, each with its kind; then the HTTP status (429: throttled; 500,
 * 502, 503, 504: transient). */
C3vRetryKind c3v_retry_kind_of (const char *code, guint http_status);
gboolean     c3v_retry_is_throttling (const char *code, guint http_status);
/* random(0,1) * min(2^(attempt-1), 20) * @base_ms, for @random in [0,1). */
guint c3v_retry_backoff_ms (guint attempt, double random, guint base_ms);
/* A Retry-After header (delta-seconds or an HTTP date, RFC 9110) as ms
 * from @now_unix, bounded to [0, @max_ms]; -1 when absent or unreadable. */
gint64 c3v_retry_after_ms (const char *header, gint64 now_unix, gint64 max_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vRetryStrategy, c3v_retry_strategy_free)

G_END_DECLS
