/** The real `storywire` bin in a child process, as users and the acceptance checks call it. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

export const BIN = resolve(import.meta.dirname, "..", "..", "packages", "cli", "bin", "storywire.js");
const run = promisify(execFile);

/** Runs `storywire <args>`; never throws for a non-zero exit (the code is in the answer). */
export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
