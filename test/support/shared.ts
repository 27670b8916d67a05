/**
 * Locates ../shared (seeds, fixtures) beside the repository. It holds other people's data, so it is read in
 * place and never copied in. A user's clone has no ../shared: tests that need it are skipped with a message.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of the shared folder: $STORYWIRE_SHARED_DIR, else ../shared beside the repository. */
export const sharedDir = process.env.STORYWIRE_SHARED_DIR ?? resolve(repoRoot, "..", "shared");

export const hasShared = existsSync(join(sharedDir, "seeds")) || existsSync(join(sharedDir, "fixtures"));

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

let warned = false;
/** describe() that runs only when ../shared is present, and says so once when it is not. */
export function describeShared(name: string, fn: () => void): void {
  if (!hasShared && !warned) {
    warned = true;
    console.warn(`[storywire] ${sharedDir} not found: skipping tests that read the shared seeds and fixtures.`);
  }
  (hasShared ? describe : describe.skip)(`${name} (reads ../shared)`, fn);
}
