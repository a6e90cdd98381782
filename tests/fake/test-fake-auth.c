/* test-fake-auth.c: the fake endpoint checks SigV4 like AWS.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-fake-ecs.h"
#include "fake-test-client.h"

#define SESSION_TOKEN "FwoGZXIvYXdzEC3VISTESTTOKEN//////////"
#define OTHER_SECRET  "not/the/right/secret/key/000000000000000"

typedef struct
{
  C3vFakeEcs *fake;
  const char *url;
} Fixture;

static void
start (Fixture *fixture, const char *session_token)
{
  g_autoptr (GError) error = NULL;
  C3vFakeEcsOptions options
      = { .session_token = session_token, .large_instances = 10, .large_tasks = 50 };

  fixture->fake = c3v_fake_ecs_new (&options);
  g_assert_true (c3v_fake_ecs_start (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->url = c3v_fake_ecs_get_url (fixture->fake);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  start (fixture, data);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->fake);
}

/* Asserts the error and that the answer leaks no secret. */
static FakeTestResponse *
call_refused (Fixture *fixture, const FakeTestSigning *signing, guint status, const char *type)
{
  FakeTestResponse *response = fake_test_call (fixture->url, "ListClusters", NULL, signing);

  fake_test_assert_error (response, status, type);
  g_assert_null (g_strstr_len (response->body, -1, C3V_FAKE_ECS_SECRET_ACCESS_KEY));
  g_assert_null (g_strstr_len (response->body, -1, OTHER_SECRET));
  g_assert_null (g_strstr_len (response->body, -1, SESSION_TOKEN));
  return response;
}

static const char *
message (FakeTestResponse *response)
{
  return json_object_get_string_member (json_node_get_object (response->json), "message");
}

static void
test_valid (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning skewed = { .clock_offset = 4 * 60 };
  g_autoptr (FakeTestResponse) response = fake_test_call (fixture->url, "ListClusters", NULL, NULL);
  g_autoptr (FakeTestResponse) late = fake_test_call (fixture->url, "ListClusters", NULL, &skewed);

  fake_test_response_object (response);
  fake_test_response_object (late);
}

static void
test_bad_secret (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning signing = { .secret_access_key = OTHER_SECRET };
  g_autoptr (FakeTestResponse) response
      = call_refused (fixture, &signing, 403, "InvalidSignatureException");

  g_assert_true (
      g_str_has_prefix (message (response), "The request signature we calculated does not match"));
}

static void
test_tampered_body (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning signing = { .sent_body = "{\"maxResults\": 1}" };
  g_autoptr (FakeTestResponse) response
      = call_refused (fixture, &signing, 403, "InvalidSignatureException");

  g_assert_true (
      g_str_has_prefix (message (response), "The request signature we calculated does not match"));
}

static void
test_unknown_key (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning signing = { .access_key_id = "AKIAUNKNOWNKEY000000" };
  g_autoptr (FakeTestResponse) response
      = call_refused (fixture, &signing, 400, "UnrecognizedClientException");

  g_assert_cmpstr (message (response), ==,
                   "The security token included in the request is invalid.");
}

static void
test_clock_skew (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning old = { .clock_offset = -10 * 60 };
  FakeTestSigning future = { .clock_offset = 10 * 60 };
  g_autoptr (FakeTestResponse) expired
      = call_refused (fixture, &old, 403, "InvalidSignatureException");
  g_autoptr (FakeTestResponse) early
      = call_refused (fixture, &future, 403, "InvalidSignatureException");

  g_assert_true (g_str_has_prefix (message (expired), "Signature expired: "));
  g_assert_true (g_str_has_prefix (message (early), "Signature not yet current: "));
}

static void
test_scope (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning region = { .region = "us-east-1" };
  FakeTestSigning service = { .service = "ec2" };
  g_autoptr (FakeTestResponse) wrong_region
      = call_refused (fixture, &region, 403, "InvalidSignatureException");
  g_autoptr (FakeTestResponse) wrong_service
      = call_refused (fixture, &service, 403, "InvalidSignatureException");

  g_assert_true (
      g_str_has_prefix (message (wrong_region), "Credential should be scoped to a valid region"));
  g_assert_true (
      g_str_has_prefix (message (wrong_service), "Credential should be scoped to correct service"));
}

static void
test_missing_authorization (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning signing = { .unsigned_request = TRUE };
  g_autoptr (FakeTestResponse) response
      = call_refused (fixture, &signing, 400, "MissingAuthenticationTokenException");

  g_assert_cmpstr (message (response), ==, "Missing Authentication Token");
}

static void
test_session_token (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning with_token = { .session_token = SESSION_TOKEN };
  FakeTestSigning other_token = { .session_token = "FwoGZXIvYXdzEOTHER" };
  g_autoptr (FakeTestResponse) ok
      = fake_test_call (fixture->url, "ListClusters", NULL, &with_token);
  g_autoptr (FakeTestResponse) missing
      = call_refused (fixture, NULL, 400, "UnrecognizedClientException");
  g_autoptr (FakeTestResponse) wrong
      = call_refused (fixture, &other_token, 400, "UnrecognizedClientException");

  fake_test_response_object (ok);
  g_assert_cmpstr (message (missing), ==, "The security token included in the request is invalid.");
  g_assert_cmpstr (message (wrong), ==, "The security token included in the request is invalid.");
}

/* Refused calls are answered and logged like any other. */
static void
test_logged (Fixture *fixture, gconstpointer data)
{
  FakeTestSigning signing = { .secret_access_key = OTHER_SECRET };
  g_autoptr (FakeTestResponse) response
      = call_refused (fixture, &signing, 403, "InvalidSignatureException");
  GArray *log = c3v_fake_ecs_get_call_log (fixture->fake);

  g_assert_nonnull (response->json);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpuint (g_array_index (log, C3vFakeCall, 0).status, ==, 403);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, token, func)                                                                     \
  g_test_add ("/fake/auth/" path, Fixture, token, fixture_set_up, func, fixture_tear_down)
  ADD ("valid", NULL, test_valid);
  ADD ("bad-secret", NULL, test_bad_secret);
  ADD ("tampered-body", NULL, test_tampered_body);
  ADD ("unknown-key", NULL, test_unknown_key);
  ADD ("clock-skew", NULL, test_clock_skew);
  ADD ("scope", NULL, test_scope);
  ADD ("missing-authorization", NULL, test_missing_authorization);
  ADD ("session-token", SESSION_TOKEN, test_session_token);
  ADD ("logged", NULL, test_logged);
#undef ADD

  return g_test_run ();
}
