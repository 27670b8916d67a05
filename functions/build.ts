/**
 * Bundles each Lambda entry point (functions/<name>.ts) to dist/functions/<name>/index.mjs the way SST does on
 * deploy, with the choices of infra/bundling.ts: esbuild, platform node, ESM, minified, one folder per function
 * holding the handler, the files of its dynamically imported modules (code splitting) and their source maps.
 * Each function is built on its own, as SST builds it, so no file is shared between two functions.
 *
 * The AWS SDK v3 is bundled (infra/bundling.ts says why), so a bundle loads in any Node >= 22 without
 * node_modules. The local-only packages stay external; statically importing one from a handler is an error,
 * a dynamic import is allowed.
 *
 *   npm run build:functions            # all entry points, with their sizes and what weighs most in each
 *   npm run build:functions -- api     # only functions/api.ts
 */
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import {
  AWS_SDK_SOURCE,
  BUNDLE_BUDGET_BYTES,
  ESM_PROLOGUE,
  externalPackages,
  LOCAL_ONLY_PACKAGES,
  MINIFY,
  NODE_TARGET,
  type SdkSource,
  SPLITTING,
} from "../infra/bundling.ts";
import bundlePlugins from "../infra/esbuild-plugins.mjs";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

export interface BuildFunctionsOptions {
  /** Where bundles go: <outdir>/<name>/index.mjs. Default dist/functions. */
  outdir?: string;
  /** Folder of entry points. Default functions/. */
  srcDir?: string;
  /** Entry point names (file names without .ts) to build. Default: every entry point in srcDir. */
  names?: string[];
  /** Where the AWS SDK comes from; the benchmark builds both ways. Default: infra/bundling.ts. */
  sdk?: SdkSource;
}

export interface BuiltFunction {
  name: string;
  /** The entry point, e.g. functions/api.ts. */
  entry: string;
  /** The handler's module, e.g. dist/functions/api/index.mjs. */
  file: string;
  /** Every code file of the function: the handler's module first, then its split chunks. */
  files: string[];
  /** Bytes of code the function ships: all of `files`. */
  bytes: number;
  /** Bytes Node loads at a cold start: the handler's module and the files it imports statically. */
  startBytes: number;
  sourceMapBytes: number;
  /** Bytes in the bundle per package (or per folder of our own code), largest first. */
  weights: { source: string; bytes: number }[];
}

export class BundleError extends Error {
  override name = "BundleError";
}

/** Entry points in srcDir: every *.ts file except tests, declarations and this script. */
export function listFunctionEntries(srcDir = join(repoRoot, "functions")): string[] {
  return readdirSync(srcDir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".d.ts"))
    .filter((file) => file !== "build.ts")
    .map((file) => file.slice(0, -".ts".length))
    .sort();
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Static imports of local-only packages anywhere in the bundled graph, as "importer -> package" lines. */
function forbiddenImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || imported.kind === "dynamic-import") continue;
      if (LOCAL_ONLY_PACKAGES.includes(packageName(imported.path))) found.push(`${importer} -> ${imported.path}`);
    }
  }
  return found;
}

/** "node_modules/@aws-sdk/client-sqs/dist-es/x.js" -> "@aws-sdk/client-sqs"; our own files -> their folder. */
function sourceOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1] ?? path.replace(/\/[^/]*$/, "");
}

