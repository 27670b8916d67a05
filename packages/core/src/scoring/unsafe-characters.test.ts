/** Control characters and bidirectional overrides are refused in every text of a storyline, naming the field. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readStorylineDefinition } from "../storyline-definition/definition.ts";
import { validateStoryline } from "./storyline-schema.ts";
import { findUnsafeCharacter } from "./unsafe-characters.ts";

const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  "\u007f",
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
];
const UNSAFE = [...BIDI, ...CONTROLS];
const LINE_BREAKS = ["\t", "\n", "\r"];

const base = { id: "probe", title: "Probe", cues: [{ phrase: "probe", weight: 5 }] };
/** Every text field of a storyline, as a function that puts `text` there, and the field's path. */
const PLACES: [string, (text: string) => Record<string, unknown>][] = [
  ["title", (text) => ({ ...base, title: `A${text}B` })],
  ["description", (text) => ({ ...base, description: `A${text}B` })],
  ["cues[0].phrase", (text) => ({ ...base, cues: [{ phrase: `A${text}B`, weight: 5 }] })],
  ["contexts.c[0]", (text) => ({ ...base, contexts: { c: [`A${text}B`] }, gates: [{ contexts: ["c"] }] })],
  ["gates[0].phrases[0].phrase", (text) => ({ ...base, gates: [{ phrases: [{ phrase: `A${text}B` }] }] })],
  ["gates[0].label", (text) => ({ ...base, gates: [{ label: `A${text}B`, phrases: ["x"] }] })],
  [
    "exclusions[0].phrases[0]",
    (text) => ({
      ...base,
      contexts: { own: ["probe"] },
      exclusions: [{ phrases: [`A${text}B`], against: [{ contexts: ["own"] }] }],
    }),
  ],
];

describe("findUnsafeCharacter", () => {
  it.each(UNSAFE.map((ch) => [ch.codePointAt(0)?.toString(16), ch]))("finds U+%s", (_, ch) => {
    const found = findUnsafeCharacter(`ab${ch}c`);
    expect(found?.index).toBe(2);
    expect(found?.name).toMatch(/^U\+[0-9A-F]{4} /);
  });

  it("lets prose break lines and keeps every other letter, mark and space", () => {
    for (const ch of LINE_BREAKS) expect(findUnsafeCharacter(`a${ch}b`, { allowLineBreaks: true })).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const clean = [...text].filter((ch) => !UNSAFE.includes(ch)).join("");
        expect(findUnsafeCharacter(clean)).toBeNull();
      }),
    );
    // Right-to-left text itself, and the marks that steer it without overriding it, are fine.
    expect(findUnsafeCharacter("وقف إطلاق النار \u200f شי")).toBeNull();
  });
});

describe("storyline texts", () => {
  const refused = (field: string) => UNSAFE.filter((ch) => field !== "description" || !LINE_BREAKS.includes(ch));
  it.each(PLACES.flatMap(([field, make]) => refused(field).map((ch) => [field, ch.codePointAt(0), make(ch)] as const)))(
    "%s refuses U+%s",
    (field, _, json) => {
      const result = readStorylineDefinition(json);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0]?.field).toBe(field);
        expect(result.errors[0]?.message).toMatch(/must not hold control characters or bidirectional overrides/);
      }
    },
  );

  it("a description may break lines; a title may not", () => {
    expect(validateStoryline({ ...base, description: "One line.\n\nAnother,\tindented." }).ok).toBe(true);
    expect(validateStoryline({ ...base, title: "One\nTwo" }).ok).toBe(false);
  });

  it.each([...UNSAFE.filter((ch) => !LINE_BREAKS.includes(ch))])("a query refuses %j at its place", (ch) => {
    const result = readStorylineDefinition({ query: `Ryabkov ${ch}Lavrov` });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: "query", message: expect.stringMatching(/^at character 9: remove the U\+/) }],
    });
  });

  it("a query may span lines; its title and description read it on one", () => {
    const result = readStorylineDefinition({ query: "Ryabkov\n  OR\tLavrov" });
    expect(result).toMatchObject({
      ok: true,
      storyline: { title: "Ryabkov OR Lavrov", description: "Built from the query: Ryabkov OR Lavrov." },
    });
  });

  it("no storyline may take an id the API uses for its own paths", () => {
    expect(readStorylineDefinition({ ...base, id: "compile" })).toMatchObject({
      ok: false,
      errors: [{ field: "id", message: expect.stringMatching(/\/storylines\/compile/) }],
    });
    expect(readStorylineDefinition({ query: "compile" })).toMatchObject({ ok: false, errors: [{ field: "id" }] });
  });
});
