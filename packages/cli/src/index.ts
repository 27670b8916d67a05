export { type Config, ConfigSchema, loadConfig } from "./config.ts";
export { main } from "./main.ts";
export { type LocalStack, type StackOptions, startLocalStack } from "./runtime/stack.ts";
