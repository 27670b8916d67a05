import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { BUNDLED_STORYLINES, storylinesBundle } from "./storylines.ts";
import { loadSstApp } from "./testing/load-app.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

const dir = mkdtempSync(join(tmpdir(), "storywire-storylines-"));
const good = join(dir, "storylines.json");
const broken = join(dir, "broken.json");
writeFileSync(good, JSON.stringify([{ id: "arms", title: "Arms control", query: '"New START" -Iran' }]));
writeFileSync(broken, JSON.stringify([{ id: "arms", title: "Arms control", cues: [{ phrase: "", weight: 1 }] }]));

afterEach(() => {
  delete process.env.STORYWIRE_STORYLINES;
});
afterAll(() => {
  removeSstStandIns();
  rmSync(dir, { recursive: true, force: true });
});

describe("the storylines file in the AWS deploy", () => {
  it("bundles nothing when STORYWIRE_STORYLINES is unset", async () => {
    expect(storylinesBundle({})).toEqual({ environment: {} });
    const { recorder } = await loadSstApp("dev");
    for (const definition of recorder.functionDefinitions()) {
      expect(definition.args.copyFiles).toBeUndefined();
      expect(definition.args.environment).not.toHaveProperty("STORYWIRE_STORYLINES");
    }
  });

  it("copies the file into every function and points STORYWIRE_STORYLINES at the copy", async () => {
    process.env.STORYWIRE_STORYLINES = good;
    const { recorder } = await loadSstApp("dev");
    const definitions = recorder.functionDefinitions();
    expect(definitions).toHaveLength(4);
    for (const definition of definitions) {
      expect(definition.args.copyFiles).toEqual([{ from: good, to: BUNDLED_STORYLINES }]);
      expect(definition.args.environment).toMatchObject({ STORYWIRE_STORYLINES: BUNDLED_STORYLINES });
    }
  });

  it("stops the deploy on a broken file, naming the file, the storyline and the field", async () => {
    process.env.STORYWIRE_STORYLINES = broken;
    await expect(loadSstApp("dev")).rejects.toThrow(
      `${broken}: storyline "arms" (entry 1): cues[0].phrase: must not be empty. Fix the file and try again.`,
    );
  });

  it("stops the deploy when the file cannot be read", () => {
    expect(() => storylinesBundle({ STORYWIRE_STORYLINES: join(dir, "missing.json") })).toThrow(
      /STORYWIRE_STORYLINES names .*missing\.json, which cannot be read \(ENOENT\)/,
    );
  });
});
