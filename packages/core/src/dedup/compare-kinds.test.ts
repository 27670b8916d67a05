import { describe, expect, it } from "vitest";
import { compare } from "./compare.ts";

const same = { sameStoryline: true } as const;

describe("compare: rewrites by other outlets and follow-ups written afresh", () => {
  const original = `Ukraine and Russia agree to swap 300 prisoners after talks in Baku

The Northern Ledger | Baku | 14 October 2025 | By Anna Reuter

Ukraine and Russia agreed on Tuesday to exchange 300 prisoners of war each after six hours of talks in the Azerbaijani capital, the first meeting of their delegations since the summer.

The exchange is to take place on the Belarusian border within two weeks, starting at 18:00 local time on the first day, Ukrainian negotiator Rustem Umerov said.

Both sides said they would keep talking about a wider ceasefire but set no date for another round.`;

  const rewrite = `Kyiv and Moscow to trade 300 POWs each following Baku negotiations

By Staff, Southern Wire, with agencies

The Ukrainian and Russian delegations agreed in Baku on Tuesday to trade 300 prisoners of war each, after six hours of negotiations in the capital of Azerbaijan.

The swap will be carried out on the border with Belarus within fourteen days and begin at 6 p.m. local time, according to Umerov.

No date was set for further talks on a ceasefire, both delegations said.`;

  it("calls another outlet's rewrite with its own masthead, byline and spellings a duplicate", () => {
    const r = compare(original, rewrite);
    expect(r.relation).toBe("duplicate");
    expect(r.similarity).toBeLessThan(0.35);
  });

  it("calls the same rewrite with a new figure and a new quote an update, the new sentence its evidence", () => {
    const added = `${rewrite}\n\nAzerbaijan's foreign ministry said 12 more detainees could be added. "This is only a beginning," a spokesman said.`;
    const r = compare(original, added);
    expect(r.relation).toBe("update");
    expect(r.novel).toContain("Azerbaijan's foreign ministry said 12 more detainees could be added.");
  });

  it("calls a brief that only paraphrases a dated statement a duplicate, its weekday being the statement's day", () => {
    const statement = `Statement of the Ministry of Foreign Affairs

The Ministry confirms that the delegations of Ukraine and the Russian Federation agreed in Baku to exchange 300 prisoners of war each within two weeks. The exchange will take place on the border with Belarus. Further talks on a ceasefire will be held when both sides are ready.

Kyiv, 14 October 2025`;
    const brief = `Kyiv confirms prisoner swap deal

Ukraine's foreign ministry said on Tuesday that the delegations had agreed in Baku to swap 300 prisoners of war each within two weeks on the Belarusian border, with ceasefire talks to follow when both sides are ready.`;
    expect(compare(statement, brief).relation).toBe("duplicate");
  });

  it("calls a report of the same event written afresh a day later an update", () => {
    const first = `Russian drones hit power station in Sumy region, cutting electricity

Eastern Courier | Sumy | 3 November 2025

Russian drones struck a thermal power station near Shostka overnight, cutting electricity to 40,000 homes in the Sumy region, the regional governor said on Monday.`;
    const next = `Shostka without power for a second day

Eastern Courier | Kyiv | 4 November 2025

Repairs at the Shostka plant will take at least a week, engineers said on Tuesday, as 25,000 households remained without electricity and the governor appealed for generators.`;
    const r = compare(first, next, same);
    expect(r.relation).toBe("update");
    expect(r.novel.length).toBeGreaterThan(0);
  });

  it("keeps a later development of the storyline at the same venue apart: related", () => {
    const round = `Ukraine and Russia hold talks in Baku, agree prisoner exchange

The Northern Ledger | Baku | 14 October 2025

Delegations of Ukraine and Russia met in Baku on Tuesday and agreed to exchange 300 prisoners each, Ukrainian negotiator Rustem Umerov said.`;
    const later = `Baku talks track stalls as Moscow rejects ceasefire line

The Northern Ledger | Kyiv | 3 November 2025

Russia rejected a Ukrainian proposal for a ceasefire along the current front line, Rustem Umerov said on Monday, three weeks after the two delegations met in Baku.`;
    expect(compare(round, later, same).relation).toBe("related");
  });

  it("reads the venue of an outcome report from its dateline", () => {
    const announcement = `Ukraine, Russia to hold new round of talks in Baku on Tuesday

The Northern Ledger | Kyiv | 10 October 2025

Ukraine and Russia will hold a new round of talks in Baku on Tuesday, October 14, Ukrainian negotiator Rustem Umerov said, adding that prisoner exchanges would top the agenda. The Kremlin confirmed the date and said Vladimir Medinsky would again lead the Russian team.`;
    const outcome = `Talks end with deal on prisoners, no progress on ceasefire

BAKU, Oct 14, 2025 (NW) - Russian and Ukrainian negotiators ended four hours of talks on Tuesday with an agreement to swap 300 prisoners each but no progress on a ceasefire, Rustem Umerov and Vladimir Medinsky said.`;
    const r = compare(announcement, outcome, same);
    expect(r.relation).toBe("update");
    expect(r.novel.join(" ")).toContain("swap 300 prisoners");
  });

  it("does not call a short brief a duplicate of a long feature on another subject that happens to use its words", () => {
    const feature = `A decade of prisoner exchanges between Ukraine and Russia

${Array.from({ length: 12 }, (_, i) => `In exchange number ${i + 1}, prisoners of war were swapped on the border with Belarus after talks between delegations; officials said further talks on a ceasefire would follow, and the negotiators met again within two weeks.`).join("\n\n")}`;
    const brief = `Drone attack cuts power in Kharkiv

Russian drones struck energy facilities in Kharkiv overnight, officials said, leaving parts of the city without electricity and water as temperatures fell below zero.`;
    expect(compare(feature, brief, same).relation).not.toBe("duplicate");
  });

  it("does not take the words between two quoted ship names for a quotation", () => {
    const report = `Russian and Chinese ships begin drills near Vladivostok

VLADIVOSTOK, July 2, 2024 - The joint naval exercise began on Tuesday with the Russian corvettes Sovershenny and Gromky, the submarine Volkhov and the Chinese destroyers Shaoxing and Urumqi, the Pacific Fleet said. The drills will last four days.`;
    const translated = `Joint naval exercise has started near Vladivostok

Vladivostok, 2 July 2024 - From the Russian side the corvettes "Sovershenny" and "Gromky" and the submarine "Volkhov" take part, from the Chinese side the destroyers "Shaoxing" and "Urumqi", the Pacific Fleet said. The exercise will last four days.`;
    expect(compare(report, translated).relation).toBe("duplicate");
  });

  it("takes a report that names the day the first text was written, and one of its names, for a follow-up", () => {
    const offer = `Meeting with the Security Council

President Vladimir Putin said Russia was ready to keep to the treaty's central limits for one more year after it expires, if the United States did the same.

22 September 2025`;
    const conditions = `Moscow ties its offer to US restraint in space

Rhine Review | Moscow | 25 September 2025

Deputy Foreign Minister Sergei Ryabkov said on Thursday that Russia would drop the arrangement if Washington deployed interceptors in space, adding detail to the proposal Vladimir Putin made on Monday. He said Moscow had received no reply.`;
    const r = compare(offer, conditions, same);
    expect(r.relation).toBe("update");
    // Without the back-reference, the two share too little to be one event.
    expect(compare(offer, conditions.replace("made on Monday", "made"), same).relation).toBe("related");
  });

  it("calls the outcome of an announced meeting an update even when it is told in the announcement's words", () => {
    const announcement = `Russian and Ukrainian delegations to meet in Baku on Tuesday

The Northern Ledger | Kyiv | 10 October 2025

Delegations of Russia and Ukraine will meet in Baku on Tuesday for talks on prisoner exchanges and a ceasefire, Ukrainian negotiator Rustem Umerov said. Vladimir Medinsky will lead the Russian delegation, the Kremlin said.`;
    const outcome = `Russian and Ukrainian delegations meet in Baku, part without agreement

The Northern Ledger | Baku | 14 October 2025

Delegations of Russia and Ukraine met in Baku on Tuesday for talks on prisoner exchanges and a ceasefire and parted without agreement, Ukrainian negotiator Rustem Umerov said. Vladimir Medinsky led the Russian delegation.`;
    const r = compare(announcement, outcome, same);
    expect(r.relation).toBe("update");
    expect(r.novel.join(" ")).toContain("parted without agreement");
  });
});
