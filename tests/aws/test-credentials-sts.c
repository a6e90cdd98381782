/* test-credentials-sts.c: role_arn + source_profile against a local STS on
 * 127.0.0.1 that checks every SigV4 signature and answers AssumeRole XML.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-aws-config.h"
#include "c3v-sigv4.h"
#include "test-credentials-support.h"

static const char config_text[] = "[profile role]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/viewer\n"
                                  "source_profile = base\n"
                                  "region = eu-west-1\n"
                                  "role_session_name = test-session\n"
                                  "external_id = ext id&=1\n"
                                  "[profile chained]\n"
                                  "role_arn = arn:aws:iam::222222222222:role/second\n"
                                  "source_profile = role\n"
                                  "[profile denied]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/denied\n"
                                  "source_profile = base\n"
                                  "[profile self]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/self\n"
                                  "source_profile = self\n"
                                  "aws_access_key_id = AKIDSELF\n"
                                  "aws_secret_access_key = self-secret\n"
                                  "[profile badkey]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/viewer\n"
                                  "source_profile = wrongsecret\n"
                                  "[profile envrole]\n"
                                  "role_arn = arn:aws:iam::111111111111:role/viewer\n"
                                  "credential_source = Environment\n"
                                  "[profile wrongsecret]\n"
                                  "aws_access_key_id = AKIDBASE\n"
                                  "aws_secret_access_key = not-the-secret\n";

static const char credentials_text[] = "[base]\n"
                                       "aws_access_key_id = AKIDBASE\n"
                                       "aws_secret_access_key = base-secret\n";

typedef struct
{
  GHashTable     *secrets; /* access key id -> secret the server knows */
  C3vSigv4Signer *signer;
  guint           calls;
  char           *region;        /* of the last call's credential scope */
  char           *access_key_id; /* that signed the last call */
  char           *session_name;
  char           *external_id;
  char           *token; /* X-Amz-Security-Token of the last call */
} Sts;

static void
sts_respond (SoupServerMessage *message, guint status, const char *xml)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/xml", SOUP_MEMORY_COPY, xml, strlen (xml));
}

static void
sts_respond_error (SoupServerMessage *message, guint status, const char *code, const char *text)
{
  g_autofree char *xml = g_markup_printf_escaped (
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      "  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>\n"
      "  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n"
      "</ErrorResponse>\n",
      code, text);

  sts_respond (message, status, xml);
}

