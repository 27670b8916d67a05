/**
 * A storylines file in the AWS deploy: `STORYWIRE_STORYLINES=storylines.json npx sst deploy` bundles the file into
 * every function (SST's copyFiles) and points STORYWIRE_STORYLINES at the copy. The file is validated here, at
 * deploy time, so a broken file stops the deploy before anything changes, with the message `storywire start
 * --storylines` gives: the file, the storyline and the field. Changing the file means deploying again; storylines
 * changed through the API live in the table and need no deploy.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadStorylinesFile } from "../packages/core/src/storyline-definition/file.ts";

/** Where the file lands inside each function's bundle (relative to the task root). */
export const BUNDLED_STORYLINES = "storylines.json";

export interface StorylinesBundle {
  copyFiles?: { from: string; to: string }[];
  environment: Record<string, string>;
}

/** The function arguments that bundle the storylines file named by STORYWIRE_STORYLINES (none when unset). */
export function storylinesBundle(env: NodeJS.ProcessEnv = process.env): StorylinesBundle {
  const path = env.STORYWIRE_STORYLINES?.trim();
  if (!path) return { environment: {} };
  let text: string;
  try {
    text = readFileSync(resolve(path), "utf8");
  } catch (error) {
    throw new Error(
      `STORYWIRE_STORYLINES names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); give the path of the storylines file or unset it.`,
    );
  }
  loadStorylinesFile(text, path);
  return {
    copyFiles: [{ from: path, to: BUNDLED_STORYLINES }],
    environment: { STORYWIRE_STORYLINES: BUNDLED_STORYLINES },
  };
}