function weightsOf(metafile: Metafile): { source: string; bytes: number }[] {
  const bySource = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const source = sourceOf(path);
      bySource.set(source, (bySource.get(source) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function bundlingFailed(error: unknown): BundleError {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
  const lines = errors?.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text));
  // The same error repeats once per import path that reaches the file: report it once.
  return new BundleError(`Bundling failed:\n${lines ? [...new Set(lines)].join("\n") : String(error)}`);
}

/** One function, built on its own into <outdir>/<name>/ as SST builds it. */
async function buildOne(name: string, srcDir: string, outdir: string, sdk: SdkSource): Promise<BuiltFunction> {
  const entry = join(srcDir, `${name}.ts`);
  const dir = join(outdir, name);
  rmSync(dir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { index: entry },
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: SPLITTING,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: NODE_TARGET,
    mainFields: ["module", "main"],
    banner: { js: ESM_PROLOGUE },
    sourcemap: "linked",
    minify: MINIFY,
    keepNames: true,
    external: externalPackages(sdk),
    plugins: bundlePlugins,
    metafile: true,
    absWorkingDir: repoRoot,
    logLevel: "silent",
  }).catch((error: unknown) => {
    throw bundlingFailed(error);
  });
  const forbidden = forbiddenImports(result.metafile);
  if (forbidden.length > 0) {
    throw new BundleError(
      `A Lambda bundle imports local-only packages (they are not deployed); import them dynamically in local-only code:\n${forbidden.join("\n")}`,
    );
  }
  // Metafile output paths are relative to absWorkingDir.
  const outputs = Object.entries(result.metafile.outputs).map(([path, output]) => ({
    path: resolve(repoRoot, path),
    bytes: output.bytes,
    staticImports: output.imports
      .filter((imported) => imported.kind === "import-statement" && !imported.external)
      .map((imported) => resolve(repoRoot, imported.path)),
  }));
  const file = join(dir, "index.mjs");
  const loadedAtStart = new Set<string>();
  const visit = (path: string) => {
    if (loadedAtStart.has(path)) return;
    loadedAtStart.add(path);
    for (const next of outputs.find((o) => o.path === path)?.staticImports ?? []) visit(next);
  };
  visit(file);
  const code = outputs
    .filter((o) => o.path.endsWith(".mjs"))
    .sort((a, b) => Number(b.path === file) - Number(a.path === file));
  const sum = (list: { bytes: number }[]) => list.reduce((total, o) => total + o.bytes, 0);
  return {
    name,
    entry,
    file,
    files: code.map((o) => o.path),
    bytes: sum(code),
    startBytes: sum(code.filter((o) => loadedAtStart.has(o.path))),
    sourceMapBytes: sum(outputs.filter((o) => o.path.endsWith(".map"))),
    weights: weightsOf(result.metafile),
  };
}

/** Builds the bundles and returns one entry per function; throws BundleError with esbuild's messages. */
export async function buildFunctions(options: BuildFunctionsOptions = {}): Promise<BuiltFunction[]> {
  const srcDir = resolve(options.srcDir ?? join(repoRoot, "functions"));
  const outdir = resolve(options.outdir ?? join(repoRoot, "dist", "functions"));
  const available = listFunctionEntries(srcDir);
  const names = options.names ?? available;
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new BundleError(
      `No entry point ${unknown.map((name) => `${name}.ts`).join(", ")} in ${srcDir}; available: ${available.join(", ") || "none"}.`,
    );
  }
  const sdk = options.sdk ?? AWS_SDK_SOURCE;
  return Promise.all(names.map((name) => buildOne(name, srcDir, outdir, sdk)));
}

/** Decimal units, as the budgets are written (1.5 MB = 1,500,000 bytes). */
export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1000).toFixed(0)} KB`;
}

async function main(args: string[]): Promise<void> {
  const built = await buildFunctions({ names: args.length > 0 ? args : undefined });
  if (built.length === 0) {
    console.log("No entry points in functions/ to bundle.");
    return;
  }
  const width = Math.max(...built.map((fn) => fn.name.length));
  for (const fn of built) {
    const budget = BUNDLE_BUDGET_BYTES[fn.name];
    const over = budget !== undefined && fn.bytes > budget ? "  OVER BUDGET" : "";
    console.log(
      `${fn.name.padEnd(width)}  ${formatBytes(fn.bytes).padStart(8)} of ${budget === undefined ? "no budget" : formatBytes(budget)}` +
        `  (${formatBytes(fn.startBytes)} loaded at start, ${fn.files.length} file${fn.files.length === 1 ? "" : "s"}, maps ${formatBytes(fn.sourceMapBytes)})` +
        `  ${relative(process.cwd(), dirname(fn.file))}${over}`,
    );
    const heaviest = fn.weights.slice(0, 6).map((w) => `${w.source} ${formatBytes(w.bytes)}`);
    console.log(`${" ".repeat(width)}  heaviest: ${heaviest.join(", ")}`);
  }
  const total = built.reduce((sum, fn) => sum + fn.bytes, 0);
  console.log(`${"total".padEnd(width)}  ${formatBytes(total).padStart(8)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof BundleError ? error.message : `Bundling failed: ${String(error)}`);
    process.exitCode = 1;
  });
}
