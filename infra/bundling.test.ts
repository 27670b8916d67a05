import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { platform, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BundleError, buildFunctions, listFunctionEntries } from "../functions/build.ts";
import { ESM_PROLOGUE, sstNodejs } from "./bundling.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Entry points written to a scratch folder: no handler of the real app is needed. */
const FIXTURES: Record<string, string> = {
  // A CommonJS dependency that require()s a Node built-in and an ESM entry reading __dirname/__filename.
  "dep.cjs": 'module.exports = { platformName: () => require("node:os").platform() };\n',
  "ok.ts": [
    'import dep from "./dep.cjs";',
    "export const handler = async () => ({ platform: dep.platformName(), dir: __dirname, file: __filename });",
  ].join("\n"),
  // Local-only code behind a dynamic import: allowed, and not loaded unless called with true.
  "lazy.ts": [
    "export async function handler(local = false) {",
    '  return local ? typeof (await import("dynalite")).default : "local-only code not loaded";',
    "}",
  ].join("\n"),
  "forbidden.ts": 'import dynalite from "dynalite";\nexport const handler = () => typeof dynalite;\n',
  // A module loaded on first use: with code splitting it is a file of its own, not read at import.
  "rare.ts": 'export const rarely = () => "loaded on first use";\n',
  "split.ts": 'export async function handler() {\n  return (await import("./rare.ts")).rarely();\n}\n',
  // zod's whole namespace, as @hono/zod-openapi imports it (from the repository: the scratch folder has no node_modules).
  "zodns.ts": [
    `import { z } from ${JSON.stringify(join(repoRoot, "node_modules/zod/index.js"))};`,
    "export const handler = () => ({",
    "  locales: Object.keys(z.locales),",
    "  message: z.string().safeParse(1).error?.issues[0]?.message,",
    "});",
  ].join("\n"),
  "ok.test.ts": "export {};\n",
  "types.d.ts": "export type Nothing = never;\n",
  "build.ts": "export {};\n",
};

let scratch: string;
let srcDir: string;
let outdir: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "storywire-bundle-"));
  srcDir = join(scratch, "functions");
  outdir = join(scratch, "dist");
  mkdirSync(srcDir);
  for (const [file, source] of Object.entries(FIXTURES)) writeFileSync(join(srcDir, file), source);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs a bundle's handler in a plain Node process, as Lambda would: no vitest, no node_modules. */
function invoke(file: string): unknown {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(JSON.stringify(await m.handler()));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: scratch,
    encoding: "utf8",
  });
  return JSON.parse(output);
}

describe("listFunctionEntries", () => {
  it("lists entry points, not tests, declarations or the build script", () => {
    expect(listFunctionEntries(srcDir)).toEqual(["forbidden", "lazy", "ok", "rare", "split", "zodns"]);
  });
});

describe("buildFunctions", () => {
  it("writes <outdir>/<name>/index.mjs with a source map and reports their sizes", async () => {
    const built = await buildFunctions({ srcDir, outdir, names: ["ok", "lazy"] });
    expect(built.map((fn) => fn.name)).toEqual(["ok", "lazy"]);
    for (const fn of built) {
      expect(fn.file).toBe(join(outdir, fn.name, "index.mjs"));
      expect(fn.bytes).toBe(statSync(fn.file).size);
      expect(fn.sourceMapBytes).toBe(statSync(`${fn.file}.map`).size);
      expect(fn.bytes).toBeGreaterThan(0);
    }
  });

  it("produces ESM that runs in plain Node, CommonJS require() and __dirname included", async () => {
    const [ok] = await buildFunctions({ srcDir, outdir, names: ["ok"] });
    const file = ok?.file ?? "";
    expect(readFileSync(file, "utf8").startsWith(ESM_PROLOGUE)).toBe(true);
    expect(invoke(file)).toEqual({ platform: platform(), dir: dirname(file), file });
  });

  it("puts a dynamically imported module in a file of its own, counted in the bundle but not loaded at start", async () => {
    const [split] = await buildFunctions({ srcDir, outdir, names: ["split"] });
    if (!split) throw new Error("split was not built");
    expect(split.files[0]).toBe(split.file);
    const sizes = split.files.map((file) => statSync(file).size);
    expect(split.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    const lazy = split.files.filter((file) => readFileSync(file, "utf8").includes("loaded on first use"));
    expect(lazy).toHaveLength(1);
    expect(lazy[0]).not.toBe(split.file);
    expect(split.startBytes).toBeLessThanOrEqual(split.bytes - statSync(lazy[0] ?? "").size);
    expect(invoke(split.file)).toBe("loaded on first use");
  });

  it("keeps of zod's translations English alone, which zod still speaks", async () => {
    const [zodns] = await buildFunctions({ srcDir, outdir, names: ["zodns"] });
    if (!zodns) throw new Error("zodns was not built");
    const { sources } = JSON.parse(readFileSync(`${zodns.file}.map`, "utf8")) as { sources: string[] };
    expect(
      sources.filter((source) => /zod\/v4\/locales\/(?!en\.js)[a-z]{2,3}(?:-[A-Z]{2})?\.js$/.test(source)),
    ).toEqual([]);
    expect(invoke(zodns.file)).toEqual({ locales: ["en"], message: "Invalid input: expected string, received number" });
  });

  it("builds with the plugins SST is given", async () => {
    const { plugins } = sstNodejs();
    const sst = (await import(pathToFileURL(join(repoRoot, plugins)).href)) as { default: { name: string }[] };
    expect(sst.default.map((p) => p.name)).toEqual(["storywire-zod-english-only"]);
  });

  it("is minified, as SST deploys it", async () => {
    const [ok] = await buildFunctions({ srcDir, outdir, names: ["ok"] });
    const code = readFileSync(ok?.file ?? "", "utf8").slice(ESM_PROLOGUE.length);
    expect(code).not.toContain("platformName: ()");
    expect(code.trim().split("\n").length).toBeLessThan(5);
  });

  it("keeps a dynamically imported local-only package out of the bundle", async () => {
    const [lazy] = await buildFunctions({ srcDir, outdir, names: ["lazy"] });
    const code = readFileSync(lazy?.file ?? "", "utf8");
    expect(code).toContain('import("dynalite")');
    expect(lazy?.bytes).toBeLessThan(5_000);
    expect(invoke(lazy?.file ?? "")).toBe("local-only code not loaded");
  });

  it("refuses a static import of a local-only package and names the importer", async () => {
    const attempt = buildFunctions({ srcDir, outdir, names: ["forbidden"] });
    await expect(attempt).rejects.toBeInstanceOf(BundleError);
    await expect(attempt).rejects.toThrow(/forbidden\.ts -> dynalite/);
  });

  it("names an unknown entry point and lists the available ones", async () => {
    await expect(buildFunctions({ srcDir, outdir, names: ["nope"] })).rejects.toThrow(
      /No entry point nope\.ts in .*; available: forbidden, lazy, ok, rare, split, zodns\./,
    );
  });

  it("reports esbuild's error with file and line", async () => {
    const broken = join(scratch, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "bad.ts"), 'import { missing } from "./nowhere.ts";\nexport const handler = missing;\n');
    await expect(buildFunctions({ srcDir: broken, outdir })).rejects.toThrow(
      /Bundling failed:\n.*bad\.ts:1: Could not resolve/,
    );
    expect(existsSync(join(outdir, "bad"))).toBe(false);
  });
});
