/* test-credentials.c: the credentials object and the static provider.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-credentials-provider.h"

static void
test_fields (void)
{
  g_autoptr (C3vCredentials) with_token = c3v_credentials_new ("AKID", "secret", "token", 1000);
  g_autoptr (C3vCredentials) without = c3v_credentials_new ("AKID", "secret", "", 0);

  g_assert_cmpstr (c3v_credentials_get_access_key_id (with_token), ==, "AKID");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (with_token), ==, "secret");
  g_assert_cmpstr (c3v_credentials_get_session_token (with_token), ==, "token");
  g_assert_cmpint (c3v_credentials_get_expiration (with_token), ==, 1000);
  /* An empty token is no token: it must not be sent. */
  g_assert_null (c3v_credentials_get_session_token (without));
}

static void
test_expiry (void)
{
  g_autoptr (C3vCredentials) expiring = c3v_credentials_new ("AKID", "secret", NULL, 1000);
  g_autoptr (C3vCredentials) forever = c3v_credentials_new ("AKID", "secret", NULL, 0);

  g_assert_false (c3v_credentials_expires_within (expiring, 0, 300));
  g_assert_true (c3v_credentials_expires_within (expiring, 700, 300));
  g_assert_true (c3v_credentials_expires_within (expiring, 2000, 0));
  g_assert_false (c3v_credentials_expires_within (forever, G_MAXINT32, 300));
}

static void
test_boxed (void)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new ("AKID", "secret", NULL, 0);
  C3vCredentials *copy = g_boxed_copy (C3V_TYPE_CREDENTIALS, credentials);

  g_assert_true (copy == credentials);
  g_boxed_free (C3V_TYPE_CREDENTIALS, copy);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKID");
}

static void
got_credentials (GObject *object, GAsyncResult *result, gpointer user_data)
{
  C3vCredentials **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = c3v_credentials_provider_get_finish (C3V_CREDENTIALS_PROVIDER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_static_provider (void)
{
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new ("AKID", "secret", "token", 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vCredentials) got = NULL;
  g_autofree char *description = c3v_credentials_provider_describe (provider);

  c3v_credentials_provider_get_async (provider, NULL, got_credentials, &got);
  while (got == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (got == credentials);
  g_assert_cmpstr (description, ==, "static credentials");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/fields", test_fields);
  g_test_add_func ("/credentials/expiry", test_expiry);
  g_test_add_func ("/credentials/boxed", test_boxed);
  g_test_add_func ("/credentials/static-provider", test_static_provider);

  return g_test_run ();
}
