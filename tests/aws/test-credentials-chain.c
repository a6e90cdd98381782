/* test-credentials-chain.c: environment and profile keys, their precedence,
 * configuration errors, and the cached wrapper.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-aws-config.h"
#include "c3v-credentials-cached.h"
#include "c3v-credentials-chain.h"
#include "c3v-credentials-env.h"
#include "test-credentials-support.h"

static const char config_text[] = "[default]\n"
                                  "region = eu-west-1\n"
                                  "[profile cfgkeys]\n"
                                  "aws_access_key_id = AKIDCONFIG\n"
                                  "aws_secret_access_key = config-secret\n"
                                  "[profile empty]\n"
                                  "region = eu-west-1\n"
                                  "[profile loop-a]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/a\n"
                                  "source_profile = loop-b\n"
                                  "[profile loop-b]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/b\n"
                                  "source_profile = loop-c\n"
                                  "[profile loop-c]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/c\n"
                                  "source_profile = loop-a\n"
                                  "[profile ec2role]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/x\n"
                                  "credential_source = Ec2InstanceMetadata\n"
                                  "[profile orphan]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/x\n"
                                  "source_profile = nowhere\n"
                                  "[profile halfkeys]\n"
                                  "aws_access_key_id = AKIDHALF\n";

static const char credentials_text[] = "[default]\n"
                                       "aws_access_key_id = AKIDDEFAULT\n"
                                       "aws_secret_access_key = default-secret\n"
                                       "[cfgkeys]\n"
                                       "aws_access_key_id = AKIDCREDFILE\n"
                                       "aws_secret_access_key = credfile-secret\n"
                                       "aws_session_token = credfile-token\n";

static char *
setup (void)
{
  char *home = test_home_setup ();

  g_free (test_home_write (home, ".aws/config", config_text));
  g_free (test_home_write (home, ".aws/credentials", credentials_text));
  return home;
}

static void
set_env_keys (void)
{
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "env-token", TRUE);
}

/* The access key id the chain for @profile hands out. */
static char *
access_key_for (const char *profile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new (profile, &error);
  g_autoptr (C3vCredentials) credentials = NULL;

  g_assert_no_error (error);
  credentials = test_get_credentials (chain, &error);
  g_assert_no_error (error);
  return g_strdup (c3v_credentials_get_access_key_id (credentials));
}

static void
assert_access_key (const char *profile, const char *expected)
{
  g_autofree char *access_key_id = access_key_for (profile);

  g_assert_cmpstr (access_key_id, ==, expected);
}

