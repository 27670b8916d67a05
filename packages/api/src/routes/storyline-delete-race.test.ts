/**
 * DELETE /storylines/{id} against POST /subscriptions naming it, at the same moment (ACCESS-PATTERNS.md,
 * "Deleting a storyline"): whatever order their store calls take, exactly one of the two wins, and what is left
 * agrees with the winner (no subscription of a deleted storyline, no storyline deleted under a subscription).
 *
 * The two requests run through the real routes on a real store; every store call either makes is one step, and a
 * schedule (enumerated orders, then fast-check's) says which request takes the next step when both are waiting.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import type { Store } from "@storywire/store";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";

type Side = "delete" | "subscribe";

/** Runs the store calls of the two sides one at a time, in the order a schedule gives. */
class Turns {
  private readonly waiting = new Map<Side, Array<() => void>>();
  private readonly done = new Set<Side>();
  private running = false;
  private step = 0;
  /** The sides that took each step, in order (for the failure message). */
  readonly trace: Side[] = [];

  constructor(private readonly schedule: readonly Side[]) {}

  async gate<T>(side: Side, call: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      const queue = this.waiting.get(side) ?? [];
      queue.push(resolve);
      this.waiting.set(side, queue);
      this.pump();
    });
    try {
      return await call();
    } finally {
      this.running = false;
      this.pump();
    }
  }

  finish(side: Side): void {
    this.done.add(side);
    this.pump();
  }

  /** Lets one call go once every side still running waits at a gate (so the schedule, not timing, decides). */
  private pump(): void {
    if (this.running) return;
    const sides = (["delete", "subscribe"] as const).filter((s) => !this.done.has(s));
    if (sides.length === 0 || !sides.every((s) => (this.waiting.get(s)?.length ?? 0) > 0)) return;
    // Past the end of the schedule the sides alternate, so that neither waits on the other for ever.
    const wanted = this.schedule[this.step] ?? (this.step % 2 === 0 ? "delete" : "subscribe");
    this.step += 1;
    const side = sides.includes(wanted) ? wanted : (sides[0] as Side);
    const next = this.waiting.get(side)?.shift();
    if (!next) return;
    this.running = true;
    this.trace.push(side);
    next();
  }
}

/** The store, with every call made inside a side's request taking its turn. */
function gatedStore(store: Store, current: AsyncLocalStorage<{ side: Side; turns: Turns }>): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const at = current.getStore();
        const call = () => Promise.resolve(value.apply(target, args));
        return at ? at.turns.gate(at.side, call) : call();
      };
    },
  });
}

describe("deleting a storyline while a subscription to it is created", () => {
  let t: TestApp;
  const current = new AsyncLocalStorage<{ side: Side; turns: Turns }>();
  let runs = 0;
  const outcomes = { delete: 0, subscribe: 0 };

  beforeAll(async () => {
    t = await startTestApp();
    // The app again, on the gated view of the same store.
    const store = gatedStore(t.store, current);
    const catalog = new StorylineCatalog({ store });
    const deps = { ...t.deps, store, storylineCatalog: catalog, storylines: () => catalog.list() };
    const app = createApp(deps);
    t = {
      ...t,
      app,
      deps,
      request: (path, init = {}) =>
        Promise.resolve(
          app.request(path, {
            method: init.method ?? "GET",
            headers: { ...(init.json === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
            ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
          }),
        ),
    };
  });
  afterAll(() => t?.close());

  async function race(schedule: readonly Side[]): Promise<void> {
    const id = `raced-${++runs}`;
    const made = await t.request("/storylines", {
      method: "POST",
      headers: admin,
      json: { id, query: `"arms control" NEAR/5 treaty run${runs}` },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    // Every list the subscribe route reads first already holds the new storyline.
    await t.deps.storylineCatalog?.list();

    const turns = new Turns(schedule);
    const side = <T>(name: Side, work: () => Promise<T>) =>
      current.run({ side: name, turns }, async () => {
        try {
          return await work();
        } finally {
          turns.finish(name);
        }
      });
    const [deleted, subscribed] = await Promise.all([
      side("delete", () => t.request(`/storylines/${id}`, { method: "DELETE", headers: admin })),
      side("subscribe", () =>
        t.request("/subscriptions", {
          method: "POST",
          headers: admin,
          json: { storylines: [id], channel: { type: "webhook", url: "http://127.0.0.1:9/hook" } },
        }),
      ),
    ]);
    const story = `${turns.trace.join(" ")} -> DELETE ${deleted.status}, POST ${subscribed.status} ${subscribed.status === 500 ? await subscribed.clone().text() : ""}`;

    // Exactly one wins; the other is told why, in a sentence that names the storyline.
    const won = subscribed.status === 201 ? "subscribe" : "delete";
    // A subscription that starts after the delete is done is refused as naming no storyline (400).
    expect(won === "subscribe" ? [deleted.status] : [409, 400], story).toContain(
      won === "subscribe" ? 409 : subscribed.status,
    );
    expect(won === "subscribe" ? subscribed.status : deleted.status, story).toBe(won === "subscribe" ? 201 : 204);
    const loser = won === "subscribe" ? deleted : subscribed;
    expect(((await loser.json()) as { detail: string }).detail, story).toContain(`"${id}"`);

    // What is left agrees with the winner.
    const users = (await t.store.listSubscriptions({ includeDisabled: true })).filter((s) => s.storylines.includes(id));
    const stored = (await t.request(`/storylines/${id}`, { headers: admin })).status;
    outcomes[won] += 1;
    if (won === "subscribe") {
      expect(stored, story).toBe(200);
      expect(
        users.map((s) => s.id),
        story,
      ).toEqual([((await subscribed.json()) as { id: string }).id]);
      // Unsubscribing lets the storyline go, as a user would.
      expect((await t.request(`/subscriptions/${users[0]?.id}`, { method: "DELETE", headers: admin })).status).toBe(
        204,
      );
      expect((await t.request(`/storylines/${id}`, { method: "DELETE", headers: admin })).status).toBe(204);
    } else {
      expect(stored, story).toBe(404);
      expect(users, story).toEqual([]);
    }
    // Nothing left behind: no mark, no subscriber entry of a subscription that backed out or was deleted.
    expect(await t.store.isStorylineDeleting(id), story).toBe(false);
    expect(await t.store.listStorylineSubscriberIds(id), story).toEqual([]);
  }

  it("the delete wins when it runs first, the subscription when it does", async () => {
    await race(Array(40).fill("delete"));
    expect(outcomes).toEqual({ delete: 1, subscribe: 0 });
    await race(Array(40).fill("subscribe"));
    expect(outcomes).toEqual({ delete: 1, subscribe: 1 });
  });

  it("exactly one wins in every interleaving, and each side wins some", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Side>("delete", "subscribe"), { maxLength: 24 }), (schedule) =>
        race(schedule),
      ),
      { numRuns: 40 },
    );
    expect(outcomes.delete).toBeGreaterThan(1);
    expect(outcomes.subscribe).toBeGreaterThan(1);
  }, 120_000);
});
