import { describe, expect, it } from "vitest";
import { defaultStorylineInputs } from "./defaults/index.ts";
import { StorylineError } from "./errors.ts";
import { parseStoryline, validateStoryline } from "./storyline-schema.ts";

const minimal = { id: "my-story", title: "My story", cues: [{ phrase: "alpha", weight: 2 }] };

describe("validateStoryline", () => {
  it("accepts the defaults and fills in defaults for optional fields", () => {
    for (const s of defaultStorylineInputs) expect(validateStoryline(s).ok).toBe(true);
    const r = validateStoryline(minimal);
    expect(r.ok && r.storyline).toMatchObject({
      threshold: 0.5,
      saturation: 10,
      gates: [],
      exclusions: [],
      contexts: {},
      cues: [{ phrase: "alpha", weight: 2, wholeWord: true }],
    });
  });

  it.each([
    [
      { ...minimal, cues: [...minimal.cues, minimal.cues[0], { phrase: "x", weight: 11 }] },
      "cues[2].weight must be a number between 0 and 10",
    ],
    [{ ...minimal, cues: [{ phrase: "x", weight: "heavy" }] }, "cues[0].weight must be a number between 0 and 10"],
    [{ ...minimal, cues: [{ phrase: "", weight: 1 }] }, "cues[0].phrase must not be empty"],
    [{ ...minimal, cues: [{ phrase: "--", weight: 1 }] }, "cues[0].phrase must contain at least one letter or digit"],
    [{ ...minimal, cues: [] }, "cues must have at least one cue"],
    [{ ...minimal, id: "Not A Slug" }, "id must be a slug: lower-case letters, digits and single hyphens"],
    [{ title: "t", cues: minimal.cues }, "id is required"],
    [{ ...minimal, threshold: 2 }, "threshold must be a number between 0 and 1"],
    [{ ...minimal, extra: true }, 'the storyline has an unknown field "extra"'],
    [{ ...minimal, cues: [{ phrase: "x", weight: 1, colour: "red" }] }, 'cues[0] has an unknown field "colour"'],
    [
      { ...minimal, cues: [{ phrase: "x", weight: 1, near: [{ contexts: ["nowhere"] }] }] },
      'cues[0].near[0].contexts[0] names an unknown context "nowhere"; define it under contexts',
    ],
    [
      {
        ...minimal,
        cues: [{ phrase: "x", weight: 1, near: [{ contexts: ["a"], window: 99 }] }],
        contexts: { a: ["y"] },
      },
      "cues[0].near[0].window must be a whole number between 0 and 10",
    ],
    [{ ...minimal, gates: [{ label: "empty" }] }, "gates[0] must list phrases or contexts"],
    [
      { ...minimal, exclusions: [{ phrases: ["Gaza"], against: [] }] },
      "exclusions[0].against must have at least one rule",
    ],
    [null, "a storyline must be a JSON object"],
    [{ ...minimal, minParagraphs: 0 }, "minParagraphs must be a whole number between 1 and 10"],
    [{ ...minimal, minParagraphs: 1.5 }, "minParagraphs must be a whole number between 1 and 10"],
    [
      { ...minimal, cues: [{ phrase: "x", weight: 1, unless: [{ contexts: ["elsewhere"] }] }] },
      'cues[0].unless[0].contexts[0] names an unknown context "elsewhere"; define it under contexts',
    ],
    [
      { ...minimal, cues: [{ phrase: "x", weight: 1, unless: "Gaza" }] },
      "cues[0].unless must be a list of { contexts, window } rules",
    ],
    // No message of their own: zod's English wording, also where full zod (which installs it) never loads.
    [{ ...minimal, cues: ["alpha"] }, "cues[0] Invalid input: expected object, received string"],
    [{ ...minimal, gates: [null] }, "gates[0] Invalid input: expected object, received null"],
  ])("reports %j as %s", (input, message) => {
    const r = validateStoryline(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain(message);
  });
});

describe("parseStoryline", () => {
  it("throws a StorylineError that lists every problem", () => {
    expect(() => parseStoryline({ ...minimal, threshold: -1, saturation: 0 })).toThrowError(StorylineError);
    try {
      parseStoryline({ ...minimal, threshold: -1, saturation: 0 });
    } catch (e) {
      expect((e as StorylineError).errors).toHaveLength(2);
      expect((e as Error).message).toMatch(/^Storyline "my-story" is invalid: threshold must be/);
    }
  });
});

describe("default storylines as data", () => {
  it("survive a JSON round trip (as users send them through the API) and score the same", async () => {
    const { defaultStorylines } = await import("./defaults/index.ts");
    const { scoreStorylines } = await import("./storyline-score.ts");
    const text =
      "Putin offers New START extension\n\nRussia would keep the treaty's limits for a year, the Kremlin said.";
    const copies = defaultStorylines.map((s) => parseStoryline(JSON.parse(JSON.stringify(s))));
    expect(scoreStorylines(text, copies)).toEqual(scoreStorylines(text, defaultStorylines));
  });
});
