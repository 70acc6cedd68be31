import { z } from 'zod';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  build: z.string(),
  platform: z.string(),
  arch: z.string(),
  node: z.string(),
  /** Which host answers: the desktop app, the browser host or the CLI. */
  host: z.enum(['electron', 'browser', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const LicenseEntrySchema = z.object({
  name: z.string(),
  version: z.string(),
  license: z.string(),
});
export const LicensesSchema = z.object({ packages: z.array(LicenseEntrySchema) });
export type Licenses = z.infer<typeof LicensesSchema>;
