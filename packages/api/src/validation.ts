import type { Hook } from "@hono/zod-openapi";
import { errorResponse } from "./errors.ts";

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: string[] };

/** The path of a field as users write it: `channel.url`, `cues[3].phrase`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Turns a zod failure into one sentence naming the field (`"url" is required`, `unknown field "foo"`) and the
 * field's path, for the problem document's `field` member.
 */
export function describeValidationError(target: string, issues: Issue[]): { detail: string; field?: string } {
  const issue = issues[0];
  if (!issue) return { detail: `The ${target} is not valid.` };
  if (issue.code === "unrecognized_keys" && issue.keys?.length) {
    const parent = fieldPath(issue.path);
    const key = issue.keys[0] ?? "";
    return {
      detail: `The ${target} has an unknown field "${key}"; remove it (see /openapi.json for the accepted fields).`,
      field: parent ? `${parent}.${key}` : key,
    };
  }
  const field = fieldPath(issue.path);
  const where = field ? `"${field}"` : `The ${target}`;
  const detail = `${where} ${issue.message.replace(/^Invalid input: /, "is invalid: ")}.`.replace(/\.\.$/, ".");
  return field ? { detail, field } : { detail };
}

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route, whatever its types.
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    const target = result.target === "json" ? "request body" : result.target === "query" ? "query string" : "path";
    const { detail, field } = describeValidationError(target, result.error.issues as Issue[]);
    return errorResponse(c, 400, "invalid_request", detail, field);
  }
};
