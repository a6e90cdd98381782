/* c3v-credentials-process.h: the profile's `credential_process`.
 *
 * The command line is split with g_shell_parse_argv() and run directly,
 * never through a shell; its JSON output (Version 1, AccessKeyId,
 * SecretAccessKey, SessionToken, Expiration) becomes the credentials. Wrap
 * it in c3v-credentials-cached to reuse them until shortly before expiry.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_PROCESS (c3v_credentials_process_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsProcess, c3v_credentials_process, C3V, CREDENTIALS_PROCESS,
                      C3vCredentialsProvider)

C3vCredentialsProvider *c3v_credentials_process_new (const char *profile, const char *command);

G_END_DECLS
