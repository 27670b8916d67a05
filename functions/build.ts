/**
 * Bundles each Lambda entry point (functions/<name>.ts) to dist/functions/<name>/index.mjs the way SST
 * does on deploy: esbuild, platform node, ESM, one self-contained file per function plus its source map.
 *
 * Everything is bundled, the AWS SDK v3 included (SST does the same: it keeps only sharp, pg-native and
 * `nodejs.install` packages external). The SDK version deployed is then the one tested here, and a bundle
 * loads in any Node >= 22 without node_modules. The local-only packages (infra/bundling.ts) stay
 * external; statically importing one from a handler is an error, a dynamic import is allowed.
 *
 *   npm run build:functions            # all entry points
 *   npm run build:functions -- api     # only functions/api.ts
 */
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { ESM_PROLOGUE, LOCAL_ONLY_PACKAGES, NODE_TARGET } from "../infra/bundling.ts";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

export interface BuildFunctionsOptions {
  /** Where bundles go: <outdir>/<name>/index.mjs. Default dist/functions. */
  outdir?: string;
  /** Folder of entry points. Default functions/. */
  srcDir?: string;
  /** Entry point names (file names without .ts) to build. Default: every entry point in srcDir. */
  names?: string[];
}

export interface BuiltFunction {
  name: string;
  /** The entry point, e.g. functions/api.ts. */
  entry: string;
  /** The bundle, e.g. dist/functions/api/index.mjs. */
  file: string;
  bytes: number;
  sourceMapBytes: number;
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
  if (names.length === 0) return [];

  const result = await build({
    entryPoints: Object.fromEntries(names.map((name) => [`${name}/index`, join(srcDir, `${name}.ts`)])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: NODE_TARGET,
    mainFields: ["module", "main"],
    banner: { js: ESM_PROLOGUE },
    sourcemap: "linked",
    minify: false,
    keepNames: true,
    external: [...LOCAL_ONLY_PACKAGES],
    metafile: true,
    absWorkingDir: repoRoot,
    logLevel: "silent",
  }).catch((error: unknown) => {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const lines = errors?.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text));
    // The same error repeats once per entry point that reaches the file: report it once.
    throw new BundleError(`Bundling failed:\n${lines ? [...new Set(lines)].join("\n") : String(error)}`);
  });

  const forbidden = forbiddenImports(result.metafile);
  if (forbidden.length > 0) {
    throw new BundleError(
      `A Lambda bundle imports local-only packages (they are not deployed); import them dynamically in local-only code:\n${forbidden.join("\n")}`,
    );
  }

  // Metafile output paths are relative to absWorkingDir.
  const sizes = new Map(
    Object.entries(result.metafile.outputs).map(([path, output]) => [resolve(repoRoot, path), output.bytes]),
  );
  return names.map((name) => {
    const file = join(outdir, name, "index.mjs");
    const bytes = sizes.get(file) ?? 0;
    const sourceMapBytes = sizes.get(`${file}.map`) ?? 0;
    return { name, entry: join(srcDir, `${name}.ts`), file, bytes, sourceMapBytes };
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(args: string[]): Promise<void> {
  const built = await buildFunctions({ names: args.length > 0 ? args : undefined });
  if (built.length === 0) {
    console.log("No entry points in functions/ to bundle.");
    return;
  }
  const width = Math.max(...built.map((fn) => fn.name.length));
  for (const fn of built) {
    const where = relative(process.cwd(), fn.file);
    console.log(
      `${fn.name.padEnd(width)}  ${formatSize(fn.bytes).padStart(10)}  (map ${formatSize(fn.sourceMapBytes)})  ${where}`,
    );
  }
  const total = built.reduce((sum, fn) => sum + fn.bytes, 0);
  console.log(`${"total".padEnd(width)}  ${formatSize(total).padStart(10)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof BundleError ? error.message : `Bundling failed: ${String(error)}`);
    process.exitCode = 1;
  });
}
