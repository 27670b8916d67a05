import { describe, expect, it } from "vitest";
import { defaultStorylines } from "../scoring/defaults/index.ts";
import { readStorylineDefinition } from "./definition.ts";
import { formatFieldError, splitFieldError } from "./field-errors.ts";
import { loadStorylinesFile, parseStorylinesFile, StorylinesFileError } from "./file.ts";
import { applyMergePatch } from "./merge-patch.ts";

const minimal = { id: "mine", title: "Mine", cues: [{ phrase: "alpha", weight: 2 }] };

describe("splitFieldError", () => {
  it.each([
    ["cues[3].phrase must not be empty", "cues[3].phrase", "must not be empty"],
    ["threshold must be a number between 0 and 1", "threshold", "must be a number between 0 and 1"],
    [
      "contexts.ru-ua[2] must contain at least one letter or digit",
      "contexts.ru-ua[2]",
      "must contain at least one letter or digit",
    ],
    ['cues[0] has an unknown field "colour"', "cues[0]", 'has an unknown field "colour"'],
    ['the storyline has an unknown field "extra"', "extra", "is not a field of a storyline; remove it"],
    ["a storyline must be a JSON object", null, "a storyline must be a JSON object"],
    ["id is required", "id", "is required"],
  ])("%s", (text, field, message) => {
    expect(splitFieldError(text)).toEqual({ field, message });
  });

  it("formats a field error as field: message", () => {
    expect(formatFieldError({ field: "cues[3].phrase", message: "must not be empty" })).toBe(
      "cues[3].phrase: must not be empty",
    );
    expect(formatFieldError({ field: null, message: "a storyline must be a JSON object" })).toBe(
      "a storyline must be a JSON object",
    );
  });
});

describe("readStorylineDefinition", () => {
  it("reads the schema's JSON and fills in its defaults", () => {
    const read = readStorylineDefinition(minimal);
    expect(read).toMatchObject({ ok: true, query: null, notes: [], storyline: { id: "mine", threshold: 0.5 } });
  });

  it("round-trips every built-in storyline as it is served", () => {
    for (const s of defaultStorylines) {
      const read = readStorylineDefinition(JSON.parse(JSON.stringify(s)));
      expect(read.ok && read.storyline).toEqual(s);
    }
  });

  it("names each wrong field", () => {
    const read = readStorylineDefinition({
      ...minimal,
      cues: [
        { phrase: "a", weight: 1 },
        { phrase: " ", weight: 1 },
      ],
    });
    expect(read).toEqual({ ok: false, errors: [{ field: "cues[1].phrase", message: "must not be empty" }] });
  });

  it("compiles the query form", () => {
    const read = readStorylineDefinition({ id: "arms", title: "Arms control", query: '"New START" -Iran' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.query).toBe('"New START" -Iran');
    expect(read.storyline).toMatchObject({ id: "arms", title: "Arms control", cues: [{ phrase: "New START" }] });
  });

  it.each([
    [{ query: "a OR" }, "query", /^at character 5: OR needs a word or phrase on its right/],
    [{ query: 42 }, "query", /^must be text$/],
    [{ query: "a", cues: [] }, "cues", /cannot be combined with "query"/],
    [{ query: "a", id: "Not A Slug" }, "id", /must be a slug/],
    [{ query: "a", title: "" }, "title", /must not be empty/],
  ])("reports a bad query form: %j", (json, field, message) => {
    const read = readStorylineDefinition(json);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0]?.field).toBe(field);
    expect(read.errors[0]?.message).toMatch(message);
  });
});

describe("storylines files", () => {
  it("accepts a list, { storylines: [...] } and a single storyline", () => {
    const list = JSON.stringify([minimal, { id: "arms", query: '"New START"' }]);
    const parsed = parseStorylinesFile(list);
    expect(parsed.ok && parsed.storylines.map((s) => [s.storyline.id, s.query])).toEqual([
      ["mine", null],
      ["arms", '"New START"'],
    ]);
    expect(parseStorylinesFile(JSON.stringify({ storylines: [minimal] })).ok).toBe(true);
    expect(parseStorylinesFile(`\uFEFF${JSON.stringify(minimal)}`).ok).toBe(true);
  });

  it.each([
    ['[{"id": "x",}]', /^is not valid JSON \(.+\) at line 1, column 13$/],
    ["[\n  1,\n  oops\n]", /^is not valid JSON \(Unexpected token 'o'\) at line 3, column 3$/],
    ['[{"a": 1}] x', /^is not valid JSON \(.+\) at line 1, column 12$/],
    ['{"a": "b', /^is not valid JSON \(.+\) at line 1, column 9$/],
    ['"storylines"', /^must be a list of storylines/],
    ['{"storylines": {}}', /^"storylines" must be a list of storylines$/],
    [
      JSON.stringify([minimal, { ...minimal, id: "two", cues: [{ phrase: "", weight: 1 }] }]),
      /^storyline "two" \(entry 2\): cues\[0\]\.phrase: must not be empty$/,
    ],
    [JSON.stringify([{ title: "No id", cues: minimal.cues }]), /^entry 1: id: is required$/],
    [JSON.stringify([minimal, minimal]), /^storyline "mine" \(entry 2\): id: is used by entry 1 too/],
    [JSON.stringify([{ id: "q", query: "a NEAR" }]), /^storyline "q" \(entry 1\): query: at character 7: NEAR needs/],
  ])("reports %s", (text, message) => {
    const parsed = parseStorylinesFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(message);
  });

  it("throws one line naming the file, the storyline and the field", () => {
    const text = JSON.stringify([
      { ...minimal, threshold: 3 },
      { id: "b", title: "" },
    ]);
    let error: unknown;
    try {
      loadStorylinesFile(text, "storylines.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StorylinesFileError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(
      /^storylines\.json: storyline "mine" \(entry 1\): threshold: must be a number between 0 and 1 \(and 2 more: storyline "b" \(entry 2\): title: must not be empty; storyline "b" \(entry 2\): cues: is required\)\. Fix the file and try again\.$/,
    );
  });
});

describe("applyMergePatch (RFC 7396)", () => {
  it.each([
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 } }, { a: 1, b: { d: 3, e: 4 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: 1 }, { a: null }, {}],
    [{ a: 1 }, [1], [1]],
    ["x", { a: 1 }, { a: 1 }],
  ])("%j + %j", (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it("does not change the target", () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});
