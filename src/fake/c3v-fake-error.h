/* c3v-fake-error.h: the ECS error codes the fake endpoint answers with.
 *
 * Each code knows its `__type` and HTTP status, so a handler only says
 * what went wrong and the server turns it into ECS's error body.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define C3V_FAKE_ERROR (c3v_fake_error_quark ())

typedef enum
{
  C3V_FAKE_ERROR_CLUSTER_NOT_FOUND,
  C3V_FAKE_ERROR_SERVICE_NOT_FOUND,
  C3V_FAKE_ERROR_INVALID_PARAMETER,
  C3V_FAKE_ERROR_CLIENT,
  C3V_FAKE_ERROR_UNKNOWN_OPERATION,
  C3V_FAKE_ERROR_SERIALIZATION,
  C3V_FAKE_ERROR_MISSING_AUTHENTICATION,
  C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
  C3V_FAKE_ERROR_INVALID_SIGNATURE,
  C3V_FAKE_ERROR_UNRECOGNIZED_CLIENT,
  C3V_FAKE_ERROR_THROTTLING,
  C3V_FAKE_ERROR_SERVER,
  C3V_FAKE_ERROR_RESOURCE_NOT_FOUND, /* CloudWatch Logs: no such group or stream */
} C3vFakeErrorCode;

GQuark c3v_fake_error_quark (void);
/* "ClusterNotFoundException" for a C3V_FAKE_ERROR code. */
const char *c3v_fake_error_type (C3vFakeErrorCode code);
guint       c3v_fake_error_http_status (C3vFakeErrorCode code);
/* {"__type": ..., "message": ...} for @error (of C3V_FAKE_ERROR). */
char *c3v_fake_error_to_json (const GError *error);

G_END_DECLS
