/**
 * API benchmark: p50, p99 and requests/s of `GET /stories` with filters at 10,000 stored stories on the embedded
 * store, 20 concurrent clients (autocannon). The server is the local stack in its own process (bench/api-stack.ts,
 * as `npm start` runs it: API and dynalite in one Node process); autocannon runs here. The requests cycle through a
 * mix of filters: plain pages, a second page by cursor, storylines with minScore, a feed, a source, language with
 * a time window, framing with relation, one- and two-word searches, and searches combined with a storyline.
 * Target (issue 10): p99 <= 50 ms.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { type BenchContext, consoleContext } from "./context.ts";

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 15);
const WARMUP_S = 3;

interface Ready {
  url: string;
  seededMs: number;
  stories: number;
  paths: string[];
}

async function startServer(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./api-stack.ts", import.meta.url).pathname], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`the benchmark server exited (code ${code}) before it was ready`);
  });
  const first = (async () => {
    for await (const line of lines) if (line.startsWith("{")) return JSON.parse(line) as Ready;
    throw new Error("the benchmark server printed no address");
  })();
  return { child, ready: await Promise.race([first, exited]) };
}

/**
 * `unique`: every request gets a parameter that changes nothing in the answer (an `until` far in the future, a
 * different millisecond each time), so no request is answered from the store's page cache.
 */
async function measure(url: string, paths: string[], seconds: number, unique = false) {
  let n = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: paths.map((path) => ({
      method: "GET" as const,
      path,
      ...(unique && !path.includes("until=")
        ? {
            setupRequest: (request: autocannon.Request) => {
              const until = new Date(Date.UTC(2099, 0, 1) + (n++ % 86_400_000)).toISOString();
              return { ...request, path: `${path}&until=${until}` };
            },
          }
        : {}),
    })),
  });
}

export async function run({ print, record }: BenchContext): Promise<void> {
  const started = performance.now();
  const { child, ready } = await startServer();
  try {
    print(
      `embedded store seeded with ${ready.stories.toLocaleString("en")} stories through putStory in ${(ready.seededMs / 1000).toFixed(0)} s`,
    );
    const first = (await (await fetch(`${ready.url}/stories?limit=20`)).json()) as { nextCursor: string };
    const paths = [...ready.paths, `/stories?limit=20&cursor=${first.nextCursor}`];
    for (const path of paths) {
      const res = await fetch(`${ready.url}${path}`);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    }
    await measure(ready.url, paths, WARMUP_S);
    const result = await measure(ready.url, paths, DURATION_S);
    const uncached = await measure(ready.url, paths, DURATION_S, true);
    for (const run of [result, uncached]) {
      if (run.non2xx > 0 || run.errors > 0) {
        throw new Error(`${run.non2xx} non-2xx answers and ${run.errors} errors during the run`);
      }
    }
    print(
      `GET /stories, ${paths.length} filter mixes, ${CONNECTIONS} connections, ${DURATION_S} s: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average.toFixed(0)} requests/s (target p99 <= 50 ms)`,
    );
    print(
      `  every request a page-cache miss (each one read from the story lists): p50 ${uncached.latency.p50} ms, p99 ${uncached.latency.p99} ms, ${uncached.requests.average.toFixed(0)} requests/s`,
    );
    record("api_p50_ms", result.latency.p50);
    record("api_p99_ms", result.latency.p99);
    record("api_rps", result.requests.average);
    record("api_uncached_p50_ms", uncached.latency.p50);
    record("api_uncached_p99_ms", uncached.latency.p99);
    record("api_uncached_rps", uncached.requests.average);
    print(`  (${((performance.now() - started) / 1000).toFixed(0)} s in all, seeding included)`);
  } finally {
    child.stdin?.end();
    await Promise.race([once(child, "exit"), new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run(consoleContext());
