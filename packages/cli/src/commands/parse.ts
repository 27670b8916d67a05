/**
 * `storywire parse <file-or-url> [--url <feed-url>]`: a feed document as JSON Lines of normalized stories.
 * Exit 0 for a feed (skipped items are counted on stderr), 2 with one line when it is not a feed or cannot be read.
 */
import { readFile } from "node:fs/promises";
import { buildStory, decodeFeedBytes, parseFeed, storyId } from "@storywire/core";
import { ACCEPT_FEED, fetchResource, privateNetworksAllowed } from "@storywire/fetch";
import { parseCommandArgs } from "../args.ts";
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
  let feed: Awaited<ReturnType<typeof parseFeed>>;
  try {
    feed = await parseFeed(decodeFeedBytes(bytes, charset).text, feedUrl);
  } catch (error) {
    throw new CliError(`${source}: ${oneLine(error)}`);
  }
  const fetchedAt = new Date().toISOString();
  let skipped = feed.skipped.length;
  const lines: string[] = [];
  for (const item of feed.items) {
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
      skipped += 1;
      process.stderr.write(`storywire parse: skipped item ${item.key}: ${oneLine(error)}\n`);
    }
  }
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
  process.stderr.write(
    `${source}: ${feed.format} feed "${feed.title}", ${lines.length} stories${skipped ? `, ${skipped} item(s) skipped` : ""}.\n`,
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
    const response = await fetchResource(url, { accept: ACCEPT_FEED, allowPrivateNetworks: privateNetworksAllowed() });
    if (response.notModified) throw new Error("the server answered 304 Not Modified to an unconditional request");
    return { bytes: response.body, charset: response.charset, baseUrl: response.url };
  } catch (error) {
    throw new CliError(`cannot fetch ${url}: ${oneLine(error)}`);
  }
}
