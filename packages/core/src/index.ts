export type * from "./types.ts";
export * from "./alerts/index.ts";