/* Recomputes the signature over the headers the client says it signed. */
static gboolean
sts_check_signature (Sts *sts, SoupServerMessage *message, GBytes *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char         *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char         *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  g_autoptr (GRegex) regex
      = g_regex_new ("^AWS4-HMAC-SHA256 Credential=([^/]+)/[0-9]{8}/([^/]+)/sts/aws4_request, "
                     "SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$",
                     0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *access_key_id = NULL;
  g_autofree char *signed_list = NULL;
  g_auto (GStrv) names = NULL;
  g_autofree C3vHttpHeader *signed_headers = NULL;
  g_autofree char          *expected = NULL;
  const char               *secret;
  gsize                     n;
  C3vSigv4Request           request = { "POST", "/", NULL, NULL, 0, NULL, 0 };

  if (authorization == NULL || amz_date == NULL || !g_regex_match (regex, authorization, 0, &match))
    return FALSE;

  access_key_id = g_match_info_fetch (match, 1);
  g_free (sts->region);
  sts->region = g_match_info_fetch (match, 2);
  signed_list = g_match_info_fetch (match, 3);
  secret = g_hash_table_lookup (sts->secrets, access_key_id);
  if (secret == NULL)
    return FALSE;

  names = g_strsplit (signed_list, ";", -1);
  n = g_strv_length (names);
  signed_headers = g_new0 (C3vHttpHeader, n);
  for (gsize i = 0; i < n; i++)
    signed_headers[i]
        = (C3vHttpHeader){ names[i], soup_message_headers_get_one (headers, names[i]) };
  request.headers = signed_headers;
  request.n_headers = n;
  request.body = g_bytes_get_data (body, &request.body_length);

  expected = c3v_sigv4_authorization (sts->signer, access_key_id, secret, &request, amz_date,
                                      sts->region, "sts");
  g_free (sts->access_key_id);
  sts->access_key_id = g_steal_pointer (&access_key_id);
  return g_strcmp0 (expected, authorization) == 0 && strstr (signed_list, "host") != NULL
         && strstr (signed_list, "x-amz-date") != NULL;
}

static void
sts_issue (Sts *sts, SoupServerMessage *message)
{
  g_autofree char *access_key_id = g_strdup_printf ("ASIA%u", sts->calls);
  g_autofree char *secret = g_strdup_printf ("issued-secret-%u", sts->calls);
  g_autoptr (GDateTime) expiration
      = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autofree char *expiration_text = g_date_time_format (expiration, "%Y-%m-%dT%H:%M:%S.123Z");
  g_autofree char *xml = g_strdup_printf (
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      "  <AssumeRoleResult>\n"
      "    <SourceIdentity>x</SourceIdentity>\n"
      "    <AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/viewer/s</Arn>"
      "<AssumedRoleId>ARO123EXAMPLE123:s</AssumedRoleId></AssumedRoleUser>\n"
      "    <Credentials>\n"
      "      <AccessKeyId>%s</AccessKeyId>\n"
      "      <SecretAccessKey>%s</SecretAccessKey>\n"
      "      <SessionToken>token-%u</SessionToken>\n"
      "      <Expiration>%s</Expiration>\n"
      "    </Credentials>\n"
      "  </AssumeRoleResult>\n"
      "  <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>\n"
      "</AssumeRoleResponse>\n",
      access_key_id, secret, sts->calls, expiration_text);

  g_hash_table_insert (sts->secrets, g_steal_pointer (&access_key_id), g_steal_pointer (&secret));
  sts_respond (message, SOUP_STATUS_OK, xml);
}

static void
sts_handler (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query,
             gpointer user_data)
{
  Sts                *sts = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr (GBytes) body
      = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr (GHashTable) form = soup_form_decode (text);
  const char *role_arn = g_hash_table_lookup (form, "RoleArn");

  sts->calls++;
  if (!sts_check_signature (sts, message, body))
    {
      sts_respond_error (
          message, SOUP_STATUS_FORBIDDEN, "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.");
      return;
    }

  g_assert_cmpstr (soup_server_message_get_method (message), ==, "POST");
  g_assert_cmpstr (path, ==, "/");
  g_assert_cmpstr (g_hash_table_lookup (form, "Action"), ==, "AssumeRole");
  g_assert_cmpstr (g_hash_table_lookup (form, "Version"), ==, "2011-06-15");
  g_assert_nonnull (role_arn);
  g_free (sts->session_name);
  sts->session_name = g_strdup (g_hash_table_lookup (form, "RoleSessionName"));
  g_assert_nonnull (sts->session_name);
  g_free (sts->external_id);
  sts->external_id = g_strdup (g_hash_table_lookup (form, "ExternalId"));
  g_free (sts->token);
  sts->token = g_strdup (soup_message_headers_get_one (headers, "X-Amz-Security-Token"));

  if (g_str_has_suffix (role_arn, "/denied"))
    sts_respond_error (message, SOUP_STATUS_FORBIDDEN, "AccessDenied",
                       "User: arn:aws:iam::111111111111:user/base is not authorized to perform: "
                       "sts:AssumeRole on resource: arn:aws:iam::111111111111:role/denied");
  else
    sts_issue (sts, message);
}

typedef struct
{
  char       *home;
  Sts         sts;
  SoupServer *server;
} Fixture;

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url = NULL;

  fixture->home = test_home_setup ();
  g_free (test_home_write (fixture->home, ".aws/config", config_text));
  g_free (test_home_write (fixture->home, ".aws/credentials", credentials_text));

  fixture->sts.secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (fixture->sts.secrets, g_strdup ("AKIDBASE"), g_strdup ("base-secret"));
  g_hash_table_insert (fixture->sts.secrets, g_strdup ("AKIDSELF"), g_strdup ("self-secret"));
  fixture->sts.signer = c3v_sigv4_signer_new ();
  fixture->server = test_server_new (sts_handler, &fixture->sts, &url);
  g_setenv ("AWS_ENDPOINT_URL_STS", url, TRUE);
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->server);
  g_hash_table_unref (fixture->sts.secrets);
  c3v_sigv4_signer_free (fixture->sts.signer);
  g_free (fixture->sts.region);
  g_free (fixture->sts.access_key_id);
  g_free (fixture->sts.session_name);
  g_free (fixture->sts.external_id);
  g_free (fixture->sts.token);
  test_home_teardown (fixture->home);
}

