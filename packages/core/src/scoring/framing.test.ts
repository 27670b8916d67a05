import { describe, expect, it } from "vitest";
import { FRAMING_LABELS, frameArticle } from "./framing.ts";

const TASS_STYLE = `Kremlin: Russia remains committed to peace

Russia remains committed to a peaceful settlement, Kremlin spokesman Dmitry Peskov told TASS on Tuesday. "The special military operation will continue until its goals are achieved," Peskov said. He added that the Kiev regime had rejected every proposal and that NATO expansion was the root cause of the conflict. Russian forces liberated two settlements in Donbass, the Defence Ministry said.`;

const KYIV_STYLE = `Russian strikes kill civilians in Kharkiv

Russian missiles struck Kharkiv overnight, killing five civilians, Ukraine's air force said. President Volodymyr Zelensky called the attack barbaric and said Russia's full-scale invasion had brought nothing but atrocities. "Russia is a terrorist state," Zelensky said in Kyiv. Ukrainian officials said the strike was a war crime.`;

const ANONYMOUS = `Officials weigh new plan

Two officials familiar with the talks said the plan was being revised, speaking on condition of anonymity. According to people familiar with the matter, no date has been set. Insiders said a deal could reportedly come within weeks. A senior official said the draft remained secret.`;

const WESTERN = `Allies pledge more air defence

NATO Secretary General Mark Rutte said allies would send more air defence systems. The White House said the package was worth $1 billion. The European Commission said it would fund production. German Defence Minister Boris Pistorius said Berlin would deliver two Patriot systems.`;

const PLAIN = `Weather update

Rain is expected across the region on Tuesday. Temperatures will fall to 5C overnight.`;

describe("frameArticle: golden cases", () => {
  it("labels Kremlin messaging kremlin-aligned, with Russian naming and Kremlin/state-media sourcing", () => {
    const f = frameArticle(TASS_STYLE);
    expect(f.label).toBe("kremlin-aligned");
    expect(f.stance.value).toBeGreaterThan(0.3);
    expect(f.naming.lean).toBe("russian");
    expect(f.sourcing.kremlin).toBeGreaterThan(0.5);
    expect(f.sourcing.russianStateMedia).toBeGreaterThan(0);
    expect(f.labelRule).toMatch(/stance >= \+0.3/);
  });

  it("labels a Ukrainian official account ukraine-aligned", () => {
    const f = frameArticle(KYIV_STYLE);
    expect(f.label).toBe("ukraine-aligned");
    expect(f.stance.value).toBeLessThan(-0.3);
    expect(f.naming.lean).toBe("ukrainian");
    expect(f.sourcing.ukrainian).toBeGreaterThan(f.sourcing.kremlin);
    expect(f.loaded.evidence.some((s) => s.includes("barbaric"))).toBe(true);
  });

  it("labels anonymous sourcing", () => {
    const f = frameArticle(ANONYMOUS);
    expect(f.label).toBe("anonymous-sourced");
    expect(f.sourcing.anonymous).toBeGreaterThan(0.6);
    expect(f.hedging.value).toBeGreaterThan(0);
  });

  it("labels Western official sourcing", () => {
    const f = frameArticle(WESTERN);
    expect(f.label).toBe("western-official");
    expect(f.sourcing.western).toBeGreaterThan(0.6);
    expect(f.frame.dominant).toBe("Security_and_defense");
  });

  it("gives a neutral report neutral values and a one-line summary", () => {
    const f = frameArticle(PLAIN);
    expect(f.label).toBe("neutral-report");
    expect(f.stance.value).toBe(0);
    expect(f.naming).toMatchObject({ value: 0.5, lean: "neutral" });
    expect(f.summary).not.toContain("\n");
    expect(f.summary.startsWith("neutral-report:")).toBe(true);
    expect(FRAMING_LABELS).toContain(f.label);
  });
});

describe("frameArticle: rules", () => {
  it("flips a negated aggressor cue ('not as aggression')", () => {
    const f = frameArticle(
      "x\n\nThe Kremlin views its actions in Ukraine not as aggression but as protection of its people.",
    );
    expect(f.stance.value).toBeGreaterThan(0);
  });

  it("only counts stance cues near a reference to Russia's leadership or state", () => {
    const f = frameArticle("x\n\nThe brutal winter hit farmers. Barbaric weather, one said. Nothing else happened.");
    expect(f.stance.value).toBe(0);
  });

  it("does not read 'has yet to' as contrast, but does read 'Yet,' and 'however'", () => {
    expect(frameArticle("The plan has yet to be published.").contrast.value).toBe(0);
    expect(frameArticle("Yet, the reality is different.").contrast.value).toBe(1);
    expect(frameArticle("The offer, however, was rejected.").contrast.value).toBe(1);
  });

  it("credits 'He said' to the previous speaker", () => {
    const f = frameArticle("x\n\nPeskov said talks could resume. He added that NATO expansion remained a concern.");
    expect(f.sourcing.kremlin).toBe(1);
    expect(f.sourcing.western).toBe(0);
  });

  it("never throws on empty input", () => {
    const f = frameArticle("");
    expect(f.label).toBe("neutral-report");
    expect(f.frame.dominant).toBe("None");
  });
});
