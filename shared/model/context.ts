import { z } from 'zod';

/** One kubeconfig context as the UI and CLI see it: names and addresses only, never credentials. */
export const KubeContextSchema = z.object({
  name: z.string(),
  cluster: z.string(),
  server: z.string(),
  user: z.string(),
  namespace: z.string(),
  current: z.boolean(),
  /** The kubeconfig file that defined this context (kubectl's merge rule: first file wins). */
  file: z.string(),
});
export type KubeContext = z.infer<typeof KubeContextSchema>;

export const ContextsListSchema = z.object({
  /** Files read, in KUBECONFIG order. */
  files: z.array(z.string()),
  /** Problems kubectl would ignore too (unknown fields), as `file:line: …`. */
  warnings: z.array(z.string()).default([]),
  /** current-context from the kubeconfig files (kubectl's view). */
  kubeconfigCurrent: z.string().nullable(),
  /** The context Groundcrew works on; starts as kubectl's current context. */
  selected: z.string().nullable(),
  contexts: z.array(KubeContextSchema),
});
export type ContextsList = z.infer<typeof ContextsListSchema>;
