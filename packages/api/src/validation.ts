/**
 * Validation errors as users read them: one sentence that names the field and says what it accepts
 * (`"limit" must be a whole number from 1 to 100, not "0".`), never zod's own wording ("Too small: expected number
 * to be >=1"). Every route's request is checked by zod through `validationHook`; the sentence is built from the
 * zod issue's code and bounds, or from the schema's own message when the schema gives one ("must be 16 lowercase
 * hex characters").
 */
import type { Hook } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errorResponse } from "./errors.ts";

/** The members of a zod 4 issue this module reads. */
export type Issue = {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  received?: string;
  values?: unknown[];
  options?: unknown[];
  format?: string;
  note?: string;
};

/** The path of a field as users write it: `channel.url`, `cues[3].phrase`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** zod's own messages: shown to nobody; a schema's custom message is anything else. */
const ZOD_WORDING =
  /^(?:Too (?:small|big)|Invalid|Unrecognized|Expected|Required|Input not instance|Number must|String must|Array must)/;

/** Words that betray a validator's internals in a sentence meant for users (tests check details against it). */
export const JARGON =
  /Too small|Too big|Invalid input|Invalid option|Invalid discriminator|Unrecognized key|expected \w+, received|received undefined|NaN|>=|<=|safeint|\bZod\b/;

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a JSON object",
  record: "a JSON object",
  date: "a date",
  null: "null",
};

const typeName = (type: string | undefined) => (type ? (TYPE_NAMES[type] ?? type) : "a value");

/** "a", "b" or "c" */
function choices(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

const FORMATS: Record<string, string> = {
  email: "must be an email address such as analyst@example.org",
  datetime: "must be an ISO 8601 date-time such as 2025-03-01T00:00:00Z",
  date: "must be a date such as 2025-03-01",
  url: "must be a URL starting with https://",
  uuid: "must be a UUID",
};

/** What the field must be, as the end of a sentence that starts with the field ("must be at least 1"). */
function requirement(issue: Issue): string {
  if (!ZOD_WORDING.test(issue.message)) return issue.message.replace(/\.$/, "");
  const bound = (value: number | bigint | undefined) => String(value);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${bound(issue.minimum)} characters`;
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return Number(issue.minimum) <= 1
          ? "must list at least one value"
          : `must list at least ${bound(issue.minimum)} values`;
      }
      return issue.inclusive === false
        ? `must be greater than ${bound(issue.minimum)}`
        : `must be at least ${bound(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${bound(issue.maximum)} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `must list at most ${bound(issue.maximum)} values`;
      return issue.inclusive === false
        ? `must be less than ${bound(issue.maximum)}`
        : `must be at most ${bound(issue.maximum)}`;
    case "invalid_type":
      return `must be ${typeName(issue.expected)}`;
    case "invalid_value":
      return `must be one of ${choices(issue.values ?? [])}`;
    case "invalid_union":
      if (issue.options?.length) return `must be one of ${choices(issue.options)}`;
      return "does not have any of the accepted forms (see /openapi.json)";
    case "invalid_format":
      return FORMATS[issue.format ?? ""] ?? "is not written in the accepted form (see /openapi.json)";
    case "not_multiple_of":
      return "is not an accepted step of its range";
    default:
      return "is not valid (see /openapi.json for what it accepts)";
  }
}

/**
 * The value a user gave, for the end of the sentence ("…, not 0."): short scalars only (a list or object is
 * described by the requirement itself, and an empty text by "must not be empty").
 */
function shown(value: unknown): string | null {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" && value !== "") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value === null) return "null";
  return null;
}

/**
 * The value at `path` of a parsed input (query, path parameters or JSON body); undefined when absent. A query
 * parameter that is a list (`storyline=a,b` or repeated) is indexed as the list its schema reads.
 */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof part === "number" && (typeof value === "string" || Array.isArray(value))) {
      const items = (Array.isArray(value) ? value : [value]).flatMap((v) =>
        typeof v === "string" ? v.split(",").map((x) => x.trim()) : [v],
      );
      value = items.filter((v) => v !== "")[part];
      continue;
    }
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * Turns a zod failure into one sentence naming the field and what it accepts, and the field's path for the problem
 * document's `field` member. `input` is what was validated, so that the sentence can show the value given.
 */
export function describeValidationError(
  target: string,
  issues: Issue[],
  input?: unknown,
  /** False for a query string: `storyline=a,b` is one parameter, so its items are not named `storyline[1]`. */
  indexLists = true,
): { detail: string; field?: string } {
  const issue = issues[0];
  if (!issue) return { detail: `The ${target} is not valid; see /openapi.json for what it accepts.` };
  if (issue.code === "unrecognized_keys" && issue.keys?.length) {
    const parent = fieldPath(issue.path);
    const key = issue.keys[0] ?? "";
    return {
      detail: `The ${target} has an unknown field "${parent ? `${parent}.` : ""}${key}"; remove it (see /openapi.json for the accepted fields).`,
      field: parent ? `${parent}.${key}` : key,
    };
  }
  const field = fieldPath(indexLists ? issue.path : issue.path.filter((part) => typeof part !== "number"));
  if (!field) {
    // A rule over the whole body (a refine), whose message is the schema's own sentence, or a body of the wrong type.
    if (issue.code === "invalid_type") {
      return { detail: `The ${target} must be ${typeName(issue.expected)}; see /openapi.json for its fields.` };
    }
    const own = ZOD_WORDING.test(issue.message) ? `The ${target} is not valid` : issue.message.replace(/\.$/, "");
    return { detail: `${own.charAt(0).toUpperCase()}${own.slice(1)}.` };
  }
  const value = input === undefined ? undefined : valueAt(input, issue.path);
  if (value === undefined && (issue.code === "invalid_type" || /received undefined/.test(issue.message))) {
    return { detail: `The ${target} lacks "${field}", which is required (${typeName(issue.expected)}).`, field };
  }
  const given = value === undefined ? null : shown(value);
  const detail = `"${field}" ${requirement(issue)}${given === null ? "" : `, not ${given}`}.`;
  return { detail, field };
}

const TARGETS: Record<string, string> = {
  json: "request body",
  query: "query string",
  param: "path",
  header: "request headers",
  form: "form",
};

/** The input a validator checked, as parsed, so that a message can show the value given. */
async function inputOf(c: Context, target: string): Promise<unknown> {
  switch (target) {
    case "query": {
      const all = c.req.queries();
      return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    }
    case "param":
      return c.req.param();
    case "header":
      return c.req.header();
    case "json":
      // The validator parsed the body already; hono answers again from its cache.
      return c.req.json().catch(() => undefined);
    default:
      return undefined;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route, whatever its types.
export const validationHook: Hook<any, any, any, any> = async (result, c) => {
  if (!result.success) {
    const target = String(result.target);
    const { detail, field } = describeValidationError(
      TARGETS[target] ?? target,
      result.error.issues as Issue[],
      await inputOf(c, target),
      target !== "query",
    );
    return errorResponse(c, 400, "invalid_request", detail, field);
  }
};
