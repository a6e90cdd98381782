/* test-credentials-sso.c: SSO profiles (sso-session and legacy) against a
 * local portal on 127.0.0.1, with the token cache in a throw-away HOME.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-aws-config.h"
#include "test-credentials-support.h"

#define START_URL "https://corp.awsapps.com/start"

static const char config_text[] = "[profile sso]\n"
                                  "sso_session = corp\n"
                                  "sso_account_id = 111122223333\n"
                                  "sso_role_name = ReadOnly\n"
                                  "region = eu-west-1\n"
                                  "[sso-session corp]\n"
                                  "sso_start_url = " START_URL "\n"
                                  "sso_region = eu-central-1\n"
                                  "[profile legacy]\n"
                                  "sso_start_url = " START_URL "\n"
                                  "sso_region = eu-central-1\n"
                                  "sso_account_id = 111122223333\n"
                                  "sso_role_name = ReadOnly\n"
                                  "[profile norole]\n"
                                  "sso_session = corp\n"
                                  "sso_account_id = 111122223333\n"
                                  "[profile nosession]\n"
                                  "sso_session = gone\n"
                                  "sso_account_id = 111122223333\n"
                                  "sso_role_name = ReadOnly\n";

typedef struct
{
  char       *home;
  SoupServer *server;
  guint       calls;
  gint64      expiration_ms;
} Fixture;

static void
portal_handler (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query,
                gpointer user_data)
{
  Fixture            *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char         *token = soup_message_headers_get_one (headers, "x-amz-sso_bearer_token");
  g_autofree char    *body = NULL;

  fixture->calls++;
  g_assert_cmpstr (soup_server_message_get_method (message), ==, "GET");
  g_assert_cmpstr (path, ==, "/federation/credentials");
  g_assert_nonnull (query);
  g_assert_cmpstr (g_hash_table_lookup (query, "account_id"), ==, "111122223333");
  g_assert_cmpstr (g_hash_table_lookup (query, "role_name"), ==, "ReadOnly");

  if (g_strcmp0 (token, "good-token") != 0)
    {
      body = g_strdup ("{\"message\": \"Session token not found or invalid\"}");
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
    }
  else
    {
      body = g_strdup_printf (
          "{\"roleCredentials\": {\"accessKeyId\": \"ASIASSO\", "
          "\"secretAccessKey\": \"sso-secret\", \"sessionToken\": \"sso-token\", "
          "\"expiration\": %" G_GINT64_FORMAT "}}",
          fixture->expiration_ms);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
    }
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* What `aws sso login` leaves in ~/.aws/sso/cache/<sha1 of @key>.json. */
static void
write_token (Fixture *fixture, const char *key, const char *token, const char *expires_at)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  g_autofree char *path = g_strdup_printf (".aws/sso/cache/%s.json", hash);
  g_autofree char *json
      = g_strdup_printf ("{\"startUrl\": \"" START_URL "\", \"region\": \"eu-central-1\", "
                         "\"accessToken\": \"%s\", \"expiresAt\": \"%s\"}",
                         token, expires_at);

  g_free (test_home_write (fixture->home, path, json));
}

static char *
iso_time (gint64 offset, const char *format)
{
  g_autoptr (GDateTime) time
      = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + offset);

  return g_date_time_format (time, format);
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url = NULL;

  fixture->home = test_home_setup ();
  g_free (test_home_write (fixture->home, ".aws/config", config_text));
  fixture->server = test_server_new (portal_handler, fixture, &url);
  fixture->expiration_ms = (g_get_real_time () / G_USEC_PER_SEC + 3600) * 1000;
  g_setenv ("AWS_ENDPOINT_URL_SSO", url, TRUE);
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->server);
  test_home_teardown (fixture->home);
}

static void
test_session (Fixture *fixture, gconstpointer data)
{
  g_autofree char *expires_at = iso_time (3600, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;

  write_token (fixture, "corp", "good-token", expires_at);
  credentials = test_get_credentials_for_profile ("sso", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->calls, ==, 1);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIASSO");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (credentials), ==, "sso-secret");
  g_assert_cmpstr (c3v_credentials_get_session_token (credentials), ==, "sso-token");
  g_assert_cmpint (c3v_credentials_get_expiration (credentials), ==, fixture->expiration_ms / 1000);
}

static void
test_legacy (Fixture *fixture, gconstpointer data)
{
  /* Old caches keyed by start URL, with the "UTC" suffix of older CLIs. */
  g_autofree char *expires_at = iso_time (3600, "%Y-%m-%dT%H:%M:%SUTC");
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;

  write_token (fixture, START_URL, "good-token", expires_at);
  credentials = test_get_credentials_for_profile ("legacy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIASSO");
}

static void
assert_login_needed (const char *profile, GError *error)
{
  g_autofree char *command = g_strdup_printf ("aws sso login --profile %s", profile);

  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SSO_LOGIN_NEEDED);
  g_assert_nonnull (strstr (error->message, command));
}

static void
test_login_needed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *expired = iso_time (-60, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *valid = iso_time (3600, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr (GError) error = NULL;

  /* No token file at all. */
  g_assert_null (test_get_credentials_for_profile ("sso", &error));
  assert_login_needed ("sso", error);
  g_clear_error (&error);

  /* An expired token is not even sent. */
  write_token (fixture, "corp", "good-token", expired);
  g_assert_null (test_get_credentials_for_profile ("sso", &error));
  assert_login_needed ("sso", error);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->calls, ==, 0);

  /* A token the portal no longer accepts. */
  write_token (fixture, "corp", "revoked-token", valid);
  g_assert_null (test_get_credentials_for_profile ("sso", &error));
  assert_login_needed ("sso", error);
  g_assert_cmpuint (fixture->calls, ==, 1);
}

static void
test_incomplete (Fixture *fixture, gconstpointer data)
{
  const char *profiles[] = { "norole", "nosession" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new (profiles[i], &error);

      g_assert_null (chain);
      g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, profiles[i]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/aws/credentials/sso/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("session", test_session);
  ADD ("legacy", test_legacy);
  ADD ("login-needed", test_login_needed);
  ADD ("incomplete", test_incomplete);
#undef ADD

  return g_test_run ();
}
