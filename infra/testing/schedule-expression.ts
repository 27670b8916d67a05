/**
 * Reads an EventBridge Scheduler expression (rate, cron or at) as the service defines it, so a test can
 * tell a valid schedule from a typo before a deploy does.
 */

export type ScheduleExpression =
  | { kind: "rate"; everySeconds: number }
  | { kind: "cron"; minutes: string; hours: string; dayOfMonth: string; month: string; dayOfWeek: string; year: string }
  | { kind: "at"; time: string };

const RATE_UNITS: Readonly<Record<string, number>> = { minute: 60, hour: 3600, day: 86_400 };

/** One cron field: numbers, names, ranges, lists, steps and the wildcards EventBridge allows. */
const CRON_FIELD = /^[\dA-Za-z*?,\-/#L]+$/;

function invalid(expression: string, why: string): Error {
  return new Error(`Invalid schedule expression "${expression}": ${why}.`);
}

export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[3] === "s";
    if (value < 1) throw invalid(expression, "the rate must be at least 1");
    if (plural !== value > 1) throw invalid(expression, "use the singular unit for 1 and the plural otherwise");
    return { kind: "rate", everySeconds: value * (RATE_UNITS[rate[2] ?? ""] ?? Number.NaN) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) {
    const fields = (cron[1] ?? "").split(" ");
    if (fields.length !== 6)
      throw invalid(expression, "cron takes 6 fields (minutes hours day-of-month month day-of-week year)");
    if (!fields.every((field) => CRON_FIELD.test(field)))
      throw invalid(expression, "a cron field has an unexpected character");
    const [minutes = "", hours = "", dayOfMonth = "", month = "", dayOfWeek = "", year = ""] = fields;
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
      throw invalid(expression, "exactly one of day-of-month and day-of-week must be ?");
    }
    return { kind: "cron", minutes, hours, dayOfMonth, month, dayOfWeek, year };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (at?.[1] && !Number.isNaN(Date.parse(`${at[1]}Z`))) return { kind: "at", time: at[1] };
  throw invalid(expression, "expected rate(...), cron(...) or at(yyyy-mm-ddThh:mm:ss)");
}

/** How often a recurring expression fires, in seconds, when it fires at a fixed interval; else undefined. */
export function fixedIntervalSeconds(parsed: ScheduleExpression): number | undefined {
  if (parsed.kind === "rate") return parsed.everySeconds;
  if (parsed.kind === "cron" && /^(\*|0\/1|\*\/1)$/.test(parsed.minutes) && parsed.hours === "*") return 60;
  return undefined;
}
