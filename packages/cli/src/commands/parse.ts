/**
 * `storywire parse <file-or-url> [--url <feed-url>]`: a feed document as JSON Lines of normalized stories.
 * Exit 0 for a feed (an empty one too): one line on stderr says how many stories, how many items were skipped and
 * why (over the item cap, cut off, empty, duplicate, failed), and what the forgiving reader repaired. Exit 2 with
 * one line when it is not a feed or cannot be read.
 */
import { readFile } from "node:fs/promises";
import { buildStory, describeRepairs, describeSkipped, openFeed, type SkipReason, storyId } from "@storywire/core";
import { ACCEPT_FEED, fetchResource, withoutRetryPromise } from "@storywire/fetch";
import { parseCommandArgs } from "../args.ts";
import { commandConfig } from "../config.ts";
import { CliError, oneLine } from "../errors.ts";

export async function parseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("parse", args, { url: { type: "string" } });
  const source = positionals[0];
  if (!source || positionals.length > 1) {
    throw new CliError("parse takes one feed file or URL: storywire parse <file-or-url> [--url <feed-url>].");
  }
  const isUrl = /^https?:\/\//i.test(source);
  const { bytes, charset, baseUrl } = isUrl ? await download(source) : await readLocal(source);
  const feedUrl = values.url ?? baseUrl;
  let feed: Awaited<ReturnType<typeof openFeed>>;
  try {
    feed = await openFeed(bytes, charset, feedUrl);
  } catch (error) {
    throw new CliError(`${source}: ${oneLine(error)}`);
  }
  const fetchedAt = new Date().toISOString();
  const skipped: Partial<Record<SkipReason, number>> = { overCap: feed.itemsOverCap ?? 0 };
  for (const item of feed.skipped) skipped[item.kind] = (skipped[item.kind] ?? 0) + 1;
  const lines: string[] = [];
  for (const entry of feed.entries) {
    const item = feed.finish(entry);
    try {
      const story = buildStory(item, { feedId: null, feedUrl: feedUrl ?? null, feedTitle: feed.title, fetchedAt });
      story.id = storyId(item.key, feedUrl ?? null);
      lines.push(
        JSON.stringify({
          id: story.id,
          key: story.key,
          url: story.url,
          title: story.title,
          text: story.text,
          publishedAt: story.publishedAt,
          author: story.author,
          language: story.language,
          source: story.source,
        }),
      );
    } catch (error) {
      skipped.failed = (skipped.failed ?? 0) + 1;
      process.stderr.write(`storywire parse: skipped item ${item.key}: ${oneLine(error)}\n`);
    }
  }
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
  const skippedCount = Object.values(skipped).reduce((sum, n) => sum + (n ?? 0), 0);
  const repaired = describeRepairs(feed.repairs);
  process.stderr.write(
    `${source}: ${feed.format} feed "${feed.title}", ${lines.length} stories` +
      (skippedCount ? `, ${skippedCount} item(s) skipped: ${describeSkipped(skipped)}` : "") +
      (repaired ? `; repaired: ${repaired}` : "") +
      ".\n",
  );
  return 0;
}

async function readLocal(path: string) {
  try {
    return { bytes: await readFile(path), charset: null, baseUrl: undefined };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : oneLine(error);
    throw new CliError(`cannot read ${path}: ${why}. Give the path of a feed file or an http(s) URL.`);
  }
}

async function download(url: string) {
  try {
    const response = await fetchResource(url, {
      accept: ACCEPT_FEED,
      allowPrivateNetworks: commandConfig().allowPrivateNetworks,
    });
    if (response.notModified) throw new Error("the server answered 304 Not Modified to an unconditional request");
    return { bytes: response.body, charset: response.charset, baseUrl: response.url };
  } catch (error) {
    // The fetch errors are worded for the service, which retries by itself; a one-off command does not.
    const message = oneLine(error);
    const bare = withoutRetryPromise(message);
    const why = bare === message ? message : `${bare}; try again later.`;
    throw new CliError(`cannot fetch ${url}: ${why}`);
  }
}
