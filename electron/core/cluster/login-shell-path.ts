import { spawn } from 'node:child_process';

const START = '__GROUNDCREW_PATH_START__';
const END = '__GROUNDCREW_PATH_END__';

/**
 * The PATH the user's login shell sets up. An app started from a desktop launcher inherits a
 * minimal PATH without ~/.local/bin, /opt/homebrew/bin, gcloud's folder… where exec credential
 * plugins live, so kubectl works in a terminal while the app cannot find the plugin. Runs
 * `$SHELL -ilc` with a timeout; markers around the value ignore whatever rc files print.
 * Resolves null when there is no shell, it fails, or it takes too long.
 */
export function loginShellPath(env: NodeJS.ProcessEnv = process.env, timeoutMs = 3_000): Promise<string | null> {
  const shell = env.SHELL;
  if (!shell || process.platform === 'win32') return Promise.resolve(null);
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(shell, ['-ilc', `printf '%s%s%s' '${START}' "$PATH" '${END}'`], { env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    } catch {
      finish(null);
      return;
    }
    const timer = setTimeout(() => {
      try {
        // detached: the shell leads its own process group, so rc-file children go too.
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish(null);
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', () => finish(null));
    child.once('close', () => {
      const start = out.lastIndexOf(START);
      const end = out.lastIndexOf(END);
      finish(start >= 0 && end > start ? out.slice(start + START.length, end) || null : null);
    });
  });
}

/**
 * The PATH to search for exec plugins: the process PATH, with the login shell's entries in front
 * when GROUNDCREW_LOGIN_SHELL_PATH=1 or the app runs as a desktop launch (`fromDesktop`).
 */
export async function execSearchPath(env: NodeJS.ProcessEnv, fromDesktop = false): Promise<string | undefined> {
  if (env.GROUNDCREW_LOGIN_SHELL_PATH !== '1' && !fromDesktop) return env.PATH;
  const login = await loginShellPath(env);
  if (!login) return env.PATH;
  const seen = new Set<string>();
  return [...login.split(':'), ...(env.PATH ?? '').split(':')].filter((p) => p !== '' && !seen.has(p) && seen.add(p)).join(':');
}