static void
test_environment (void)
{
  char *home = test_home_setup ();
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_env_new ();
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  set_env_keys ();
  credentials = test_get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKIDENV");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (credentials), ==, "env-secret");
  g_assert_cmpstr (c3v_credentials_get_session_token (credentials), ==, "env-token");
  g_assert_cmpint (c3v_credentials_get_expiration (credentials), ==, 0);

  /* Half a pair is an error, not "nothing here". */
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  g_assert_null (test_get_credentials (provider, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "AWS_SECRET_ACCESS_KEY"));
  g_clear_error (&error);

  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_assert_null (test_get_credentials (provider, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS);

  test_home_teardown (home);
}

static void
test_env_before_profile (void)
{
  char *home = setup ();

  assert_access_key (NULL, "AKIDDEFAULT");
  set_env_keys ();
  assert_access_key (NULL, "AKIDENV");

  /* AWS_PROFILE does not shadow the environment keys (CLI rule)... */
  g_setenv ("AWS_PROFILE", "cfgkeys", TRUE);
  assert_access_key (NULL, "AKIDENV");
  /* ...an explicitly chosen profile does. */
  assert_access_key ("cfgkeys", "AKIDCREDFILE");
  assert_access_key ("default", "AKIDDEFAULT");

  test_home_teardown (home);
}

static void
test_profile_keys (void)
{
  char *home = setup ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new ("cfgkeys", &error);
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autofree char *description = NULL;

  g_assert_no_error (error);
  credentials = test_get_credentials (chain, &error);
  g_assert_no_error (error);
  /* The credentials file wins over the config file, token included. */
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKIDCREDFILE");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (credentials), ==, "credfile-secret");
  g_assert_cmpstr (c3v_credentials_get_session_token (credentials), ==, "credfile-token");

  description = c3v_credentials_provider_describe (chain);
  g_assert_nonnull (strstr (description, "cfgkeys"));
  g_assert_null (strstr (description, "environment"));

  test_home_teardown (home);
}

static void
test_no_credentials (void)
{
  char *home = setup ();
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new ("empty", &error);
  g_autoptr (C3vCredentialsProvider) env_chain = NULL;

  g_assert_no_error (error);
  g_assert_null (test_get_credentials (chain, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "“empty”"));
  g_assert_nonnull (strstr (error->message, ".aws/config"));
  g_assert_nonnull (strstr (error->message, ".aws/credentials"));
  g_clear_error (&error);

  /* Without an explicit profile the message also names the variables. */
  g_setenv ("AWS_PROFILE", "empty", TRUE);
  env_chain = c3v_credentials_chain_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (test_get_credentials (env_chain, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "AWS_ACCESS_KEY_ID"));

  test_home_teardown (home);
}

static void
assert_chain_fails (const char *profile, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new (profile, &error);

  g_assert_null (chain);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_configuration_errors (void)
{
  char *home = setup ();

  assert_chain_fails ("loop-a", C3V_AWS_CONFIG_ERROR_INVALID, "loop-a → loop-b → loop-c → loop-a");
  assert_chain_fails ("loop-b", C3V_AWS_CONFIG_ERROR_INVALID, "loop-b → loop-c → loop-a → loop-b");
  assert_chain_fails ("ec2role", C3V_AWS_CONFIG_ERROR_INVALID, "credential_source");
  assert_chain_fails ("orphan", C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE, "“nowhere”");
  assert_chain_fails ("halfkeys", C3V_AWS_CONFIG_ERROR_INVALID, "aws_secret_access_key");
  assert_chain_fails ("missing", C3V_AWS_CONFIG_ERROR_UNKNOWN_PROFILE, "“missing”");

  g_free (test_home_write (home, ".aws/config", "[default]\nregion\n"));
  assert_chain_fails (NULL, C3V_AWS_CONFIG_ERROR_INVALID, "config:2:");

  test_home_teardown (home);
}

/* A provider that counts its calls and answers from a queue of results,
 * completing on a later main-loop iteration as a network source would. */
#define TEST_TYPE_COUNTING (test_counting_get_type ())
G_DECLARE_FINAL_TYPE (TestCounting, test_counting, TEST, COUNTING, C3vCredentialsProvider)

struct _TestCounting
{
  C3vCredentialsProvider parent_instance;
  guint                  calls;
  gint64                 expires_in; /* 0: never, <0: fail */
  gboolean               hold;       /* keep the task in @held, answer later */
  GTask                 *held;
};

G_DEFINE_FINAL_TYPE (TestCounting, test_counting, C3V_TYPE_CREDENTIALS_PROVIDER)

static gboolean
counting_complete (gpointer user_data)
{
  GTask           *task = user_data;
  TestCounting    *self = g_task_get_source_object (task);
  g_autofree char *access_key_id = g_strdup_printf ("AKID%u", self->calls);
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->expires_in < 0)
    g_task_return_new_error (task, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                             "down");
  else
    g_task_return_pointer (task,
                           c3v_credentials_new (access_key_id, "s", NULL,
                                                self->expires_in != 0 ? now + self->expires_in : 0),
                           (GDestroyNotify) c3v_credentials_unref);
  return G_SOURCE_REMOVE;
}

static void
test_counting_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  TestCounting *self = TEST_COUNTING (provider);
  GTask        *task = g_task_new (self, cancellable, callback, user_data);

  self->calls++;
  if (self->hold)
    self->held = task;
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, counting_complete, task, g_object_unref);
}

static C3vCredentials *
test_counting_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_counting_class_init (TestCountingClass *klass)
{
  C3V_CREDENTIALS_PROVIDER_CLASS (klass)->get_async = test_counting_get_async;
  C3V_CREDENTIALS_PROVIDER_CLASS (klass)->get_finish = test_counting_get_finish;
}

static void
test_counting_init (TestCounting *self)
{
}

typedef struct
{
  guint    done;
  gboolean all_done;
  char    *access_key_ids[3];
} Burst;

static void
burst_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr (C3vCredentials) credentials = NULL;

  credentials
      = c3v_credentials_provider_get_finish (C3V_CREDENTIALS_PROVIDER (object), result, NULL);
  g_assert_nonnull (credentials);
  burst->access_key_ids[burst->done++] = g_strdup (c3v_credentials_get_access_key_id (credentials));
  burst->all_done = burst->done == G_N_ELEMENTS (burst->access_key_ids);
}

