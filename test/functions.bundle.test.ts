/**
 * Issue 5: the Lambda bundles as deployed. `buildFunctions` bundles functions/{api,schedule,ingest,deliver}.ts;
 * each bundle is imported by Node itself and invoked with the event AWS would send (a Function URL request, an
 * EventBridge Scheduler event, SQS batches), against dynalite, a loopback SQS stand-in, a loopback RSS feed and a
 * loopback webhook receiver. The bundles find all of them through the environment fallbacks of
 * functions/lib/context.ts, exactly as they find the linked SST resources in AWS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDynamoClient, createStore, ensureTable, type Store } from "@storywire/store";
import { type LocalDynamo, startLocalDynamo } from "@storywire/store/local";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BuiltFunction, buildFunctions } from "../functions/build.ts";
import { BUNDLE_BUDGET_BYTES, LOCAL_ONLY_PACKAGES } from "../infra/bundling.ts";
import { startFeedServer } from "./support/feed-server.ts";
import { FUNCTION_URL_HOST, httpEvent, lambdaContext, schedulerEvent, sqsEvent } from "./support/lambda-events.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem } from "./support/samples.ts";
import { type SqsMessage, type SqsStandIn, startSqsStandIn } from "./support/sqs-stand-in.ts";

const ADMIN_KEY = "bundle-test-admin-key-0123456789abcdef";
const TABLE = "storywire-bundle-test";
const ENTRY_POINTS = ["api", "deliver", "ingest", "schedule"];

/** Packages each function must not bundle: the DOM, Readability and feed parsing belong to ingest alone. */
const INGEST_ONLY = ["linkedom", "@mozilla/readability", "rss-parser", "franc-min", "htmlparser2"];
/** The local SMTP client (email goes through SES in AWS) and the charset tables Node's own TextDecoder replaces. */
const NEVER = ["nodemailer", "iconv-lite"];
const NOT_BUNDLED: Record<string, string[]> = {
  api: [...INGEST_ONLY, ...NEVER],
  // Email HTML is built with hono/html, the dashboard's templates (a few KB, below); never the Hono app.
  deliver: [...INGEST_ONLY, ...NEVER, "@hono/zod-openapi"],
  ingest: [...NEVER, "hono", "@hono/zod-openapi", "@aws-sdk/client-sesv2", "standardwebhooks"],
  // The schedule function parses its configuration (zod/mini, the one schema) but no storyline or API schema.
  schedule: [...INGEST_ONLY, ...NEVER, "hono", "@aws-sdk/client-sesv2", "standardwebhooks"],
};

