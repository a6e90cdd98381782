/* test-credentials-support.h: a throw-away HOME and environment for the
 * profile, config and credentials tests.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

/* Makes a fresh temporary HOME with an empty ~/.aws, clears every AWS_*
 * variable the code reads, and returns the HOME path. */
char *test_home_setup (void);
/* Removes the directory tree made by test_home_setup(). */
void test_home_teardown (char *home);
/* Writes @contents to @home/@relative_path, creating directories. */
char *test_home_write (const char *home, const char *relative_path, const char *contents);
/* Runs get_async to completion on the default main context; fails the test
 * when that takes more than a few seconds. */
C3vCredentials *test_get_credentials (C3vCredentialsProvider *provider, GError **error);
/* test_get_credentials() on the chain of @profile, which must build. */
C3vCredentials *test_get_credentials_for_profile (const char *profile, GError **error);
/* Iterates the default main context until *@flag is TRUE (or fails). */
void test_wait_for (gboolean *flag);

/* A server on 127.0.0.1 (any free port) with @callback for every path;
 * *@url is "http://127.0.0.1:PORT" without a trailing slash. */
SoupServer *test_server_new (SoupServerCallback callback, gpointer user_data, char **url);

G_END_DECLS
