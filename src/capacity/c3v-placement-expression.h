/* c3v-placement-expression.h: memberOf expressions of the cluster query
 * language, on what a snapshot knows of an instance.
 *
 * Supported: attribute:ecs.instance-type, attribute:ecs.availability-zone
 * and ec2InstanceId, with ==, !=, in [..], not_in [..], =~ and !~ (the
 * value a pattern with * wildcards), joined by and, or (and first) and
 * parentheses. Anything else (other attributes, numbers, exists,
 * task:group) is unsupported and said so, never read as true or false.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  C3V_EXPRESSION_FALSE,
  C3V_EXPRESSION_TRUE,
  C3V_EXPRESSION_UNSUPPORTED,
} C3vExpressionResult;

typedef struct _C3vPlacementExpression C3vPlacementExpression;

/* Never NULL: an expression that does not parse evaluates UNSUPPORTED,
 * and c3v_placement_expression_get_problem() says why. */
C3vPlacementExpression *c3v_placement_expression_new (const char *expression);
void                    c3v_placement_expression_free (C3vPlacementExpression *self);
/* NULL when supported; else one line on what is not (untranslated). */
const char         *c3v_placement_expression_get_problem (const C3vPlacementExpression *self);
C3vExpressionResult c3v_placement_expression_evaluate (const C3vPlacementExpression *self,
                                                       const C3vInstance            *instance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vPlacementExpression, c3v_placement_expression_free)

G_END_DECLS
