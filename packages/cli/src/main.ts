/**
 * `storywire <command>`: dispatches to one module per command. Commands are imported lazily so that a quick
 * command (parse, score) does not pay for loading the server stack.
 */
import { CliError, oneLine } from "./errors.ts";

export { STORYWIRE_VERSION as VERSION } from "@storywire/core";

import { STORYWIRE_VERSION as VERSION } from "@storywire/core";

const USAGE = `Storywire ${VERSION}: news feeds in, clean articles, storyline and framing scores, alerts.

Usage:
  storywire start [--port <n>] [--poll-interval <seconds>] [--storylines <file>]
                                                             run the local stack (API, scheduler, embedded DynamoDB)
  storywire demo [--port <n>]                                the local stack plus an offline sample feed and receiver
  storywire parse <file-or-url> [--url <feed-url>]            a feed as JSON Lines of normalized stories
  storywire normalize <html-file> [--url <page-url>]          an article page as seed-shaped plain text
  storywire export --out <dir>                                every stored story as NNN_<id>.txt
  storywire score <file>... --json                            storyline and framing scores of seed-shaped texts
  storywire compare <a> <b> --json                            duplicate / update / related / unrelated
  storywire storylines validate <file> [--json]               check a storylines file (--json: in full)
  storywire storylines try <file> <article>... [--json]       score and evidence of draft storylines on articles
  storywire storylines try --query "<query>" <article>...     the same for a search-style query
  storywire storylines compile "<query>" [--id <id>]          the storyline JSON a query compiles to
  storywire help | --version`;

type Command = (args: string[]) => Promise<number>;

/** The usage lines of one command (its entries in USAGE with their continuation lines), or null when it has none. */
export function commandUsage(name: string): string | null {
  const lines: string[] = [];
  let inside = false;
  for (const line of USAGE.split("\n")) {
    if (line.startsWith("  storywire "))
      inside = line.startsWith(`  storywire ${name} `) || line === `  storywire ${name}`;
    else if (!line.startsWith("    ")) inside = false;
    if (inside) lines.push(line);
  }
  return lines.length > 0 ? `Usage:\n${lines.join("\n")}` : null;
}

/** `--help` or `-h` among a command's arguments (before a `--` that ends the options) asks for its usage. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import("./commands/start.ts")).startCommand,
  demo: async () => (await import("./commands/demo.ts")).demoCommand,
  parse: async () => (await import("./commands/parse.ts")).parseCommand,
  normalize: async () => (await import("./commands/normalize.ts")).normalizeCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand,
  score: async () => (await import("./commands/score.ts")).scoreCommand,
  compare: async () => (await import("./commands/compare.ts")).compareCommand,
  storylines: async () => (await import("./commands/storylines.ts")).storylinesCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" && rest[0] !== undefined) return printCommandHelp(rest[0]);
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`storywire: unknown command "${name}". Run "storywire help" for the list of commands.\n`);
    return 2;
  }
  if (asksForHelp(rest)) return printCommandHelp(name);
  try {
    return await (await load())(rest);
  } catch (error) {
    process.stderr.write(`storywire ${name}: ${oneLine(error)}\n`);
    if (process.env.STORYWIRE_DEBUG && error instanceof Error && !(error instanceof CliError)) {
      process.stderr.write(`${error.stack}\n`);
    }
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function printCommandHelp(name: string): number {
  const usage = COMMANDS[name] ? commandUsage(name) : null;
  if (usage === null) {
    process.stderr.write(`storywire: unknown command "${name}". Run "storywire help" for the list of commands.\n`);
    return 2;
  }
  process.stdout.write(`${usage}\n`);
  return 0;
}
