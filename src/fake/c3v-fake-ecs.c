/* c3v-fake-ecs.c: a local Amazon ECS endpoint on loopback (SoupServer).
 *
 * Every request goes through the same steps: find the service its
 * X-Amz-Target names, authenticate for that service, check its JSON
 * version, pick a fault, answer from the account, then send, either at once or from a timeout
 * when latency is set, so a slow answer never blocks other requests.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "c3v-fake-account.h"
#include "c3v-fake-auth.h"
#include "c3v-fake-ecs.h"
#include "c3v-fake-error.h"
#include "c3v-fake-hostile.h"
#include "c3v-fake-logs.h"
#include "c3v-fake-operations.h"
#include "c3v-fake-throttle.h"
#include "c3v-untrusted.h"

typedef JsonNode *(*FakeOperations) (C3vFakeAccount *account, const char *operation,
                                     JsonObject *request, GError **error);

/* A service the endpoint answers, told apart by the X-Amz-Target prefix.
 * Spelled out here, not taken from the client's c3v-aws-service.c: the
 * fake stands in for AWS, so a wrong descriptor must fail against it. */
typedef struct
{
  const char    *target_prefix;
  const char    *signing_name;
  const char    *content_type; /* of requests and answers */
  FakeOperations call;
} FakeService;

static JsonNode *
no_operations (C3vFakeAccount *account, const char *operation, JsonObject *request, GError **error)
{
  g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_UNKNOWN_OPERATION, "");
  return NULL;
}

/* CloudWatch has no operations yet: it authenticates and checks the JSON
 * version, so a client's signing name and Content-Type are tested. */
static const FakeService fake_services[] = {
  { "AmazonEC2ContainerServiceV20141113", "ecs", "application/x-amz-json-1.1",
    c3v_fake_operations_call },
  { "Logs_20140328", "logs", "application/x-amz-json-1.1", c3v_fake_logs_call },
  { "GraniteServiceVersion20100801", "monitoring", "application/x-amz-json-1.0", no_operations },
};

/* Answers to requests for no known service, and errors before the
 * service is known. */
#define DEFAULT_CONTENT_TYPE "application/x-amz-json-1.1"

typedef struct
{
  char        *operation; /* NULL: any */
  C3vFakeFault fault;
  guint        remaining;
} ScriptedFault;

typedef struct
{
  char *cluster_name;
  guint remaining;
} PendingDeletion;

/* One request between its arrival and its answer. */
typedef struct
{
  C3vFakeEcs        *self;
  SoupServerMessage *msg;
  char              *operation;
  guint              status;
  char              *body;
  gboolean           drop;
  const char        *content_type;
  gboolean           hostile; /* answered by c3v-fake-hostile */
  C3vFakeFault       hostile_fault;
  guint              timeout_id;
} Reply;

struct _C3vFakeEcs
{
  GObject parent_instance;

  C3vFakeAccount  *account;
  C3vFakeAuth     *auth;
  SoupServer      *server;
  char            *url;
  GRand           *fault_rand;
  guint            latency_ms;
  guint            trickle_ms;
  double           throttle_rate;
  double           error_rate;
  C3vFakeThrottle *buckets; /* NULL: no token buckets */
  GQueue           scripted_faults;
  GPtrArray       *deletions;
  GArray          *call_log;
  GPtrArray       *delayed; /* Reply waiting for their latency */
  guint            in_flight;
  guint            peak_in_flight;
};

G_DEFINE_FINAL_TYPE (C3vFakeEcs, c3v_fake_ecs, G_TYPE_OBJECT)

enum
{
  CALL_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
scripted_fault_free (gpointer data)
{
  ScriptedFault *scripted = data;

  g_free (scripted->operation);
  g_free (scripted);
}

static void
pending_deletion_free (gpointer data)
{
  PendingDeletion *deletion = data;

  g_free (deletion->cluster_name);
  g_free (deletion);
}

static void
call_clear (gpointer data)
{
  C3vFakeCall *call = data;

  g_free (call->operation);
}

static void
reply_free (Reply *reply)
{
  g_clear_handle_id (&reply->timeout_id, g_source_remove);
  g_clear_object (&reply->msg);
  g_free (reply->operation);
  g_free (reply->body);
  g_free (reply);
}

static void
c3v_fake_ecs_dispose (GObject *object)
{
  C3vFakeEcs *self = (C3vFakeEcs *) object;

  /* Unanswered delayed replies must not fire into a freed object. */
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (c3v_fake_ecs_parent_class)->dispose (object);
}

static void
c3v_fake_ecs_finalize (GObject *object)
{
  C3vFakeEcs *self = (C3vFakeEcs *) object;

  g_queue_clear_full (&self->scripted_faults, scripted_fault_free);
  g_clear_pointer (&self->deletions, g_ptr_array_unref);
  g_clear_pointer (&self->call_log, g_array_unref);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->buckets, c3v_fake_throttle_free);
  g_clear_pointer (&self->auth, c3v_fake_auth_free);
  g_clear_pointer (&self->account, c3v_fake_account_free);
  g_free (self->url);

