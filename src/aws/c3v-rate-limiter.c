/* c3v-rate-limiter.c: the client-side rate limiter of the adaptive mode.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>

#include "c3v-rate-limiter.h"

#define MIN_FILL_RATE  0.5 /* requests per second, however throttled */
#define CUBIC_SCALE    0.4
#define CUBIC_BETA     0.7
#define MAX_RATE_SCALE 2.0 /* never more than twice the measured rate */
#define RATE_SMOOTHING 0.8
#define RATE_BUCKET_S  0.5 /* the measured rate is updated this often */

/* The token bucket: capacity goes below zero while requests wait. */
typedef struct
{
  double fill_rate;
  double max_capacity;
  double capacity;
  double last_refill;
} Bucket;

/* CUBIC: the rate that was throttled, when, and the time the curve takes
 * to climb back to it. */
typedef struct
{
  double w_max;
  double k;
  double last_fail;
} Cubic;

/* The rate of answers, over half-second buckets, smoothed. */
typedef struct
{
  double measured;
  double last_bucket;
  guint  count;
} Clocker;

struct _C3vRateLimiter
{
  gint     ref_count; /* under registry_lock when shared */
  char    *key;       /* NULL when not shared */
  GMutex   lock;
  gboolean enabled;
  Bucket   bucket;
  Cubic    cubic;
  Clocker  clocker;
};

static GMutex      registry_lock;
static GHashTable *registry; /* key -> C3vRateLimiter, not owned */

/* --- the token bucket --------------------------------------------------- */

static void
bucket_refill (Bucket *bucket, double now)
{
  double elapsed = MAX (now - bucket->last_refill, 0.0);

  bucket->capacity = MIN (bucket->max_capacity, bucket->capacity + elapsed * bucket->fill_rate);
  bucket->last_refill = MAX (now, bucket->last_refill);
}

static void
bucket_set_rate (Bucket *bucket, double rate, double now)
{
  /* Tokens earned so far are earned at the old rate. */
  bucket_refill (bucket, now);
  bucket->fill_rate = MAX (rate, MIN_FILL_RATE);
  bucket->max_capacity = MAX (rate, 1.0);
  bucket->capacity = MIN (bucket->capacity, bucket->max_capacity);
}

/* --- CUBIC -------------------------------------------------------------- */

static void
cubic_set_w_max (Cubic *cubic, double w_max, double now)
{
  cubic->w_max = w_max;
  cubic->k = cbrt (w_max * (1 - CUBIC_BETA) / CUBIC_SCALE);
  cubic->last_fail = now;
}

static double
cubic_success (const Cubic *cubic, double now)
{
  double dt = now - cubic->last_fail - cubic->k;

  return CUBIC_SCALE * dt * dt * dt + cubic->w_max;
}

/* --- the measured rate -------------------------------------------------- */

static double
clocker_record (Clocker *clocker, double now)
{
  double bucket = floor (now / RATE_BUCKET_S) * RATE_BUCKET_S;

  clocker->count++;
  if (bucket > clocker->last_bucket)
    {
      double current = clocker->count / (bucket - clocker->last_bucket);

      clocker->measured = current * RATE_SMOOTHING + clocker->measured * (1 - RATE_SMOOTHING);
      clocker->count = 0;
      clocker->last_bucket = bucket;
    }
  return clocker->measured;
}

/* --- the limiter -------------------------------------------------------- */

C3vRateLimiter *
c3v_rate_limiter_new (double now)
{
  C3vRateLimiter *self = g_new0 (C3vRateLimiter, 1);

  self->ref_count = 1;
  g_mutex_init (&self->lock);
  self->bucket.last_refill = now;
  bucket_set_rate (&self->bucket, 1.0, now);
  cubic_set_w_max (&self->cubic, 0.0, now);
  self->clocker.last_bucket = floor (now);
  return self;
}

C3vRateLimiter *
c3v_rate_limiter_ref (C3vRateLimiter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&registry_lock);
  self->ref_count++;
  g_mutex_unlock (&registry_lock);
  return self;
}

void
c3v_rate_limiter_unref (C3vRateLimiter *self)
{
  gboolean last;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&registry_lock);
  last = --self->ref_count == 0;
  if (last && self->key != NULL)
    g_hash_table_remove (registry, self->key);
  g_mutex_unlock (&registry_lock);
  if (!last)
    return;

  g_mutex_clear (&self->lock);
  g_free (self->key);
  g_free (self);
}

C3vRateLimiter *
c3v_rate_limiter_get_shared (const char *key, double now)
{
  C3vRateLimiter *self;

  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  self = g_hash_table_lookup (registry, key);
  if (self != NULL)
    self->ref_count++;
  else
    {
      self = c3v_rate_limiter_new (now);
      self->key = g_strdup (key);
      g_hash_table_insert (registry, self->key, self);
    }
  g_mutex_unlock (&registry_lock);
  return self;
}

double
c3v_rate_limiter_acquire (C3vRateLimiter *self, double now)
{
  double wait = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  if (self->enabled)
    {
      bucket_refill (&self->bucket, now);
      self->bucket.capacity -= 1;
      if (self->bucket.capacity < 0)
        wait = -self->bucket.capacity / self->bucket.fill_rate;
    }
  g_mutex_unlock (&self->lock);
  return wait;
}

void
c3v_rate_limiter_record (C3vRateLimiter *self, double now, double sent_at, gboolean throttled)
{
  double measured, rate;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  measured = clocker_record (&self->clocker, now);
  /* Requests already on their way when the rate went down tell nothing
   * new: like TCP's CUBIC, slow down once per congestion event, not once
   * per request in flight (0.7^16 with 16 of them). */
  if (throttled && self->enabled && sent_at < self->cubic.last_fail)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  if (!throttled)
    rate = cubic_success (&self->cubic, now);
  else
    {
      /* The rate that was too much: what went out, or what was allowed. */
      double too_much = self->enabled ? MIN (measured, self->bucket.fill_rate) : measured;

      cubic_set_w_max (&self->cubic, too_much, now);
      rate = too_much * CUBIC_BETA;
      self->enabled = TRUE;
    }
  bucket_set_rate (&self->bucket, MIN (rate, MAX_RATE_SCALE * measured), now);
  g_mutex_unlock (&self->lock);
}

gboolean
c3v_rate_limiter_is_enabled (C3vRateLimiter *self)
{
  gboolean enabled;

  g_mutex_lock (&self->lock);
  enabled = self->enabled;
  g_mutex_unlock (&self->lock);
  return enabled;
}

double
c3v_rate_limiter_get_fill_rate (C3vRateLimiter *self)
{
  double rate;

  g_mutex_lock (&self->lock);
  rate = self->bucket.fill_rate;
  g_mutex_unlock (&self->lock);
  return rate;
}

double
c3v_rate_limiter_get_measured_rate (C3vRateLimiter *self)
{
  double rate;

  g_mutex_lock (&self->lock);
  rate = self->clocker.measured;
  g_mutex_unlock (&self->lock);
  return rate;
}
