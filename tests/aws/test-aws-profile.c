/* test-aws-profile.c: parsing and merging the AWS config and credentials files.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-aws-config.h"
#include "c3v-aws-profile-set.h"
#include "test-credentials-support.h"

static const char config_text[] = "# a comment\n"
                                  "; another comment\n"
                                  "[default]\n"
                                  "region = eu-west-1   \n"
                                  "output=json\n"
                                  "\n"
                                  "[profile   dev]  # trailing comment\n"
                                  "  region   =   us-east-2\n"
                                  "role_arn = arn:aws:iam::123456789012:role/dev\n"
                                  "source_profile = default\n"
                                  "services = local\n"
                                  "s3 =\n"
                                  "  max_concurrent_requests = 20\n"
                                  "  addressing_style = path\n"
                                  "\n"
                                  "[sso-session corp]\n"
                                  "sso_start_url = https://corp.awsapps.com/start\n"
                                  "sso_region = eu-central-1\n"
                                  "\n"
                                  "[services local]\n"
                                  "ecs =\n"
                                  "  endpoint_url = http://127.0.0.1:4566\n"
                                  "sts =\n"
                                  "  endpoint_url = http://127.0.0.1:4567\n"
                                  "\n"
                                  "[plugins]\n"
                                  "cli_legacy_plugin_path = /somewhere\n"
                                  "  indented without equals is fine in ignored sections\n"
                                  "[notaprofile]\n"
                                  "region = nowhere\n";

static C3vAwsProfileSet *
parse_config (const char *text)
{
  g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (c3v_aws_profile_set_parse (set, text, "config", C3V_AWS_FILE_CONFIG, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&set);
}

static void
test_profile_sections (void)
{
  g_autoptr (C3vAwsProfileSet) set = parse_config (config_text);
  g_auto (GStrv) profiles = c3v_aws_profile_set_list (set, C3V_AWS_SECTION_PROFILE);
  const char *const expected[] = { "default", "dev", NULL };

  g_assert_cmpstrv (profiles, expected);
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "default", "region"), ==, "eu-west-1");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "default", "output"), ==, "json");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "dev", "region"), ==, "us-east-2");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "dev", "source_profile"), ==, "default");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "dev", "s3.addressing_style"), ==, "path");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "dev", "s3.max_concurrent_requests"), ==,
                   "20");
  g_assert_null (c3v_aws_profile_set_get_profile (set, "dev", "output"));
  g_assert_null (c3v_aws_profile_set_get_profile (set, "nope", "region"));
  g_assert_false (c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, "notaprofile"));
  g_assert_false (c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, "plugins"));
}

static void
test_other_sections (void)
{
  g_autoptr (C3vAwsProfileSet) set = parse_config (config_text);

  g_assert_cmpstr (c3v_aws_profile_set_get (set, C3V_AWS_SECTION_SSO_SESSION, "corp", "sso_region"),
                   ==, "eu-central-1");
  g_assert_cmpstr (
      c3v_aws_profile_set_get (set, C3V_AWS_SECTION_SERVICES, "local", "ecs.endpoint_url"), ==,
      "http://127.0.0.1:4566");
  g_assert_cmpstr (
      c3v_aws_profile_set_get (set, C3V_AWS_SECTION_SERVICES, "local", "sts.endpoint_url"), ==,
      "http://127.0.0.1:4567");
  g_assert_false (c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, "corp"));
  g_assert_false (c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_PROFILE, "local"));
}

static void
test_continuation (void)
{
  g_autoptr (C3vAwsProfileSet) set = parse_config ("[default]\n"
                                                   "credential_process = /bin/tool\n"
                                                   "   --flag value\n"
                                                   "region = x\r\n");

  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "default", "credential_process"), ==,
                   "/bin/tool\n--flag value");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "default", "region"), ==, "x");
}

static void
test_credentials_file_names (void)
{
  g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (c3v_aws_profile_set_parse (set,
                                            "[default]\naws_access_key_id = AKID\n"
                                            "[ci]\naws_access_key_id = CI\n",
                                            "credentials", C3V_AWS_FILE_CREDENTIALS, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "ci", "aws_access_key_id"), ==, "CI");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "default", "aws_access_key_id"), ==,
                   "AKID");
}

static void
test_credentials_win (void)
{
  g_autoptr (C3vAwsProfileSet) set = parse_config ("[profile ci]\nregion = eu-west-1\n"
                                                   "aws_access_key_id = FROM_CONFIG\n");
  g_autoptr (GError) error = NULL;

  g_assert_true (c3v_aws_profile_set_parse (set, "[ci]\naws_access_key_id = FROM_CREDENTIALS\n",
                                            "credentials", C3V_AWS_FILE_CREDENTIALS, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "ci", "aws_access_key_id"), ==,
                   "FROM_CREDENTIALS");
  g_assert_cmpstr (c3v_aws_profile_set_get_profile (set, "ci", "region"), ==, "eu-west-1");
}

static void
test_malformed (void)
{
  const struct
  {
    const char *text;
    const char *where;
  } cases[] = {
    { "[default]\nregion = x\njust words\n", "bad.ini:3:" },
    { "region = x\n", "bad.ini:1:" },
    { "\n[default\nregion = x\n", "bad.ini:2:" },
    { "[default]\n = value\n", "bad.ini:2:" },
    { "[profile ]\n", "bad.ini:1:" },
    { "[default] junk\n", "bad.ini:1:" },
    { "[default]\nservices =\n  nothing here\n", "bad.ini:3:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_false (
          c3v_aws_profile_set_parse (set, cases[i].text, "bad.ini", C3V_AWS_FILE_CONFIG, &error));
      g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].where));
    }
}

/* Random text built from the characters the grammar cares about: every
 * outcome is success or an error with a file:line, never a crash. */
