/* c3v-credentials-cached.h: reuses another provider's credentials until
 * shortly before they expire.
 *
 * Requests that arrive while a fetch is running wait for that one fetch,
 * so a burst of ECS calls starts one credential_process or one STS call,
 * not one each. Errors are never cached: the next request tries again.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_CACHED (c3v_credentials_cached_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsCached, c3v_credentials_cached, C3V, CREDENTIALS_CACHED,
                      C3vCredentialsProvider)

/* Refetches when the credentials expire within @margin_seconds. */
C3vCredentialsProvider *c3v_credentials_cached_new (C3vCredentialsProvider *inner,
                                                    gint64                  margin_seconds);
/* Forgets the cached credentials (e.g. after the service rejected them). */
void c3v_credentials_cached_invalidate (C3vCredentialsCached *self);

G_END_DECLS
