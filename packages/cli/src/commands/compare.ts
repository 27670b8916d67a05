/** `storywire compare <a> <b> --json`: is b a duplicate of a, an update, related, or unrelated? */
import { compare } from "@storywire/core";
import { parseCommandArgs } from "../args.ts";
import { CliError } from "../errors.ts";
import { readSeedFile } from "./read-text.ts";

export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("compare", args, { json: { type: "boolean", default: false } });
  if (positionals.length !== 2) throw new CliError("compare takes two files: storywire compare <a> <b> --json.");
  const [a, b] = await Promise.all(positionals.map((f) => readSeedFile(f)));
  const result = compare(a as NonNullable<typeof a>, b as NonNullable<typeof b>);
  const out = { relation: result.relation, similarity: result.similarity, novel: result.novel };
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    process.stdout.write(`${out.relation} (similarity ${out.similarity.toFixed(2)})\n`);
    for (const s of out.novel) process.stdout.write(`  + ${s}\n`);
  }
  return 0;
}