  G_OBJECT_CLASS (c3v_fake_ecs_parent_class)->finalize (object);
}

static void
c3v_fake_ecs_class_init (C3vFakeEcsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = c3v_fake_ecs_dispose;
  object_class->finalize = c3v_fake_ecs_finalize;

  /**
   * C3vFakeEcs::call-answered:
   * @operation: "ListTasks", or "" when the target was unreadable
   * @status: HTTP status sent, 0 for a dropped connection
   * @time_us: monotonic time of the answer
   */
  signals[CALL_ANSWERED]
      = g_signal_new ("call-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_INT64);
}

static void
c3v_fake_ecs_init (C3vFakeEcs *self)
{
  g_queue_init (&self->scripted_faults);
  self->deletions = g_ptr_array_new_with_free_func (pending_deletion_free);
  self->call_log = g_array_new (FALSE, TRUE, sizeof (C3vFakeCall));
  g_array_set_clear_func (self->call_log, call_clear);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) reply_free);
}

C3vFakeEcs *
c3v_fake_ecs_new (const C3vFakeEcsOptions *options)
{
  static const C3vFakeEcsOptions defaults = { 0 };
  C3vFakeEcs                    *self = g_object_new (C3V_TYPE_FAKE_ECS, NULL);
  C3vFakeAccountOptions          account_options = { 0 };

  if (options == NULL)
    options = &defaults;

  account_options.seed = options->seed;
  account_options.region = options->region != NULL ? options->region : C3V_FAKE_ECS_REGION;
  account_options.large_instances = options->large_instances;
  account_options.large_tasks = options->large_tasks;
  account_options.large_services = options->large_services;
  account_options.large_stopping = options->large_stopping;
  self->account = c3v_fake_account_generate (&account_options);
  self->auth = c3v_fake_auth_new (
      options->access_key_id != NULL ? options->access_key_id : C3V_FAKE_ECS_ACCESS_KEY_ID,
      options->secret_access_key != NULL ? options->secret_access_key
                                         : C3V_FAKE_ECS_SECRET_ACCESS_KEY,
      options->session_token, account_options.region);
  self->fault_rand = g_rand_new_with_seed (options->seed);
  self->latency_ms = options->latency_ms;
  self->trickle_ms = 1000;
  self->throttle_rate = options->throttle_rate;
  self->error_rate = options->error_rate;
  c3v_fake_ecs_set_token_buckets (self, options->bucket_capacity, options->bucket_refill);
  return self;
}

static void
apply_deletions (C3vFakeEcs *self)
{
  for (guint i = self->deletions->len; i > 0; i--)
    {
      PendingDeletion *deletion = g_ptr_array_index (self->deletions, i - 1);
      C3vFakeCluster  *cluster;

      if (deletion->remaining > 0)
        deletion->remaining--;
      if (deletion->remaining > 0)
        continue;

      cluster = c3v_fake_account_find_cluster (self->account, deletion->cluster_name, TRUE);
      if (cluster != NULL)
        cluster->deleted = TRUE;
      g_ptr_array_remove_index (self->deletions, i - 1);
    }
}

static void
record_call (C3vFakeEcs *self, const char *operation, guint status)
{
  C3vFakeCall call = { g_strdup (operation), g_get_monotonic_time (), status };

  g_array_append_val (self->call_log, call);
  self->in_flight--;
  apply_deletions (self);
  g_signal_emit (self, signals[CALL_ANSWERED], 0, operation, status, call.time_us);
}

/* Closes the connection without a response, as a dying load balancer
 * would: the client sees a reset, not an HTTP error. */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