interface Handlers {
  api(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2>;
  schedule(event: ScheduledEvent, context: Context): Promise<{ feeds: number; deliveries: number }>;
  ingest(event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
  deliver(event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
}

const sample = sampleItem;
const SCO = sample("sco-defence-ministers");
const CEASEFIRE = sample("abu-dhabi-talks");

let scratch: string;
let built: BuiltFunction[] = [];
const handlers = {} as Handlers;
let dynamo: LocalDynamo;
let dynamoClient: ReturnType<typeof createDynamoClient>;
let store: Store;
let sqs: SqsStandIn;
let fetchQueue: string;
let deliveryQueue: string;
let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let receiver: Awaited<ReturnType<typeof startTestReceiver>>;
/** The JSON lines the bundles log to stdout (their jsonLogger), parsed. */
const logLines: { level: string; message: string }[] = [];

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

function builtFunction(name: string): BuiltFunction {
  const fn = built.find((f) => f.name === name);
  if (!fn) throw new Error(`No ${name} bundle was built.`);
  return fn;
}
/** The source files a built function's code came from (its source maps). */
function bundledSources(name: string): string[] {
  return builtFunction(name).files.flatMap(
    (file) => (JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] }).sources,
  );
}
const callApi = async (event: APIGatewayProxyEventV2) => {
  const result = await handlers.api(event, lambdaContext("storywire-test-Api"));
  return { ...result, json: () => JSON.parse(result.body ?? "null") as Record<string, unknown> };
};
const asRecords = (messages: SqsMessage[]) =>
  messages.map((m) => ({ messageId: m.messageId, body: m.body, queueUrl: m.queueUrl }));

/** The bundles' jsonLogger writes one JSON object per line to stdout: keep those lines, pass anything else on. */
function captureJsonLogs(): void {
  const write = process.stdout.write;
  vi.spyOn(process.stdout, "write").mockImplementation(((...args: Parameters<typeof write>) => {
    const text = typeof args[0] === "string" ? args[0].trim() : "";
    if (text.startsWith("{") && !text.includes("\n")) {
      try {
        logLines.push(JSON.parse(text));
        return true;
      } catch {
        // Not one of the bundles' log lines: printed as usual.
      }
    }
    return Reflect.apply(write, process.stdout, args);
  }) as typeof write);
}

beforeAll(async () => {
  // Bundles go under a node_modules folder: vitest hands such .mjs files to Node's own loader untouched (it
  // transforms only files outside node_modules), so the code that runs is byte for byte the built bundle.
  // Before any AWS client exists (the dynalite clients too): Node 20 here, and the SDK would print a notice.
  vi.stubEnv("AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "true");
  scratch = mkdtempSync(join(tmpdir(), "storywire-lambda-"));
  const started = Date.now();
  built = await buildFunctions({ outdir: join(scratch, "node_modules", "storywire-lambda") });
  console.info(`[bundle test] built ${built.length} bundles in ${Date.now() - started} ms`);

  dynamo = await startLocalDynamo();
  dynamoClient = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(dynamoClient, TABLE);
  store = createStore({ client: dynamoClient, tableName: TABLE, secrets: { current: ADMIN_KEY } });
  sqs = await startSqsStandIn();
  fetchQueue = sqs.createQueue("storywire-test-FetchQueue");
  deliveryQueue = sqs.createQueue("storywire-test-DeliveryQueue");
  feeds = await startFeedServer([SCO, CEASEFIRE]);
  receiver = await startTestReceiver();

  // The storylines file a deploy bundles (infra/storylines.ts); here an absolute path instead of the task root's copy.
  const storylinesFile = join(scratch, "storylines.json");
  writeFileSync(storylinesFile, JSON.stringify([{ id: "hokkaido", title: "Hokkaido", query: "Hokkaido" }]));

  // Set before the bundles load; each bundle builds its own context from them on its first invocation.
  const environment: Record<string, string> = {
    STORYWIRE_STORYLINES: storylinesFile,
    ...sqs.sdkEnvironment(),
    STORYWIRE_TABLE: TABLE,
    STORYWIRE_DYNAMO_ENDPOINT: dynamo.endpoint,
    STORYWIRE_FETCH_QUEUE_URL: fetchQueue,
    STORYWIRE_DELIVERY_QUEUE_URL: deliveryQueue,
    STORYWIRE_ADMIN_KEY: ADMIN_KEY,
    STORYWIRE_PUBLIC_URL: `https://${FUNCTION_URL_HOST}/`,
    // The feed and the receiver are on loopback, which the SSRF guard blocks by default.
    STORYWIRE_ALLOW_PRIVATE_NETWORKS: "1",
    // The sample stories carry their text; no article page is fetched (their links are not loopback).
    STORYWIRE_FULLTEXT_BUDGET: "0",
    STORYWIRE_EMAIL_FROM: "",
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);

  captureJsonLogs();

  for (const fn of built) {
    const module = (await import(pathToFileURL(fn.file).href)) as { handler?: unknown };
    if (typeof module.handler !== "function") throw new Error(`${fn.file} does not export a handler function.`);
    (handlers as unknown as Record<string, unknown>)[fn.name] = module.handler;
  }
}, 90_000);

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  dynamoClient?.destroy();
  await Promise.all([dynamo?.close(), sqs?.close(), feeds?.close(), receiver?.close()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("npm run build:functions", () => {
  it("produces one bundle per entry point, each exporting a handler", () => {
    expect(built.map((fn) => fn.name)).toEqual(ENTRY_POINTS);
    for (const fn of built) {
      expect(fn.bytes, fn.name).toBeGreaterThan(0);
      expect(fn.sourceMapBytes, fn.name).toBeGreaterThan(0);
      expect(typeof handlers[fn.name as keyof Handlers], fn.name).toBe("function");
    }
  });

  it.each(ENTRY_POINTS)("the %s bundle holds no local-only package (dynalite, LevelDB, tsx, ...)", (name) => {
    const fn = builtFunction(name);
    let mapped = 0;
    for (const file of fn.files) {
      // A chunk that only re-exports another has an empty map; the handler's own module never does.
      const { sources } = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
      const code = readFileSync(file, "utf8");
      mapped += sources.length;
      for (const pkg of LOCAL_ONLY_PACKAGES) {
        expect(sources.filter((s) => s.includes(`node_modules/${pkg}/`))).toEqual([]);
        for (const form of [`from"${pkg}"`, `from "${pkg}"`, `import("${pkg}")`, `require("${pkg}")`]) {
          expect(code.includes(form), `${file} contains ${form}`).toBe(false);
        }
      }
      expect(sources.filter((s) => s.endsWith("packages/store/src/local.ts"))).toEqual([]);
    }
    expect(mapped).toBeGreaterThan(0);
  });

  it.each(ENTRY_POINTS)("the %s bundle stays within its budget (infra/bundling.ts)", (name) => {
    const fn = builtFunction(name);
    const budget = BUNDLE_BUDGET_BYTES[name];
    if (budget === undefined) throw new Error(`infra/bundling.ts gives the ${name} function no budget.`);
    const heaviest = fn.weights
      .slice(0, 8)
      .map((w) => `${w.source} ${w.bytes}`)
      .join(", ");
    expect(
      fn.bytes,
      `${name}: ${fn.bytes} bytes of code, over its budget of ${budget}; heaviest: ${heaviest} (npm run build:functions)`,
    ).toBeLessThanOrEqual(budget);
    expect(fn.startBytes).toBeLessThanOrEqual(fn.bytes);
  });

  it.each(ENTRY_POINTS)("the %s bundle carries none of zod's translations", (name) => {
    const locales = bundledSources(name).filter((source) =>
      /node_modules\/zod\/v4\/locales\/(?!en\.js)[a-z]{2,3}(?:-[A-Z]{2})?\.js$/.test(source),
    );
    // zod's `z` namespace holds its ~50 translations (260 KB); the bundles keep English alone (infra/esbuild-plugins.mjs).
    expect(locales, "zod's translations slipped past infra/esbuild-plugins.mjs").toEqual([]);
  });

  it.each(["deliver", "ingest", "schedule"])("the %s bundle carries zod/mini, not full zod", (name) => {
    const classic = bundledSources(name).filter((source) => /node_modules\/zod\/v4\/classic\//.test(source));
    // Full zod's API adds ~67 KB to a bundle over zod/mini; only the API function needs it (@hono/zod-openapi).
    expect(classic, 'a module these functions import uses "zod"; write `import * as z from "zod/mini"`').toEqual([]);
  });

  it.each(Object.entries(NOT_BUNDLED))("the %s bundle carries nothing it never runs", (name, packages) => {
    const sources = new Set(builtFunction(name).weights.map((w) => w.source));
    expect(packages.filter((pkg) => sources.has(pkg))).toEqual([]);
  });

  it("the deliver bundle carries of hono only the html templates of email, not the app", () => {
    const hono = builtFunction("deliver").weights.find((w) => w.source === "hono");
    expect(hono?.bytes ?? 0).toBeLessThan(10_000);
  });
});

describe("api bundle: a Function URL request (payload format 2.0)", () => {
  it("GET /health answers 200 with JSON", async () => {
    const res = await callApi(httpEvent("GET", "/health"));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ status: "ok" });
  });

  it("GET /openapi.json describes the API", async () => {
    const res = await callApi(httpEvent("GET", "/openapi.json"));
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/health", "/feeds", "/subscriptions"]));
  });

  it.each([
    ["no key", {}],
    ["a wrong key", { authorization: "Bearer not-the-key" }],
  ])("POST /feeds with %s answers 401 and queues nothing", async (_, headers) => {
    const res = await callApi(httpEvent("POST", "/feeds", { headers, json: { url: feeds.url } }));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: expect.any(Number), detail: expect.any(String) });
    expect(sqs.messages).toEqual([]);
  });

  it("POST /subscriptions creates a webhook subscription to the loopback receiver", async () => {
    const res = await callApi(
      httpEvent("POST", "/subscriptions", {
        headers: auth,
        json: { storylines: ["sco"], channel: { type: "webhook", url: receiver.url } },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: string; secret: string };
    expect(created.secret).toMatch(/^whsec_/);
    receiver.setSecret(created.secret);
  });

  it("POST /feeds with the key answers 201 and sends one fetch job, holding the feed's claim, to the FetchQueue", async () => {
    const res = await callApi(httpEvent("POST", "/feeds", { headers: auth, json: { url: feeds.url } }));
    expect(res.statusCode, res.body).toBe(201);
    const feed = res.json() as { id: string; url: string };
    expect(feed.id).toMatch(/^[0-9a-f]{16}$/);
    expect(sqs.messages.map((m) => [m.queueUrl, JSON.parse(m.body), m.delaySeconds])).toEqual([
      [fetchQueue, { type: "fetch", feedId: feed.id, claim: expect.stringMatching(/^queued-/) }, 0],
    ]);
    expect(await store.getFeed(feed.id)).toMatchObject({ id: feed.id, url: feed.url });
  });

  it("POST /feeds again with the same feed answers 200 and queues nothing more", async () => {
    const res = await callApi(httpEvent("POST", "/feeds", { headers: auth, json: { url: feeds.url } }));
    expect(res.statusCode).toBe(200);
    expect(sqs.messages).toHaveLength(1);
  });
});

describe("schedule bundle: an EventBridge Scheduler event", () => {
  it("queues nothing for the new feed: its first fetch is already queued and holds the feed's claim", async () => {
    const first = await handlers.schedule(schedulerEvent(), lambdaContext("storywire-test-Schedule"));
    expect(first).toEqual({ feeds: 0, deliveries: 0 });
    expect(sqs.messages).toHaveLength(1);
  });
});

describe("ingest bundle: an SQS batch from the FetchQueue", () => {
  let fetchMessages: SqsMessage[] = [];

  it("ingests the feed and reports exactly the poison record as a batch item failure", async () => {
    fetchMessages = sqs.messagesIn(fetchQueue);
    expect(fetchMessages).toHaveLength(1);
    sqs.clear();
    const poisonId = "poison-0000-not-a-job";
    const event = sqsEvent([
      { messageId: poisonId, body: "<ReceiveMessageResponse>not a job</ReceiveMessageResponse>", queueUrl: fetchQueue },
      ...asRecords(fetchMessages),
    ]);
    const before = logLines.length;
    const result = await handlers.ingest(event, lambdaContext("storywire-test-Ingest"));
    // The one error line is the poison record's, with the Lambda context; it is taken out of the log checked below.
    const errors = logLines.slice(before).filter((l) => l.level === "error");
    logLines.splice(logLines.indexOf(errors[0] as (typeof logLines)[number]), 1);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: poisonId }] });
    expect(errors).toEqual([
      expect.objectContaining({ message: "job failed", messageId: poisonId, function_name: "storywire-test-Ingest" }),
    ]);

    const feedId = (JSON.parse(fetchMessages[0]?.body ?? "{}") as { feedId: string }).feedId;
    const { items } = await store.listStories({ feedId });
    expect(items.map((s) => s.title).sort()).toEqual([SCO.title, CEASEFIRE.title].sort());
    expect(await store.getFeed(feedId)).toMatchObject({ lastStatus: 200, errorCount: 0, lastError: null });
    expect(logLines).toContainEqual(expect.objectContaining({ level: "info", message: "feed checked" }));
  });

