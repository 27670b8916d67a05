import { alertId } from "@storywire/core/ids";
import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewAlert } from "./types.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const NOW = "2025-04-01T00:00:00.000Z";
const minute = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();

function makeAlert(storylineId: string, storyId: string, m: number): NewAlert {
  return {
    storylineId,
    storyId,
    eventId: "ev1",
    relation: "update",
    title: `Alert ${storyId}`,
    url: `https://news.example/${storyId}`,
    source: "Example News",
    publishedAt: minute(m),
    createdAt: minute(m),
    novel: ["A new sentence."],
    storylineScore: 0.75,
    framingLabel: "neutral",
    framingSummary: "Mostly named sources.",
  };
}

describe("alerts", () => {
  it("keeps one alert per (storyline, story)", async () => {
    const store = await env.freshStore(() => new Date(NOW));
    const first = await store.putAlert(makeAlert("ceasefire", "s1", 0));
    const again = await store.putAlert({ ...makeAlert("ceasefire", "s1", 5), title: "Changed" });
    expect(first).toMatchObject({ created: true, alert: { id: alertId("ceasefire", "s1") } });
    expect(again).toEqual({ alert: first.alert, created: false });
    expect(await store.getAlert(first.alert.id)).toEqual(first.alert);
    expect((await store.putAlert(makeAlert("sco", "s1", 0))).created).toBe(true);
  });

  it("lists a storyline's alerts newest first", async () => {
    const store = await env.freshStore(() => new Date(NOW));
    for (const [story, m] of [
      ["s1", 1],
      ["s2", 3],
      ["s3", 2],
    ] as const) {
      await store.putAlert(makeAlert("ceasefire", story, m));
    }
    await store.putAlert(makeAlert("sco", "s9", 9));
    expect((await store.listAlerts({ storylineId: "ceasefire" })).map((a) => a.storyId)).toEqual(["s2", "s3", "s1"]);
    expect((await store.listAlerts({ storylineId: "ceasefire" }, 1)).map((a) => a.storyId)).toEqual(["s2"]);
  });

  it("lists a subscription's alerts (what fan-out delivered to it) newest first", async () => {
    const store = await env.freshStore(() => new Date(NOW));
    for (const [story, m] of [
      ["s1", 1],
      ["s2", 2],
      ["s3", 3],
    ] as const) {
      const { alert } = await store.putAlert(makeAlert("ceasefire", story, m));
      if (story !== "s2") {
        await store.enqueueDelivery({
          subscriptionId: "sub1",
          storyId: story,
          alertId: alert.id,
          createdAt: minute(m),
        });
      }
    }
    await store.enqueueDelivery({ subscriptionId: "sub1", storyId: "no-alert", createdAt: minute(9) });
    expect((await store.listAlerts({ subscriptionId: "sub1" })).map((a) => a.storyId)).toEqual(["s3", "s1"]);
    expect((await store.listAlerts({ subscriptionId: "sub1" }, 1)).map((a) => a.storyId)).toEqual(["s3"]);
    expect(await store.listAlerts({ subscriptionId: "sub2" })).toEqual([]);
  });
});
