/* c3v-credentials-chain.h: tries credential sources in order.
 *
 * A source that has nothing to offer fails with
 * C3V_AWS_CONFIG_ERROR_NO_CREDENTIALS and the chain moves on; any other
 * error (a failing credential_process, STS saying no) is the answer, as in
 * the AWS CLI. c3v_credentials_chain_new() in c3v-aws-config.h builds the
 * chain for a profile.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_CHAIN (c3v_credentials_chain_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsChain, c3v_credentials_chain, C3V, CREDENTIALS_CHAIN,
                      C3vCredentialsProvider)

/* @providers: C3vCredentialsProvider, tried first to last. @not_found: the
 * user-visible message when none of them has credentials. */
C3vCredentialsProvider *c3v_credentials_chain_new_for_providers (GPtrArray  *providers,
                                                                 const char *not_found);

G_END_DECLS
