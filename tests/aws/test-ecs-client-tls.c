/* test-ecs-client-tls.c: the ECS client over https keeps certificate
 * verification on.
 *
 * A program of its own so that a missing TLS backend (glib-networking) exits
 * 77, which meson reports as SKIP, instead of passing unnoticed. Not
 * registered under the sanitizers: LeakSanitizer's tracer crashes at exit on
 * the threads the GnuTLS backend leaves behind.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-ecs-client.h"
#include "c3v-ecs-error-private.h"
#include "test-ecs-call.h"
#include "test-ecs-server.h"

#define WAIT_MS 5000

/* An unknown CA is a TLS error, not retried: the server sees no request. */
static void
test_tls_untrusted (void)
{
  g_autoptr (GTlsCertificate) certificate = test_server_self_signed_certificate ();
  g_autoptr (TestServer) ts = test_server_new_full (certificate);
  g_autoptr (C3vCredentials) credentials = c3v_credentials_new (ACCESS_KEY, SECRET, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (C3vEcsClient) client = c3v_ecs_client_new (provider, REGION, ts->url);
  g_auto (CallResult) r = { 0 };

  c3v_ecs_client_call_async (client, "ListClusters", NULL, NULL, call_done, &r);
  wait_for (&r.done, WAIT_MS);
  g_assert_error (r.error, C3V_ECS_ERROR, C3V_ECS_ERROR_TLS);
  g_assert_cmpuint (ts->requests, ==, 0);
}

int
main (int argc, char *argv[])
{
  /* Loopback is reached directly, whatever proxy the machine is set up for. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

#ifdef __SANITIZE_ADDRESS__
  g_print ("SKIP: the TLS backend's threads break LeakSanitizer\n");
  return 77;
#endif
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_print ("SKIP: no TLS backend (glib-networking)\n");
      return 77;
    }

  g_test_add_func ("/ecs-client/tls-untrusted", test_tls_untrusted);

  return g_test_run ();
}
