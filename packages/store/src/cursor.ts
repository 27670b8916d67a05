/**
 * Opaque pagination cursors: base64url of the JSON of DynamoDB's LastEvaluatedKey. A cursor coming back is
 * checked before it reaches DynamoDB: it must decode, carry exactly the key attributes of the list's index as
 * strings, and point into the same partition (a cursor of feed A cannot page feed B). A forged but well-formed
 * cursor can only move the starting point within the caller's own list.
 */
import { MAX_CURSOR_LENGTH } from "./constants.ts";
import { InvalidCursor } from "./errors.ts";

export type CursorKey = Record<string, string>;

export interface CursorScope {
  /** Key attributes the LastEvaluatedKey of this query has (see keys.cursorAttributes). */
  attributes: string[];
  /** The partition attribute and the value it must have. */
  partitionAttribute: string;
  partitionValue: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The decoded JSON object of a cursor, after the checks every cursor gets. */
function decodeObject(cursor: unknown): { cursor: string; value: Record<string, unknown> } {
  if (typeof cursor !== "string") {
    throw new InvalidCursor(String(cursor), "a cursor is a string");
  }
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw new InvalidCursor(cursor, `a cursor has 1 to ${MAX_CURSOR_LENGTH} characters`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursor(cursor, "it contains characters that never appear in a cursor");
  }
  const value = parse(cursor);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidCursor(cursor, "it does not decode to a page position");
  }
  return { cursor, value: value as Record<string, unknown> };
}

export function decodeCursor(input: unknown, scope: CursorScope): CursorKey {
  const { cursor, value: key } = decodeObject(input);
  const entries = Object.entries(key);
  const expected = [...scope.attributes].sort();
  const actual = entries.map(([name]) => name).sort();
  if (expected.length !== actual.length || expected.some((name, i) => name !== actual[i])) {
    throw new InvalidCursor(cursor, "it belongs to a different list");
  }
  if (entries.some(([, value]) => typeof value !== "string" || value.length === 0)) {
    throw new InvalidCursor(cursor, "its position is malformed");
  }
  const position = key as CursorKey;
  if (position[scope.partitionAttribute] !== scope.partitionValue) {
    throw new InvalidCursor(cursor, "it belongs to a different list");
  }
  return position;
}

// ---- positions in the story lists ------------------------------------------------------------------------------

/**
 * A position in the story lists (story-lists.ts): the sort key `<sortAt>#<storyId>` the next page starts below, or
 * at when `inclusive` (a page that stopped at its read budget resumes where it stopped). Every list of stories
 * shares these sort keys, so a position stays meaningful whatever filters the next request has, and stories
 * inserted meanwhile never shift it: walking to the end returns every story that was there once.
 */
export interface ListPosition {
  sk: string;
  inclusive: boolean;
}

const LIST_SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[^#\s]{1,200}$/;

export function encodeListPosition(position: ListPosition): string {
  return encodeCursor({ at: position.sk, ...(position.inclusive ? { from: "at" } : {}) });
}

export function decodeListPosition(input: unknown): ListPosition {
  const { cursor, value } = decodeObject(input);
  const names = Object.keys(value).sort();
  if (!names.includes("at") || names.some((name) => name !== "at" && name !== "from")) {
    throw new InvalidCursor(cursor, "it belongs to a different list");
  }
  if (typeof value.at !== "string" || !LIST_SORT_KEY.test(value.at) || (value.from ?? "at") !== "at") {
    throw new InvalidCursor(cursor, "its position is malformed");
  }
  return { sk: value.at, inclusive: value.from === "at" };
}

/** An oldest-first walk's position (listStoriesOldestFirst): the sort key it continues after. */
export function encodeAfterPosition(sk: string): string {
  return encodeCursor({ after: sk });
}

export function decodeAfterPosition(input: unknown): string {
  const { cursor, value } = decodeObject(input);
  const names = Object.keys(value);
  if (names.length !== 1 || names[0] !== "after") throw new InvalidCursor(cursor, "it belongs to a different list");
  if (typeof value.after !== "string" || !LIST_SORT_KEY.test(value.after)) {
    throw new InvalidCursor(cursor, "its position is malformed");
  }
  return value.after;
}
