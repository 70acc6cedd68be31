/**
 * A five-field cron schedule (minute hour day-of-month month day-of-week, UTC), enough for the
 * schedules the stacks use: `*`, `*\/N`, `N`, `N-M`, `N-M/S`, lists, and the @hourly-style macros.
 */

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

function field(text: string, min: number, max: number, what: string): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron ${what}: bad step in "${part}"`);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b);
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) throw new Error(`cron ${what}: "${part}" is outside ${min}-${max}`);
    for (let v = lo; v <= hi; v += step) values.add(what === 'day of week' && v === 7 ? 0 : v);
  }
  return { values, star: text === '*' || text.startsWith('*/') };
}

export function parseCron(schedule: string): CronSchedule {
  const expanded = MACROS[schedule.trim()] ?? schedule.trim();
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron schedule "${schedule}": expected 5 fields, found ${parts.length}`);
  const dom = field(parts[2]!, 1, 31, 'day of month');
  const dow = field(parts[4]!, 0, 7, 'day of week');
  return {
    minutes: field(parts[0]!, 0, 59, 'minute').values,
    hours: field(parts[1]!, 0, 23, 'hour').values,
    daysOfMonth: dom.values,
    months: field(parts[3]!, 1, 12, 'month').values,
    daysOfWeek: dow.values,
    domStar: dom.star,
    dowStar: dow.star,
  };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  if (!s.months.has(d.getUTCMonth() + 1)) return false;
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  // Classic cron: when both are restricted, either may match.
  if (!s.domStar && !s.dowStar) return dom || dow;
  return dom && dow;
}

/** The latest scheduled minute at or before `now`, searching back up to ~13 months. */
export function lastScheduledTime(s: CronSchedule, now: Date): Date | undefined {
  const minutes = [...s.minutes].sort((a, b) => b - a);
  const hours = [...s.hours].sort((a, b) => b - a);
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let back = 0; back < 400; back++) {
    const day = new Date(start - back * 86_400_000);
    if (!dayMatches(s, day)) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const t = new Date(day.getTime() + h * 3_600_000 + m * 60_000);
        if (t.getTime() <= now.getTime()) return t;
      }
    }
  }
  return undefined;
}
