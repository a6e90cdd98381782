/* c3v-fake-request.h: typed access to a request's JSON members.
 *
 * A member of the wrong JSON type is a SerializationException, as AWS
 * answers before any operation logic runs.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* *@value is NULL when @name is absent or null. Borrowed from @request. */
gboolean c3v_fake_request_get_string (JsonObject *request, const char *name, const char **value,
                                      GError **error);
/* *@values is NULL when @name is absent; else a NULL-terminated array of
 * strings borrowed from @request (free the array only). */
gboolean c3v_fake_request_get_string_array (JsonObject *request, const char *name,
                                            const char ***values, GError **error);
/* TRUE when the "include" array holds @option. */
gboolean c3v_fake_request_includes (JsonObject *request, const char *option);

G_END_DECLS