static void
test_assume_role (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials_for_profile ("role", &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->sts.calls, ==, 1);
  g_assert_cmpstr (fixture->sts.access_key_id, ==, "AKIDBASE");
  g_assert_cmpstr (fixture->sts.region, ==, "eu-west-1");
  g_assert_cmpstr (fixture->sts.session_name, ==, "test-session");
  g_assert_cmpstr (fixture->sts.external_id, ==, "ext id&=1");
  g_assert_null (fixture->sts.token);

  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIA1");
  g_assert_cmpstr (c3v_credentials_get_secret_access_key (credentials), ==, "issued-secret-1");
  g_assert_cmpstr (c3v_credentials_get_session_token (credentials), ==, "token-1");
  g_assert_cmpint (ABS (c3v_credentials_get_expiration (credentials) - (now + 3600)), <=, 5);
}

static void
test_chained_roles (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials_for_profile ("chained", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->sts.calls, ==, 2);
  /* The second call is signed with the first role's session credentials. */
  g_assert_cmpstr (fixture->sts.access_key_id, ==, "ASIA1");
  g_assert_cmpstr (fixture->sts.token, ==, "token-1");
  g_assert_cmpstr (fixture->sts.region, ==, "us-east-1");
  g_assert_true (g_str_has_prefix (fixture->sts.session_name, "c3vis-"));
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIA2");
}

static void
test_self_source (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials_for_profile ("self", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->sts.access_key_id, ==, "AKIDSELF");
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIA1");
}

static void
test_environment_source (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDBASE", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "base-secret", TRUE);
  credentials = test_get_credentials_for_profile ("envrole", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->sts.access_key_id, ==, "AKIDBASE");
  g_assert_cmpstr (c3v_credentials_get_access_key_id (credentials), ==, "ASIA1");
}

static void
test_access_denied (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials_for_profile ("denied", &error);

  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "is not authorized to perform: sts:AssumeRole"));
  g_assert_nonnull (strstr (error->message, "denied"));
  g_assert_null (strstr (error->message, "base-secret"));
}

static void
test_bad_signature (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = test_get_credentials_for_profile ("badkey", &error);

  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  g_assert_nonnull (strstr (error->message, "SignatureDoesNotMatch"));
  g_assert_null (strstr (error->message, "not-the-secret"));
}

static void
test_cached_role (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentialsProvider) chain = c3v_credentials_chain_new ("role", &error);
  g_autoptr (C3vCredentials) first = NULL;
  g_autoptr (C3vCredentials) second = NULL;
  g_autofree char *description = c3v_credentials_provider_describe (chain);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (description, "arn:aws:iam::111111111111:role/viewer"));
  first = test_get_credentials (chain, &error);
  g_assert_no_error (error);
  second = test_get_credentials (chain, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpuint (fixture->sts.calls, ==, 1);
}

static void
test_unreachable (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;

  /* Nothing listens any more on the port the fixture's server had. */
  soup_server_disconnect (fixture->server);
  credentials = test_get_credentials_for_profile ("role", &error);
  g_assert_null (credentials);
  g_assert_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/aws/credentials/sts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("assume-role", test_assume_role);
  ADD ("chained-roles", test_chained_roles);
  ADD ("self-source", test_self_source);
  ADD ("environment-source", test_environment_source);
  ADD ("access-denied", test_access_denied);
  ADD ("bad-signature", test_bad_signature);
  ADD ("cached", test_cached_role);
  ADD ("unreachable", test_unreachable);
#undef ADD

  return g_test_run ();
}
