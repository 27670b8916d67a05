/** `npm run bench`: every benchmark in this folder, each printing its figures and its same-run baseline ratios. */
const benches = ["./scoring.bench.ts", "./ingest.bench.ts"];

console.log(`Storywire benchmarks on Node ${process.version}, ${new Date().toISOString()}`);
for (const path of benches) {
  const { run } = (await import(path)) as { run: (print: (line: string) => void) => Promise<void> };
  console.log(`\n# ${path.replace("./", "").replace(".bench.ts", "")}`);
  await run((line) => console.log(line));
}

export {};
