/** How times and numbers read on the dashboard: compact UTC dates and "5 min ago" / "in 2 h". */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "25 Nov 2026 10:05 UTC", or null when the value is missing or not a date. */
export function formatUtc(iso: string | null | undefined): string | null {
  const date = parseTime(iso);
  if (!date) return null;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const UNITS: [limitSeconds: number, perUnit: number, unit: string][] = [
  [60 * 60, 60, "min"],
  [48 * 60 * 60, 60 * 60, "h"],
  [Number.POSITIVE_INFINITY, 24 * 60 * 60, "d"],
];

/** "just now", "5 min ago", "3 h ago", "in 2 d", ...; null when the value is missing or not a date. */
export function relativeTime(iso: string | null | undefined, now: Date): string | null {
  const date = parseTime(iso);
  if (!date) return null;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const size = Math.abs(seconds);
  if (size < 45) return "just now";
  for (const [limit, perUnit, unit] of UNITS) {
    if (size < limit) {
      const amount = Math.max(1, Math.round(size / perUnit));
      return seconds < 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
    }
  }
  return null;
}

/** A 0..1 score with two decimals. */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : "?";
}

/** "1 update" / "3 updates". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
