/**
 * How Lambda bundles are built, shared by the SST functions (infra/functions.ts) and the local bundler
 * (functions/build.ts) so a bundle tested here is the bundle SST deploys. Pure: no SST globals.
 */

/** Syntax level of the bundles: the oldest Node the deployed runtime may be pinned to. */
export const NODE_TARGET = "node22";

/**
 * Packages that must never be in a Lambda bundle: the embedded local database (dynalite and its LevelDB
 * stack, with native addons) and dev tooling. They stay external; a static import of one from a handler's
 * import graph is a build error (functions/build.ts), a dynamic import in a local-only branch is allowed.
 */
export const LOCAL_ONLY_PACKAGES: readonly string[] = [
  "dynalite",
  "level",
  "classic-level",
  "memory-level",
  "browser-level",
  "abstract-level",
  "tsx",
  "esbuild",
  "vitest",
];

/**
 * ESM bundles still meet CommonJS dependencies that call `require()` on Node built-ins or read
 * `__dirname`; this prologue gives them both (SST's own bundler adds the same three names).
 */
export const ESM_PROLOGUE = [
  'import { createRequire as storywireCreateRequire } from "node:module";',
  'import { fileURLToPath as storywireFileURLToPath } from "node:url";',
  'import { dirname as storywireDirname } from "node:path";',
  "const require = storywireCreateRequire(import.meta.url);",
  "const __filename = storywireFileURLToPath(import.meta.url);",
  "const __dirname = storywireDirname(__filename);",
].join("\n");
