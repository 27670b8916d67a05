/**
 * `storywire storylines <validate|try|compile>`: work on storylines before saving them.
 *
 *   storywire storylines validate <file> [--json]              check a storylines file; --json prints it in full
 *   storywire storylines try <file> <article>... [--json]      score and evidence of each storyline on articles
 *   storywire storylines try --query "<query>" <article>...     the same for a query
 *   storywire storylines compile "<query>" [--id] [--title]     the storyline JSON a query compiles to
 */
import {
  compileQuery,
  type FileStoryline,
  parseStorylinesFile,
  pointAt,
  QueryError,
  readStorylineDefinition,
  type StorylineResult,
  scoreStorylines,
} from "@storywire/core";
import { parseCommandArgs } from "../args.ts";
import { CliError } from "../errors.ts";
import { readSeedFile, readUserFile } from "./read-text.ts";

const USAGE =
  'storywire storylines validate <file> [--json] | try <file> <article>... [--json] | try --query "<query>" <article>... | compile "<query>" [--id <id>] [--title <title>]';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** A storylines file, or every problem in it on stderr (then exit 2). */
async function readFile(path: string): Promise<FileStoryline[]> {
  const parsed = parseStorylinesFile(await readUserFile(path, "a JSON file of storylines"));
  if (parsed.ok) return parsed.storylines;
  for (const problem of parsed.errors) err(`${path}: ${problem}`);
  const count = parsed.errors.length;
  throw new CliError(
    `${path} is not valid (${count} problem${count === 1 ? "" : "s"} above); fix the file and run again.`,
  );
}

function compileOrExplain(query: string, options: { id?: string; title?: string } = {}): FileStoryline {
  try {
    compileQuery(query, options);
  } catch (error) {
    if (error instanceof QueryError) {
      err(pointAt(query, error.position));
      throw new CliError(`the query is not valid ${error.message}.`);
    }
    throw error;
  }
  const read = readStorylineDefinition({ query, ...options });
  if (!read.ok) throw new CliError(read.errors.map((e) => `${e.field ?? "storyline"}: ${e.message}`).join("; "));
  return { storyline: read.storyline, query: read.query, notes: read.notes };
}

function summary(s: FileStoryline): string {
  const { cues, gates, exclusions } = s.storyline;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [plural(cues.length, "cue"), plural(gates.length, "gate"), plural(exclusions.length, "exclusion")];
  return `${s.storyline.id}: "${s.storyline.title}": ${parts.join(", ")}, threshold ${s.storyline.threshold}${s.query === null ? "" : ` (from the query ${s.query})`}`;
}

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("storylines validate", args, {
    json: { type: "boolean", default: false },
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new CliError(`validate takes one file: ${USAGE}.`);
  const storylines = await readFile(path);
  if (values.json) {
    out(
      JSON.stringify(
        storylines.map((s) => s.storyline),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const s of storylines) {
    out(`ok  ${summary(s)}`);
    for (const note of s.notes) out(`    note: ${note}`);
  }
  out(`${path}: ${storylines.length} storyline${storylines.length === 1 ? "" : "s"}, all valid.`);
  return 0;
}

const clip = (sentence: string) => (sentence.length > 160 ? `${sentence.slice(0, 159)}…` : sentence);

/**
 * A storyline's score on one article, explained in the scorer's own terms: each field of its StorylineResult (the
 * matches and what each added, every gate, the focus rule that decided and why, the exclusions, the acronyms it did
 * not count), nothing worked out again here.
 */
function describe(file: string, r: StorylineResult): string[] {
  const lines = [
    `  ${r.id}  ${r.score.toFixed(2)}  ${r.matched ? "ENTERS" : "stays out"} (threshold ${r.threshold.toFixed(2)})`,
  ];
  if (!r.matched) {
    const why = [
      ...(r.score < r.threshold ? [`the score is below the threshold`] : []),
      ...r.gates.filter((g) => !g.passed).map((g) => `the gate "${g.label}" is not met`),
      ...(r.focus.passed ? [] : [`focus: ${r.focus.reason}`]),
    ];
    lines.push(`    why it stays out: ${why.join("; ")}`);
  }
  if (r.evidence.length === 0) {
    lines.push(`    no cue of ${r.id} occurs in ${file}`);
  } else {
    lines.push(`    cues matched (raw ${r.raw.toFixed(2)}; the strongest matches, with what each added):`);
    for (const e of r.evidence) {
      lines.push(`      +${(e.weight ?? 0).toFixed(2)} [${e.where ?? "body"}] ${e.cue}: ${clip(e.sentence)}`);
    }
  }
  for (const g of r.gates) lines.push(`    gate "${g.label}": ${g.passed ? "met" : "not met (lowers the score)"}`);
  lines.push(`    focus: ${r.focus.reason}${r.focus.passed ? "" : " (lowers the score)"}`);
  if (r.exclusion.found.length > 0) {
    lines.push(`    excluded words found: ${r.exclusion.found.join(", ")} (score x ${r.exclusion.factor.toFixed(2)})`);
  }
  if (r.ignoredAcronyms.length > 0) {
    lines.push(`    acronyms not counted, spelled out as something else: ${r.ignoredAcronyms.join(", ")}`);
  }
  return lines;
}

async function tryOn(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("storylines try", args, {
    json: { type: "boolean", default: false },
    query: { type: "string" },
  });
  const storylines =
    values.query !== undefined ? [compileOrExplain(values.query)] : await readFile(positionals.shift() ?? "");
  if (positionals.length === 0) throw new CliError(`try needs at least one article: ${USAGE}.`);
  // Read every article first, so that one unreadable file fails before any output.
  const docs = await Promise.all(positionals.map(async (file) => ({ file, doc: await readSeedFile(file) })));
  const list = storylines.map((s) => s.storyline);
  for (const { file, doc } of docs) {
    const results = scoreStorylines(doc, list);
    if (values.json) {
      for (const r of results) out(JSON.stringify({ file, ...r }));
      continue;
    }
    out(`${file}: ${doc.title ? `"${doc.title}"` : "(no headline)"}`);
    for (const r of results) for (const line of describe(file, r)) out(line);
  }
  return 0;
}

async function compile(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("storylines compile", args, {
    id: { type: "string" },
    title: { type: "string" },
  });
  if (positionals.length !== 1) throw new CliError(`compile takes one query (quote it for the shell): ${USAGE}.`);
  const compiled = compileOrExplain(positionals[0] ?? "", {
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
  });
  out(JSON.stringify(compiled.storyline, null, 2));
  for (const note of compiled.notes) err(`note: ${note}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = { validate, try: tryOn, compile };

export async function storylinesCommand(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const run = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!run) throw new CliError(`storylines needs a subcommand: ${USAGE}.`);
  return run(rest);
}
