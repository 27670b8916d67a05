/** `storywire start [--port <n>] [--poll-interval <seconds>] [--storylines <file>]`: the local stack, until Ctrl-C. */
import { intFlag, parseCommandArgs } from "../args.ts";
import { type Config, commandConfig } from "../config.ts";
import { type LocalStack, startLocalStack } from "../runtime/stack.ts";

export const START_FLAGS = {
  port: { type: "string" },
  "poll-interval": { type: "string" },
  storylines: { type: "string" },
} as const;

export function configFromFlags(command: string, args: string[], extra: Partial<Config> = {}): Config {
  const { values } = parseCommandArgs(command, args, START_FLAGS);
  const port = intFlag("port", values.port, 0, 65535);
  const poll = intFlag("poll-interval", values["poll-interval"], 1, 86_400);
  return commandConfig({
    ...extra,
    ...(port !== undefined ? { port } : {}),
    ...(poll !== undefined ? { pollIntervalSeconds: poll } : {}),
    ...(values.storylines !== undefined ? { storylinesFile: values.storylines } : {}),
  });
}

export function printBanner(stack: LocalStack, config: Config, write = (l: string) => process.stdout.write(`${l}\n`)) {
  write(`Storywire is running: API ${stack.url} (OpenAPI: ${stack.url}/openapi.json)`);
  write(`  data: ${stack.storage}; feeds are checked at most every ${config.pollIntervalSeconds}s`);
  if (stack.storylinesFile) {
    write(`  storylines: ${stack.storylinesFile.count} from ${stack.storylinesFile.path} (read-only through the API)`);
  }
  if (stack.adminKeyGenerated) {
    const where = stack.adminKeyFile
      ? `kept in ${stack.adminKeyFile}, readable by you only; set STORYWIRE_ADMIN_KEY to choose one`
      : "generated for this run; set STORYWIRE_ADMIN_KEY to keep one";
    write(`  admin API key (${where}): ${stack.adminKey}`);
  }
  if (config.allowPrivateNetworks)
    write("  SSRF guard OFF (STORYWIRE_ALLOW_PRIVATE_NETWORKS=1): private addresses can be fetched");
  write("  Press Ctrl-C to stop.");
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM), after closing the stack. */
export function closeOnSignal(stack: LocalStack, also: () => Promise<void> = async () => {}): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\n${signal}: stopping Storywire…\n`);
      await also();
      await stack.close();
      process.stdout.write("Stopped.\n");
      resolve(0);
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
  });
}

export async function startCommand(args: string[]): Promise<number> {
  const config = configFromFlags("start", args);
  const stack = await startLocalStack(config);
  printBanner(stack, config);
  return closeOnSignal(stack);
}
