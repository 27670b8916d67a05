import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_ONLY_PACKAGES } from "./bundling.ts";
import { loadSstApp } from "./testing/load-app.ts";
import {
  durationSeconds,
  type FunctionDefinition,
  removeSstStandIns,
  type SstRecorder,
} from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

/**
 * What each function reads at run time through `Resource` (links carry names only; the IAM grants are pinned in
 * permissions.test.ts). Api: FetchQueue for a new feed's first fetch, DeliveryQueue for replays, EmailFrom for test
 * alerts, the admin keys for API keys and stored secrets. Deliver: DeliveryQueue to re-enqueue a retry due within
 * SQS's 15-minute maximum delay, the admin keys to open signing secrets. Ingest gets no key.
 */
const EXPECTED = {
  "functions/api.handler": {
    source: "Function Api",
    links: ["AdminApiKey", "DeliveryQueue", "EmailFrom", "FetchQueue", "PreviousAdminApiKey", "StoryTable"],
    timeoutSeconds: 30,
  },
  "functions/schedule.handler": {
    source: "CronV2 Schedule",
    links: ["DeliveryQueue", "FetchQueue", "StoryTable"],
    timeoutSeconds: 60,
  },
  "functions/ingest.handler": {
    source: "FetchQueue subscriber",
    links: ["DeliveryQueue", "StoryTable"],
    timeoutSeconds: 120,
  },
  "functions/deliver.handler": {
    source: "DeliveryQueue subscriber",
    links: ["AdminApiKey", "DeliveryQueue", "EmailFrom", "PreviousAdminApiKey", "StoryTable"],
    timeoutSeconds: 30,
  },
} as const;

const HANDLERS = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];

function byHandler(recorder: SstRecorder): Map<string, FunctionDefinition> {
  return new Map(recorder.functionDefinitions().map((definition) => [String(definition.args.handler), definition]));
}

describe.each(["dev", "production"])("functions in stage %s", (stage) => {
  it("are exactly the four pipeline steps, each defined once where expected", async () => {
    const { recorder } = await loadSstApp(stage);
    const definitions = recorder.functionDefinitions();
    expect(definitions.map((definition) => String(definition.args.handler)).sort()).toEqual([...HANDLERS].sort());
    const found = byHandler(recorder);
    for (const handler of HANDLERS) expect(found.get(handler)?.source).toBe(EXPECTED[handler].source);
  });

  it.each(HANDLERS)("%s links exactly what it uses", async (handler) => {
    const { recorder } = await loadSstApp(stage);
    const link = (byHandler(recorder).get(handler)?.args.link ?? []) as unknown[];
    const names = link.map((component) => recorder.nameOf(component) ?? "(not a component)");
    expect(names.sort()).toEqual([...EXPECTED[handler].links]);
  });

  it.each(HANDLERS)("%s runs on Node.js 22 or later, arm64, with a sensible timeout and memory", async (handler) => {
    const { recorder } = await loadSstApp(stage);
    const args = byHandler(recorder).get(handler)?.args ?? {};
    const runtime = /^nodejs(\d+)\.x$/.exec(String(args.runtime));
    expect(Number(runtime?.[1])).toBeGreaterThanOrEqual(22);
    expect(args.architecture).toBe("arm64");
    expect(durationSeconds(args.timeout)).toBe(EXPECTED[handler].timeoutSeconds);
    const memory = /^(\d+) MB$/.exec(String(args.memory));
    expect(Number(memory?.[1])).toBeGreaterThanOrEqual(128);
    expect(Number(memory?.[1])).toBeLessThanOrEqual(10_240);
  });

  it.each(HANDLERS)("%s knows its stage and keeps local-only packages out of its bundle", async (handler) => {
    const { recorder } = await loadSstApp(stage);
    const args = byHandler(recorder).get(handler)?.args ?? {};
    expect(args.environment).toMatchObject({ STORYWIRE_STAGE: stage, STORYWIRE_RUNTIME: "aws" });
    const nodejs = args.nodejs as { esbuild: { external: string[] }; sourcemap: boolean };
    expect(nodejs.esbuild.external).toEqual(expect.arrayContaining([...LOCAL_ONLY_PACKAGES]));
    expect(nodejs.sourcemap).toBe(true);
  });
});

describe("function details", () => {
  it("the deliver step links alerts back to the API's URL", async () => {
    const { recorder } = await loadSstApp("dev");
    const environment = byHandler(recorder).get("functions/deliver.handler")?.args.environment;
    expect(environment).toMatchObject({ STORYWIRE_PUBLIC_URL: "<Api.url>", STORYWIRE_STAGE: "dev" });
  });

  it("only the API has a URL; the app, not the URL, decides CORS", async () => {
    const { recorder } = await loadSstApp("dev");
    const found = byHandler(recorder);
    expect(found.get("functions/api.handler")?.args.url).toEqual({ cors: false });
    for (const handler of HANDLERS.filter((h) => h !== "functions/api.handler")) {
      expect(found.get(handler)?.args.url).toBeUndefined();
    }
  });

  it.each([
    { stage: "dev", retention: "1 week" },
    { stage: "production", retention: "3 months" },
  ])("keeps logs for $retention in stage $stage", async ({ stage, retention }) => {
    const { recorder } = await loadSstApp(stage);
    for (const definition of recorder.functionDefinitions()) {
      expect(definition.args.logging).toEqual({ retention });
    }
  });
});
