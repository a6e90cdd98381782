/* c3v-credentials-provider.h: where credentials come from.
 *
 * One subclass per source (environment, profile keys, credential_process,
 * STS AssumeRole, SSO, static); c3v-credentials-chain tries them in the
 * order the AWS CLI does. Callers only see this base class.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-credentials.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_PROVIDER (c3v_credentials_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (C3vCredentialsProvider, c3v_credentials_provider, C3V,
                          CREDENTIALS_PROVIDER, GObject)

struct _C3vCredentialsProviderClass
{
  GObjectClass parent_class;

  void (*get_async) (C3vCredentialsProvider *self, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data);
  C3vCredentials *(*get_finish) (C3vCredentialsProvider *self, GAsyncResult *result,
                                 GError **error);
  /* Short human description for messages, e.g. "profile dev (SSO)". */
  char *(*describe) (C3vCredentialsProvider *self);
};

void c3v_credentials_provider_get_async (C3vCredentialsProvider *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
C3vCredentials *c3v_credentials_provider_get_finish (C3vCredentialsProvider *self,
                                                     GAsyncResult *result, GError **error);
char           *c3v_credentials_provider_describe (C3vCredentialsProvider *self);

/* Always hands out the same credentials (demo, tests). */
C3vCredentialsProvider *c3v_credentials_provider_new_static (C3vCredentials *credentials);

G_END_DECLS
