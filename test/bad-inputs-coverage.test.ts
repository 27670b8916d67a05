/**
 * Keeps docs/BAD-INPUTS-COVERAGE.md true: every numbered line of ../shared/BAD-INPUTS.md has a row, every row names
 * a test or says why none can reach it, and every test file and test name the table cites exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeShared, sharedPath } from "./support/shared.ts";

const root = resolve(import.meta.dirname, "..");
const table = readFileSync(resolve(root, "docs", "BAD-INPUTS-COVERAGE.md"), "utf8");

interface Row {
  line: string;
  tests: { file: string; name: string }[];
  unreachable: string;
}

function rows(markdown: string): Row[] {
  return markdown
    .split("\n")
    .filter((l) => /^\|\s*(\d+|I\d+)\s*\|/.test(l))
    .map((l) => {
      // Cells hold no "|" of their own (test names are quoted without one).
      const cells = l
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim());
      const tests = [...(cells[2] ?? "").matchAll(/`([^`]+\.test\.ts)` › "([^"]+)"/g)].map((m) => ({
        file: m[1] ?? "",
        name: m[2] ?? "",
      }));
      return { line: cells[0] ?? "", tests, unreachable: cells[3] ?? "" };
    });
}

const all = rows(table);

describe("docs/BAD-INPUTS-COVERAGE.md", () => {
  it("has one row per line, 1 to 36 and the issue's own lines, in order", () => {
    const numbered = all.filter((r) => /^\d+$/.test(r.line)).map((r) => Number(r.line));
    expect(numbered).toEqual(Array.from({ length: numbered.length }, (_, i) => i + 1));
    expect(numbered.length).toBeGreaterThanOrEqual(36);
    expect(all.filter((r) => r.line.startsWith("I")).length).toBeGreaterThan(0);
  });

  it("every row names a test, or says why no test can reach it", () => {
    for (const row of all) {
      expect(row.tests.length > 0 || row.unreachable.length > 20, `line ${row.line}`).toBe(true);
    }
  });

  it("every cited test file exists and contains the cited test name", () => {
    for (const row of all) {
      for (const { file, name } of row.tests) {
        const path = resolve(root, file);
        expect(existsSync(path), `line ${row.line}: ${file}`).toBe(true);
        expect(readFileSync(path, "utf8").includes(name), `line ${row.line}: "${name}" in ${file}`).toBe(true);
      }
    }
  });
});

describeShared("docs/BAD-INPUTS-COVERAGE.md against the catalogue", () => {
  it("covers exactly the catalogue's numbered lines", () => {
    const catalogue = readFileSync(sharedPath("BAD-INPUTS.md"), "utf8");
    const lines = [...catalogue.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    const covered = all.filter((r) => /^\d+$/.test(r.line)).map((r) => Number(r.line));
    expect(covered).toEqual(lines);
  });
});
