/**
 * Token overlap between an expected and an extracted text, for judging extraction quality.
 * Tokens are lowercase runs of letters, marks and digits; Han characters, kana and other scripts written
 * without spaces count one token per character, otherwise a Chinese paragraph would be one giant "word" and
 * the score would say nothing.
 */

const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]|[\p{L}\p{M}\p{N}]+/gu;

export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export interface TokenScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Multiset overlap of tokens: precision over the actual tokens, recall over the expected ones. */
export function tokenF1(expected: string, actual: string): TokenScore {
  const counts = new Map<string, number>();
  const expectedTokens = wordTokens(expected);
  for (const token of expectedTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const actualTokens = wordTokens(actual);
  let overlap = 0;
  for (const token of actualTokens) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap += 1;
      counts.set(token, left - 1);
    }
  }
  if (expectedTokens.length === 0 && actualTokens.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = actualTokens.length === 0 ? 0 : overlap / actualTokens.length;
  const recall = expectedTokens.length === 0 ? 0 : overlap / expectedTokens.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
