/* c3v-aws-config-private.h: helpers shared by the credential sources.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "c3v-aws-profile-set.h"

G_BEGIN_DECLS

/* Refresh cached credentials this long before they expire, like the SDKs. */
#define C3V_AWS_REFRESH_MARGIN_SECONDS (5 * 60)

/* $HOME/@first_element/...: read $HOME on each call (g_get_home_dir() caches
 * its first answer) so a changed HOME is honoured. NULL-terminated. */
char *c3v_aws_home_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;
/* ISO 8601 as AWS writes it ("2026-01-02T03:04:05Z", with fractions or an
 * offset, or the legacy "...UTC" of old SSO caches); assumes UTC. */
gboolean c3v_aws_parse_timestamp (const char *text, gint64 *out_unix);
/* Checks http/https and a host; returns a copy without trailing '/'. */
char *c3v_aws_normalize_endpoint (const char *url, GError **error);
/* Endpoint override for one service the way the SDKs look for it:
 * AWS_ENDPOINT_URL_<@env_id>, AWS_ENDPOINT_URL, the profile's `services`
 * section (`@services_key =` / `endpoint_url =`), the profile's
 * `endpoint_url`. NULL when none applies (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS). */
char *c3v_aws_endpoint_override (C3vAwsProfileSet *set, const char *profile, const char *env_id,
                                 const char *services_key);
/* "https://<service>.<region>.amazonaws.com", ".com.cn" for cn-* regions. */
char *c3v_aws_regional_endpoint (const char *service, const char *region);
/* Region from AWS_REGION, AWS_DEFAULT_REGION, then the profile; NULL if none. */
char *c3v_aws_lookup_region (C3vAwsProfileSet *set, const char *profile);

/* Fails with UNKNOWN_PROFILE when @name was chosen (@chosen: by argument or
 * AWS_PROFILE) but is in neither file; a missing "default" is fine. */
gboolean c3v_aws_check_profile (C3vAwsProfileSet *set, const char *name, gboolean chosen,
                                GError **error);
/* TRUE when AWS_PROFILE names a profile. */
gboolean c3v_aws_profile_from_env (void);

G_END_DECLS
