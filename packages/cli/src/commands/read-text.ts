import { readFile } from "node:fs/promises";
import { parseSeedText } from "@storywire/core";
import { CliError, oneLine } from "../errors.ts";

/** Reads a seed-shaped text file (headline, blank line, paragraphs; front matter ignored). */
export async function readSeedFile(path: string) {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : oneLine(error);
    throw new CliError(`cannot read ${path}: ${why}. Give the path of a plain-text article.`);
  }
  if (text.includes("\u0000"))
    throw new CliError(`cannot read ${path}: it is a binary file, not a plain-text article.`);
  return parseSeedText(text);
}
