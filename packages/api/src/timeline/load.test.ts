import { fakeDeps, makeEvent, makeStory } from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { loadTimeline, MAX_TIMELINE_EVENTS } from "./load.ts";

const STORYLINES = [{ id: "ceasefire", title: "Ceasefire", description: "" }];

describe("loadTimeline", () => {
  it("is null for an unknown storyline", async () => {
    expect(await loadTimeline(fakeDeps({ storylines: STORYLINES }), "other")).toBeNull();
  });

  it("titles an event stored without a title after its first story's first words", async () => {
    const deps = fakeDeps({
      storylines: STORYLINES,
      events: [makeEvent({ id: "e1", title: "" })],
      stories: [
        makeStory({ id: "a000000000000001", title: "", text: "Shelling resumed near Huliaipole overnight. More." }),
      ],
      members: [{ eventId: "e1", storyId: "a000000000000001", relation: "first" }],
    });
    const timeline = await loadTimeline(deps, "ceasefire");
    expect(timeline?.events[0]?.title).toBe("Shelling resumed near Huliaipole overnight");
    expect(timeline?.events[0]?.stories[0]?.title).toBe("Shelling resumed near Huliaipole overnight");
  });

  it("asks the store for at most the largest page", async () => {
    const asked: (number | undefined)[] = [];
    const deps = fakeDeps({ storylines: STORYLINES });
    deps.store.listEvents = async (_id, options) => {
      asked.push(options?.limit);
      return { items: [], cursor: null };
    };
    await loadTimeline(deps, "ceasefire", { limit: 500 });
    await loadTimeline(deps, "ceasefire");
    expect(asked).toEqual([MAX_TIMELINE_EVENTS, 10]);
  });
});
