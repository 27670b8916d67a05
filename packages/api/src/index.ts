export { type App, createApp, MAX_BODY_BYTES } from "./app.ts";
export type { ApiDeps } from "./deps.ts";
