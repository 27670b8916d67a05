import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./errors.ts";

/** node:util parseArgs with our error wording: an unknown flag or a missing value is a one-line usage error. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}. Run "storywire help" for the usage of ${command}.`);
  }
}

export function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
}
