export { type App, createApp, MAX_BODY_BYTES } from "./app.ts";
export type { ApiDeps } from "./deps.ts";
export { ApiError, PROBLEM_CONTENT_TYPE, problem } from "./errors.ts";
