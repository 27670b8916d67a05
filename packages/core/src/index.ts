export type * from "./types.ts";
export * from "./alerts/index.ts";
export * from "./article/index.ts";
export * from "./story/index.ts";
