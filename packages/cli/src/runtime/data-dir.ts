/**
 * The local data folder (`.storywire` by default) holds the embedded DynamoDB's files and, when no admin key is
 * configured, the generated one. It is readable by its owner only: the folder 0700, every file in it 0600, and
 * files created later inherit that through the process umask (set by the runtime while it runs).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
/** The umask that makes every new file 0600 and folder 0700. */
export const OWNER_ONLY_UMASK = 0o077;
export const ADMIN_KEY_FILE = "admin-key";
/** The embedded DynamoDB's folder inside the data folder. */
export const DYNAMO_FOLDER = "dynamo";

/** Creates the folder (and parents) owner-only, and makes an existing one and everything in it owner-only. */
export function secureDataDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  tighten(path);
}

function tighten(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
    for (const entry of readdirSync(path)) tighten(join(path, entry));
  } else if (stat.isFile() && (stat.mode & 0o777 & ~FILE_MODE) !== 0) {
    chmodSync(path, stat.mode & FILE_MODE);
  }
}

/**
 * The admin key kept in the data folder when none is configured: made on first start, read on the next ones, so
 * subscription keys stay valid and stored secrets stay readable across restarts.
 */
export function storedAdminKey(dataDir: string, generate: () => string): { key: string; created: boolean } {
  const file = join(dataDir, ADMIN_KEY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (key.length >= 16) return { key, created: false };
    throw new Error(`${file} does not hold an admin key (16 characters or more); delete it to make a new one.`);
  }
  const key = generate();
  writeFileSync(file, `${key}\n`, { mode: FILE_MODE, flag: "wx" });
  return { key, created: true };
}

/** The admin key in the data folder, if there is one (to open secrets sealed under it after a configured key replaced it). */
export function previousStoredAdminKey(dataDir: string): string | null {
  const file = join(dataDir, ADMIN_KEY_FILE);
  if (!existsSync(file)) return null;
  const key = readFileSync(file, "utf8").trim();
  return key.length >= 16 ? key : null;
}
