/* c3v-credentials-sts.h: a profile's `role_arn`, assumed through STS
 * AssumeRole with the credentials of its `source_profile`.
 *
 * The call is a SigV4-signed form POST (`Action=AssumeRole&Version=
 * 2011-06-15&RoleArn=...&RoleSessionName=...`) answered in XML. The STS
 * endpoint honours AWS_ENDPOINT_URL_STS like the SDKs (tests point it at a
 * local server). Wrap it in c3v-credentials-cached.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-aws-profile-set.h"
#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_STS (c3v_credentials_sts_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsSts, c3v_credentials_sts, C3V, CREDENTIALS_STS,
                      C3vCredentialsProvider)

/* Reads role_arn, role_session_name, external_id, duration_seconds, the
 * region and the STS endpoint for @profile; @source signs the call. Fails
 * with C3V_AWS_CONFIG_ERROR_INVALID on a bad endpoint URL. */
C3vCredentialsProvider *c3v_credentials_sts_new (C3vAwsProfileSet *set, const char *profile,
                                                 C3vCredentialsProvider *source, GError **error);

G_END_DECLS
