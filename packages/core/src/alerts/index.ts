export { composeAlert } from "./compose.ts";
export * from "./constants.ts";
export { AlertInputError } from "./errors.ts";
export { summarizeFraming } from "./framing.ts";
export { clipText, isoTime, plainLine } from "./text.ts";
export type { Alert, AlertFraming, AlertRelation, ComposeAlertInput } from "./types.ts";
