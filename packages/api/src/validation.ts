import type { Hook } from "@hono/zod-openapi";
import { errorResponse } from "./errors.ts";

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: string[] };

/** Turns a zod failure into one sentence naming the field: `"url" is required`, `unknown field "foo"`. */
export function describeValidationError(target: string, issues: Issue[]): string {
  const issue = issues[0];
  if (!issue) return `The ${target} is not valid.`;
  if (issue.code === "unrecognized_keys" && issue.keys?.length) {
    return `The ${target} has an unknown field "${issue.keys[0]}"; remove it (see /openapi.json for the accepted fields).`;
  }
  const field = issue.path.map(String).join(".");
  const where = field ? `"${field}"` : `The ${target}`;
  return `${where} ${issue.message.replace(/^Invalid input: /, "is invalid: ")}.`.replace(/\.\.$/, ".");
}

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route, whatever its types.
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    const target = result.target === "json" ? "request body" : result.target === "query" ? "query string" : "path";
    return errorResponse(c, 400, "invalid_request", describeValidationError(target, result.error.issues as Issue[]));
  }
};
