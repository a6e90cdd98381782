/* test-credentials-process.c: credential_process through the chain, with
 * scripts the test writes into a throw-away HOME.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>
#include <glib/gstdio.h>

#include "c3v-aws-config.h"
#include "c3v-credentials-cached.h"
#include "c3v-credentials-process.h"
#include "test-credentials-support.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

/* ISO 8601 UTC time @offset seconds from now. */
static char *
iso_time (gint64 offset)
{
  g_autoptr (GDateTime) time
      = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + offset);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* Writes an executable script into a directory whose name has a space, and
 * a config whose profile "proc" runs it with @arguments. */
static char *
write_process (const char *home, const char *body, const char *arguments)
{
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho run >> \"%s/runs\"\n%s", home, body);
  g_autofree char *config = NULL;
  char            *path = test_home_write (home, "my tools/creds.sh", script);

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  config = g_strdup_printf ("[profile proc]\ncredential_process = \"%s\" %s\n", path, arguments);
  g_free (test_home_write (home, ".aws/config", config));
  return path;
}

static guint
count_runs (const char *home)
{
  g_autofree char *path = g_build_filename (home, "runs", NULL);
  g_autofree char *text = NULL;
  guint            runs = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *c = text; *c != '\0'; c++)
    runs += *c == '\n';
  return runs;
}

static char *
json_script (const char *expiration)
{
  return g_strdup_printf ("cat <<'JSON'\n"
                          "{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESS\", "
                          "\"SecretAccessKey\": \"" SECRET "\", \"SessionToken\": \"token-1\", "
                          "\"Expiration\": \"%s\"}\n"
                          "JSON\n",
                          expiration);
}

static C3vCredentialsProvider *
chain_for_proc (void)
{
  g_autoptr (GError) error = NULL;
  C3vCredentialsProvider *chain = c3v_credentials_chain_new ("proc", &error);

  g_assert_no_error (error);
  return chain;
}

static void
test_json_output (void)
{
  char            *home = test_home_setup ();
  g_autofree char *expiration = iso_time (3600);
  g_autofree char *body = json_script (expiration);
  g_autofree char *script = write_process (home, body, "");
  g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials (chain, &error);
  g_autofree char *description = c3v_credentials_provider_describe (chain);
  gint64           expected = g_get_real_time () / G_USEC_PER_SEC + 3600;

  g_assert_no_error (error);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIAPROCESS");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (credentials), ==, SECRET);
  g_assert_cmpstr (c3v_credentials_get_session_token (credentials), ==, "token-1");
  g_assert_cmpint (ABS (c3v_credentials_get_expiration (credentials) - expected), <=, 5);
  g_assert_nonnull (strstr (description, "credential_process"));

  test_home_teardown (home);
}

static void
test_arguments_not_through_shell (void)
{
  char            *home = test_home_setup ();
  g_autofree char *expiration = iso_time (3600);
  g_autofree char *json = json_script (expiration);
  g_autofree char *body
      = g_strdup_printf ("[ \"$1\" = 'hello world' ] || { echo \"bad 1: $1\" >&2; exit 3; }\n"
                         "[ \"$2\" = 'a;b' ] || { echo \"bad 2: $2\" >&2; exit 3; }\n"
                         "[ \"$3\" = '$(touch pwned)' ] || { echo \"bad 3: $3\" >&2; exit 3; }\n"
                         "[ $# = 3 ] || { echo \"argc $#\" >&2; exit 3; }\n"
                         "%s",
                         json);
  g_autofree char *script = write_process (home, body, "\"hello world\" 'a;b' '$(touch pwned)'");
  g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autofree char *pwned = g_build_filename (home, "pwned", NULL);
  g_autofree char *cwd = g_get_current_dir ();

  /* Run from HOME so a command substitution would land where we look. */
  g_assert_true (g_chdir (home) == 0);
  credentials = test_get_credentials (chain, &error);
  g_assert_true (g_chdir (cwd) == 0);
  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  g_assert_false (g_file_test (pwned, G_FILE_TEST_EXISTS));

  test_home_teardown (home);
}

