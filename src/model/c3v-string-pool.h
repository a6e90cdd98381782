/* c3v-string-pool.h: interned strings shared by a builder and its snapshots.
 *
 * The loader builds a partial snapshot many times while a cluster loads; if
 * every snapshot copied its strings, each build would cost as much as the
 * whole cluster. Instead the builder interns into one refcounted pool and
 * every snapshot it builds keeps a reference: strings never move once
 * interned, so a snapshot's pointers stay valid while the builder goes on
 * adding. Only the builder inserts, from one thread.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _C3vStringPool C3vStringPool;

C3vStringPool *c3v_string_pool_new (void);
C3vStringPool *c3v_string_pool_ref (C3vStringPool *self);
void           c3v_string_pool_unref (C3vStringPool *self);
/* The interned copy of @str, made valid UTF-8 (what is not becomes
 * U+FFFD); NULL stays NULL. */
const char *c3v_string_pool_intern (C3vStringPool *self, const char *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vStringPool, c3v_string_pool_unref)

G_END_DECLS
