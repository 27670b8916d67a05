export { type Config, loadConfig } from "./config.ts";
export { main } from "./main.ts";
export {
  type LocalStack,
  QUEUE_CONCURRENCY,
  type StackOptions,
  startLocalStack,
} from "./runtime/stack.ts";
