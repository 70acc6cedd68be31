import { z } from 'zod';

/** Why a context does or does not connect, classified so the UI can say what to do. */
export const ConnectionClassSchema = z.enum([
  'ok',
  'kubeconfig-invalid',
  'exec-missing',
  'exec-failed',
  'dns',
  'refused',
  'timeout',
  'tls-unknown-authority',
  'tls-name-mismatch',
  'tls-other',
  'unauthorized',
  'forbidden',
  'proxy',
  'http-error',
]);
export type ConnectionClass = z.infer<typeof ConnectionClassSchema>;

export const ConnectionDiagnosisSchema = z.object({
  context: z.string(),
  server: z.string(),
  ok: z.boolean(),
  class: ConnectionClassSchema,
  message: z.string(),
  /** What to do about it. */
  hint: z.string().optional(),
  serverVersion: z.string().optional(),
  identity: z
    .object({ username: z.string(), groups: z.array(z.string()) })
    .optional(),
  roundTripMs: z.number().optional(),
});
export type ConnectionDiagnosis = z.infer<typeof ConnectionDiagnosisSchema>;
