import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Where Groundcrew keeps its own state: GROUNDCREW_HOME, else $XDG_CONFIG_HOME/groundcrew, else ~/.config/groundcrew. */
export function groundcrewHome(env: NodeJS.ProcessEnv): string {
  if (env.GROUNDCREW_HOME) return path.resolve(env.GROUNDCREW_HOME);
  const base = env.XDG_CONFIG_HOME ?? path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(base, 'groundcrew');
}

const SettingsSchema = z.object({ selectedContext: z.string().nullable().default(null) });
export type Settings = z.infer<typeof SettingsSchema>;

/** A small JSON settings file, written atomically so a crash never leaves half a file. */
export class SettingsStore {
  private readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'settings.json');
  }

  read(): Settings {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      // A damaged settings file must not stop the console: fall back to defaults.
      return parsed.success ? parsed.data : SettingsSchema.parse({});
    } catch {
      return SettingsSchema.parse({});
    }
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.read(), ...patch };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    return next;
  }
}
