/** Checks on values before they are written, each naming the offending field in its error. */
import { MAX_ERROR_LENGTH } from "./constants.ts";
import { InvalidInput } from "./errors.ts";

/** Refuses values DynamoDB cannot store (NaN, Infinity), naming where they are. */
export function assertStorable(value: unknown, what: string, path = ""): void {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new InvalidInput(`${what} has ${path || "a value"} = ${value}; only finite numbers can be stored.`);
  }
  if (value instanceof Set || value === null || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    assertStorable(inner, what, path ? `${path}.${key}` : key);
  }
}

/** Error texts are kept short: a status line, never a response body. */
export function clipError(text: string | null | undefined): string | null | undefined {
  if (text === null || text === undefined) return text;
  const flat = String(text).replace(/\s+/g, " ").trim();
  return flat.length > MAX_ERROR_LENGTH ? `${flat.slice(0, MAX_ERROR_LENGTH - 1)}…` : flat;
}

/** Checks a value against a fixed set, naming the field in the error. */
export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidInput(
    `${what} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value) ?? String(value)}.`,
  );
}