  it("sends one delivery job for the story the subscription's storyline matched", () => {
    const deliveries = sqs.messagesIn(deliveryQueue);
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]?.body ?? "{}")).toEqual({ type: "deliver", deliveryId: expect.any(String) });
    expect(sqs.messagesIn(fetchQueue)).toEqual([]);
  });

  it("handles the same message delivered again (SQS is at least once): the feed is not fetched twice", async () => {
    const before = sqs.messages.length;
    const requests = feeds.stats.requests;
    const result = await handlers.ingest(sqsEvent(asRecords(fetchMessages)), lambdaContext("storywire-test-Ingest"));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(feeds.stats.requests).toBe(requests);
    expect(sqs.messages).toHaveLength(before);
    expect((await store.listStories()).items).toHaveLength(2);
  });
});

describe("deliver bundle: an SQS batch from the DeliveryQueue", () => {
  it("sends the alert once, with a Standard Webhooks signature the receiver verifies", async () => {
    const messages = sqs.messagesIn(deliveryQueue);
    expect(messages).toHaveLength(1);
    const result = await handlers.deliver(sqsEvent(asRecords(messages)), lambdaContext("storywire-test-Deliver"));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(receiver.received).toHaveLength(1);
    const [alert] = receiver.received;
    expect(alert?.verified).toBe(true);
    expect(alert?.payload?.type).toBe("storyline.first");
    expect(alert?.payload?.data).toMatchObject({ relation: "first", storyline: { id: "sco" } });
    const deliveryId = (JSON.parse(messages[0]?.body ?? "{}") as { deliveryId: string }).deliveryId;
    expect(await store.getDelivery(deliveryId)).toMatchObject({ state: "delivered" });
  });

  it("sends nothing more when the same message is delivered again", async () => {
    const before = sqs.messages.length;
    const messages = sqs.messagesIn(deliveryQueue);
    const result = await handlers.deliver(sqsEvent(asRecords(messages)), lambdaContext("storywire-test-Deliver"));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(receiver.attempts).toHaveLength(1);
    expect(sqs.messages).toHaveLength(before);
  });

  it("logged JSON lines to stdout, none of them at error level", () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("storylines on Lambda", () => {
  const ARCTIC = {
    guid: "arctic-shipping",
    title: "Arctic shipping season opens early as ice retreats",
    paragraphs: [
      "Cargo ships began using the Northern Sea Route three weeks earlier than usual this year, port officials in Murmansk said on Monday.",
      "Arctic shipping traffic has grown every year since 2020 as summer sea ice retreats, according to the Norwegian Polar Institute.",
    ],
  };

  it("serves the bundled file's storylines, read-only", async () => {
    const list = (await callApi(httpEvent("GET", "/storylines"))).json() as {
      storylines: { id: string; origin: string }[];
    };
    expect(list.storylines).toContainEqual(expect.objectContaining({ id: "hokkaido", origin: "file" }));
    const res = await callApi(httpEvent("PATCH", "/storylines/hokkaido", { headers: auth, json: { threshold: 0.9 } }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: "conflict",
      detail: expect.stringMatching(/is defined in .*storylines\.json/),
    });
  });

  it("a storyline created through the api bundle is scored by the warm ingest bundle on its next batch", async () => {
    const created = await callApi(
      httpEvent("POST", "/storylines", {
        headers: auth,
        json: { id: "arctic", query: '"Arctic shipping" OR "Northern Sea Route"' },
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: "arctic",
      cues: [{ phrase: "Arctic shipping" }, { phrase: "Northern Sea Route" }],
    });

    feeds.setItems([ARCTIC, SCO, CEASEFIRE]);
    const [feed] = await store.listFeeds();
    // Its next check has come (a fetch job for a feed that is not due is skipped: one fetch per due time).
    await store.updateFeedFetchState(feed?.id ?? "", { nextCheckAt: new Date() });
    const job = {
      messageId: "arctic-fetch",
      body: JSON.stringify({ type: "fetch", feedId: feed?.id }),
      queueUrl: fetchQueue,
    };
    const result = await handlers.ingest(sqsEvent([job]), lambdaContext("storywire-test-Ingest"));
    expect(result).toEqual({ batchItemFailures: [] });
    const { items } = await store.listStories({ feedId: feed?.id });
    const arctic = items.find((s) => s.title === ARCTIC.title);
    expect(arctic?.storylines?.find((s) => s.id === "arctic")).toMatchObject({ matched: true });
    expect((await store.listEvents("arctic")).items).toHaveLength(1);
  });
});
