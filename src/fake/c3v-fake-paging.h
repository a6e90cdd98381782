/* c3v-fake-paging.h: maxResults and opaque nextToken for List* calls.
 *
 * A token is base64 of the next offset and a hash of the query it belongs
 * to, so a token replayed with other filters is refused like ECS does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Answers a List* call over @arns: {@member: [...], "nextToken": ...}.
 * @query names the operation and every filter that shaped @arns. */
JsonNode *c3v_fake_paging_answer (JsonObject *request, const char *query, guint default_max_results,
                                  GPtrArray *arns, const char *member, GError **error);

G_END_DECLS
