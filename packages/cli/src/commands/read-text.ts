import { readFile } from "node:fs/promises";
import { parseSeedText } from "@storywire/core";
import { CliError, oneLine } from "../errors.ts";

/** Reads a text file the user named; `hint` says what it should be ("a plain-text article"). */
export async function readUserFile(path: string, hint: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : oneLine(error);
    throw new CliError(`cannot read ${path}: ${why}. Give the path of ${hint}.`);
  }
  if (text.includes("\u0000")) throw new CliError(`cannot read ${path}: it is a binary file, not ${hint}.`);
  return text;
}

/** Reads a seed-shaped text file (headline, blank line, paragraphs; front matter ignored). */
export async function readSeedFile(path: string) {
  return parseSeedText(await readUserFile(path, "a plain-text article"));
}
