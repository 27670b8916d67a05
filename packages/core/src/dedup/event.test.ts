import { describe, expect, it } from "vitest";
import { classifyAgainst } from "./classify.ts";
import { compare } from "./compare.ts";
import { eventCues, followsUp, reportsAnnouncedEvent } from "./event.ts";

const ANNOUNCEMENT = `Russia and Ukraine to hold talks in Istanbul on Friday, Ankara says

ANKARA (Reuters) - Russian and Ukrainian delegations will meet in Istanbul on Friday for direct peace talks, Turkish Foreign Minister Hakan Fidan said on Thursday.

Ukraine's delegation will be led by Defence Minister Rustem Umerov, while Moscow is sending a team headed by Kremlin aide Vladimir Medinsky.

Kyiv wants an unconditional 30-day ceasefire, which Moscow has not accepted.`;

const OUTCOME = `Istanbul talks end with prisoner swap deal but no ceasefire

ISTANBUL (Reuters) - Peace talks between Russia and Ukraine ended in Istanbul on Friday after less than two hours with an agreement to exchange 1,000 prisoners of war each, officials said.

Ukraine's Rustem Umerov said the next step should be a meeting of the two presidents. Vladimir Medinsky, who led the Russian delegation, said Moscow was satisfied.`;

const NEXT_ROUND = `Russia and Ukraine to meet in Istanbul on Monday for a second round

MOSCOW (Reuters) - Russia's delegation will be in Istanbul on Monday for a second round of direct talks with Ukraine, the Kremlin said. Rustem Umerov said Kyiv wanted to see Moscow's memorandum first.

The first round, held in Istanbul, produced the largest prisoner exchange of the war. Vladimir Medinsky will again lead Russia's team.`;

const GENERIC = new Set(["russia", "russian", "ukraine", "ukrainian", "moscow", "kyiv", "us", "united", "states"]);

function cues(text: string) {
  const [title = "", ...rest] = text.split("\n\n");
  return eventCues(title, rest.join(" ").split(/(?<=\.)\s+/), GENERIC);
}

describe("eventCues", () => {
  it("reads an announcement: a meeting word, a future marker, the venue and the meeting's date", () => {
    const c = cues(ANNOUNCEMENT);
    expect(c).toMatchObject({ announces: true, reports: false, venues: ["istanbul"] });
    // "said on Thursday" is when it was said; the meeting is on Friday.
    expect([...c.weekdays]).toEqual(["friday"]);
  });

  it("reads an outcome report, even one that names the next meeting", () => {
    expect(cues(OUTCOME)).toMatchObject({ announces: false, reports: true });
    const again = cues(
      "Arms talks in Geneva end with agreement to meet again in September\n\nThe talks ended on Wednesday.",
    );
    expect(again.reports).toBe(true);
  });

  it("does not read an announcement's background as an outcome", () => {
    expect(cues(NEXT_ROUND)).toMatchObject({ announces: true, reports: false });
    expect(cues("Talks will be held in Doha on Monday\n\nOfficials will meet in Doha on Monday.").reports).toBe(false);
  });

  it("reads day-and-month dates either way round", () => {
    expect([...cues("Ministers to meet in Qingdao on 25 June\n\nThey will meet in Qingdao on June 25.").dates]).toEqual(
      ["jun 25"],
    );
  });
});

describe("reportsAnnouncedEvent", () => {
  const a = cues(ANNOUNCEMENT);
  it("needs the venue, agreeing dates and shared names", () => {
    expect(reportsAnnouncedEvent(a, cues(OUTCOME), 3)).toBe(true);
    expect(reportsAnnouncedEvent(a, cues(OUTCOME), 1)).toBe(false);
    expect(reportsAnnouncedEvent(a, cues(OUTCOME.replace(/istanbul/gi, "Geneva")), 3)).toBe(false);
    expect(reportsAnnouncedEvent(a, cues(OUTCOME.replace("on Friday", "on Tuesday")), 3)).toBe(false);
  });

  it("never links two announcements", () => {
    expect(reportsAnnouncedEvent(a, cues(NEXT_ROUND), 3)).toBe(false);
  });
});

