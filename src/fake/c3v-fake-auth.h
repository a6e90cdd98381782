/* c3v-fake-auth.h: verifies SigV4 on requests the way AWS does.
 *
 * The canonical request is rebuilt from what was received (c3v-sigv4) and
 * the signatures compared in constant time. Errors carry ECS's codes and
 * messages and never any secret or token.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _C3vFakeAuth C3vFakeAuth;

/* @session_token may be NULL: then requests must carry none. */
C3vFakeAuth *c3v_fake_auth_new (const char *access_key_id, const char *secret_access_key,
                                const char *session_token, const char *region);
void         c3v_fake_auth_free (C3vFakeAuth *auth);
/* @now: Unix time the request is judged at. @signing_name: the service
 * the credential scope must name ("ecs", "logs", "monitoring"), or NULL
 * for whichever it names (a request for no known service is still
 * authenticated before it is refused). */
gboolean c3v_fake_auth_verify (C3vFakeAuth *auth, SoupServerMessage *msg, GBytes *body, gint64 now,
                               const char *signing_name, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vFakeAuth, c3v_fake_auth_free)

G_END_DECLS
