/**
 * The local stack as the end-to-end tests run it: in memory, no timer (tests call tick()), the guard off for
 * loopback, and delayed queue messages that never fire (retries come back through the sweeper as time moves).
 */
import { type Clock, silentLogger } from "@storywire/pipeline";
import { type Config, type LocalStack, loadConfig, startLocalStack } from "storywire";

export const TEST_ADMIN_KEY = "test-admin-key-0123456789";
export const adminHeaders = { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" };

/**
 * The configuration of a stack that tests and benchmarks start: no environment or config file read, any free port,
 * no default feeds, the SSRF guard off for loopback feeds, the test admin key; `overrides` win.
 */
export function loopbackConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({
    env: {},
    overrides: { port: 0, feeds: [], allowPrivateNetworks: true, adminKey: TEST_ADMIN_KEY, ...overrides },
  });
}

export async function startTestStack(clock?: Clock): Promise<LocalStack> {
  const config = loopbackConfig({ pollIntervalSeconds: 60 });
  return startLocalStack(config, {
    inMemory: true,
    scheduler: false,
    logger: silentLogger,
    ...(clock ? { clock } : {}),
    queueSchedule: () => undefined,
  });
}

/** Subscribes a test receiver's webhook to storylines and hands it the signing secret; returns the response. */
export async function subscribeWebhook(
  stack: LocalStack,
  receiver: { url: string; setSecret(secret: string): void },
  storylines: string[],
): Promise<{ httpStatus: number; id: string; secret: string }> {
  const res = await fetch(`${stack.url}/subscriptions`, {
    method: "POST",
    headers: adminHeaders,
    body: JSON.stringify({ storylines, channel: { type: "webhook", url: receiver.url } }),
  });
  const body = (await res.json()) as { id: string; secret: string };
  receiver.setSecret(body.secret);
  return { ...body, httpStatus: res.status };
}

/** Watches a feed through the API and waits until its first fetch is done; returns the feed id. */
export async function watchFeed(stack: LocalStack, url: string): Promise<string> {
  const res = await fetch(`${stack.url}/feeds`, {
    method: "POST",
    headers: adminHeaders,
    body: JSON.stringify({ url }),
  });
  const feed = (await res.json()) as { id: string };
  await stack.queue.idle();
  return feed.id;
}
