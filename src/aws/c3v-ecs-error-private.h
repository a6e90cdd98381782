/* c3v-ecs-error-private.h: ECS error answers to GErrors.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"

G_BEGIN_DECLS

/* "com.amazonaws.ecs#ClusterNotFoundException:http://..." ->
 * "ClusterNotFoundException". NULL for NULL. */
char       *c3v_ecs_error_normalize_type (const char *type);
C3vEcsError c3v_ecs_error_from_code (const char *code, guint http_status);
/* Parses a non-2xx answer. @body may be NULL or not JSON (a proxy's HTML
 * page); @header_type is X-Amzn-ErrorType, used when the body has no
 * __type. *@code receives the normalised code ("HTTP 502" when none). */
GError *c3v_ecs_error_from_response (guint http_status, GBytes *body, const char *header_type,
                                     char **code);

/* Replaces every occurrence of each of the NULL-terminated @secrets in
 * @error's message, and any signature or token it quotes
 * (c3v_untrusted_redact()): a service may quote what it was sent. */
void c3v_ecs_error_redact (GError *error, const char *const *secrets);

G_END_DECLS
