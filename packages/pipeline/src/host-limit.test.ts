import { describe, expect, it } from "vitest";
import { hostKey, hostLimit } from "./host-limit.ts";

/** A task that stays in flight until released, recording the most tasks of its host in flight at once. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("hostLimit", () => {
  it("keeps at most the limit in flight per host, starts waiting requests in order, and never overshoots", async () => {
    const limit = hostLimit(2);
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const runs = gates.map((g, n) =>
      limit.run(`https://news.example/feed/${n}`, async () => {
        started.push(n);
        inFlight += 1;
        most = Math.max(most, inFlight);
        await g.opened;
        inFlight -= 1;
        return n;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limit.inFlight("news.example")).toBe(2);
    gates[1]?.open();
    await tick();
    // A newcomer arriving while a slot is handed over must wait its turn too.
    const late = limit.run("https://news.example/late", async () => "late");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await late).toBe("late");
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(limit.inFlight("news.example")).toBe(0);
  });

  it("does not hold one host's requests behind another's", async () => {
    const limit = hostLimit(1);
    const blocked = gate();
    const slow = limit.run("https://slow.example/a", () => blocked.opened.then(() => "slow"));
    const other = await limit.run("https://other.example/b", async () => "other");
    expect(other).toBe("other");
    expect(limit.inFlight("slow.example")).toBe(1);
    blocked.open();
    expect(await slow).toBe("slow");
  });

  it("frees the slot of a request that fails", async () => {
    const limit = hostLimit(1);
    await expect(
      limit.run("https://a.example/", async () => {
        throw new Error("connection refused");
      }),
    ).rejects.toThrow("connection refused");
    expect(await limit.run("https://a.example/", async () => "next")).toBe("next");
    expect(limit.inFlight("a.example")).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a limit of %s", (value) => {
    expect(() => hostLimit(value)).toThrow(/per-host limit must be 1 or more/);
  });
});

describe("hostKey", () => {
  it.each([
    ["https://Feeds.BBCI.co.uk/news/world/rss.xml", "feeds.bbci.co.uk"],
    ["http://127.0.0.3:8080/feed", "127.0.0.3"],
    ["http://[::1]:81/x", "[::1]"],
    ["not a url", "not a url"],
  ])("%s -> %s", (url, key) => {
    expect(hostKey(url)).toBe(key);
  });
});
