/**
 * `storywire normalize <html-file> [--url <page-url>]`: the article of a page (or a seed-shaped text file) as
 * seed-shaped plain text on stdout.
 */
import { readFile } from "node:fs/promises";
import {
  cleanParagraphs,
  decodeFeedBytes,
  extractArticle,
  htmlToParagraphs,
  normalizeText,
  toSeedText,
} from "@storywire/core";
import { parseCommandArgs } from "../args.ts";
import { CliError, oneLine } from "../errors.ts";

export async function normalizeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("normalize", args, { url: { type: "string" } });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError("normalize takes one file: storywire normalize <html-file> [--url <page-url>].");
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${oneLine(error)}. Give the path of a saved article page.`);
  }
  const { text } = decodeFeedBytes(bytes, null);
  const looksHtml = /<(html|body|article|p|div|head)[\s>]/i.test(text.slice(0, 20_000));
  let output: string;
  if (!looksHtml) {
    output = normalizeText(text);
  } else {
    const article = extractArticle(text, values.url);
    const paragraphs = article?.paragraphs.length ? article.paragraphs : cleanParagraphs(htmlToParagraphs(text));
    if (paragraphs.length === 0) throw new CliError(`${file}: no article text found in the page.`);
    output = toSeedText({ title: article?.title ?? null, paragraphs });
  }
  process.stdout.write(output);
  return 0;
}
