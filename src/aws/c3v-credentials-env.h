/* c3v-credentials-env.h: credentials from AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, read on every request.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_ENV (c3v_credentials_env_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsEnv, c3v_credentials_env, C3V, CREDENTIALS_ENV,
                      C3vCredentialsProvider)

/* Fails with C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS when the variables are unset,
 * so a chain moves on to the next source. */
C3vCredentialsProvider *c3v_credentials_env_new (void);

G_END_DECLS
