import { describe, expect, it } from "vitest";
import { compare } from "./compare.ts";

const BASE = `Russia and Ukraine agree to halt strikes on energy sites

WASHINGTON, March 19 (Reuters) - Russia and Ukraine agreed on Wednesday to stop attacking each other's energy infrastructure for 30 days, the first concrete step towards a wider ceasefire.

President Vladimir Putin accepted the proposal in a phone call with U.S. President Donald Trump on Tuesday but rejected a full truce, the Kremlin said.

Ukrainian President Volodymyr Zelenskiy said Kyiv would honour the pause if Moscow did.

Technical teams will meet in Saudi Arabia next week to discuss how the moratorium would be monitored, White House envoy Steve Witkoff said.

Reporting by Tom Balmforth; Editing by Peter Graff`;

const paragraphs = BASE.split("\n\n");
const body = paragraphs.slice(1, 5);

describe("compare", () => {
  it.each([
    ["an identical text", BASE],
    [
      "a re-post with a new headline and no dateline or credits",
      ["Energy pause agreed", ...body.map((p) => p.replace(/^.*\(Reuters\) - /, ""))].join("\n\n"),
    ],
    ["a trimmed re-post", [paragraphs[0], paragraphs[1], paragraphs[2]].join("\n\n")],
    ["reordered paragraphs", [paragraphs[0], paragraphs[3], paragraphs[1], paragraphs[4], paragraphs[2]].join("\n\n")],
    [
      "a light rewrite",
      BASE.replace("on Tuesday", "Tuesday").replace("U.S.", "US").replace("would honour", "will honour"),
    ],
    ["a re-post with a sentence that adds no fact", `${BASE}\n\nThe talks were closely watched.`],
    ["a re-post with a background sentence", `${BASE}\n\nThe war began in February 2022.`],
  ])("calls %s a duplicate", (_name, b) => {
    const r = compare(BASE, b);
    expect(r.relation).toBe("duplicate");
    expect(r.novel).toEqual([]);
    expect(r.similarity).toBeGreaterThan(0.8);
  });

  it.each([
    [
      "a new paragraph with numbers and a quote",
      `${BASE}\n\nHours later Russia said it had downed 57 Ukrainian drones. "Kyiv has shown its true face," spokeswoman Maria Zakharova said.`,
      "Hours later Russia said it had downed 57 Ukrainian drones.",
    ],
    [
      "a changed figure in an otherwise identical sentence",
      BASE.replace("for 30 days", "for 45 days"),
      "Russia and Ukraine agreed on Wednesday to stop attacking each other's energy infrastructure for 45 days, the first concrete step towards a wider ceasefire.",
    ],
    [
      "a new quoted reaction",
      `${BASE}\n\n"It sounds like a good idea to me," Trump told reporters later.`,
      '"It sounds like a good idea to me," Trump told reporters later.',
    ],
  ])("calls %s an update and returns the new sentences", (_name, b, sentence) => {
    const r = compare(BASE, b);
    expect(r.relation).toBe("update");
    expect(r.novel).toContain(sentence);
  });

  it("calls another event of the same storyline related, and a different topic unrelated", () => {
    const otherRound = `Istanbul talks end without truce\n\nRussian and Ukrainian delegations met in Istanbul for direct peace talks but failed to agree a ceasefire. Ukraine's delegation was led by Rustem Umerov, while Vladimir Medinsky led Russia's team. Both sides agreed to swap 1,000 prisoners of war.`;
    expect(compare(BASE, otherRound).relation).toBe("related");
    const orchestra =
      "Orchestra tour\n\nThe Scottish Chamber Orchestra announced its summer festival with works by Mozart and Sibelius.";
    expect(compare(BASE, orchestra)).toMatchObject({ relation: "unrelated", novel: [] });
  });

  it("uses storyline ids when the caller already knows them", () => {
    const a = "x\n\nThe museum opened a new wing on Monday.";
    const b = "y\n\nA football club signed a striker.";
    expect(compare(a, b, { storylinesA: ["arts"], storylinesB: ["arts"] }).relation).toBe("related");
    expect(compare(a, b, { storylinesA: ["arts"], storylinesB: ["sport"] }).relation).toBe("unrelated");
  });

  it("never throws on empty input", () => {
    expect(compare("", "").relation).toBe("duplicate");
    expect(compare(BASE, "")).toMatchObject({ relation: "unrelated", similarity: 0, novel: [] });
    expect(compare("\u0000", BASE).relation).toBe("unrelated");
  });
});

