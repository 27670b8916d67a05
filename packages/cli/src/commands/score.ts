/** `storywire score <file>... --json`: storyline and framing scores, one JSON object per file (JSON Lines). */
import { scoreDocument } from "@storywire/core";
import { parseCommandArgs } from "../args.ts";
import { CliError } from "../errors.ts";
import { readSeedFile } from "./read-text.ts";

export async function scoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("score", args, { json: { type: "boolean", default: false } });
  if (positionals.length === 0) throw new CliError("score needs at least one file: storywire score <file>... --json.");
  // Read everything first, so that one unreadable file fails the command before any output.
  const docs = await Promise.all(positionals.map(async (file) => ({ file, doc: await readSeedFile(file) })));
  for (const { file, doc } of docs) {
    const { storylines, framing } = scoreDocument(doc);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ file, storylines, framing })}\n`);
    } else {
      const tops = Object.entries(storylines)
        .map(([id, s]) => `${id} ${s.score.toFixed(2)}${s.matched ? "*" : ""}`)
        .join("  ");
      process.stdout.write(`${file}\n  storylines: ${tops}\n  framing: ${framing.label} (${framing.summary})\n`);
    }
  }
  return 0;
}
