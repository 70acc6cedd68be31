import { z } from 'zod';

export const ResourceAttributesSchema = z.object({
  verb: z.string(),
  group: z.string(),
  resource: z.string(),
  subresource: z.string().optional(),
  namespace: z.string().optional(),
});
export type ResourceAttributes = z.infer<typeof ResourceAttributesSchema>;

export const PermissionCheckSchema = ResourceAttributesSchema.extend({
  allowed: z.boolean(),
  /** The authorizer's reason, or why the review itself failed. */
  reason: z.string(),
});
export type PermissionCheck = z.infer<typeof PermissionCheckSchema>;

export const OperationPermissionSchema = z.object({
  operation: z.enum(['inspect', 'repair', 'install', 'observe', 'support-bundle']),
  title: z.string(),
  allowed: z.boolean(),
  /** What this identity lacks for the operation; empty when allowed. */
  missing: z.array(PermissionCheckSchema),
});
export type OperationPermission = z.infer<typeof OperationPermissionSchema>;

export const PermissionsReportSchema = z.object({
  context: z.string(),
  namespace: z.string().optional(),
  operations: z.array(OperationPermissionSchema),
  checks: z.array(PermissionCheckSchema),
});
export type PermissionsReport = z.infer<typeof PermissionsReportSchema>;
