/* fake-test-client.h: a SigV4-signing HTTP client for the fake ECS tests.
 *
 * A plain SoupSession and c3v-sigv4, so the tests exercise the endpoint
 * over real HTTP on loopback without depending on the project's client.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *access_key_id;     /* NULL: the fake's default */
  const char *secret_access_key; /* NULL: the fake's default */
  const char *session_token;     /* sent when set */
  const char *region;            /* NULL: the fake's default */
  const char *service;           /* NULL: "ecs" */
  gint64      clock_offset;      /* seconds added to now when signing */
  gboolean    unsigned_request;  /* send no Authorization at all */
  const char *sent_body;         /* when set, sent instead of the signed body */
} FakeTestSigning;

typedef struct
{
  guint     status; /* 0 when the transport failed */
  char     *body;
  JsonNode *json;  /* NULL when the body is not JSON */
  GError   *error; /* transport error */
} FakeTestResponse;

/* POSTs @body ("{}" when NULL) as @operation to @url, signed as
 * @signing says (NULL: the fake's default credentials), iterating the
 * thread-default main context until answered (fails the test after 10 s). */
FakeTestResponse *fake_test_call (const char *url, const char *operation, const char *body,
                                  const FakeTestSigning *signing);
void              fake_test_response_free (FakeTestResponse *response);

/* The same in two steps, for calls in flight together. */
typedef struct _FakeTestCall FakeTestCall;

FakeTestCall     *fake_test_call_start (const char *url, const char *operation, const char *body,
                                        const FakeTestSigning *signing);
FakeTestResponse *fake_test_call_finish (FakeTestCall *call);
/* The answer's object; asserts HTTP 200 with a JSON object. */
JsonObject *fake_test_response_object (FakeTestResponse *response);
/* Asserts the response is the ECS error @type with @status. */
void fake_test_assert_error (FakeTestResponse *response, guint status, const char *type);
/* Iterates the default main context until *@flag or 10 s (fails). */
void fake_test_wait_for (const gboolean *flag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeTestResponse, fake_test_response_free)

G_END_DECLS
