/** rankLanguages gives francAll's ranking to the last bit, on real text and on random text in every script. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { francAll } from "franc-min";
import { describe, expect, it } from "vitest";
import { ISO639_3_TO_1 } from "./languages.ts";
import { rankLanguages } from "./trigram-ranking.ts";

const ONLY = Object.keys(ISO639_3_TO_1);
const articles = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../eval/articles");

/** rankLanguages equals francAll on texts joined from the generated pieces, with and without `only`. */
function equalsFrancAll(pieces: fc.Arbitrary<string[]>, numRuns: number): void {
  fc.assert(
    fc.property(pieces, fc.boolean(), (parts, only) => {
      const text = parts.join("");
      const options = only ? { only: ONLY, minLength: 1 } : { minLength: 1 };
      expect(rankLanguages(text, only ? ONLY : [])).toEqual(francAll(text, options));
    }),
    { numRuns },
  );
}

describe("rankLanguages", () => {
  it("equals francAll on the evaluation articles, at several sample lengths, with and without exclusions", () => {
    const texts = readdirSync(articles)
      .filter((file) => file.endsWith(".txt"))
      .map((file) => readFileSync(join(articles, file), "utf8"));
    expect(texts.length).toBeGreaterThan(40);
    for (const text of texts) {
      for (const length of [12, 120, 320, 2100]) {
        for (const ignore of [[], ["rus", "ukr"]]) {
          const sample = text.slice(0, length);
          expect(rankLanguages(sample, ONLY, ignore)).toEqual(francAll(sample, { only: ONLY, ignore, minLength: 1 }));
        }
      }
    }
  });

  it("equals francAll on random text mixing scripts (fast-check)", () => {
    const alphabet = [
      ..."abcdefghijklmnopqrstuvwxyzéüßçñ   .,!?0123",
      ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
      ..."的是不了人我在有他这",
      ..."あいうえおカキ",
      ..."가나다라",
      ..."αβγδε",
      ..."अआइक",
      ..."ابتثج",
      "😀",
      "𠀀",
    ];
    equalsFrancAll(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 300 }), 300);
  });

  it("equals francAll on ASCII text of every kind, which is cleaned without string operations (fast-check)", () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    const words = ["The ", "quick ", "BROWN ", "fox, ", "jumps ", "uber ", "den ", "Hund. ", "42 ", "\t", "\n"];
    equalsFrancAll(
      fc.array(fc.oneof(fc.constantFrom(...ascii), fc.constantFrom(...words)), { minLength: 1, maxLength: 400 }),
      400,
    );
  });
});
