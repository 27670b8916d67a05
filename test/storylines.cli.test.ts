/**
 * `storywire storylines validate | try | compile` and `storywire start --storylines` through the real bin: a
 * draft storyline's score and evidence on the user's own articles before it is saved, and a broken file that
 * stops the start with one line naming the storyline and the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorylineResult } from "@storywire/core";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "storywire-storylines-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const storylines = file(
  "storylines.json",
  JSON.stringify([
    { id: "arms", title: "Arms control", query: '"New START" OR "strategic arms" -Iran' },
    { id: "summit", title: "Putin and Xi", query: "Putin NEAR/10 Xi" },
  ]),
);
const broken = file(
  "broken.json",
  JSON.stringify([
    { id: "arms", title: "Arms control", query: '"New START" OR' },
    { id: "drills", title: "", cues: [{ phrase: "exercises", weight: 1 }] },
  ]),
);
const treaty = file(
  "treaty.txt",
  "Russia offers to keep New START limits for a year\n\nMoscow said on Monday it would observe the limits of New START for one more year.\n\nPutin and Xi spoke by telephone later in the day.\n",
);
const iran = file(
  "iran.txt",
  "Iran rejects talks\n\nIran said strategic arms talks with Washington were not on the table.\n\nThe foreign ministry in Tehran repeated its position on Tuesday.\n",
);

describe("storywire storylines validate", () => {
  it("lists each storyline of a valid file and what the compiler approximated", async () => {
    const { code, stdout } = await cli(["storylines", "validate", storylines]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ok {2}arms: "Arms control": 2 cues, 0 gates, 1 exclusion, threshold 0\.3 \(from the query/m,
    );
    expect(stdout).toMatch(/note: NEAR\/10 is checked as: in the same sentence/);
    expect(stdout).toMatch(/2 storylines, all valid\.$/m);
  });

  it("prints the file in full with --json, in the shape POST /storylines takes", async () => {
    const { code, stdout } = await cli(["storylines", "validate", storylines, "--json"]);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { id: string; cues: unknown[]; threshold: number }[];
    expect(list.map((s) => s.id)).toEqual(["arms", "summit"]);
    expect(list[0]?.cues).toHaveLength(2);
  });

  it("names every broken storyline and field, and exits 2", async () => {
    const { code, stdout, stderr } = await cli(["storylines", "validate", broken]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      `${broken}: storyline "arms" (entry 1): query: at character 15: OR needs a word or phrase on its right, not the end of the query`,
      `${broken}: storyline "drills" (entry 2): title: must not be empty`,
      `storywire storylines: ${broken} is not valid (2 problems above); fix the file and run again.`,
    ]);
  });

  it("says so when the file is missing", async () => {
    const { code, stderr } = await cli(["storylines", "validate", join(dir, "nope.json")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read .*nope\.json: no such file\. Give the path of a JSON file of storylines\./);
  });
});

describe("storywire storylines try", () => {
  it("shows each storyline's score and evidence on the user's articles", async () => {
    const { code, stdout } = await cli(["storylines", "try", storylines, treaty, iran]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${treaty}: "Russia offers to keep New START limits for a year"`);
    expect(stdout).toMatch(
      / {2}arms {2}0\.\d\d {2}ENTERS \(threshold 0\.30\)\n {4}cues matched \(raw \d+\.\d\d; .*\n {6}\+\d+\.\d\d \[title\] New START: Russia offers/,
    );
    expect(stdout).toMatch(/ {2}summit {2}0\.\d\d {2}ENTERS/);
    expect(stdout).toMatch(
      / {2}arms {2}0\.0\d {2}stays out \(threshold 0\.30\)\n {4}why it stays out: the score is below the threshold\n/,
    );
    expect(stdout).toMatch(/\n {4}excluded words found: Iran \(score x 0\.10\)\n/);
  });

  it("explains each score with the scorer's own reasons: every match and what it added, gates, focus, exclusions", async () => {
    const drafts = file(
      "drafts.json",
      JSON.stringify([
        {
          id: "talks",
          title: "Treaty talks",
          cues: [{ phrase: "New START", weight: 3 }],
          gates: [{ label: "a negotiation", phrases: ["negotiations"] }],
          minParagraphs: 2,
        },
        { id: "arms", title: "Arms control", query: '"New START" OR "strategic arms" -Iran' },
      ]),
    );
    const human = await cli(["storylines", "try", drafts, treaty, iran]);
    const json = await cli(["storylines", "try", drafts, treaty, iran, "--json"]);
    expect(human.code).toBe(0);
    const results = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as StorylineResult & { file: string });
    // One block per article and storyline (its line at two spaces, then the deeper ones), in the scorer's order.
    const blocks: string[] = [];
    for (const line of human.stdout.trimEnd().split("\n")) {
      if (/^ {2}\S/.test(line)) blocks.push(line);
      else if (line.startsWith("    ") && blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
    }
    expect(blocks).toHaveLength(results.length);
    for (const [i, r] of results.entries()) {
      const block = blocks[i] ?? "";
      expect(block, r.id).toMatch(
        new RegExp(`^ {2}${r.id} {2}${r.score.toFixed(2)} {2}${r.matched ? "ENTERS" : "stays out"}`),
      );
      for (const e of r.evidence) {
        expect(block, r.id).toContain(`+${(e.weight ?? 0).toFixed(2)} [${e.where}] ${e.cue}: ${e.sentence}`);
      }
      if (r.evidence.length > 0) expect(block).toContain(`raw ${r.raw.toFixed(2)}`);
      for (const g of r.gates) expect(block).toContain(`gate "${g.label}": ${g.passed ? "met" : "not met"}`);
      expect(block).toContain(`focus: ${r.focus.reason}`);
      if (r.exclusion.found.length > 0) {
        expect(block).toContain(
          `excluded words found: ${r.exclusion.found.join(", ")} (score x ${r.exclusion.factor.toFixed(2)})`,
        );
      }
      expect(block.includes("why it stays out"), r.id).toBe(!r.matched);
    }
    // The draft with a gate the treaty article does not meet: the scorer's gate is named as what keeps it out.
    const talks = results.find((r) => r.id === "talks" && r.file === treaty);
    expect(talks?.gates).toEqual([{ label: "a negotiation", passed: false }]);
    expect(human.stdout).toMatch(
      / {2}talks {2}0\.\d\d {2}stays out[^\n]*\n {4}why it stays out: [^\n]*the gate "a negotiation" is not met/,
    );
  });

  it("takes a query instead of a file, and writes JSON Lines with --json", async () => {
    const { code, stdout } = await cli(["storylines", "try", "--query", '"strategic arms"', iran, "--json"]);
    expect(code).toBe(0);
    const [line] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({
      file: iran,
      id: "strategic-arms",
      matched: true,
      evidence: [expect.objectContaining({ cue: "strategic arms" })],
    });
  });

  it("refuses a bad query with the place of the error, and an unreadable article", async () => {
    const bad = await cli(["storylines", "try", "--query", "Putin NEAR", treaty]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Putin NEAR\n          ^\n");
    expect(bad.stderr).toMatch(/the query is not valid at character 11: NEAR needs a word or phrase on its right/);
    const missing = await cli(["storylines", "try", storylines, join(dir, "missing.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
  });
});

describe("storywire storylines compile", () => {
  it("prints the storyline a query compiles to", async () => {
    const { code, stdout, stderr } = await cli(["storylines", "compile", "Putin NEAR/10 Xi", "--id", "summit"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: "summit", cues: [{ phrase: "Putin" }, { phrase: "Xi" }] });
    expect(stderr).toMatch(/^note: NEAR\/10 is checked as/);
  });

  it("needs a subcommand it knows", async () => {
    const { code, stderr } = await cli(["storylines", "frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/storylines needs a subcommand: storywire storylines validate/);
  });
});

describe("storywire start --storylines", () => {
  it("does not start with a broken file: one line naming the storyline and the field, exit 2", async () => {
    const { code, stdout, stderr } = await cli(["start", "--port", "0", "--storylines", broken], {
      cwd: dir,
      env: { ...process.env, STORYWIRE_FEEDS: "", STORYWIRE_DATA_DIR: join(dir, "data") },
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(
      /^storywire start: .*broken\.json: storyline "arms" \(entry 1\): query: at character 15: OR needs a word or phrase on its right, not the end of the query \(and 1 more: storyline "drills" \(entry 2\): title: must not be empty\)\. Fix the file and try again\.\n$/,
    );
  });
});
