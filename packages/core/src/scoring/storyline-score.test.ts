import { describe, expect, it } from "vitest";
import { defaultStorylines } from "./defaults/index.ts";
import { parseStoryline } from "./storyline-schema.ts";
import { scoreStorylines } from "./storyline-score.ts";

function score(text: string, id: string): number {
  return scoreStorylines(text).find((r) => r.id === id)?.score ?? Number.NaN;
}

describe("default storylines on short wire texts", () => {
  it.each([
    [
      "ceasefire",
      "Russia and Ukraine agree energy truce\n\nRussia and Ukraine agreed to a 30-day halt on strikes on energy facilities, the Kremlin and Kyiv said after U.S.-brokered talks in Riyadh.",
    ],
    [
      "ceasefire",
      "Talks in Istanbul end without truce\n\nUkrainian and Russian delegations met in Istanbul for direct peace talks but failed to agree a ceasefire. Zelensky said Kyiv was ready for another round.",
    ],
    [
      "new-start",
      "Putin offers one-year New START extension\n\nPresident Vladimir Putin said Russia would observe the treaty's limits of 1,550 deployed warheads for a year after it expires on Feb. 5, 2026.",
    ],
    [
      "new-start",
      "Last nuclear treaty lapses\n\nThe New Start treaty between the US and Russia has expired, ending inspections and limits on deployed strategic warheads.",
    ],
    [
      "sco",
      "SCO defence ministers meet in Qingdao\n\nDefence ministers of the Shanghai Cooperation Organization met in Qingdao, where China's Dong Jun held talks with Russia's Andrei Belousov on joint exercises.",
    ],
    [
      "sco",
      "Chinese, Russian bombers fly joint patrol\n\nChinese and Russian strategic bombers carried out a joint air patrol over the Sea of Japan, Japan's defence ministry said.",
    ],
  ])("%s matches: %s", (id, text) => {
    const r = scoreStorylines(text).find((x) => x.id === id);
    expect(r?.matched).toBe(true);
    expect(r?.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    [
      "ceasefire",
      "Gaza ceasefire holds\n\nA ceasefire between Israel and Hamas held as hostages were freed, mediators in Egypt and Qatar said.",
    ],
    [
      "ceasefire",
      "Lebanon truce\n\nThe Israel-Hezbollah truce largely held as the Lebanese army deployed south of the Litani river.",
    ],
    [
      "ceasefire",
      "Sudan truce\n\nSudan's RSF said it accepted a humanitarian truce after talks in Jeddah. Russia and China abstained at the UN.",
    ],
    [
      "ceasefire",
      "Putin and Xi hold talks\n\nRussian President Vladimir Putin held talks with Xi Jinping in Beijing on energy and trade.",
    ],
    [
      "new-start",
      "Talks to start on Monday\n\nRussia and Ukraine will start a new round of talks in Geneva on Monday.",
    ],
    [
      "new-start",
      "A New Start for Syria\n\nSyria's new government promised a fresh start for the economy after sanctions were lifted.",
    ],
    [
      "new-start",
      "Iran nuclear talks\n\nIran and the U.S. held talks on Tehran's nuclear programme and IAEA inspections of enriched uranium.",
    ],
    [
      "sco",
      "Scottish Chamber Orchestra tour\n\nThe SCO announced its summer tour with new commissions and workshops for schools.",
    ],
    ["sco", "Shanghai lockdown\n\nShanghai extended its Covid lockdown as cases surged in China's largest city."],
    [
      "sco",
      "NATO begins Baltic exercise\n\nNATO allies began the BALTOPS naval exercise in the Baltic Sea, a signal to Russia after cable sabotage. Officials also watch Russia and China's cooperation in the Arctic.",
    ],
    [
      "sco",
      "US, Japan, South Korea defence ministers meet\n\nThe defence ministers of the United States, Japan and South Korea agreed to expand trilateral drills. They voiced concern over North Korea's military cooperation with Russia and China's behaviour at sea.",
    ],
  ])("%s does not match: %s", (id, text) => {
    expect(scoreStorylines(text).find((x) => x.id === id)?.matched).toBe(false);
  });
});

const custom = parseStoryline({
  id: "test",
  title: "Test",
  contexts: { place: ["Freedonia"], other: ["Sylvania"] },
  cues: [
    { phrase: "summit", weight: 4 },
    { phrase: "accord", weight: 4, near: [{ contexts: ["place"], window: 0 }] },
  ],
  gates: [{ contexts: ["place"] }],
  exclusions: [{ contexts: ["other"], against: [{ contexts: ["place"] }] }],
});

describe("scoring rules", () => {
  const run = (text: string) => {
    const [r] = scoreStorylines(text, [custom]);
    if (r === undefined) throw new Error("no result");
    return r;
  };

  it("is 1 - exp(-raw / saturation) and counts the headline three times", () => {
    const body = run("Nothing here\n\nA quiet day. Another one. The summit opened in Freedonia.");
    const title = run("The summit in Freedonia\n\nA quiet day. Nothing else.");
    expect(body.raw).toBe(4);
    expect(body.score).toBeCloseTo(1 - Math.exp(-0.4), 4);
    expect(title.raw).toBe(12);
  });

  it("gives repeated occurrences of one cue diminishing returns", () => {
    const r = run("x\n\nOne. Two. Freedonia summit. Summit again. Summit once more.");
    expect(r.raw).toBeCloseTo(4 + 2 + 1, 6);
  });

  it("counts a cue with `near` only where its context is close enough", () => {
    expect(run("x\n\nOne. Two. The accord was signed in Freedonia.").raw).toBe(4);
    expect(run("x\n\nOne. Two. The accord was signed. Freedonia cheered.").raw).toBe(0);
  });

  it("halves the score and refuses `matched` when a gate fails", () => {
    const r = run("Summit summit\n\nThe summit opened. The summit closed.");
    expect(r.gates).toEqual([{ label: "place", passed: false }]);
    expect(r.matched).toBe(false);
    expect(r.score).toBeCloseTo(0.5 * (1 - Math.exp(-r.raw / 10)), 4);
  });

  it("vetoes when exclusion phrases appear without the storyline's own context, and damps when they outweigh it", () => {
    const veto = run("Summit news\n\nThe summit in Sylvania opened. Sylvania cheered.");
    expect(veto.exclusion).toEqual({ factor: 0, found: ["Sylvania"] });
    expect(veto.score).toBe(0);
    // E = 2 + 2 (two lead sentences), C = 3 (headline): factor = 3 / (1.5 * 4).
    const damped = run("Freedonia summit\n\nThe summit in Sylvania opened. Sylvania cheered.");
    expect(damped.exclusion.factor).toBe(0.5);
    const outweighed = run("Freedonia summit\n\nFreedonia hosted it. Sylvania attended.");
    expect(outweighed.exclusion.factor).toBe(1);
  });

  it("reports evidence with the cue, its sentence, where it was and its weight, strongest first", () => {
    const r = run("Summit in Freedonia\n\nThe summit opened.");
    expect(r.evidence[0]).toEqual({ cue: "summit", sentence: "Summit in Freedonia", where: "title", weight: 12 });
    expect(r.evidence[1]).toMatchObject({ where: "lead", weight: 4 });
  });

  it("handles empty and odd input without throwing", () => {
    expect(scoreStorylines("", defaultStorylines).every((r) => r.score === 0 && !r.matched)).toBe(true);
    expect(score("\u0000\u0000", "sco")).toBe(0);
  });
});
