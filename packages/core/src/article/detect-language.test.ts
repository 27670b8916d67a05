import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  detectionSample,
  detectLanguage,
  LANGUAGE_SAMPLE_CHARS,
  letterUnits,
  MIN_LETTERS_FOR_DETECTION,
  normalizeLanguageTag,
} from "./detect-language.ts";

const AMBIGUOUS_CYRILLIC =
  "Президент России Владимир Путин заявил, что Москва готова к переговорам о прекращении огня на Украине.";

describe("detectLanguage", () => {
  it.each<[string, string, string]>([
    [
      "en",
      "English",
      "The ceasefire collapsed within days after a massive drone and missile attack left Kyiv without heat.",
    ],
    [
      "ru",
      "Russian",
      "Президент России Владимир Путин заявил, что Москва готова к переговорам о прекращении огня на Украине.",
    ],
    [
      "ru",
      "Russian",
      "Министерство обороны сообщило, что войска продолжают наступление в Донбассе, несмотря на потери.",
    ],
    [
      "uk",
      "Ukrainian",
      "Президент України Володимир Зеленський заявив, що Київ готовий до переговорів щодо припинення вогню.",
    ],
    ["zh", "Chinese", "宇航员在太空中喝酒会怎么样？后果很严重"],
    [
      "pt",
      "Portuguese",
      "O técnico disse que errou ao levar a taça da Libertadores ao ex-presidente em 2012, segundo a reportagem.",
    ],
    ["pt", "Portuguese", "Rússia e China realizam exercícios militares conjuntos no Pacífico, segundo o ministério."],
    ["es", "Spanish", "Rusia y China realizan ejercicios militares conjuntos en el Pacífico, según el ministerio."],
    [
      "fr",
      "French",
      "Le projet de loi sur le renseignement a été massivement approuvé par les députés à l'Assemblée nationale.",
    ],
    [
      "de",
      "German",
      "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Stärkung der Cybersicherheit beschlossen.",
    ],
    [
      "bg",
      "Bulgarian",
      "Министър-председателят заяви, че България ще подкрепи новите мерки на Европейския съюз за сигурност.",
    ],
    [
      "ar",
      "Arabic",
      "قال الرئيس الروسي فلاديمير بوتين إن موسكو مستعدة لإجراء محادثات بشأن وقف إطلاق النار في أوكرانيا",
    ],
  ])("%s: %s", (code, _name, text) => {
    expect(detectLanguage(text)).toBe(code);
    // A long enough text outvotes a hint that does not fit it.
    expect(detectLanguage(text, "en-GB")).toBe(code);
  });

  it.each<[string, string, string | null, string | null]>([
    ["short text: the hint wins", "Putin says peace is near", "en-US", "en"],
    ["short text without a hint is unknown", "Putin says peace is near", null, null],
    ["short text, hint in another script is unusable", "Putin says peace is near", "ru", null],
    [
      "a hint franc cannot check is trusted",
      "Les negociacions de pau continuen aquesta setmana a Ginebra amb les dues delegacions.",
      "ca",
      "ca",
    ],
    ["no letters: the hint", "2026 — 12:00", "uk", "uk"],
    ["no text and no hint", "", null, null],
    ["a short Chinese headline is conclusive without a hint", "宇航员在太空", null, "zh"],
    // franc scores this sentence Bulgarian 1.00, Russian 0.96: too close to call.
    ["too close to call: a hint among the guesses wins", AMBIGUOUS_CYRILLIC, "bg", "bg"],
    ["too close to call, no hint: the more common news language", AMBIGUOUS_CYRILLIC, null, "ru"],
  ])("%s", (_name, text, hint, expected) => {
    expect(detectLanguage(text, hint)).toBe(expected);
  });

  it("lets a long text outvote a wrong hint of the same script", () => {
    const english =
      "The delegations met in Geneva for a second day of talks on prisoner exchanges and the protection of energy " +
      "infrastructure, officials from both sides said on Wednesday evening.";
    expect(detectLanguage(english, "fr")).toBe("en");
  });
});

describe("normalizeLanguageTag", () => {
  it.each<[string | null, string | null]>([
    ["en-GB", "en"],
    ["EN_us", "en"],
    ["pt-BR", "pt"],
    ["zh-Hans-CN", "zh"],
    ["eng", "en"],
    ["ukr", "uk"],
    ["fre", "fr"],
    ["", null],
    [null, null],
    ["english", null],
    ["12", null],
  ])("%s -> %s", (tag, expected) => {
    expect(normalizeLanguageTag(tag)).toBe(expected);
  });
});

describe("the sample detectLanguage ranks", () => {
  const chain = (text: string) =>
    text
      .slice(0, 2 * LANGUAGE_SAMPLE_CHARS)
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/[\p{N}\p{P}\p{S}]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, LANGUAGE_SAMPLE_CHARS);
  const pieces = [
    ..."abcXYZ éßñ жЖя 的是 あカ 가 αβ अक ابت".split(""),
    ..." \t\n\r\u00a0\u2003\u3000\ufeff\u200b\u2028".split(""),
    ..."0123.,;:!?'\"()[]-–—«»“”…@#$%&*+=<>^`|~€£¥©°§¶•·¿¡".split(""),
    "😀",
    "𠀀",
    "𝐀",
    "\ud800",
    "\udc00",
    "https://wire.example/a?b=1",
    "http://x",
  ];

  it("is the text without links, numbers, punctuation and symbols, runs of them one space (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 700 }), (parts) => {
        const text = parts.join("");
        const sample = detectionSample(text);
        expect(sample).toBe(chain(text));
        const letters = text.replace(/\P{L}+/gu, "").length;
        expect(letterUnits(text)).toBe(letters);
        // Counted only as far as detectLanguage needs to know.
        const capped = letterUnits(text, MIN_LETTERS_FOR_DETECTION);
        if (letters < MIN_LETTERS_FOR_DETECTION) expect(capped).toBe(letters);
        else expect(capped).toBeGreaterThanOrEqual(MIN_LETTERS_FOR_DETECTION);
      }),
      { numRuns: 500 },
    );
  });
});
