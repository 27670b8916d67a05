import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { HANDLERS } from "./functions.ts";
import { exportsName, readSource, resolveHandler } from "./testing/handler-exports.ts";
import { loadSstApp } from "./testing/load-app.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

const root = fileURLToPath(new URL("..", import.meta.url));

describe("every handler the app deploys exists and exports its function", () => {
  it("the app deploys exactly the handlers infra/functions.ts names", async () => {
    const { recorder } = await loadSstApp("dev");
    const deployed = recorder.functionDefinitions().map((definition) => String(definition.args.handler));
    expect(deployed.sort()).toEqual(Object.values(HANDLERS).sort());
  });

  it.each(Object.values(HANDLERS))("%s", (handler) => {
    const { file, exportName } = resolveHandler(root, handler);
    expect(file, `no file for ${handler} under functions/`).toBeDefined();
    expect(file?.startsWith("functions/")).toBe(true);
    expect(exportsName(readSource(root, file ?? ""), exportName), `${file} must export "${exportName}"`).toBe(true);
  });
});

describe("exportsName", () => {
  it.each([
    ["export const handler = async () => {};", true],
    ["export async function handler(event: unknown) { return event; }", true],
    ["export function handler() {}", true],
    ["const run = () => 1;\nexport { run as handler };", true],
    ["const handler = () => 1;\nexport { handler };", true],
    ["export let handler = () => 1;", true],
    ["const handler = () => 1;", false],
    ["export const handle = () => 1;", false],
    ["export type handler = () => void;", false],
    ["export { type handler } from './types';", false],
    ["// export const handler = () => 1;", false],
    ["export default function handler() {}", false],
  ])("%j -> %s", (source, expected) => {
    expect(exportsName(source, "handler")).toBe(expected);
  });
});

describe("resolveHandler", () => {
  it("finds this repository's own TypeScript file and the export name", () => {
    expect(resolveHandler(root, "infra/functions.HANDLERS")).toEqual({
      file: "infra/functions.ts",
      exportName: "HANDLERS",
    });
  });

  it("reports a missing file as undefined and rejects a handler without an export", () => {
    expect(resolveHandler(root, "functions/does-not-exist.handler").file).toBeUndefined();
    expect(() => resolveHandler(root, "handler")).toThrow(/not of the form/);
  });
});
