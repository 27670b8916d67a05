/** The storylines file of `storywire start --storylines <file>`: read and validated before anything starts. */
import { type FileStoryline, loadStorylinesFile, StorylinesFileError } from "@storywire/core";
import { readUserFile } from "../commands/read-text.ts";
import { CliError } from "../errors.ts";

export interface StorylinesFile {
  source: string;
  storylines: FileStoryline[];
}

/** Reads a storylines file; a broken one is a CliError naming the file, the storyline and the field. */
export async function readStorylinesFile(path: string): Promise<StorylinesFile> {
  const text = await readUserFile(path, "a JSON file of storylines");
  try {
    return { source: path, storylines: loadStorylinesFile(text, path) };
  } catch (error) {
    if (error instanceof StorylinesFileError) throw new CliError(error.message);
    throw error;
  }
}
