/* c3v-ecs-error.c: ECS error answers to GErrors.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "c3v-ecs-error-private.h"
#include "c3v-retry-strategy.h"
#include "c3v-untrusted.h"

/* Long enough for AWS's own messages (AccessDenied names the action and
 * the resource), short enough for one line. */
#define C3V_ECS_MAX_MESSAGE_CHARS 400

G_DEFINE_QUARK (c3v - ecs - error - quark, c3v_ecs_error)

char *
c3v_ecs_error_normalize_type (const char *type)
{
  const char *start;
  gsize       length;

  if (type == NULL)
    return NULL;

  /* The suffix goes first: it is a URL and may hold a '#' of its own. */
  length = strcspn (type, ":");
  for (start = type + length; start > type && start[-1] != '#'; start--)
    ;
  return g_strndup (start, length - (gsize) (start - type));
}

typedef struct
{
  const char *code;
  C3vEcsError error;
} CodeMapping;

static const CodeMapping code_mappings[] = {
  { "AccessDeniedException", C3V_ECS_ERROR_ACCESS_DENIED },
  { "AccessDenied", C3V_ECS_ERROR_ACCESS_DENIED },
  { "ClusterNotFoundException", C3V_ECS_ERROR_CLUSTER_NOT_FOUND },
  { "InvalidSignatureException", C3V_ECS_ERROR_INVALID_SIGNATURE },
  { "SignatureDoesNotMatch", C3V_ECS_ERROR_INVALID_SIGNATURE },
  { "IncompleteSignature", C3V_ECS_ERROR_INVALID_SIGNATURE },
  { "UnrecognizedClientException", C3V_ECS_ERROR_UNRECOGNIZED_CLIENT },
  { "InvalidClientTokenId", C3V_ECS_ERROR_UNRECOGNIZED_CLIENT },
  { "ExpiredTokenException", C3V_ECS_ERROR_EXPIRED_TOKEN },
  { "ExpiredToken", C3V_ECS_ERROR_EXPIRED_TOKEN },
  { "RequestExpired", C3V_ECS_ERROR_EXPIRED_TOKEN },
  { "InvalidParameterException", C3V_ECS_ERROR_INVALID_PARAMETER },
  { "ValidationException", C3V_ECS_ERROR_INVALID_PARAMETER },
  { "SerializationException", C3V_ECS_ERROR_INVALID_PARAMETER },
  { "ServerException", C3V_ECS_ERROR_SERVER },
  { "InternalFailure", C3V_ECS_ERROR_SERVER },
  { "ServiceUnavailable", C3V_ECS_ERROR_SERVER },
};

C3vEcsError
c3v_ecs_error_from_code (const char *code, guint http_status)
{
  if (c3v_retry_is_throttling (code, http_status))
    return C3V_ECS_ERROR_THROTTLED;
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (code_mappings); i++)
    if (g_str_equal (code, code_mappings[i].code))
      return code_mappings[i].error;
  return http_status >= 500 ? C3V_ECS_ERROR_SERVER : C3V_ECS_ERROR_FAILED;
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

GError *
c3v_ecs_error_from_response (guint http_status, GBytes *body, const char *header_type, char **code)
{
  g_autoptr (JsonObject) object = c3v_untrusted_json_parse_object (body, NULL);
  const char      *type = string_member (object, "__type");
  const char      *full_message = string_member (object, "message");
  g_autofree char *message = NULL;
  g_autofree char *normalized = NULL;
  GError          *error;

  if (full_message == NULL)
    full_message = string_member (object, "Message");
  /* InvalidSignatureException goes on with the canonical request AWS
   * expected, which holds the session token: users get the first line, and
   * whatever a server sends, without terminal escapes. */
  if (full_message != NULL)
    message = c3v_untrusted_one_line (full_message, C3V_ECS_MAX_MESSAGE_CHARS);
  normalized = c3v_ecs_error_normalize_type (type ? type : header_type);
  if (normalized != NULL)
    {
      char *clean = c3v_untrusted_one_line (normalized, C3V_ECS_MAX_MESSAGE_CHARS);

      g_free (normalized);
      normalized = clean;
    }
  if (normalized == NULL || *normalized == '\0')
    {
      /* Not an AWS answer at all: a proxy or load balancer spoke. */
      g_free (normalized);
      normalized = g_strdup_printf ("HTTP %u", http_status);
      if (SOUP_STATUS_IS_REDIRECTION (http_status))
        error = g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_FAILED,
                             _ ("Unexpected HTTP status %u: a redirect, which c3vis never "
                                "follows (it would send the credentials elsewhere)"),
                             http_status);
      else if (http_status == 429)
        error = g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_THROTTLED,
                             _ ("Too many requests (HTTP 429): the endpoint was still "
                                "throttling after every retry"));
      else
        error = g_error_new (C3V_ECS_ERROR, c3v_ecs_error_from_code (NULL, http_status),
                             _ ("Unexpected HTTP status %u"), http_status);
    }
  /* AWS's own message is kept: for AccessDenied it names the permission. */
  else if (message != NULL && *message != '\0')
    error = g_error_new (C3V_ECS_ERROR, c3v_ecs_error_from_code (normalized, http_status),
                         _ ("%s: %s"), normalized, message);
  else
    error = g_error_new (C3V_ECS_ERROR, c3v_ecs_error_from_code (normalized, http_status),
                         _ ("%s (HTTP status %u)"), normalized, http_status);

  if (code != NULL)
    *code = g_steal_pointer (&normalized);
  return error;
}

void
c3v_ecs_error_redact (GError *error, const char *const *secrets)
{
  g_autoptr (GString) message = NULL;

  if (error == NULL)
    return;
  message = g_string_new (error->message);
  c3v_untrusted_redact (message, secrets);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}
