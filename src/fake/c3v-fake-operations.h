/* c3v-fake-operations.h: the ECS operations the fake endpoint answers.
 *
 * Pure request -> answer over the account: no HTTP, no signatures, no
 * faults (the server adds those around it).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "c3v-fake-account.h"

G_BEGIN_DECLS

/* The answer to @operation ("ListTasks") for @request, or NULL with a
 * C3V_FAKE_ERROR (UnknownOperationException for anything not served). */
JsonNode *c3v_fake_operations_call (C3vFakeAccount *account, const char *operation,
                                    JsonObject *request, GError **error);

G_END_DECLS
