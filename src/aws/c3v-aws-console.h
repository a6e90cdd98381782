/* c3v-aws-console.h: links into the AWS Management Console.
 *
 * The console has its own domain in the China regions, as the API has
 * (c3v_aws_regional_endpoint()); both rules live here in src/aws so a
 * widget only asks for a link and never spells a host.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/web/tasks/ID?region=eu-west-1";
 * the cluster name is escaped. NULL when any argument is NULL or empty. */
char *c3v_aws_console_ecs_task_url (const char *region, const char *cluster, const char *task_id);
/* The same for a container instance (its id, the ARN's last part). */
char *c3v_aws_console_ecs_instance_url (const char *region, const char *cluster,
                                        const char *instance_id);

G_END_DECLS
