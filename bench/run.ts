/**
 * `npm run bench`: every benchmark in this folder, each printing its figures and its same-run baseline ratios; the
 * recorded figures are also written to bench/results.json (not committed: these machines drift).
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { consoleContext } from "./context.ts";

const benches = ["./scoring.bench.ts", "./ingest.bench.ts", "./storylines.bench.ts", "./api.bench.ts"];

const ctx = consoleContext();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}`;
console.log(`Storywire benchmarks on Node ${process.version}, ${machine}, ${new Date().toISOString()}`);
for (const path of benches) {
  const { run } = (await import(path)) as { run: (ctx: ReturnType<typeof consoleContext>) => Promise<void> };
  console.log(`\n# ${path.replace("./", "").replace(".bench.ts", "")}`);
  await run(ctx);
}
const out = new URL("./results.json", import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ node: process.version, machine, at: new Date().toISOString(), ...ctx.results }, null, 2)}\n`,
);
console.log(`\nfigures written to bench/results.json`);
