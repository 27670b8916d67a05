/**
 * The local configuration: storywire.config.json (in the working directory, or the file named by STORYWIRE_CONFIG),
 * the environment and the command-line flags, read by the one schema every runtime uses
 * (@storywire/pipeline/config; README "Configuration").
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Config, ConfigError, parseConfig } from "@storywire/pipeline/config";
import { CliError } from "./errors.ts";

export { type Config, ConfigError } from "@storywire/pipeline/config";

export function loadConfig(
  options: { cwd?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Config> } = {},
): Config {
  const env = options.env ?? process.env;
  const path = resolve(options.cwd ?? process.cwd(), env.STORYWIRE_CONFIG ?? "storywire.config.json");
  let file: { path: string; values: unknown } | undefined;
  if (existsSync(path)) {
    try {
      file = { path, values: JSON.parse(readFileSync(path, "utf8")) };
    } catch (error) {
      throw new ConfigError(`${path} is not valid JSON (${(error as Error).message}). Fix the file or remove it.`);
    }
  }
  return parseConfig({ env, file, overrides: options.overrides });
}

/** loadConfig for a command: a bad setting is the command's one-line error (exit 2), not a stack trace. */
export function commandConfig(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig({ overrides });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