describe("announcement -> outcome in compare and classifyAgainst", () => {
  it("calls the outcome an update of the announcement, the outcome its novel sentences", () => {
    const r = compare(ANNOUNCEMENT, OUTCOME);
    expect(r.relation).toBe("update");
    expect(r.similarity).toBeLessThan(0.35);
    expect(r.novel.join(" ")).toContain("1,000 prisoners of war");
  });

  it("keeps another round at the same venue related, not an update", () => {
    expect(compare(OUTCOME, NEXT_ROUND).relation).toBe("related");
    expect(compare(ANNOUNCEMENT, NEXT_ROUND).relation).toBe("related");
  });

  it("needs one storyline: an outcome in another storyline is unrelated", () => {
    const other = OUTCOME.replaceAll("Russia and Ukraine", "Israel and Hamas")
      .replaceAll("Ukraine's", "Qatar's")
      .replaceAll("the Russian delegation", "the Israeli team");
    expect(compare(ANNOUNCEMENT, other).relation).not.toBe("update");
  });

  it("places the outcome as an update of the announcement among a storyline's stories", () => {
    const [title = "", ...rest] = ANNOUNCEMENT.split("\n\n");
    const placed = classifyAgainst(OUTCOME, [{ id: "announcement", title, text: rest.join("\n\n") }]);
    expect(placed).toMatchObject({ relation: "update", matchId: "announcement" });
    expect(placed.novel.length).toBeGreaterThan(0);
  });
});

const STRIKE = `Death toll in Ternopil missile strike rises to 26, including three children

Rescuers in the western Ukrainian city of Ternopil pulled more bodies from two apartment blocks on Thursday, a day after a Russian missile strike, raising the death toll to 26, regional governor Vyacheslav Negoda said.

Dozens of people remain missing.`;

const TOLL = `Ternopil missile strike death toll revised to 33; six children among the dead

The number of people killed by the Russian missile strike on two apartment blocks in Ternopil has risen to 33, including six children, emergency services said on Saturday, as the search for the missing went on.

Ukraine declared a day of mourning.`;

const ELSEWHERE = `Kharkiv shelling kills two as Russia presses offensive in the north

Russian shelling killed two people in Kharkiv on Saturday, the regional governor said. Strikes also hit power lines in the region.`;

describe("follow-ups written afresh", () => {
  it("takes a revised toll of the same strike for the same event", () => {
    expect(followsUp(cues(STRIKE), cues(TOLL))).toBe(true);
    const r = compare(STRIKE, TOLL);
    expect(r.relation).toBe("update");
    expect(r.novel.join(" ")).toContain("33");
  });

  it("does not take another strike, or the same place on another date, for the same event", () => {
    expect(followsUp(cues(STRIKE), cues(ELSEWHERE))).toBe(false);
    const announced = cues(ANNOUNCEMENT);
    const weekLater = cues(OUTCOME.replace("on Friday", "on Tuesday"));
    expect(followsUp(announced, weekLater)).toBe(false);
  });

  it("lets a meeting that opens one day and ends the next be one event", () => {
    const opens = cues(
      "Talks open in Geneva\n\nNegotiators met in Geneva on Tuesday, with Rustem Umerov and Vladimir Medinsky leading.",
    );
    const ends = cues(
      "Geneva talks end without a breakthrough\n\nThe talks ended in Geneva on Wednesday, Rustem Umerov and Vladimir Medinsky said.",
    );
    expect(followsUp(opens, ends)).toBe(true);
    const weekOn = cues(
      "Geneva talks end without a breakthrough\n\nThe talks ended in Geneva on Saturday, Rustem Umerov and Vladimir Medinsky said.",
    );
    expect(followsUp(opens, weekOn)).toBe(false);
  });

  it("never takes the announcement of a meeting somewhere else for the same event as a report", () => {
    expect(
      followsUp(
        cues(OUTCOME),
        cues(OUTCOME.replace(/^.*\n/, "Russia and Ukraine to meet again in Geneva next week\n")),
      ),
    ).toBe(false);
  });
});
