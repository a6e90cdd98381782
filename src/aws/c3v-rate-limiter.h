/* c3v-rate-limiter.h: the client-side rate limiter of the SDKs' adaptive
 * retry mode.
 *
 * Off until the first throttled answer. From then on every request takes a
 * token from a bucket whose fill rate follows a CUBIC curve: a throttled
 * answer sets the rate to 0.7 times the rate requests were being answered
 * at, and each answer that is not throttled lets it grow back towards, then
 * past, the rate that was throttled (never above twice the measured rate).
 * Unlike botocore, whose clients mostly have one request in flight, it
 * slows down once per burst of throttled answers, as TCP's CUBIC does.
 * botocore's retries/adaptive.py, bucket.py and throttling.py describe the
 * algorithm; this one never blocks: acquiring tells how long to wait.
 *
 * Times are in seconds (or the caller's unit) on any monotonic clock the
 * caller passes in, so that tests can drive it. One limiter is shared by
 * every client of an account and region (c3v_rate_limiter_get_shared), as
 * the service's own buckets are. Thread-safe.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _C3vRateLimiter C3vRateLimiter;

C3vRateLimiter *c3v_rate_limiter_new (double now);
C3vRateLimiter *c3v_rate_limiter_ref (C3vRateLimiter *self);
void            c3v_rate_limiter_unref (C3vRateLimiter *self);

/* The limiter of @key (e.g. access key, region and endpoint), created at
 * @now when no client holds it yet. Returns a new reference. */
C3vRateLimiter *c3v_rate_limiter_get_shared (const char *key, double now);

/* Before sending a request: takes a token and returns how long to wait
 * before sending (0: at once). Tokens may be owed: each waiter is given
 * its own turn, in order. */
double c3v_rate_limiter_acquire (C3vRateLimiter *self, double now);
/* After each answer (and each transport failure), throttled or not, to a
 * request sent at @sent_at. A throttled answer to a request sent before
 * the last slowdown does not slow down again. */
void c3v_rate_limiter_record (C3vRateLimiter *self, double now, double sent_at, gboolean throttled);

gboolean c3v_rate_limiter_is_enabled (C3vRateLimiter *self);
/* Requests per second the bucket allows (meaningful once enabled). */
double c3v_rate_limiter_get_fill_rate (C3vRateLimiter *self);
/* Answers per second, smoothed. */
double c3v_rate_limiter_get_measured_rate (C3vRateLimiter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vRateLimiter, c3v_rate_limiter_unref)

G_END_DECLS
