/**
 * `storywire demo` as a new user first runs it: the sample feed publishes its five stories, and the built-in
 * receiver must print exactly the alerts the demo promises — each story in its own storyline, the re-post
 * silent, the update carrying its one new sentence — with plain sentences, never feed or page markup.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, freePort } from "./support/cli.ts";

describe("storywire demo", () => {
  it("alerts each sample in its storyline, suppresses the re-post and shows the update's new sentence", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "storywire-demo-"));
    const port = await freePort();
    const { code, stdout, stderr } = await cli(["demo", "--port", String(port), "--exit-after", "48"], {
      cwd,
      timeoutMs: 70_000,
    });
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    const received = stdout.split("\n").filter((line) => line.startsWith("✓ receiver:"));
    expect(received.map((line) => line.replace(/^✓ receiver: signature verified, /, ""))).toEqual([
      "storyline.first [sco] SCO defence ministers meet as Russia and China plan joint maritime exercises",
      "storyline.first [ceasefire] Ukraine and Russia delegations resume ceasefire talks in Abu Dhabi",
      "storyline.update [sco] SCO defence ministers meet as Russia and China plan joint maritime exercises",
      "storyline.first [new-start] Moscow repeats offer to observe New START limits for a year after expiry",
    ]);
    const novel = stdout.split("\n").filter((line) => line.trimStart().startsWith("new:"));
    expect(novel).toHaveLength(1);
    expect(novel[0]).toMatch(/12 warships and 4,000 troops/);
    expect(stdout).not.toMatch(/new:.*(?:<\/?p>|https?:\/\/)/);
    expect(stdout).toMatch(/duplicate suppressed storyline=sco .*Russia, China plan joint maritime exercises/);
    expect(stdout).toContain("Demo finished: 4 verified alert(s) received.");
  }, 75_000);
});