const DRILL = `Chinese and Russian warships begin joint drills in Sea of Japan

VLADIVOSTOK, July 14 (Reuters) - Chinese and Russian warships began joint naval exercises in the Sea of Japan on Monday, Russia's Pacific Fleet said.

Ten ships and two submarines are taking part in the drills, which will last five days, the fleet said in a statement.

China's defence ministry said the exercise was part of an annual cooperation plan and was not aimed at any third country.

Japan's defence ministry said it was monitoring the ships closely. Three Japanese destroyers were shadowing the group.`;

describe("compare: sentences rewritten with new facts", () => {
  it.each([
    [
      "a new weekday with new wording",
      DRILL.replace(
        "Japan's defence ministry said it was monitoring the ships closely.",
        "Japan's defence ministry said on Wednesday it had lodged a formal protest over the ships' route.",
      ),
      "Japan's defence ministry said on Wednesday it had lodged a formal protest over the ships' route.",
    ],
    [
      "a figure changed to one the text uses elsewhere",
      DRILL.replace("Ten ships and two submarines", "Three ships and two submarines"),
      "Three ships and two submarines are taking part in the drills, which will last five days, the fleet said in a statement.",
    ],
    [
      "a new spokesman named in a near-verbatim sentence",
      DRILL.replace("China's defence ministry said", "China's defence ministry spokesman Zhang Xiaogang said"),
      "China's defence ministry spokesman Zhang Xiaogang said the exercise was part of an annual cooperation plan and was not aimed at any third country.",
    ],
  ])("reports %s as novel", (_name, b, sentence) => {
    const r = compare(DRILL, b);
    expect(r.relation).toBe("update");
    expect(r.novel).toEqual([sentence]);
  });

  it.each([
    [
      "a known name written in full",
      DRILL.replace("Russia's Pacific Fleet said", "Russia's Pacific Fleet Command said"),
    ],
    [
      "a weekday the text already gives",
      DRILL.replace("Japan's defence ministry said it", "Japan's defence ministry said on Monday it"),
    ],
    ["a synonym", DRILL.replace("monitoring the ships closely", "watching the vessels closely")],
    [
      "an added photo caption",
      `${DRILL}\n\nA Russian corvette leads a Chinese destroyer near Peter the Great Gulf, July 14, 2026. Russian Defence Ministry/Handout via REUTERS`,
    ],
  ])("keeps %s a duplicate", (_name, b) => {
    expect(compare(DRILL, b)).toMatchObject({ relation: "duplicate", novel: [] });
  });

  it("does not call an expanded name new", () => {
    const a = "x\n\nPutin said Russia would keep the limits. Officials in Washington were cautious.";
    const b =
      "x\n\nRussian President Vladimir Putin said Russia would keep the limits. Officials in Washington were cautious.";
    expect(compare(a, b).relation).toBe("duplicate");
  });
});

describe("compare: related needs a shared storyline", () => {
  const nato = `NATO navies open Baltic exercise

Warships from 14 NATO countries began the annual BALTOPS naval exercise in the Baltic Sea on Sunday, practising anti-submarine warfare, mine clearance and amphibious landings.

About 50 ships, 45 aircraft and 9,000 personnel are taking part in the drills, which run for two weeks, the U.S. Navy's Sixth Fleet said.`;
  const otherDrill = `Chinese, Russian navies hold anti-submarine drills

Chinese and Russian warships held joint anti-submarine and air-defence drills in the East China Sea on Saturday as part of the Joint Sea exercise, China's defence ministry said.

The naval exercise involves destroyers, frigates and submarines from both navies and runs for five days.`;

  it("calls two drills unrelated when only one belongs to a storyline, despite shared vocabulary", () => {
    const r = compare(nato, otherDrill);
    expect(r.relation).toBe("unrelated");
    expect(r.details.topic).toBeGreaterThan(0.2);
  });

  it("calls two China-Russia drills related, and two texts outside every storyline unrelated", () => {
    expect(compare(DRILL, otherDrill).relation).toBe("related");
    const nato2 = nato.replace("BALTOPS", "Northern Coast").replace("Baltic Sea", "Gulf of Finland");
    expect(compare(nato, `Allies drill\n\n${nato2.split("\n\n")[2]}`).relation).not.toBe("related");
    const gaza1 = "Gaza truce holds\n\nThe Gaza ceasefire held for a third day as aid lorries entered through Rafah.";
    const gaza2 =
      "Hostages freed\n\nHamas released four hostages under the Gaza ceasefire as Israel freed 200 prisoners.";
    expect(compare(gaza1, gaza2).relation).toBe("unrelated");
  });
});

