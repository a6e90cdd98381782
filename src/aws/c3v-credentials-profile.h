/* c3v-credentials-profile.h: static keys of one profile
 * (aws_access_key_id, aws_secret_access_key, aws_session_token).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-aws-profile-set.h"
#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_TYPE_CREDENTIALS_PROFILE (c3v_credentials_profile_get_type ())
G_DECLARE_FINAL_TYPE (C3vCredentialsProfile, c3v_credentials_profile, C3V, CREDENTIALS_PROFILE,
                      C3vCredentialsProvider)

/* NULL without error when @profile has no aws_access_key_id; fails with
 * C3V_AWS_CONFIG_ERROR_INVALID when only half of the key pair is there. */
C3vCredentialsProvider *c3v_credentials_profile_new (C3vAwsProfileSet *set, const char *profile,
                                                     GError **error);
/* Whether @profile carries static keys at all. */
gboolean c3v_credentials_profile_has_keys (C3vAwsProfileSet *set, const char *profile);

G_END_DECLS
