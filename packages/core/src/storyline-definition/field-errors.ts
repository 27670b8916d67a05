/**
 * The storyline schema reports each problem as one sentence that starts with the field's path
 * ("cues[3].phrase must not be empty"). Users and the API want the field apart from what is wrong with it:
 * `{ field: "cues[3].phrase", message: "must not be empty" }`, shown as "cues[3].phrase: must not be empty".
 */
import { storylineSchema } from "../scoring/storyline-schema.ts";

export interface FieldError {
  /** The path of the field, as users write it ("cues[3].phrase"); null when the problem is the whole storyline. */
  field: string | null;
  message: string;
}

const TOP_LEVEL = new Set(Object.keys(storylineSchema.shape));
const PATH = /^([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\]|\.[A-Za-z0-9_-]+)*) (.+)$/s;
const UNKNOWN_TOP_LEVEL = /^the storyline has an unknown field "([^"]+)"$/;

/** Splits one schema error into its field and what is wrong. */
export function splitFieldError(text: string): FieldError {
  const unknown = UNKNOWN_TOP_LEVEL.exec(text);
  if (unknown?.[1] !== undefined) return { field: unknown[1], message: "is not a field of a storyline; remove it" };
  const match = PATH.exec(text);
  const path = match?.[1];
  const head = path?.split(/[.[]/)[0] ?? "";
  if (match === null || path === undefined || !TOP_LEVEL.has(head)) return { field: null, message: text };
  return { field: path, message: match[2] ?? text };
}

/** "cues[3].phrase: must not be empty" */
export function formatFieldError(error: FieldError): string {
  return error.field === null ? error.message : `${error.field}: ${error.message}`;
}