send_reply (Reply *reply)
{
  C3vFakeEcs *self = reply->self;

  if (reply->drop)
    drop_connection (reply->msg);
  else if (reply->hostile)
    reply->status = c3v_fake_hostile_answer (reply->msg, reply->hostile_fault, reply->body,
                                             self->url, self->trickle_ms);
  else
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (reply->msg);
      g_autofree char    *request_id = g_uuid_string_random ();

      soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
      soup_server_message_set_status (reply->msg, reply->status, NULL);
      soup_server_message_set_response (reply->msg, reply->content_type, SOUP_MEMORY_COPY,
                                        reply->body, strlen (reply->body));
    }
  record_call (self, reply->operation, reply->drop ? 0 : reply->status);
}

static gboolean
send_delayed_reply (gpointer data)
{
  Reply      *reply = data;
  C3vFakeEcs *self = reply->self;

  reply->timeout_id = 0;
  send_reply (reply);
  if (!reply->drop)
    soup_server_message_unpause (reply->msg);
  g_ptr_array_remove_fast (self->delayed, reply);
  return G_SOURCE_REMOVE;
}

static void
set_error_reply (Reply *reply, const GError *error)
{
  C3vFakeErrorCode code = error->domain == C3V_FAKE_ERROR ? error->code : C3V_FAKE_ERROR_SERVER;

  reply->status = c3v_fake_error_http_status (code);
  g_free (reply->body);
  reply->body = c3v_fake_error_to_json (error);
}

static gboolean
take_scripted_fault (C3vFakeEcs *self, const char *operation, C3vFakeFault *fault)
{
  for (GList *link = self->scripted_faults.head; link != NULL; link = link->next)
    {
      ScriptedFault *scripted = link->data;

      if (scripted->operation != NULL && g_strcmp0 (scripted->operation, operation) != 0)
        continue;

      *fault = scripted->fault;
      if (--scripted->remaining == 0)
        {
          g_queue_delete_link (&self->scripted_faults, link);
          scripted_fault_free (scripted);
        }
      return TRUE;
    }
  return FALSE;
}

/* Scripted faults first, so tests stay deterministic; then the token
 * buckets; then the seeded random rates. */
static gboolean
choose_fault (C3vFakeEcs *self, const char *operation, C3vFakeFault *fault)
{
  double roll;

  if (take_scripted_fault (self, operation, fault))
    return TRUE;
  if (self->buckets != NULL
      && !c3v_fake_throttle_admit (self->buckets, operation, g_get_monotonic_time ()))
    {
      *fault = C3V_FAKE_FAULT_THROTTLE;
      return TRUE;
    }
  if (self->throttle_rate <= 0 && self->error_rate <= 0)
    return FALSE;

  roll = g_rand_double (self->fault_rand);
  if (roll < self->throttle_rate)
    *fault = C3V_FAKE_FAULT_THROTTLE;
  else if (roll < self->throttle_rate + self->error_rate)
    *fault = C3V_FAKE_FAULT_SERVER_ERROR;
  else
    return FALSE;
  return TRUE;
}

static void
apply_fault (Reply *reply, C3vFakeFault fault)
{
  g_autoptr (GError) error = NULL;

  switch (fault)
    {
      case C3V_FAKE_FAULT_THROTTLE:
        error = g_error_new_literal (C3V_FAKE_ERROR, C3V_FAKE_ERROR_THROTTLING, "Rate exceeded");
        set_error_reply (reply, error);
        break;
      case C3V_FAKE_FAULT_SERVER_ERROR:
        error = g_error_new_literal (C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERVER,
                                     "Service Unavailable. Please try again later.");
        set_error_reply (reply, error);
        break;
      case C3V_FAKE_FAULT_MALFORMED:
        reply->status = SOUP_STATUS_OK;
        g_free (reply->body);
        reply->body = g_strdup ("<html><body>502 Bad Gateway</body></html>");
        break;
      case C3V_FAKE_FAULT_TRUNCATED:
        /* Cut the real answer in half: valid start, broken end. */
        reply->body[strlen (reply->body) / 2] = '\0';
        break;
      case C3V_FAKE_FAULT_DROP:
        reply->drop = TRUE;
        break;
      case C3V_FAKE_FAULT_DEEP_JSON:
      case C3V_FAKE_FAULT_ENDLESS_PAGINATION:
      case C3V_FAKE_FAULT_TRICKLE:
      case C3V_FAKE_FAULT_OVERSIZE:
      case C3V_FAKE_FAULT_REDIRECT:
        /* Only a real answer is distorted; an error stays an error. */
        reply->hostile = reply->status == SOUP_STATUS_OK;
        reply->hostile_fault = fault;
        break;
      default:
        g_assert_not_reached ();
    }
}

