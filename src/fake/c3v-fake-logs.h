/* c3v-fake-logs.h: the CloudWatch Logs operations the fake endpoint answers.
 *
 * Like c3v-fake-operations.h, pure request -> answer: no HTTP, no
 * signatures, no faults. For now one small log stream, always the same,
 * so clients of the Logs protocol can be tested end to end.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "c3v-fake-account.h"

G_BEGIN_DECLS

#define C3V_FAKE_LOGS_GROUP  "/c3vis/fake"
#define C3V_FAKE_LOGS_STREAM "hello"
/* Events in C3V_FAKE_LOGS_STREAM, oldest first, one second apart from
 * 2026-01-01T00:00:00Z; messages "line 1", "line 2", ... */
#define C3V_FAKE_LOGS_N_EVENTS 5

/* The answer to the Logs @operation ("GetLogEvents") for @request, or NULL
 * with a C3V_FAKE_ERROR (UnknownOperationException for anything not served). */
JsonNode *c3v_fake_logs_call (C3vFakeAccount *account, const char *operation, JsonObject *request,
                              GError **error);

G_END_DECLS
