/* c3v-fake-error.c: ECS error codes, types and statuses.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "c3v-fake-error.h"

G_DEFINE_QUARK (c3v - fake - error - quark, c3v_fake_error)

static const struct
{
  const char *type;
  guint       status;
} errors[] = {
  [C3V_FAKE_ERROR_CLUSTER_NOT_FOUND] = { "ClusterNotFoundException", 400 },
  [C3V_FAKE_ERROR_SERVICE_NOT_FOUND] = { "ServiceNotFoundException", 400 },
  [C3V_FAKE_ERROR_INVALID_PARAMETER] = { "InvalidParameterException", 400 },
  [C3V_FAKE_ERROR_CLIENT] = { "ClientException", 400 },
  [C3V_FAKE_ERROR_UNKNOWN_OPERATION] = { "UnknownOperationException", 400 },
  [C3V_FAKE_ERROR_SERIALIZATION] = { "SerializationException", 400 },
  [C3V_FAKE_ERROR_MISSING_AUTHENTICATION] = { "MissingAuthenticationTokenException", 400 },
  [C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE] = { "IncompleteSignatureException", 400 },
  [C3V_FAKE_ERROR_INVALID_SIGNATURE] = { "InvalidSignatureException", 403 },
  [C3V_FAKE_ERROR_UNRECOGNIZED_CLIENT] = { "UnrecognizedClientException", 400 },
  [C3V_FAKE_ERROR_THROTTLING] = { "ThrottlingException", 400 },
  [C3V_FAKE_ERROR_SERVER] = { "ServerException", 500 },
  [C3V_FAKE_ERROR_RESOURCE_NOT_FOUND] = { "ResourceNotFoundException", 400 },
};

const char *
c3v_fake_error_type (C3vFakeErrorCode code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (errors), "ServerException");

  return errors[code].type;
}

guint
c3v_fake_error_http_status (C3vFakeErrorCode code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (errors), 500);

  return errors[code].status;
}

char *
c3v_fake_error_to_json (const GError *error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  C3vFakeErrorCode code = error->domain == C3V_FAKE_ERROR ? error->code : C3V_FAKE_ERROR_SERVER;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "__type");
  json_builder_add_string_value (builder, c3v_fake_error_type (code));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