static void
test_cached (void)
{
  g_autoptr (TestCounting) inner = g_object_new (TEST_TYPE_COUNTING, NULL);
  g_autoptr (C3vCredentialsProvider) cached
      = c3v_credentials_cached_new (C3V_CREDENTIALS_PROVIDER (inner), 300);
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;
  Burst burst = { 0,
                  FALSE,
                  {
                      NULL,
                  } };

  /* Three requests at once share one fetch. */
  inner->expires_in = 3600;
  for (guint i = 0; i < 3; i++)
    c3v_credentials_provider_get_async (cached, NULL, burst_cb, &burst);
  g_assert_cmpuint (burst.done, ==, 0);
  test_wait_for (&burst.all_done);
  g_assert_cmpuint (inner->calls, ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (burst.access_key_ids[i], ==, "AKID1");
      g_free (burst.access_key_ids[i]);
    }

  credentials = test_get_credentials (cached, NULL);
  g_assert_cmpuint (inner->calls, ==, 1);
  g_clear_pointer (&credentials, c3v_credentials_unref);

  /* Forgotten on request, e.g. after the service rejected them. */
  c3v_credentials_cached_invalidate (C3V_CREDENTIALS_CACHED (cached));
  inner->expires_in = 60;
  credentials = test_get_credentials (cached, NULL);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKID2");
  g_clear_pointer (&credentials, c3v_credentials_unref);

  /* Within the margin: fetched again. Failures are not cached. */
  inner->expires_in = -1;
  g_assert_null (test_get_credentials (cached, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  inner->expires_in = 0;
  credentials = test_get_credentials (cached, NULL);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKID4");
  g_clear_pointer (&credentials, c3v_credentials_unref);
  credentials = test_get_credentials (cached, NULL);
  g_assert_cmpuint (inner->calls, ==, 4);
}

static void
cancelled_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_null (
      c3v_credentials_provider_get_finish (C3V_CREDENTIALS_PROVIDER (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

/* A cancelled caller does not wait for a slow fetch (a credential_process
 * asking for MFA, say); the fetch still fills the cache for the others. */
static void
test_cached_cancel (void)
{
  g_autoptr (TestCounting) inner = g_object_new (TEST_TYPE_COUNTING, NULL);
  g_autoptr (C3vCredentialsProvider) cached
      = c3v_credentials_cached_new (C3V_CREDENTIALS_PROVIDER (inner), 300);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (C3vCredentials) credentials = NULL;
  gboolean done = FALSE;
  gboolean done_before = FALSE;

  inner->expires_in = 3600;
  inner->hold = TRUE;
  c3v_credentials_provider_get_async (cached, cancellable, cancelled_cb, &done);
  g_assert_nonnull (inner->held);
  g_cancellable_cancel (cancellable);
  test_wait_for (&done);

  g_cancellable_cancel (cancelled);
  c3v_credentials_provider_get_async (cached, cancelled, cancelled_cb, &done_before);
  test_wait_for (&done_before);

  g_idle_add_full (G_PRIORITY_DEFAULT, counting_complete, g_steal_pointer (&inner->held),
                   g_object_unref);
  inner->hold = FALSE;
  credentials = test_get_credentials (cached, NULL);
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "AKID1");
  g_assert_cmpuint (inner->calls, ==, 1);
}

static void
test_chain_order (void)
{
  char *home = test_home_setup ();
  g_autoptr (TestCounting) failing = g_object_new (TEST_TYPE_COUNTING, NULL);
  g_autoptr (TestCounting) second = g_object_new (TEST_TYPE_COUNTING, NULL);
  g_autoptr (GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (C3vCredentialsProvider) chain = NULL;
  g_autoptr (GError) error = NULL;

  /* Nothing in the environment: the chain moves on. A real failure stops it. */
  g_ptr_array_add (providers, c3v_credentials_env_new ());
  g_ptr_array_add (providers, g_object_ref (failing));
  g_ptr_array_add (providers, g_object_ref (second));
  chain = c3v_credentials_chain_new_for_providers (providers, "none here");
  failing->expires_in = -1;
  g_assert_null (test_get_credentials (chain, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  g_assert_cmpuint (second->calls, ==, 0);

  g_clear_object (&chain);
  g_ptr_array_set_size (providers, 1);
  chain = c3v_credentials_chain_new_for_providers (providers, "none here");
  g_clear_error (&error);
  g_assert_null (test_get_credentials (chain, &error));
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS);
  g_assert_cmpstr (error->message, ==, "none here");

  test_home_teardown (home);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/credentials/chain/environment", test_environment);
  g_test_add_func ("/aws/credentials/chain/env-before-profile", test_env_before_profile);
  g_test_add_func ("/aws/credentials/chain/profile-keys", test_profile_keys);
  g_test_add_func ("/aws/credentials/chain/no-credentials", test_no_credentials);
  g_test_add_func ("/aws/credentials/chain/configuration-errors", test_configuration_errors);
  g_test_add_func ("/aws/credentials/chain/cached", test_cached);
  g_test_add_func ("/aws/credentials/chain/cached-cancel", test_cached_cancel);
  g_test_add_func ("/aws/credentials/chain/order", test_chain_order);

  return g_test_run ();
}
