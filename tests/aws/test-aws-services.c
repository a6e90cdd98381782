/* test-aws-services.c: one client for every AWS JSON-protocol service,
 * against the fake endpoint, which checks each service's signing name and
 * JSON version (Content-Type) the way AWS does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "c3v-aws-service.h"
#include "c3v-ecs-client.h"
#include "c3v-fake-ecs.h"
#include "c3v-fake-logs.h"
#include "test-ecs-call.h"

#define WAIT_MS 10000

typedef struct
{
  C3vFakeEcs *fake;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->fake = c3v_fake_ecs_new (NULL);
  c3v_fake_ecs_start (fixture->fake, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->fake);
}

static C3vAwsClient *
client_new (Fixture *fixture, const C3vAwsService *service)
{
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);

  return c3v_aws_client_new (service, provider, C3V_FAKE_ECS_REGION,
                             c3v_fake_ecs_get_url (fixture->fake));
}

static void
call (C3vAwsClient *client, const char *operation, JsonObject *request, CallResult *r)
{
  c3v_ecs_client_call_async (client, operation, request, NULL, call_done, r);
  wait_for (&r->done, WAIT_MS);
}

static JsonObject *
log_request (const char *stream, gint64 limit)
{
  JsonObject *request = json_object_new ();

  json_object_set_string_member (request, "logGroupName", C3V_FAKE_LOGS_GROUP);
  json_object_set_string_member (request, "logStreamName", stream);
  json_object_set_boolean_member (request, "startFromHead", TRUE);
  if (limit > 0)
    json_object_set_int_member (request, "limit", limit);
  return request;
}

static guint
count_calls (C3vFakeEcs *fake, const char *operation, guint status)
{
  GArray *log = c3v_fake_ecs_get_call_log (fake);
  guint   count = 0;

  for (guint i = 0; i < log->len; i++)
    {
      const C3vFakeCall *logged = &g_array_index (log, C3vFakeCall, i);

      count += g_strcmp0 (logged->operation, operation) == 0 && logged->status == status;
    }
  return count;
}

static void
test_descriptors (void)
{
  g_autofree char *logs_type = c3v_aws_service_content_type (&c3v_aws_service_logs);
  g_autofree char *cloudwatch_type = c3v_aws_service_content_type (&c3v_aws_service_cloudwatch);
  g_autofree char *target = c3v_aws_service_target (&c3v_aws_service_logs, "GetLogEvents");
  g_autofree char *pricing
      = c3v_aws_service_default_endpoint (&c3v_aws_service_pricing, "ap-northeast-1");
  g_autofree char *pricing_home
      = c3v_aws_service_default_endpoint (&c3v_aws_service_pricing, "us-east-1");
  g_autofree char *ecs = c3v_aws_service_default_endpoint (&c3v_aws_service_ecs, "cn-northwest-1");

  g_assert_cmpstr (logs_type, ==, "application/x-amz-json-1.1");
  g_assert_cmpstr (cloudwatch_type, ==, "application/x-amz-json-1.0");
  g_assert_cmpstr (target, ==, "Logs_20140328.GetLogEvents");
  g_assert_cmpstr (pricing, ==, "https://api.pricing.ap-south-1.amazonaws.com");
  g_assert_cmpstr (pricing_home, ==, "https://api.pricing.us-east-1.amazonaws.com");
  g_assert_cmpstr (ecs, ==, "https://ecs.cn-northwest-1.amazonaws.com.cn");
  g_assert_cmpstr (c3v_aws_service_region (&c3v_aws_service_pricing, "eu-west-3"), ==,
                   "eu-central-1");
  g_assert_cmpstr (c3v_aws_service_region (&c3v_aws_service_pricing, "sa-east-1"), ==, "us-east-1");
  g_assert_cmpstr (c3v_aws_service_region (&c3v_aws_service_logs, "sa-east-1"), ==, "sa-east-1");
}

/* The ECS face is the default: c3v_ecs_client_new() is ECS's client. */
static void
test_ecs_is_default (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vEcsClient) client
      = c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (fixture->fake));
  g_auto (CallResult) r = { 0 };

  g_assert_true (c3v_ecs_client_get_service (client) == &c3v_aws_service_ecs);
  call (client, "ListClusters", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (json_object_get_array_member (r.result, "clusterArns"));
}

