/**
 * Feed dates -> ISO 8601 UTC, or null. Strict on purpose: V8's Date parser turns "Version 2" into a date in
 * 2001, so only W3C-DTF / RFC 3339, RFC 822 / 1123 (and the usual sloppy variants: two-digit years, a time
 * without colons or seconds, zone abbreviations) are read, with a guarded fallback for other spellings.
 */

const MONTHS = new Map<string, number>([
  ["jan", 0],
  ["feb", 1],
  ["mar", 2],
  ["apr", 3],
  ["may", 4],
  ["jun", 5],
  ["jul", 6],
  ["aug", 7],
  ["sep", 8],
  ["oct", 9],
  ["nov", 10],
  ["dec", 11],
]);

/** Zone abbreviations seen in feeds, in minutes east of UTC. Unknown abbreviations count as UTC. */
const ZONES = new Map<string, number>([
  ["ut", 0],
  ["utc", 0],
  ["gmt", 0],
  ["z", 0],
  ["wet", 0],
  ["bst", 60],
  ["ist", 330],
  ["cet", 60],
  ["met", 60],
  ["cest", 120],
  ["mest", 120],
  ["eet", 120],
  ["eest", 180],
  ["msk", 180],
  ["jst", 540],
  ["kst", 540],
  ["hkt", 480],
  ["sgt", 480],
  ["awst", 480],
  ["acst", 570],
  ["aest", 600],
  ["aedt", 660],
  ["nzst", 720],
  ["nzdt", 780],
  ["ast", -240],
  ["adt", -180],
  ["est", -300],
  ["edt", -240],
  ["cst", -360],
  ["cdt", -300],
  ["mst", -420],
  ["mdt", -360],
  ["pst", -480],
  ["pdt", -420],
  ["akst", -540],
  ["akdt", -480],
  ["hst", -600],
]);

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?\s*(?:\([^)]*\))?$/i;

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  return ZONES.get(zone.toLowerCase()) ?? 0;
}

/** Milliseconds since the epoch for validated fields, or null when a field is out of range. */
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number,
): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const date = new Date(Date.UTC(year, month, day, hour, minute, Math.min(second, 59), millis));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  if (date.getUTCDate() !== day && hour < 24) return null; // 31 April and the like
  return date.getTime() - offset * 60_000;
}

/** undefined: not this syntax; null: this syntax with impossible fields. */
function parseIso(value: string): number | null | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const offset = offsetMinutes(m[8] && /^(utc|gmt)$/i.test(m[8]) ? "Z" : m[8]);
  if (offset === null) return null;
  return utcMillis(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Math.min(fraction, 999),
    offset,
  );
}

function parseRfc822(value: string): number | null | undefined {
  const m = RFC822.exec(value);
  if (!m) return undefined;
  const month = MONTHS.get((m[2] ?? "").slice(0, 3).toLowerCase());
  if (month === undefined) return null;
  let year = Number(m[3]);
  if ((m[3] ?? "").length === 2) year += year < 50 ? 2000 : 1900;
  else if ((m[3] ?? "").length === 3) year += 1900;
  const offset = offsetMinutes(m[7]);
  if (offset === null) return null;
  return utcMillis(year, month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
}

/** V8's parser, accepted only when the text names the same four-digit year that came out. */
function parseFallback(value: string): number | null {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return null;
  const year = new Date(millis).getUTCFullYear();
  const years = value.match(/\b\d{4}\b/g) ?? [];
  return years.some((y) => Math.abs(Number(y) - year) <= 1) ? millis : null;
}

/** Dates before this are placeholders ("0001-01-01T00:00:00Z" from Go's zero time), not publication dates. */
const EARLIEST = Date.UTC(1970, 0, 2);

/**
 * ISO 8601 UTC ("2022-04-05T09:04:00.000Z") for a feed date, or null when absent, unreadable, impossible
 * (31 April) or a placeholder before 1970.
 */
export function parseFeedDate(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  if (!text || text.length > 100) return null;
  let millis = parseIso(text);
  if (millis === undefined) millis = parseRfc822(text);
  if (millis === undefined) millis = parseFallback(text);
  if (millis === null || !Number.isFinite(millis) || millis < EARLIEST) return null;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A feed date as milliseconds since 1970 (parseFeedDate), or null: what the item cap ranks items by. */
export function feedDateMillis(value: string | null | undefined): number | null {
  const iso = parseFeedDate(value);
  return iso === null ? null : Date.parse(iso);
}
