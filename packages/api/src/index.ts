export { type App, createApp, MAX_BODY_BYTES } from "./app.ts";
export { type ApiDeps, apiDeps } from "./deps.ts";
export { ApiError, PROBLEM_CONTENT_TYPE, problem } from "./errors.ts";
export { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./middleware/rate-limit.ts";