const GRAIN = `Grain talks resume in Istanbul

ISTANBUL, May 3 (Reuters) - Turkish, Russian and Ukrainian officials resumed trilateral talks on a grain corridor on Tuesday, the first such meeting in more than a decade of Black Sea shipping disputes.

The Russian side said it was ready to work with Turkey on inspections of 12 cargo ships a day, according to a statement.

The parties agreed a two-day pause in naval patrols near Odesa while the inspections are tested.`;

describe("compare: paraphrased figures, datelines and capitals", () => {
  it.each([
    ["a number word in a hyphenated modifier", GRAIN.replace("resumed trilateral talks", "resumed three-way talks")],
    ["a vague quantity written in digits", GRAIN.replace("more than a decade of", "over 10 years of")],
    [
      "a capital standing for its country",
      GRAIN.replace(
        "The Russian side said it was ready to work with Turkey",
        "Officials said Moscow was ready to work with Ankara",
      ),
    ],
    [
      "a dateline without an agency, repeating the date in the text",
      GRAIN.replace("ISTANBUL, May 3 (Reuters) - ", "ISTANBUL, Turkey, May 3 - ").replace(
        "on Tuesday,",
        "on Tuesday, May 3,",
      ),
    ],
    [
      "a new lead merging known facts, paragraphs reordered",
      [
        "Grain corridor talks restart",
        "Istanbul, May 3 — Moscow agreed with Ankara on inspections of 12 cargo ships a day as Turkish, Russian and Ukrainian officials resumed three-way grain talks on Tuesday.",
        GRAIN.split("\n\n")[3],
        GRAIN.split("\n\n")[1]?.replace("ISTANBUL, May 3 (Reuters) - ", ""),
      ].join("\n\n"),
    ],
  ])("keeps %s a duplicate", (_name, b) => {
    expect(compare(GRAIN, b)).toMatchObject({ relation: "duplicate", novel: [] });
  });

  it.each([
    [
      "a changed count in a hyphenated modifier",
      GRAIN.replace("a two-day pause", "a five-day pause"),
      "The parties agreed a five-day pause in naval patrols near Odesa while the inspections are tested.",
    ],
    [
      "a new figure next to a capital",
      `${GRAIN}\n\nMoscow said 40 ships had already been cleared.`,
      "Moscow said 40 ships had already been cleared.",
    ],
    [
      "a new quote from a newly named official",
      `${GRAIN}\n\n"We will not accept delays," Kremlin spokesman Dmitry Peskov said.`,
      '"We will not accept delays," Kremlin spokesman Dmitry Peskov said.',
    ],
    [
      "a new date in the text",
      `${GRAIN}\n\nThe next round will open in Ankara on June 14.`,
      "The next round will open in Ankara on June 14.",
    ],
  ])("reports %s as novel", (_name, b, sentence) => {
    const r = compare(GRAIN, b);
    expect(r.relation).toBe("update");
    expect(r.novel).toEqual([sentence]);
  });

  it("does not let a capital hide a name its country never had in the text", () => {
    const a = "x\n\nThe ministers met in Vienna and agreed to continue talks next month.";
    const b =
      "x\n\nThe ministers met in Vienna and agreed to continue talks next month, Prime Minister Shigeru Ishiba said.";
    expect(compare(a, b).relation).toBe("update");
  });
});

describe("compare: heavy rewrites", () => {
  it("calls a rewrite with little shared wording and one paraphrased 'new' detail a duplicate, two an update", () => {
    const a = `Putin declares Easter truce from 18:00 Moscow time on Saturday

MOSCOW, April 19 - Russian President Vladimir Putin on Saturday announced an Easter truce in Ukraine, from 18:00 Moscow time on Saturday until midnight on Sunday, the Kremlin said.

Putin ordered all military operations to stop for the period and said Russian troops must be ready to repel any violations by the enemy.

Chief of the General Staff Valery Gerasimov reported to Putin on the situation at the front, the Kremlin said.`;
    const rewrite = `Putin orders Easter ceasefire until midnight Sunday

Vladimir Putin announced an Easter truce in Ukraine on Saturday, ordering all Russian military operations to stop from 18:00 Moscow time until midnight on Sunday, the Kremlin said.

Russian forces must be ready to repel any violations or provocations by the enemy, Putin said after Chief of the General Staff Valery Gerasimov reported on the situation at the front.

The Kremlin gave no reason for the timing beyond humanitarian considerations, a spokesman said on 19 April.`;
    expect(compare(a, rewrite).relation).toBe("duplicate");
    const update = `${rewrite}\n\nUkraine's military said it recorded 387 Russian attacks in the first 12 hours of the truce.\n\nZelensky said Kyiv would mirror the truce for 30 days if Moscow did.`;
    expect(compare(a, update).relation).toBe("update");
  });
});