/* The service "<prefix>.<Operation>" is for, or NULL; *@operation is then
 * the part after the dot. */
static const FakeService *
find_service (const char *target, const char **operation)
{
  for (guint i = 0; target != NULL && i < G_N_ELEMENTS (fake_services); i++)
    {
      const char *prefix = fake_services[i].target_prefix;
      gsize       length = strlen (prefix);

      if (strncmp (target, prefix, length) == 0 && target[length] == '.')
        {
          *operation = target + length + 1;
          return &fake_services[i];
        }
    }
  return NULL;
}

static gboolean
check_target (SoupServerMessage *msg, const FakeService *service, GError **error)
{
  if (strcmp (soup_server_message_get_method (msg), "POST") != 0 || service == NULL)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_UNKNOWN_OPERATION, "");
      return FALSE;
    }
  return TRUE;
}

/* Each service speaks one JSON version: a request in another one is a
 * client that mixed up its services. */
static gboolean
check_content_type (SoupServerMessage *msg, const FakeService *service, GError **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char         *type = soup_message_headers_get_content_type (headers, NULL);

  if (g_strcmp0 (type, service->content_type) == 0)
    return TRUE;
  g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERIALIZATION,
               "The Content-Type of a request to %s must be %s.", service->signing_name,
               service->content_type);
  return FALSE;
}

/* Requests are untrusted too: a client could send JSON deep enough to
 * overflow json-glib's recursive parser. */
static JsonNode *
answer_request (C3vFakeEcs *self, const FakeService *service, const char *operation, GBytes *body,
                GError **error)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("{}", 2);
  g_autoptr (JsonObject) request
      = c3v_untrusted_json_parse_object (g_bytes_get_size (body) > 0 ? body : empty, NULL);

  if (request == NULL)
    {
      g_set_error_literal (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_SERIALIZATION,
                           "Start of structure or map found where not expected.");
      return NULL;
    }
  return service->call (self->account, operation, request, error);
}

static void
fill_reply (C3vFakeEcs *self, Reply *reply, SoupServerMessage *msg)
{
  /* The body is accumulated (SoupServer's default) by the time the
   * handler runs. */
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char         *operation = NULL;
  const FakeService  *service
      = find_service (soup_message_headers_get_one (headers, "X-Amz-Target"), &operation);
  C3vFakeFault fault;

  if (service != NULL)
    reply->content_type = service->content_type;
  if (!c3v_fake_auth_verify (self->auth, msg, body, g_get_real_time () / G_USEC_PER_SEC,
                             service != NULL ? service->signing_name : NULL, &error)
      || !check_target (msg, service, &error) || !check_content_type (msg, service, &error))
    {
      g_debug ("fake-ecs: refused %s: %s", operation ? operation : "request", error->message);
      set_error_reply (reply, error);
      return;
    }
  reply->operation = g_strdup (operation);

  /* Once a chain went endless it stays so, whatever the faults. */
  reply->body = c3v_fake_hostile_endless_page (body);
  if (reply->body != NULL)
    {
      reply->status = SOUP_STATUS_OK;
      return;
    }

  answer = answer_request (self, service, reply->operation, body, &error);
  if (answer == NULL)
    set_error_reply (reply, error);
  else
    {
      reply->status = SOUP_STATUS_OK;
      reply->body = json_to_string (answer, FALSE);
    }

  if (choose_fault (self, reply->operation, &fault))
    apply_fault (reply, fault);
}

static void
handle_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                gpointer user_data)
{
  C3vFakeEcs *self = user_data;
  Reply      *reply = g_new0 (Reply, 1);

  reply->self = self;
  reply->msg = g_object_ref (msg);
  reply->content_type = DEFAULT_CONTENT_TYPE;
  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);

  if (g_strcmp0 (path, C3V_FAKE_HOSTILE_REDIRECT_PATH) == 0)
    {
      /* Whatever arrives here carries credentials where they should not go. */
      g_warning ("fake-ecs: a client followed a redirect to %s", path);
      reply->status = SOUP_STATUS_MISDIRECTED_REQUEST;
      reply->body = g_strdup ("{\"__type\":\"FollowedRedirectException\",\"message\":"
                              "\"The client followed a redirect, sending its credentials on\"}");
    }
  else
    fill_reply (self, reply, msg);
  if (reply->operation == NULL)
    reply->operation = g_strdup ("");

  if (self->latency_ms == 0)
    {
      send_reply (reply);
      reply_free (reply);
      return;
    }

  soup_server_message_pause (msg);
  reply->timeout_id = g_timeout_add (self->latency_ms, send_delayed_reply, reply);
  g_ptr_array_add (self->delayed, reply);
}

