/* c3v-fake-account-private.h: what only the generator needs to build an
 * account.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-fake-account.h"

G_BEGIN_DECLS

/* An empty account whose arrays own the items added to them. */
C3vFakeAccount *c3v_fake_account_new_empty (const char *region);
C3vFakeCluster *c3v_fake_account_add_cluster (C3vFakeAccount *account, const char *name);

G_END_DECLS
