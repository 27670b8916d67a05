/**
 * The direction of the dependencies, as README "Architecture" draws it: core imports nothing of ours; fetch
 * nothing of ours; store and channels only core; pipeline builds on those four; api on pipeline and below; the
 * CLI and the Lambda functions at the top. Every package declares in its package.json exactly the workspace
 * packages its shipped code imports, and no file reaches into another package's folder by a relative path.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What each workspace package (and the functions/ folder) may import of ours. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  fetch: [],
  store: ["core"],
  channels: ["core"],
  pipeline: ["core", "fetch", "store", "channels"],
  api: ["core", "store", "channels", "pipeline"],
  cli: ["core", "fetch", "store", "channels", "pipeline", "api"],
  functions: ["core", "fetch", "store", "channels", "pipeline", "api"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const isTest = (file: string) => /\.test\.ts$/.test(file);

/** Build tooling beside the functions, never bundled into one: it reads the bundling choices of infra/. */
const TOOLING = new Set(["functions/build.ts"]);

/** Every module specifier a file names: static imports, re-exports and dynamic import() with a literal. */
function specifiers(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"';]*?\bfrom\s*["']([^"']+)["']/g)) {
    found.push(match[1] as string);
  }
  for (const match of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push(match[1] as string);
  for (const match of code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) found.push(match[1] as string);
  return found;
}

const ourPackage = (specifier: string) => /^@storywire\/([a-z-]+)/.exec(specifier)?.[1] ?? null;

function folders(): { name: string; dir: string }[] {
  const packages = readdirSync(join(root, "packages")).map((name) => ({ name, dir: join(root, "packages", name) }));
  return [...packages, { name: "functions", dir: join(root, "functions") }];
}

describe("the direction of the dependencies", () => {
  it("covers every workspace package", () => {
    expect(
      readdirSync(join(root, "packages"))
        .filter((name) => !(name in ALLOWED))
        .map((name) => `packages/${name} has no rule in test/architecture.test.ts`),
    ).toEqual([]);
  });

  for (const { name, dir } of folders()) {
    it(`${name} imports only ${ALLOWED[name]?.join(", ") || "nothing of ours"}`, () => {
      const wrong: string[] = [];
      for (const file of sourceFiles(dir)) {
        for (const specifier of specifiers(file)) {
          const target = ourPackage(specifier);
          if (target !== null && target !== name && !ALLOWED[name]?.includes(target)) {
            wrong.push(`${relative(root, file)} imports ${specifier}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it(`${name} reaches into no other package by a relative path, and its shipped code into no other folder`, () => {
      const wrong: string[] = [];
      for (const file of sourceFiles(dir)) {
        for (const specifier of specifiers(file)) {
          if (!specifier.startsWith(".")) continue;
          const target = relative(root, resolve(dirname(file), specifier));
          const leaves = relative(dir, resolve(root, target)).startsWith("..");
          // Tests may use the repository's shared test support (test/support, eval); shipped code stays home.
          const intoPackage = target.startsWith("packages/");
          if (leaves && (intoPackage || (!isTest(file) && !TOOLING.has(relative(root, file))))) {
            wrong.push(`${relative(root, file)} imports ${specifier}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  for (const { name, dir } of folders().filter((f) => f.name !== "functions")) {
    it(`packages/${name}/package.json declares exactly the packages of ours that its code imports`, () => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      const declared = Object.keys(manifest.dependencies ?? {})
        .map(ourPackage)
        .filter((p): p is string => p !== null)
        .sort();
      const used = new Set<string>();
      for (const file of sourceFiles(join(dir, "src")).filter((f) => !isTest(f))) {
        for (const specifier of specifiers(file)) {
          const target = ourPackage(specifier);
          if (target !== null && target !== name) used.add(target);
        }
      }
      expect(declared).toEqual([...used].sort());
    });
  }
});
