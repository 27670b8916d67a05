/**
 * Lambda bundles: bytes per function and the time a fresh Node process takes to import each handler (median of
 * several processes per bundle, bundles taken in turn so that drift hits all alike), as deployed: the AWS SDK
 * bundled and NODE_OPTIONS=--enable-source-maps. Same-run comparisons, each built here from the same sources:
 *   - the AWS SDK taken from the Lambda runtime instead (infra/bundling.ts RUNTIME_PROVIDED_PACKAGES external,
 *     loaded from node_modules as the runtime loads its own copy): bytes and cold import;
 *   - the deployed bundles imported without source maps: what the mapped stack traces cost at a cold start.
 * Targets (issue 10): <= 1.5 MB and <= 300 ms per function.
 *
 *   npx tsx bench/bundles.bench.ts
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type BuiltFunction, buildFunctions, formatBytes } from "../functions/build.ts";
import { BUNDLE_BUDGET_BYTES, LAMBDA_NODE_OPTIONS, type SdkSource } from "../infra/bundling.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
/** Fresh processes per bundle and configuration. */
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 7);

interface Config {
  label: string;
  sdk: SdkSource;
  sourceMaps: boolean;
}

const CONFIGS: Config[] = [
  { label: "as deployed", sdk: "bundle", sourceMaps: true },
  { label: "SDK from the runtime", sdk: "runtime", sourceMaps: true },
  { label: "no source maps", sdk: "bundle", sourceMaps: false },
];

/** Milliseconds `import()` of the handler module takes in a new Node process (the process start not included). */
async function coldImportMs(file: string, sourceMaps: boolean): Promise<number> {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t0));`;
  const flags = sourceMaps ? LAMBDA_NODE_OPTIONS.split(" ") : [];
  const { stdout } = await execFileAsync(process.execPath, [...flags, "--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`Importing ${file} printed no time: ${stdout.slice(0, 200)}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function run({ print, record }: BenchContext): Promise<void> {
  // The runtime-SDK bundles resolve @aws-sdk/* the way Lambda's runtime does: from a node_modules on their path.
  const scratch = mkdtempSync(join(tmpdir(), "storywire-bundles-"));
  symlinkSync(join(repoRoot, "node_modules"), join(scratch, "node_modules"), "dir");
  try {
    const builds: Record<SdkSource, BuiltFunction[]> = {
      bundle: await buildFunctions({ outdir: join(scratch, "bundle") }),
      runtime: await buildFunctions({ outdir: join(scratch, "runtime"), sdk: "runtime" }),
    };
    const names = builds.bundle.map((fn) => fn.name);
    const times = new Map<string, number[]>();
    for (let n = 0; n < RUNS; n++) {
      for (const config of CONFIGS) {
        for (const fn of builds[config.sdk]) {
          const key = `${config.label}/${fn.name}`;
          times.set(key, [...(times.get(key) ?? []), await coldImportMs(fn.file, config.sourceMaps)]);
        }
      }
    }
    const ms = (config: Config, name: string) => median(times.get(`${config.label}/${name}`) ?? []);
    const fn = (sdk: SdkSource, name: string) => builds[sdk].find((f) => f.name === name) as BuiltFunction;
    const [deployed, runtimeSdk, noMaps] = CONFIGS as [Config, Config, Config];

    print(`cold import: median of ${RUNS} fresh Node processes per bundle; bytes: all code files, maps excluded`);
    print(
      `${"function".padEnd(9)} ${"bytes".padStart(8)} ${"budget".padStart(8)} ${"at start".padStart(9)} ${"import".padStart(8)}` +
        ` | ${"SDK from runtime: bytes".padStart(23)} ${"import".padStart(8)} | ${"no maps: import".padStart(15)}`,
    );
    for (const name of names) {
      const b = fn("bundle", name);
      const r = fn("runtime", name);
      print(
        `${name.padEnd(9)} ${formatBytes(b.bytes).padStart(8)} ${formatBytes(BUNDLE_BUDGET_BYTES[name] ?? 0).padStart(8)}` +
          ` ${formatBytes(b.startBytes).padStart(9)} ${`${ms(deployed, name).toFixed(0)} ms`.padStart(8)}` +
          ` | ${formatBytes(r.bytes).padStart(23)} ${`${ms(runtimeSdk, name).toFixed(0)} ms`.padStart(8)}` +
          ` | ${`${ms(noMaps, name).toFixed(0)} ms`.padStart(15)}`,
      );
      record(`bundle_bytes_${name}`, b.bytes);
      record(`cold_import_ms_${name}`, ms(deployed, name));
    }
    const max = (values: number[]) => Math.max(...values);
    record("bundle_max_bytes", max(builds.bundle.map((f) => f.bytes)));
    record("cold_import_max_ms", max(names.map((name) => ms(deployed, name))));
    record("bundle_max_bytes_runtime_sdk", max(builds.runtime.map((f) => f.bytes)));
    record("cold_import_max_ms_runtime_sdk", max(names.map((name) => ms(runtimeSdk, name))));
    record("cold_import_max_ms_no_source_maps", max(names.map((name) => ms(noMaps, name))));
    print(
      `targets: <= 1.5 MB and <= 300 ms per function; heaviest in the largest bundle: ${[...builds.bundle]
        .sort((a, b) => b.bytes - a.bytes)[0]
        ?.weights.slice(0, 5)
        .map((w) => `${w.source} ${formatBytes(w.bytes)}`)
        .join(", ")}`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(consoleContext()).catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
