import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateStoryline } from "../storyline-schema.ts";
import { defaultStorylineInputs, defaultStorylines } from "./index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith(".json"));

describe("the default storylines are data", () => {
  it("has one JSON file per default storyline, named by its id, and nothing else", () => {
    expect(files.sort()).toEqual(defaultStorylines.map((s) => `${s.id}.json`).sort());
  });

  it.each(files)("%s is a storyline exactly as a user POSTs it, and validates", (file) => {
    const json: unknown = JSON.parse(readFileSync(join(here, file), "utf8"));
    const r = validateStoryline(json);
    expect(r.ok ? [] : r.errors).toEqual([]);
    // What the module exports is the file, unchanged.
    expect(defaultStorylineInputs).toContainEqual(json);
  });

  it("reports an edit that breaks a file by its field", () => {
    const [first] = defaultStorylineInputs;
    if (first === undefined) throw new Error("no defaults");
    const broken = { ...first, cues: first.cues.map((c, i) => (i === 3 ? { ...c, phrase: " " } : c)) };
    const r = validateStoryline(broken);
    expect(r.ok ? [] : r.errors).toEqual(["cues[3].phrase must not be empty"]);
  });

  it("asks every default storyline to tell a subject from a passing mention", () => {
    for (const s of defaultStorylines) expect(s.minParagraphs).toBe(2);
  });
});
