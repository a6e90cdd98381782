/* c3v-string-pool.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-string-pool.h"

struct _C3vStringPool
{
  GStringChunk *chunk;
};

C3vStringPool *
c3v_string_pool_new (void)
{
  C3vStringPool *self = g_atomic_rc_box_new0 (C3vStringPool);

  /* 64 KiB chunks: a large cluster interns a few MB of ARNs. */
  self->chunk = g_string_chunk_new (64 * 1024);
  return self;
}

C3vStringPool *
c3v_string_pool_ref (C3vStringPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
c3v_string_pool_clear (gpointer data)
{
  C3vStringPool *self = data;

  g_string_chunk_free (self->chunk);
}

void
c3v_string_pool_unref (C3vStringPool *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, c3v_string_pool_clear);
}

const char *
c3v_string_pool_intern (C3vStringPool *self, const char *str)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (str == NULL)
    return NULL;

  /* Every string of a snapshot passes here, most straight from the wire,
   * where json-glib lets a lone surrogate through as bytes that are not
   * UTF-8: what is invalid becomes U+FFFD, so exports, --dump and Pango
   * only ever see UTF-8. */
  if (!g_utf8_validate (str, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (str, -1);

      return g_string_chunk_insert_const (self->chunk, valid);
    }

  /* insert_const deduplicates: equal strings share one copy. */
  return g_string_chunk_insert_const (self->chunk, str);
}