static void
test_garbage (void)
{
  static const char alphabet[] = "[]= \t\n\r#;.profile services sso-session ab";

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GString) text = g_string_new (NULL);
      guint length = g_test_rand_int_range (0, 80);

      for (guint i = 0; i < length; i++)
        g_string_append_c (text, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);
      if (!c3v_aws_profile_set_parse (set, text->str, "fuzz", C3V_AWS_FILE_CONFIG, &error))
        g_assert_true (g_str_has_prefix (error->message, "fuzz:"));
      else
        g_assert_no_error (error);
    }
}

static void
test_load_files (void)
{
  char            *home = test_home_setup ();
  g_autofree char *config = test_home_write (home, "elsewhere/cfg", "[profile a]\nregion = r\n");
  g_autofree char *credentials
      = test_home_write (home, ".aws/credentials", "[b]\naws_access_key_id = K\n");
  g_autoptr (C3vAwsProfileSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) profiles = NULL;
  const char *const expected[] = { "a", "b", NULL };

  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  set = c3v_aws_profile_set_load_default (&error);
  g_assert_no_error (error);
  profiles = c3v_aws_profile_set_list (set, C3V_AWS_SECTION_PROFILE);
  g_assert_cmpstrv (profiles, expected);
  g_assert_cmpstr (c3v_aws_profile_set_get_config_path (set), ==, config);
  g_assert_cmpstr (c3v_aws_profile_set_get_credentials_path (set), ==, credentials);

  /* A missing file is fine; a broken one names file and line. */
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials", TRUE);
  g_clear_pointer (&set, c3v_aws_profile_set_free);
  set = c3v_aws_profile_set_load_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (set);

  g_free (test_home_write (home, "elsewhere/cfg", "[default]\n\n\noops\n"));
  g_clear_pointer (&set, c3v_aws_profile_set_free);
  set = c3v_aws_profile_set_load_default (&error);
  g_assert_null (set);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cfg:4:"));

  test_home_teardown (home);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/profile/sections", test_profile_sections);
  g_test_add_func ("/aws/profile/other-sections", test_other_sections);
  g_test_add_func ("/aws/profile/continuation", test_continuation);
  g_test_add_func ("/aws/profile/credentials-file-names", test_credentials_file_names);
  g_test_add_func ("/aws/profile/credentials-win", test_credentials_win);
  g_test_add_func ("/aws/profile/malformed", test_malformed);
  g_test_add_func ("/aws/profile/garbage", test_garbage);
  g_test_add_func ("/aws/profile/load-files", test_load_files);

  return g_test_run ();
}
