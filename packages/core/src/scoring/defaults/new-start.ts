/**
 * `new-start`: the New START treaty and US-Russia strategic arms control. "New START" is matched case-
 * sensitively; "New Start" (Guardian/BBC style) and a bare "START" only beside arms-control words, so "a new
 * start" and the verb "start" never count. Iran's and North Korea's programmes, and nuclear power plants, damp
 * the score unless the article's own arms-control context outweighs them.
 */
import { PASSING_MENTION_PARAGRAPHS } from "../constants.ts";
import type { StorylineInput } from "../storyline-schema.ts";
import { cs, cues, dampedBy, exact, near } from "./build.ts";
import { RUSSIA_STATE } from "./vocabulary.ts";

const ARMS = near(1, ["arms"]);
const TREATY = near(1, ["treaty"]);
const US_RU = near(1, ["ru"]);
const US_RU_ARMS = near(1, ["ru", "arms"]);

export const newStartStoryline: StorylineInput = {
  id: "new-start",
  title: "New START and US-Russia strategic arms control",
  description:
    "The New START treaty (expiry on 5 February 2026, Russia's offer to observe its limits for one more year, " +
    "suspended inspections, the 1,550 deployed-warhead limit) and strategic nuclear arms control talks between " +
    "the United States and Russia. The English word 'start' is not a cue.",
  contexts: {
    arms: [
      "treaty",
      "treaties",
      "arms control",
      "warheads",
      "warhead",
      "strategic arms",
      "strategic offensive",
      "strategic nuclear",
      "nuclear arsenal",
      "nuclear arsenals",
      "launchers",
      "nuclear arms",
      "nuclear weapons",
      "nuclear forces",
      "arms reduction",
      "non-proliferation",
      "ICBMs",
      "heavy bombers",
    ],
    treaty: [
      "treaty",
      "treaties",
      ...cs("New START", "New Start", "START"),
      "arms control",
      "accord",
      "pact",
      "warheads",
    ],
    ru: [...RUSSIA_STATE, "Ryabkov", "Lavrov", "Peskov", "Medvedev", "Soviet"],
    start_core: [
      ...cs("New START", "New Start", "START"),
      "Strategic Arms Reduction",
      "strategic offensive arms",
      "arms control",
      "strategic stability",
      "deployed warheads",
    ],
    nuclear: ["nuclear", "warheads", "warhead", "arsenal*", "strategic"],
    other_nuclear: [
      "Iran",
      "Iranian",
      "Tehran",
      "JCPOA",
      "enrichment",
      "enriched uranium",
      "IAEA",
      "Grossi",
      "North Korea",
      "North Korean",
      "Pyongyang",
      "Kim Jong Un",
      "nuclear power plant",
      "nuclear plant",
      "power station",
      "reactor",
      "reactors",
      "Zaporizhzhia",
      "Chernobyl",
      "Fukushima",
    ],
  },
  cues: [
    ...exact(8, ["New START", "NEW START"]),
    ...exact(6, ["New Start"], near(1, ["arms"], ["ru"])),
    ...exact(3, ["START"], ARMS),
    ...cues(8, ["Strategic Arms Reduction Treaty", "Strategic Arms Reduction Treaties"]),
    ...cues(6, ["strategic offensive arms", "strategic offensive weapons"]),
    ...cues(6, ["deployed strategic warheads", "deployed strategic nuclear warheads"]),
    ...cues(
      5,
      [
        "nuclear arms control",
        "arms control treaty",
        "arms control agreement",
        "arms control talks",
        "arms control dialogue",
        "arms control negotiations",
        "strategic arms control",
        "nuclear arms talks",
        "strategic stability talks",
        "strategic stability dialogue",
        "deployed warheads",
        "deployed nuclear warheads",
        "deployed launchers",
        "warhead limits",
        "limits on warheads",
        "limits on deployed",
        "central limits",
        "extend the treaty",
        "extending the treaty",
        "extended the treaty",
        "extension of the treaty",
        "last remaining nuclear",
        "last remaining arms control",
        "last remaining treaty",
        "nuclear disarmament talks",
        "nuclear disarmament negotiations",
        "strategic arms reduction",
        "arms reduction talks",
      ],
      US_RU,
    ),
    ...cues(3, ["nuclear disarmament", "disarmament talks", "disarmament negotiations"], US_RU),
    ...cues(4, ["1,550", "1550"], near(1, ["arms"])),
    ...cues(
      4,
      ["quantitative limits", "treaty limits", "treaty's limits", "observe the limits", "abide by the limits"],
      ARMS,
    ),
    ...cues(3, ["arms control", "strategic stability", "nuclear arms race", "arms race"], US_RU),
    ...cues(3, ["Ryabkov"], ARMS),
    ...cues(3, ["on-site inspections", "inspections", "verification"], TREATY),
    ...cues(
      3,
      ["one-year extension", "one year extension", "suspended participation", "suspend participation"],
      TREATY,
    ),
    ...cues(
      3,
      [
        "February 5, 2026",
        "Feb. 5, 2026",
        "5 February 2026",
        "Feb 5, 2026",
        "expire*",
        "expiry",
        "expiration",
        "extension",
        "extend",
        "data exchanges",
        "notifications",
      ],
      TREATY,
    ),
    ...cues(3, ["nuclear warheads", "strategic nuclear forces", "strategic nuclear weapons"], US_RU),
    ...cues(3, ["denuclearization", "denuclearisation", "denuclearize", "denuclearise"], US_RU),
    ...cues(
      2.5,
      ["INF Treaty", "Intermediate-Range Nuclear Forces", "Comprehensive Nuclear-Test-Ban Treaty", "CTBT"],
      US_RU,
    ),
    ...cues(2, ["nuclear testing", "nuclear tests", "nuclear parity", "nuclear arsenals"], US_RU_ARMS),
    // Paraphrases ("the 2010 treaty", "the pact"): a treaty word beside Russia and nuclear vocabulary.
    ...cues(2, ["treaty", "pact", "accord"], near(1, ["ru", "nuclear"])),
  ],
  gates: [{ label: "arms-control vocabulary is present", contexts: ["arms"] }],
  exclusions: [
    dampedBy(
      "Iran's or North Korea's programmes, or nuclear power plants, outweigh strategic arms control",
      "other_nuclear",
      ["start_core"],
    ),
  ],
  threshold: 0.5,
  minParagraphs: PASSING_MENTION_PARAGRAPHS,
  saturation: 10,
};
