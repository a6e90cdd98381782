/* c3v-aws-profile-set.h: the shared AWS config and credentials files.
 *
 * Files in, one merged table of sections out; nothing here knows about
 * credentials or the network. Parsing follows the AWS CLI: `#`/`;` comment
 * lines, `[default]`, `[profile x]`, `[sso-session x]` and `[services x]` in
 * the config file, `[x]` in the credentials file, trimmed values, indented
 * lines as continuations or (after an empty value) sub-properties, stored as
 * "parent.name" (`ecs.endpoint_url`). Values from the credentials file win.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  C3V_AWS_SECTION_PROFILE,
  C3V_AWS_SECTION_SSO_SESSION,
  C3V_AWS_SECTION_SERVICES,
} C3vAwsSectionKind;

typedef enum
{
  C3V_AWS_FILE_CONFIG,      /* [profile x], [sso-session x], [services x] */
  C3V_AWS_FILE_CREDENTIALS, /* [x] */
} C3vAwsFileKind;

typedef struct _C3vAwsProfileSet C3vAwsProfileSet;

C3vAwsProfileSet *c3v_aws_profile_set_new (void);
void              c3v_aws_profile_set_free (C3vAwsProfileSet *self);
/* Merges @text into @self; @file_name is only used in error messages
 * ("file:line: ..."). Fails with C3V_AWS_CONFIG_ERROR_INVALID. */
gboolean c3v_aws_profile_set_parse (C3vAwsProfileSet *self, const char *text, const char *file_name,
                                    C3vAwsFileKind kind, GError **error);
/* A missing file is not an error: most users have only one of the two. */
gboolean c3v_aws_profile_set_load_file (C3vAwsProfileSet *self, const char *path,
                                        C3vAwsFileKind kind, GError **error);
/* Both files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (default
 * ~/.aws/config and ~/.aws/credentials). */
C3vAwsProfileSet *c3v_aws_profile_set_load_default (GError **error);
/* The paths load_default read (NULL for a set built by hand). */
const char *c3v_aws_profile_set_get_config_path (C3vAwsProfileSet *self);
const char *c3v_aws_profile_set_get_credentials_path (C3vAwsProfileSet *self);
gboolean    c3v_aws_profile_set_has_section (C3vAwsProfileSet *self, C3vAwsSectionKind kind,
                                             const char *name);
/* NULL when the section or the key is absent. */
const char *c3v_aws_profile_set_get (C3vAwsProfileSet *self, C3vAwsSectionKind kind,
                                     const char *name, const char *key);
/* Sorted section names of @kind. */
char **c3v_aws_profile_set_list (C3vAwsProfileSet *self, C3vAwsSectionKind kind);

/* Shortcut for the common case: a key of profile @profile. */
#define c3v_aws_profile_set_get_profile(self, profile, key)                                        \
  c3v_aws_profile_set_get ((self), C3V_AWS_SECTION_PROFILE, (profile), (key))

/* The paths the environment selects, whether or not the files exist. */
char *c3v_aws_profile_set_config_file_path (void);
char *c3v_aws_profile_set_credentials_file_path (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vAwsProfileSet, c3v_aws_profile_set_free)

G_END_DECLS
