import type { Logger } from "@storywire/pipeline";

/** A field's value as one token: strings quoted when they hold spaces, objects and lists as compact JSON. */
function fieldText(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A message written for people (a capital letter ... a full stop), not an event name ("feed checked"). */
const SENTENCE = /^[A-Z].*[.!?]$/s;

/**
 * Human-readable log lines for the terminal: time, message, then key=value fields. A message that is a whole
 * sentence ("The feed at X answered HTTP 503 (server error); Storywire will try again in 10 minutes.") already
 * says what people need and is printed alone (its fields are for structured logs).
 */
export function consoleLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const format = (level: string, message: string, fields?: Record<string, unknown>) => {
    const time = new Date().toISOString().slice(11, 19);
    const tag = level === "info" ? "" : `${level.toUpperCase()} `;
    const rest = Object.entries(SENTENCE.test(message) ? {} : (fields ?? {}))
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${fieldText(v)}`)
      .join(" ");
    write(`${time} ${tag}${message}${rest ? ` ${rest}` : ""}`);
  };
  return {
    info: (m, f) => format("info", m, f),
    warn: (m, f) => format("warn", m, f),
    error: (m, f) => format("error", m, f),
  };
}
