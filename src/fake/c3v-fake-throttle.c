/* c3v-fake-throttle.c: ECS-like API throttling for the fake endpoint.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-throttle.h"

typedef struct
{
  double tokens;
  gint64 last_us;
} Bucket;

struct _C3vFakeThrottle
{
  guint       capacity;
  double      refill_per_s;
  GHashTable *buckets; /* group -> Bucket */
};

C3vFakeThrottle *
c3v_fake_throttle_new (guint capacity, double refill_per_s)
{
  C3vFakeThrottle *self = g_new0 (C3vFakeThrottle, 1);

  self->capacity = capacity;
  self->refill_per_s = refill_per_s;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
c3v_fake_throttle_free (C3vFakeThrottle *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

char *
c3v_fake_throttle_group (const char *operation)
{
  const char *start = operation;
  gsize       length;

  if (g_str_has_prefix (operation, "List"))
    start += strlen ("List");
  else if (g_str_has_prefix (operation, "Describe"))
    start += strlen ("Describe");
  length = strlen (start);
  if (length > 1 && start[length - 1] == 's')
    length--;
  return g_strndup (start, length);
}

gboolean
c3v_fake_throttle_admit (C3vFakeThrottle *self, const char *operation, gint64 now_us)
{
  g_autofree char *group = c3v_fake_throttle_group (operation);
  Bucket          *bucket = g_hash_table_lookup (self->buckets, group);

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->capacity;
      bucket->last_us = now_us;
      g_hash_table_insert (self->buckets, g_steal_pointer (&group), bucket);
    }

  bucket->tokens
      = MIN ((double) self->capacity,
             bucket->tokens + MAX (now_us - bucket->last_us, 0) / 1e6 * self->refill_per_s);
  bucket->last_us = MAX (now_us, bucket->last_us);
  if (bucket->tokens < 1)
    return FALSE;
  bucket->tokens -= 1;
  return TRUE;
}

gboolean
c3v_fake_throttle_parse (const char *spec, guint *capacity, double *refill_per_s)
{
  g_auto (GStrv) parts = g_strsplit (spec, ":", 3);
  guint64 parsed = 0;
  char   *end = NULL;
  double  refill;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT, &parsed, NULL))
    return FALSE;
  refill = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' || !(refill > 0) || refill > 1e6)
    return FALSE;

  *capacity = (guint) parsed;
  *refill_per_s = refill;
  return TRUE;
}
