/**
 * `npm run bench`: every benchmark in this folder, each printing its figures and its same-run baseline ratios; the
 * recorded figures are printed as one table at the end and written to bench/results.json (not committed: these
 * machines drift). A module that fails is reported and skipped; the others still run, and the exit code is 1.
 *
 *   npm run bench                  # all of them
 *   npm run bench -- poll bundles  # only the modules whose name contains one of the words
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { consoleContext } from "./context.ts";

const benches = [
  "./scoring.bench.ts",
  "./ingest.bench.ts",
  "./storylines.bench.ts",
  "./store-transport.bench.ts",
  "./api.bench.ts",
  "./search-index.bench.ts",
  "./bundles.bench.ts",
  "./poll.bench.ts",
  "./alert-latency.bench.ts",
  "./opml-import.bench.ts",
];

const words = process.argv.slice(2);
const selected = words.length === 0 ? benches : benches.filter((path) => words.some((word) => path.includes(word)));
if (selected.length === 0) {
  console.error(`No benchmark matches ${words.join(", ")}; the benchmarks are: ${benches.join(", ")}.`);
  process.exit(2);
}

const ctx = consoleContext();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}`;
const load = loadavg().map((n) => n.toFixed(1));
console.log(`Storywire benchmarks on Node ${process.version}, ${machine}, ${new Date().toISOString()}`);
console.log(`load average at start: ${load.join(" ")} (figures are noisy on a busy machine)`);
const failed: { name: string; error: string }[] = [];
for (const path of selected) {
  const name = path.replace("./", "").replace(".bench.ts", "");
  console.log(`\n# ${name}`);
  const started = performance.now();
  try {
    const { run } = (await import(path)) as { run: (ctx: ReturnType<typeof consoleContext>) => Promise<void> };
    await run(ctx);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`${name} FAILED: ${message}`);
    failed.push({ name, error: error instanceof Error ? error.message : String(error) });
  }
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

function formatFigure(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

const rows = Object.entries(ctx.results);
const width = Math.max(6, ...rows.map(([key]) => key.length));
console.log(`\n${"figure".padEnd(width)}  value`);
console.log(`${"-".repeat(width)}  ${"-".repeat(12)}`);
for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${formatFigure(value)}`);
for (const f of failed) console.log(`${f.name.padEnd(width)}  FAILED: ${f.error.split("\n")[0]}`);

const out = new URL("./results.json", import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify(
    {
      node: process.version,
      machine,
      loadAverage: loadavg(),
      at: new Date().toISOString(),
      ...(failed.length > 0 ? { failed: failed.map((f) => f.name) } : {}),
      ...ctx.results,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nfigures written to bench/results.json`);
if (failed.length > 0) {
  console.error(`${failed.length} benchmark module(s) failed: ${failed.map((f) => f.name).join(", ")}.`);
  process.exitCode = 1;
}