gboolean
c3v_fake_ecs_start (C3vFakeEcs *self, guint port, GError **error)
{
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (C3V_IS_FAKE_ECS (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "c3vis-fake-ecs", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

const char *
c3v_fake_ecs_get_url (C3vFakeEcs *self)
{
  g_return_val_if_fail (C3V_IS_FAKE_ECS (self), NULL);

  return self->url;
}

void
c3v_fake_ecs_add_fault (C3vFakeEcs *self, const char *operation, C3vFakeFault fault, guint count)
{
  ScriptedFault *scripted;

  g_return_if_fail (C3V_IS_FAKE_ECS (self));
  g_return_if_fail (fault <= C3V_FAKE_FAULT_REDIRECT);

  if (count == 0)
    return;

  scripted = g_new0 (ScriptedFault, 1);
  scripted->operation = g_strdup (operation);
  scripted->fault = fault;
  scripted->remaining = count;
  g_queue_push_tail (&self->scripted_faults, scripted);
}

void
c3v_fake_ecs_set_latency (C3vFakeEcs *self, guint latency_ms)
{
  g_return_if_fail (C3V_IS_FAKE_ECS (self));

  self->latency_ms = latency_ms;
}

void
c3v_fake_ecs_set_trickle_interval (C3vFakeEcs *self, guint interval_ms)
{
  g_return_if_fail (C3V_IS_FAKE_ECS (self));
  g_return_if_fail (interval_ms > 0);

  self->trickle_ms = interval_ms;
}

void
c3v_fake_ecs_set_fault_rates (C3vFakeEcs *self, double throttle_rate, double error_rate)
{
  g_return_if_fail (C3V_IS_FAKE_ECS (self));
  g_return_if_fail (throttle_rate >= 0 && throttle_rate <= 1);
  g_return_if_fail (error_rate >= 0 && error_rate <= 1);

  self->throttle_rate = throttle_rate;
  self->error_rate = error_rate;
}

void
c3v_fake_ecs_set_token_buckets (C3vFakeEcs *self, guint capacity, double refill_per_s)
{
  g_return_if_fail (C3V_IS_FAKE_ECS (self));
  g_return_if_fail (capacity == 0 || refill_per_s > 0);

  g_clear_pointer (&self->buckets, c3v_fake_throttle_free);
  if (capacity > 0)
    self->buckets = c3v_fake_throttle_new (capacity, refill_per_s);
}

C3vFakeAccount *
c3v_fake_ecs_get_account (C3vFakeEcs *self)
{
  g_return_val_if_fail (C3V_IS_FAKE_ECS (self), NULL);

  return self->account;
}

void
c3v_fake_ecs_delete_cluster (C3vFakeEcs *self, const char *cluster_name, guint after_calls)
{
  PendingDeletion *deletion;

  g_return_if_fail (C3V_IS_FAKE_ECS (self));
  g_return_if_fail (cluster_name != NULL);

  deletion = g_new0 (PendingDeletion, 1);
  deletion->cluster_name = g_strdup (cluster_name);
  deletion->remaining = after_calls;
  g_ptr_array_add (self->deletions, deletion);
  if (after_calls == 0)
    apply_deletions (self);
}

GArray *
c3v_fake_ecs_get_call_log (C3vFakeEcs *self)
{
  g_return_val_if_fail (C3V_IS_FAKE_ECS (self), NULL);

  return self->call_log;
}

guint
c3v_fake_ecs_get_peak_in_flight (C3vFakeEcs *self)
{
  g_return_val_if_fail (C3V_IS_FAKE_ECS (self), 0);

  return self->peak_in_flight;
}

void
c3v_fake_ecs_clear_call_log (C3vFakeEcs *self)
{
  g_return_if_fail (C3V_IS_FAKE_ECS (self));

  g_array_set_size (self->call_log, 0);
  self->peak_in_flight = self->in_flight;
}