/* JSON 1.1, signed for "logs": the fake verifies both, then answers. */
static void
test_logs (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vAwsClient) client = client_new (fixture, &c3v_aws_service_logs);
  g_autoptr (JsonObject) first = log_request (C3V_FAKE_LOGS_STREAM, 2);
  g_autoptr (JsonObject) rest = log_request (C3V_FAKE_LOGS_STREAM, 0);
  g_auto (CallResult) r = { 0 };
  g_auto (CallResult) r2 = { 0 };
  JsonArray *events;

  call (client, "GetLogEvents", first, &r);
  g_assert_no_error (r.error);
  events = json_object_get_array_member (r.result, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (events, 1), "message"), ==,
      "line 2");
  g_assert_cmpstr (json_object_get_string_member (r.result, "nextForwardToken"), ==, "f/2");

  json_object_set_string_member (rest, "nextToken",
                                 json_object_get_string_member (r.result, "nextForwardToken"));
  call (client, "GetLogEvents", rest, &r2);
  g_assert_no_error (r2.error);
  events = json_object_get_array_member (r2.result, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, C3V_FAKE_LOGS_N_EVENTS - 2);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (events, 0), "message"), ==,
      "line 3");
  g_assert_cmpuint (count_calls (fixture->fake, "GetLogEvents", 200), ==, 2);
  g_assert_cmpuint (c3v_ecs_client_get_call_count (client, "GetLogEvents"), ==, 2);
}

/* The shared error core: a Logs error reads like an ECS one. */
static void
test_logs_missing_stream (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vAwsClient) client = client_new (fixture, &c3v_aws_service_logs);
  g_autoptr (JsonObject) request = log_request ("nope", 0);
  g_auto (CallResult) r = { 0 };

  call (client, "GetLogEvents", request, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (r.error->message, "ResourceNotFoundException"));
  g_assert_nonnull (strstr (r.error->message, "log stream does not exist"));
}

/* JSON 1.0, signed for "monitoring": CloudWatch serves no operation yet,
 * so UnknownOperationException proves the request passed signature and
 * Content-Type checks. */
static void
test_cloudwatch_json_1_0 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vAwsClient) client = client_new (fixture, &c3v_aws_service_cloudwatch);
  g_auto (CallResult) r = { 0 };

  call (client, "ListMetrics", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (r.error->message, "UnknownOperationException"));
}

/* A client that signs Logs calls for another service is refused. */
static void
test_wrong_signing_name (Fixture *fixture, gconstpointer data)
{
  static C3vAwsService wrong;
  g_autoptr (C3vAwsClient) client = NULL;
  g_autoptr (JsonObject) request = log_request (C3V_FAKE_LOGS_STREAM, 0);
  g_auto (CallResult) r = { 0 };

  wrong = c3v_aws_service_logs;
  wrong.signing_name = "monitoring";
  client = client_new (fixture, &wrong);
  call (client, "GetLogEvents", request, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_SIGNATURE);
  g_assert_nonnull (strstr (r.error->message, "scoped to correct service: 'logs'"));
}

/* ... and so is one that speaks the wrong JSON version. */
static void
test_wrong_json_version (Fixture *fixture, gconstpointer data)
{
  static C3vAwsService wrong;
  g_autoptr (C3vAwsClient) client = NULL;
  g_autoptr (JsonObject) request = log_request (C3V_FAKE_LOGS_STREAM, 0);
  g_auto (CallResult) r = { 0 };

  wrong = c3v_aws_service_logs;
  wrong.json_version = "1.0";
  client = client_new (fixture, &wrong);
  call (client, "GetLogEvents", request, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_INVALID_PARAMETER);
  g_assert_nonnull (strstr (r.error->message, "application/x-amz-json-1.1"));
}

/* A target prefix the endpoint does not serve: authenticated, then
 * UnknownOperationException, never an answer from another service. */
static void
test_unknown_target (Fixture *fixture, gconstpointer data)
{
  static const C3vAwsService unknown = {
    .id = "nope",
    .target_prefix = "Nope_20200101",
    .signing_name = "nope",
    .json_version = "1.1",
    .endpoint_prefix = "nope",
    .env_suffix = "NOPE",
  };
  static C3vAwsService ecs_lookalike;
  g_autoptr (C3vAwsClient) client = client_new (fixture, &unknown);
  g_autoptr (C3vAwsClient) lookalike = NULL;
  g_auto (CallResult) r = { 0 };
  g_auto (CallResult) r2 = { 0 };

  call (client, "ListClusters", NULL, &r);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (r.error->message, "UnknownOperationException"));

  /* The prefix must match up to the dot. */
  ecs_lookalike = c3v_aws_service_ecs;
  ecs_lookalike.target_prefix = "AmazonEC2ContainerServiceV20141113X";
  lookalike = client_new (fixture, &ecs_lookalike);
  call (lookalike, "ListClusters", NULL, &r2);
  g_assert_error (r2.error, C3V_ECS_ERROR, C3V_ECS_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (r2.error->message, "UnknownOperationException"));
  g_assert_cmpuint (count_calls (fixture->fake, "ListClusters", 200), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/services/descriptors", test_descriptors);
#define ADD(path, func)                                                                            \
  g_test_add ("/aws/services/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ecs-is-default", test_ecs_is_default);
  ADD ("logs", test_logs);
  ADD ("logs-missing-stream", test_logs_missing_stream);
  ADD ("cloudwatch-json-1.0", test_cloudwatch_json_1_0);
  ADD ("wrong-signing-name", test_wrong_signing_name);
  ADD ("wrong-json-version", test_wrong_json_version);
  ADD ("unknown-target", test_unknown_target);
#undef ADD

  return g_test_run ();
}
