/* test-credentials-support.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <glib/gstdio.h>

#include "c3v-aws-config.h"
#include "test-credentials-support.h"

#define WAIT_TIMEOUT_SECONDS 10

static const char *const aws_variables[] = {
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_ECS",
  "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
  "AWS_ENDPOINT_URL_CLOUDWATCH",
  "AWS_ENDPOINT_URL_PRICING",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_SSO",
  "AWS_RETRY_MODE",
  "AWS_MAX_ATTEMPTS",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
};

char *
test_home_setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *aws_dir = NULL;
  char            *home = g_dir_make_tmp ("c3vis-aws-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (aws_variables); i++)
    g_unsetenv (aws_variables[i]);
  g_setenv ("HOME", home, TRUE);

  aws_dir = g_build_filename (home, ".aws", NULL);
  g_assert_cmpint (g_mkdir_with_parents (aws_dir, 0700), ==, 0);
  return home;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
test_home_teardown (char *home)
{
  remove_tree (home);
  g_free (home);
}

char *
test_home_write (const char *home, const char *relative_path, const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  char            *path = g_build_filename (home, relative_path, NULL);

  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint    timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_false (timed_out);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} GetState;

static void
get_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GetState *state = user_data;

  state->result = g_object_ref (result);
  state->done = TRUE;
}

C3vCredentials *
test_get_credentials (C3vCredentialsProvider *provider, GError **error)
{
  GetState        state = { NULL, FALSE };
  C3vCredentials *credentials;

  c3v_credentials_provider_get_async (provider, NULL, get_cb, &state);
  test_wait_for (&state.done);
  credentials = c3v_credentials_provider_get_finish (provider, state.result, error);
  g_object_unref (state.result);
  return credentials;
}

C3vCredentials *
test_get_credentials_for_profile (const char *profile, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new (profile, &local_error);

  g_assert_no_error (local_error);
  return test_get_credentials (chain, error);
}

SoupServer *
test_server_new (SoupServerCallback callback, gpointer user_data, char **url)
{
  g_autoptr (GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList     *uris;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, callback, user_data, NULL);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}
