/**
 * What every benchmark module gets from the runner: `print` for the human table, `record` for the figures that
 * `npm run bench` also writes to bench/results.json (numbers only, keyed as the README's Performance table says).
 */
export interface BenchContext {
  print(line: string): void;
  record(key: string, value: number): void;
}

/** A context that prints to the console and keeps the recorded figures in `results`. */
export function consoleContext(): BenchContext & { results: Record<string, number> } {
  const results: Record<string, number> = {};
  return {
    results,
    print: (line) => console.log(line),
    record: (key, value) => {
      if (!Number.isFinite(value)) throw new Error(`bench figure ${key} is not a finite number: ${value}`);
      results[key] = value;
    },
  };
}
