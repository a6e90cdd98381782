/* c3v-credentials-sso.h: IAM Identity Center (SSO) role credentials.
 *
 * Reads the token `aws sso login` cached in ~/.aws/sso/cache/<sha1>.json
 * (sha1 of the sso-session name, or of the start URL for legacy profiles)
 * and exchanges it at the SSO portal (GET /federation/credentials). The
 * portal endpoint honours AWS_ENDPOINT_URL_SSO like the SDKs. Token refresh
 * is left to the AWS CLI: a missing or expired token asks the user to run
 * `aws sso login`. Wrap it in c3v-credentials-cached.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-aws-profile-set.h"
#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_SSO (c3v_credentials_sso_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsSso, c3v_credentials_sso, C3V, CREDENTIALS_SSO,
                      C3vCredentialsProvider)

/* NULL without error when @profile has no SSO settings; fails with
 * C3V_AWS_CONFIG_ERROR_INVALID when they are incomplete. */
C3vCredentialsProvider *c3v_credentials_sso_new (C3vAwsProfileSet *set, const char *profile,
                                                 GError **error);

G_END_DECLS
