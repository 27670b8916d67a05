/**
 * `storywire export --out <dir>`: every stored story as NNN_<id>.txt in seed shape, newest first. Reads the
 * running local API when one answers on the configured port, else the embedded database under the data dir.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { exportFileName, type Story, storySeedText } from "@storywire/core";
import { createDynamoClient, createStore, ensureTable } from "@storywire/store";
import { startLocalDynamo } from "@storywire/store/local";
import { parseCommandArgs } from "../args.ts";
import { commandConfig } from "../config.ts";
import { CliError } from "../errors.ts";
import { DYNAMO_FOLDER } from "../runtime/data-dir.ts";

async function* fromApi(base: string): AsyncGenerator<Story> {
  let cursor: string | null = null;
  do {
    const url = `${base}/stories?limit=100&include=text${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(url);
    if (!response.ok) throw new CliError(`the running API at ${base} answered HTTP ${response.status} for ${url}.`);
    const page = (await response.json()) as { stories: Story[]; nextCursor: string | null };
    yield* page.stories;
    cursor = page.nextCursor;
  } while (cursor);
}

async function apiAnswers(base: string): Promise<boolean> {
  try {
    const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1500) });
    return r.ok;
  } catch {
    return false;
  }
}

/** The data folder and its database exist, or a CliError that names the folder and says what to do. */
function assertDataDir(dataDir: string, base: string): void {
  const folder = resolve(dataDir);
  const where = `STORYWIRE_DATA_DIR (or "dataDir" in storywire.config.json)`;
  if (!existsSync(folder)) {
    throw new CliError(
      `there is no Storywire data folder at ${folder} and no Storywire answering at ${base}, so there are no stories to export; run the export in the folder where you run "storywire start", or set ${where} to your data folder.`,
    );
  }
  if (!existsSync(join(folder, DYNAMO_FOLDER))) {
    throw new CliError(
      `the folder ${folder} holds no Storywire database (no "${DYNAMO_FOLDER}" folder in it), so there are no stories to export; run "storywire start" to collect stories first, or set ${where} to the folder that holds them.`,
    );
  }
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs("export", args, { out: { type: "string" } });
  if (!values.out) throw new CliError("export needs an output folder: storywire export --out <dir>.");
  const config = commandConfig();
  const base = `http://127.0.0.1:${config.port}`;
  const live = await apiAnswers(base);
  // Without a running API, the stories are in the data folder; a missing one is a wrong folder, not an empty export.
  if (!live && !config.dynamoEndpoint) assertDataDir(config.dataDir, base);
  await mkdir(values.out, { recursive: true });
  let count = 0;
  const write = async (story: Story) => {
    await writeFile(join(values.out as string, exportFileName(count, story)), storySeedText(story));
    count += 1;
  };
  if (live) {
    for await (const story of fromApi(base)) await write(story);
  } else {
    const dynamo = config.dynamoEndpoint
      ? null
      : await startLocalDynamo({ path: join(config.dataDir, DYNAMO_FOLDER) }).catch((error: Error) => {
          throw new CliError(`cannot open the local database in ${config.dataDir}: ${error.message}`);
        });
    try {
      const client = createDynamoClient({ endpoint: config.dynamoEndpoint ?? dynamo?.endpoint });
      await ensureTable(client, config.tableName);
      const store = createStore({
        ...(dynamo ? { documents: dynamo.documents } : { client }),
        tableName: config.tableName,
      });
      let cursor: string | undefined;
      do {
        // The list gives summaries; the text comes from the stories themselves, a page at a time.
        const page = await store.listStories({ limit: 100, cursor });
        for (const story of await store.getStories(page.items.map((s) => s.id))) await write(story);
        cursor = page.cursor ?? undefined;
      } while (cursor);
    } finally {
      await dynamo?.close();
    }
  }
  process.stderr.write(`Exported ${count} stories to ${values.out}.\n`);
  return 0;
}
