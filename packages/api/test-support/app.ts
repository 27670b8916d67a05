/**
 * Test helper (not exported from the package): the API app on a real store (in-memory dynalite), with a queue
 * that records jobs, so route tests exercise the same queries as production.
 */
import { defaultStorylines } from "@storywire/core";
import type { Job } from "@storywire/pipeline";
import { createDynamoClient, createStore, ensureTable, type Store } from "@storywire/store";
import { startLocalDynamo } from "@storywire/store/local";
import { type App, createApp } from "../src/app.ts";
import type { ApiDeps } from "../src/deps.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const TEST_ADMIN_KEY = "route-test-admin-key-0123456789";
export const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

export interface TestApp {
  app: App;
  store: Store;
  deps: ApiDeps;
  /** Jobs the routes queued. */
  jobs: Job[];
  /** A request to the app (no server), with JSON bodies encoded. */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; json?: unknown; body?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

let tables = 0;

export async function startTestApp(overrides: Partial<ApiDeps> = {}): Promise<TestApp> {
  const dynamo = await startLocalDynamo();
  const client = createDynamoClient({ endpoint: dynamo.endpoint, maxAttempts: 2 });
  const tableName = `api-test-${process.pid}-${++tables}`;
  await ensureTable(client, tableName);
  // As the runtimes do: subscription secrets are sealed under the admin key.
  const store = createStore({ client, tableName, secrets: { current: TEST_ADMIN_KEY } });
  const jobs: Job[] = [];
  const deps: ApiDeps = {
    store,
    queue: { send: async (sent) => void jobs.push(...sent) },
    adminKey: TEST_ADMIN_KEY,
    publicUrl: "http://127.0.0.1:9",
    validateUrl: async (url) => {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`${url} is not an http(s) URL.`);
      if (parsed.hostname === "169.254.169.254") throw new Error(`${url} points to a blocked address.`);
      return parsed.href;
    },
    storylines: async () => defaultStorylines,
    sendTest: async () => ({ ok: true, status: 200 }),
    // Route tests send many requests from one (unknown) address; the rate limit has tests of its own.
    rateLimit: { perKey: 0, perAddress: 0, windowSeconds: 60, limitLoopback: false },
    ...overrides,
  };
  const app = createApp(deps);
  return {
    app,
    store,
    deps,
    jobs,
    request: (path, init = {}) =>
      Promise.resolve(
        app.request(path, {
          method: init.method ?? "GET",
          headers: { ...(init.json === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
          ...(init.json === undefined
            ? init.body === undefined
              ? {}
              : { body: init.body }
            : { body: JSON.stringify(init.json) }),
        }),
      ),
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}