static void
test_expired (void)
{
  char            *home = test_home_setup ();
  g_autofree char *expiration = iso_time (-60);
  g_autofree char *body = json_script (expiration);
  g_autofree char *script = write_process (home, body, "");
  g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials (chain, &error);

  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_EXPIRED);
  g_assert_nonnull (strstr (error->message, "proc"));
  g_assert_null (strstr (error->message, SECRET));

  test_home_teardown (home);
}

static void
test_failure_shows_stderr (void)
{
  char            *home = test_home_setup ();
  g_autofree char *script
      = write_process (home, "echo '" SECRET "'\necho 'boom: no token for you' >&2\nexit 2\n", "");
  g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials (chain, &error);

  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED);
  g_assert_nonnull (strstr (error->message, "boom: no token for you"));
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_null (strstr (error->message, SECRET));

  test_home_teardown (home);
}

static void
test_bad_output (void)
{
  const char *bodies[] = {
    "echo 'not json " SECRET "'\n",
    "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET "\"}'\n",
    "echo '{\"Version\": \"1\", \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET "\"}'\n",
    "echo '{\"Version\": 1, \"SecretAccessKey\": \"" SECRET "\"}'\n",
    "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET
    "\", \"Expiration\": \"soon\"}'\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      char            *home = test_home_setup ();
      g_autofree char *script = write_process (home, bodies[i], "");
      g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
      g_autoptr (GError) error = NULL;
      g_autoptr (C3vCredentials) credentials = test_get_credentials (chain, &error);

      g_assert_null (credentials);
      g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED);
      g_assert_null (strstr (error->message, SECRET));
      test_home_teardown (home);
    }
}

static void
test_missing_program (void)
{
  char *home = test_home_setup ();
  g_autoptr (C3vCredentialsProvider) provider
      = c3v_credentials_process_new ("x", "/nonexistent/tool --go");
  g_autoptr (C3vCredentialsProvider) unbalanced
      = c3v_credentials_process_new ("x", "tool \"unclosed");
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials (provider, &error);

  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED);
  g_clear_error (&error);

  g_assert_null (test_get_credentials (unbalanced, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);

  test_home_teardown (home);
}

/* The chain reuses process credentials until they near expiry. */
static void
test_cached_until_expiry (void)
{
  char            *home = test_home_setup ();
  g_autofree char *far = iso_time (3600);
  g_autofree char *body = json_script (far);
  g_autofree char *script = write_process (home, body, "");
  g_autoptr (C3vCredentialsProvider) chain = chain_for_proc ();
  g_autoptr (C3vCredentials) first = test_get_credentials (chain, NULL);
  g_autoptr (C3vCredentials) second = test_get_credentials (chain, NULL);
  g_autofree char *near = iso_time (60);
  g_autofree char *near_body = json_script (near);
  g_autoptr (C3vCredentialsProvider) near_chain = NULL;
  g_autoptr (C3vCredentials) third = NULL;
  g_autoptr (C3vCredentials) fourth = NULL;

  g_assert_nonnull (first);
  g_assert_true (first == second);
  g_assert_cmpuint (count_runs (home), ==, 1);

  /* Expiring within the refresh margin: every request runs it again. */
  g_free (write_process (home, near_body, ""));
  near_chain = chain_for_proc ();
  third = test_get_credentials (near_chain, NULL);
  fourth = test_get_credentials (near_chain, NULL);
  g_assert_nonnull (third);
  g_assert_nonnull (fourth);
  g_assert_cmpuint (count_runs (home), ==, 3);

  test_home_teardown (home);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/credentials/process/json", test_json_output);
  g_test_add_func ("/aws/credentials/process/no-shell", test_arguments_not_through_shell);
  g_test_add_func ("/aws/credentials/process/expired", test_expired);
  g_test_add_func ("/aws/credentials/process/stderr", test_failure_shows_stderr);
  g_test_add_func ("/aws/credentials/process/bad-output", test_bad_output);
  g_test_add_func ("/aws/credentials/process/missing-program", test_missing_program);
  g_test_add_func ("/aws/credentials/process/cached", test_cached_until_expiry);

  return g_test_run ();
}
