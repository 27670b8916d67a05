/**
 * The CLI as users and the acceptance checks call it: the real `storywire` bin in a child process.
 * - parse / score / compare / normalize contracts (JSON Lines, exit codes, one-line errors);
 * - `storywire start` with the guard switched off for loopback: add a feed, subscribe a webhook, publish
 *   stories, and check with `standardwebhooks` what arrives; Ctrl-C stops it cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SAMPLE_STORIES } from "storywire/samples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cli, freePort } from "./support/cli.ts";
import { rss, startFeedServer } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem, sampleStory } from "./support/samples.ts";

function story(title: string, paragraphs: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "storywire-cli-"));
  const file = join(dir, "story.txt");
  writeFileSync(file, `${title}\n\n${paragraphs.join("\n\n")}\n`);
  return file;
}

describe("storywire CLI contracts", () => {
  it("parse: JSON Lines of stories, exit 0, skipped count on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "storywire-cli-"));
    const file = join(dir, "feed.xml");
    writeFileSync(
      file,
      rss([
        { guid: "a", title: "First & <b>bold</b>", paragraphs: ["One.", "Two."], link: "/a?utm_source=x" },
        { guid: "a", title: "Duplicate guid", paragraphs: ["Again."] },
      ]),
    );
    const { code, stdout, stderr } = await cli(["parse", file, "--url", "http://127.0.0.1/feed.xml"]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ title: "First & bold", url: "http://127.0.0.1/a", text: "One.\n\nTwo." });
    expect(lines[0].id).toMatch(/^[0-9a-f]{16}$/);
    for (const key of ["key", "publishedAt", "author", "language", "source"]) expect(lines[0]).toHaveProperty(key);
    expect(stderr).toMatch(/1 item\(s\) skipped: 1 repeating another item's key/);
  });

  it("parse: a broken feed over the item cap says what it skipped and why, and what it repaired", async () => {
    const dir = mkdtempSync(join(tmpdir(), "storywire-cli-"));
    const file = join(dir, "broken.xml");
    const items = Array.from(
      { length: 502 },
      (_, i) =>
        `<item><guid>g${i}</guid><title>Item ${i} &amp; Tom & Jerry</title><pubDate>${new Date(Date.UTC(2024, 0, 1, 0, i)).toUTCString()}</pubDate></item>`,
    ).join("");
    writeFileSync(file, `<rss version="2.0"><channel><title>Broken</title>${items}<item><guid>cut</guid><title>Cu`);
    const { code, stdout, stderr } = await cli(["parse", file]);
    expect(code).toBe(0);
    const titles = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).title as string);
    expect(titles).toHaveLength(500);
    expect(titles).not.toContain("Item 0 & Tom & Jerry");
    expect(titles).toContain("Item 501 & Tom & Jerry");
    expect(stderr).toContain(
      '"Broken", 500 stories, 3 item(s) skipped: 2 over the item cap (the oldest dropped), 1 cut off by the end of the document; repaired: bare "&" read as text; document cut off mid-way, closed.',
    );
  });

  it.each([
    [["parse", "/no/such/file.xml"], /cannot read/],
    [["parse", "http://127.0.0.1:1/feed.xml"], /loopback/],
    [["score", "/no/such/file.txt", "--json"], /cannot read/],
    [["compare", "/no/such/a.txt", "/no/such/b.txt", "--json"], /cannot read/],
    [["frobnicate"], /unknown command/],
  ])("%j exits 2 with one line and no stack trace", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("parse | head -1: exits 0 without a stack trace when the reader closes the pipe", async () => {
    const dir = mkdtempSync(join(tmpdir(), "storywire-cli-"));
    const file = join(dir, "long.xml");
    // 500 stories of ~1 KB each: far more than a pipe holds, so the CLI is still writing when the reader leaves.
    const paragraph = "Negotiators met again and said that progress was made on the text. ".repeat(15);
    writeFileSync(
      file,
      rss(Array.from({ length: 500 }, (_, i) => ({ guid: `g${i}`, title: `Story ${i}`, paragraphs: [paragraph] }))),
    );
    const child = spawn(process.execPath, [BIN, "parse", file], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const firstLine = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        const end = out.indexOf("\n");
        // Like head -1: take one line, then close the pipe with the rest unread.
        if (end >= 0) {
          child.stdout.destroy();
          resolve(out.slice(0, end));
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(JSON.parse(firstLine)).toMatchObject({ title: expect.stringMatching(/^Story \d+$/) });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it("export with no data folder and nothing running exits 2 with a sentence naming the folder and what to do", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "storywire-export-"));
    // A port nothing answers on, so the export looks for the data folder.
    writeFileSync(join(cwd, "storywire.config.json"), JSON.stringify({ port: await freePort() }));
    const env = { ...process.env };
    delete env.STORYWIRE_DATA_DIR;
    const missing = await cli(["export", "--out", "out"], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^storywire export: there is no Storywire data folder at \/\S+\/\.storywire and no Storywire answering at http:\/\/127\.0\.0\.1:\d+, so there are no stories to export; run the export in the folder where you run "storywire start", or set STORYWIRE_DATA_DIR .*\.$/,
      ),
    ]);
    expect(missing.stderr).toContain(join(realpathSync(cwd), ".storywire"));
    // Nothing was made: neither the output folder nor a data folder.
    expect(readdirSync(cwd)).toEqual(["storywire.config.json"]);

    // A data folder without a database (the wrong folder): the same exit, a sentence saying what is missing.
    const empty = join(cwd, "empty-data");
    mkdirSync(empty);
    const noDatabase = await cli(["export", "--out", "out"], { cwd, env: { ...env, STORYWIRE_DATA_DIR: empty } });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(
      /^storywire export: the folder \S+empty-data holds no Storywire database .*\.\n$/,
    );
  }, 30_000);

  it.each([
    [["start", "--help"], /storywire start \[--port <n>\][\s\S]*run the local stack/],
    [["storylines", "-h"], /storylines validate[\s\S]*storylines try[\s\S]*storylines compile/],
    [["help", "export"], /storywire export --out <dir>/],
  ])("%j prints that command's usage and exits 0", async (args, usage) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(usage);
    expect(stdout).not.toMatch(/storywire compare/);
  });

  it("parse of a URL that answers 503 says to try again later, not that Storywire will", async () => {
    const down = createHttpServer((_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" }).end("maintenance");
    });
    await new Promise<void>((ok) => down.listen(0, "127.0.0.1", ok));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/feed.xml`;
      const { code, stdout, stderr } = await cli(["parse", url], {
        env: { ...process.env, STORYWIRE_ALLOW_PRIVATE_NETWORKS: "1" },
      });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim()).toMatch(/^storywire parse: cannot fetch .*503.*; try again later\.$/);
      expect(stderr).not.toMatch(/Storywire will/);
    } finally {
      down.close();
    }
  });

  it("score: one JSON object per file with storylines and framing", async () => {
    const sco = SAMPLE_STORIES[0];
    const file = story(sco?.title ?? "", sco?.paragraphs ?? []);
    const { code, stdout } = await cli(["score", file, "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout.trim());
    expect(out.file).toBe(file);
    expect(out.storylines.sco.score).toBeGreaterThan(0.5);
    expect(out.storylines.sco.matched).toBe(true);
    expect(out.storylines.sco.evidence.length).toBeGreaterThan(0);
    expect(out.storylines["new-start"].score).toBeLessThan(0.2);
    expect(typeof out.framing.label).toBe("string");
  });

  it("compare: a re-post is a duplicate, an added paragraph of facts is an update", async () => {
    const byslug = sampleStory;
    const a = story(byslug("sco-defence-ministers").title, byslug("sco-defence-ministers").paragraphs);
    const repost = story(
      byslug("sco-defence-ministers-repost").title,
      byslug("sco-defence-ministers-repost").paragraphs,
    );
    const update = story(
      byslug("sco-defence-ministers-update").title,
      byslug("sco-defence-ministers-update").paragraphs,
    );
    const dup = JSON.parse((await cli(["compare", a, repost, "--json"])).stdout);
    expect(dup).toMatchObject({ relation: "duplicate", novel: [] });
    const upd = JSON.parse((await cli(["compare", a, update, "--json"])).stdout);
    expect(upd.relation).toBe("update");
    expect(upd.novel.join(" ")).toMatch(/12 warships/);
  });
});

describe("storywire start, as a user runs it", () => {
  const ADMIN = "acceptance-admin-key-0123456789";
  let child: ChildProcess;
  let output = "";
  let base = "";
  let cwd = "";
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;

  beforeAll(async () => {
    feeds = await startFeedServer([]);
    receiver = await startTestReceiver();
    cwd = mkdtempSync(join(tmpdir(), "storywire-start-"));
    const port = await freePort();
    // The port lives in the config file, so that `storywire export` run in the same folder finds the API.
    writeFileSync(join(cwd, "storywire.config.json"), JSON.stringify({ feeds: [], port }));
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, "start", "--poll-interval", "1"], {
      cwd,
      env: { ...process.env, STORYWIRE_ALLOW_PRIVATE_NETWORKS: "1", STORYWIRE_ADMIN_KEY: ADMIN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    child.stderr?.on("data", (d) => {
      output += String(d);
    });
    const deadline = Date.now() + 30_000;
    while (!output.includes("Storywire is running")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`start did not come up:\n${output}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }, 40_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await feeds?.close();
    await receiver?.close();
  });

  it("delivers signed alerts for published stories and stays quiet for a re-post", async () => {
    const auth = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
    const feed = await fetch(`${base}/feeds`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: feeds.url }),
    });
    expect(feed.status).toBe(201);
    const sub = await fetch(`${base}/subscriptions`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ storylines: ["new-start", "sco"], channel: { type: "webhook", url: receiver.url } }),
    });
    expect(sub.status).toBe(201);
    receiver.setSecret(((await sub.json()) as { secret: string }).secret);

    const item = sampleItem;
    feeds.setItems([item("new-start-extension")]);
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 20_000;
      while (receiver.received.length < n && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
    };
    await waitFor(1);
    expect(receiver.received[0]).toMatchObject({ verified: true, payload: { type: "storyline.first" } });
    feeds.setItems([item("sco-defence-ministers"), item("new-start-extension")]);
    await waitFor(2);
    feeds.setItems([item("sco-defence-ministers-repost"), item("sco-defence-ministers"), item("new-start-extension")]);
    await new Promise((ok) => setTimeout(ok, 4_000));
    expect(receiver.received.map((r) => r.payload?.type)).toEqual(["storyline.first", "storyline.first"]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  }, 60_000);

  it("exports every stored story as NNN_<id>.txt in seed shape, from the running API", async () => {
    const out = join(cwd, "export-live");
    const { code, stderr } = await cli(["export", "--out", out], { cwd });
    expect(code).toBe(0);
    expect(stderr).toMatch(/Exported 3 stories/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(3);
    for (const f of files) expect(f).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
    const text = readFileSync(join(out, files[0] as string), "utf8");
    expect(text.split("\n")[1]).toBe(""); // headline, blank line, paragraphs
  }, 30_000);

  it("says in one sentence when a feed fails and when Storywire tries it again", async () => {
    const down = createHttpServer((_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" }).end("maintenance");
    });
    await new Promise<void>((ok) => down.listen(0, "127.0.0.1", ok));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/down.xml`;
      const added = await fetch(`${base}/feeds`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ url }),
      });
      expect(added.status).toBe(201);
      const said = () => output.split("\n").find((line) => line.includes(url));
      const deadline = Date.now() + 20_000;
      while (!said() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
      expect(said()).toMatch(
        new RegExp(
          `^\\d\\d:\\d\\d:\\d\\d WARN The feed at ${url.replace(/[.]/g, "\\.")} answered HTTP 503 \\(server error\\); Storywire will try again in \\d+ (?:seconds?|minutes?)\\.$`,
        ),
      );
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    } finally {
      await new Promise((ok) => down.close(ok));
    }
  }, 30_000);

  it("stops cleanly on Ctrl-C", async () => {
    const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toMatch(/Stopped\./);
  }, 20_000);

  it("exports from the data folder when nothing is running", async () => {
    const out = join(cwd, "export-offline");
    const { code, stderr } = await cli(["export", "--out", out], { cwd });
    expect(code, stderr).toBe(0);
    expect(readdirSync(out)).toHaveLength(3);
  }, 30_000);
});
