/** An error the CLI reports as one line on stderr, exiting with `exitCode` (2: bad input or unreachable). */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** One readable line for any error: our own messages as they are, anything else without a stack trace. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.trim() || "unknown error";
}
