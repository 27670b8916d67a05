/** Test support (not exported): a story and a framing shaped like the pipeline's, for alert and channel tests. */

import type { ComposeAlertInput } from "../src/alerts/types.ts";
import type { Framing, Story } from "../src/types.ts";

export function testStory(overrides: Partial<Story> = {}): Story {
  return {
    id: "1d6d5fc977bff7a7",
    key: "guid-1",
    feedId: "00112233aabbccdd",
    title: "Talks on a ceasefire resume in Istanbul",
    text: "Delegations met on Monday.\n\nA second round is planned.",
    url: "https://news.example.org/articles/ceasefire-talks",
    source: "Example News",
    author: null,
    language: "en",
    publishedAt: "2025-05-16T09:30:00+02:00",
    fetchedAt: "2025-05-16T08:00:00.000Z",
    ...overrides,
  };
}

export const dimension = (value: number) => ({ value, evidence: [] });

export function testFraming(overrides: Partial<Framing> = {}): Framing {
  return {
    sourcing: {
      anonymous: 0.1,
      kremlin: 0.45,
      russianStateMedia: 0.2,
      ukrainian: 0.2,
      western: 0.3,
      analysts: 0,
      otherNamed: 0,
      evidence: {},
    },
    stance: dimension(0.2),
    naming: { ...dimension(0.5), russian: 2, ukrainian: 1, lean: "russian" },
    loaded: dimension(0.25),
    hedging: dimension(0.1),
    contrast: dimension(0),
    frame: { dominant: "Political", scores: { Political: 0.6 } },
    label: "state-media sourced",
    labelRule: "kremlin >= 0.4",
    summary: "Relies on Kremlin sources and uses Russian place names.",
    ...overrides,
  };
}

/** composeAlert input for an update in the ceasefire storyline; `story` overrides are merged into testStory(). */
export function testAlertInput(
  overrides: Partial<Omit<ComposeAlertInput, "story">> & { story?: Partial<Story> } = {},
): ComposeAlertInput {
  const { story, ...rest } = overrides;
  return {
    story: testStory(story),
    storyline: { id: "ceasefire", title: "Ukraine ceasefire and peace talks" },
    relation: "update",
    novel: ["Peskov said the memorandum is ready.", "The next round is set for 2 June."],
    storylineScore: 0.82,
    framing: testFraming(),
    links: { apiBase: "https://storywire.example.org/api/" },
    ...rest,
  };
}
