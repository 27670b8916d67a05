/**
 * How Lambda bundles are built, shared by the SST functions (infra/functions.ts, through `sstNodejs`) and the
 * local bundler (functions/build.ts) so a bundle tested and measured here is the bundle SST deploys. This file is
 * the one place that says it; docs/DEPLOY.md ("How the functions are bundled") gives the reasons and figures.
 * Pure: no SST globals.
 */

/** Syntax level of the bundles: the oldest Node the deployed runtime may be pinned to. */
export const NODE_TARGET = "node22";

/**
 * Minified, as SST does by default: about 40 % fewer bytes for Node to read and parse at a cold start. Stack
 * traces stay readable through the source map (NODE_OPTIONS=--enable-source-maps in infra/functions.ts).
 */
export const MINIFY = true;

/**
 * A module a handler imports dynamically (`await import(...)`) goes to a file of its own next to the handler,
 * loaded the first time it is needed: the API's test alerts, SES on the first email. Counted in the budgets.
 */
export const SPLITTING = true;

/**
 * NODE_OPTIONS of every function: stack traces in CloudWatch point at the TypeScript sources (the bundle ships its
 * source map). Node reads the maps of the modules it loads at a cold start; the bundles benchmark measures it.
 */
export const LAMBDA_NODE_OPTIONS = "--enable-source-maps";

/** Where the functions get the AWS SDK v3 from: bundled (tree-shaken, the tested version) or the Lambda runtime's. */
export type SdkSource = "bundle" | "runtime";

/**
 * Bundled. Measured both ways in the same run (`npm run bench -- bundles`; docs/DEPLOY.md has the figures): the
 * runtime's SDK saves 430-500 KB per function but makes a cold import 1.3 to 3.3 times slower, since Node then
 * loads whole, unminified client packages instead of the tree-shaken parts a function uses; and the deployed SDK
 * would be whatever version AWS installed rather than the one the tests ran.
 */
export const AWS_SDK_SOURCE: SdkSource = "bundle";

/** What the Lambda Node.js runtimes (nodejs22.x, nodejs24.x) provide: the AWS SDK v3 and its own dependencies. */
export const RUNTIME_PROVIDED_PACKAGES: readonly string[] = ["@aws-sdk/*", "@smithy/*", "@aws-crypto/*"];

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

/** The packages esbuild leaves out of a bundle. */
export function externalPackages(sdk: SdkSource = AWS_SDK_SOURCE): string[] {
  return [...LOCAL_ONLY_PACKAGES, ...(sdk === "runtime" ? RUNTIME_PROVIDED_PACKAGES : [])];
}

/**
 * Most bytes of code a function may ship (every .mjs file of its bundle, source maps not counted), checked by
 * test/functions.bundle.test.ts. The target is 1.5 MB per function; the smaller steps get budgets near
 * their size so that a stray import (a DOM parser in the scheduler) fails the test instead of slipping through.
 */
export const BUNDLE_BUDGET_BYTES: Readonly<Record<string, number>> = {
  api: 1_500_000,
  deliver: 900_000,
  ingest: 1_500_000,
  schedule: 600_000,
};

/** The `nodejs` arguments of every sst.aws.Function: the same choices as functions/build.ts. */
export function sstNodejs() {
  return {
    format: "esm" as const,
    minify: MINIFY,
    splitting: SPLITTING,
    // The map ships with the bundle: stack traces in CloudWatch point at the TypeScript sources.
    sourcemap: true,
    esbuild: { external: externalPackages() },
    // The same plugins as functions/build.ts; SST imports the file itself (the path is relative to sst.config.ts).
    plugins: "./infra/esbuild-plugins.mjs",
  };
}

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
