import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadSstApp } from "./testing/load-app.ts";
import { renderSstEnv } from "./testing/sst-env.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

/** The two comment lines this repository adds so Biome leaves the generated layout alone. */
const BIOME_SUPPRESSIONS = /^\/\* biome-ignore-all (format|assist): .*\*\/\n/gm;

describe("sst-env.d.ts", () => {
  it("is what `sst deploy` generates for this app (apart from the Biome suppressions)", async () => {
    const { recorder } = await loadSstApp("dev");
    const committed = readFileSync(new URL("../sst-env.d.ts", import.meta.url), "utf8");
    expect(committed.replace(BIOME_SUPPRESSIONS, "")).toBe(renderSstEnv(recorder));
  });

  it("types every resource the functions read through Resource", () => {
    const committed = readFileSync(new URL("../sst-env.d.ts", import.meta.url), "utf8");
    for (const [name, type] of [
      ["StoryTable", "sst.aws.Dynamo"],
      ["FetchQueue", "sst.aws.Queue"],
      ["DeliveryQueue", "sst.aws.Queue"],
      ["AdminApiKey", "sst.sst.Secret"],
      ["EmailFrom", "sst.sst.Secret"],
    ]) {
      expect(committed).toMatch(new RegExp(`"${name}": \\{\\n(\\s+"\\w+": [^\\n]+\\n)*\\s+"type": "${type}"`));
    }
  });
});
