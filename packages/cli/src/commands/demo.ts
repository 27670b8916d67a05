/**
 * `storywire demo`: the local stack, offline, with a sample feed that publishes stories over the first minute and
 * a built-in webhook receiver that verifies each alert's signature and prints it. It shows the whole product: a
 * first report alerts, a re-post is suppressed, an update alerts with what is new.
 */
import { parseCommandArgs } from "../args.ts";
import { publishedSamples, SAMPLE_STORIES } from "../demo/samples.ts";
import { startFeedServer } from "../loopback/feed-server.ts";
import { type ReceivedAlert, startReceiver } from "../loopback/receiver.ts";
import { startLocalStack } from "../runtime/stack.ts";
import { closeOnSignal, configFromFlags, printBanner, START_FLAGS } from "./start.ts";

const DEMO_FLAGS = { ...START_FLAGS, "exit-after": { type: "string" } } as const;

export function describeAlert(alert: ReceivedAlert): string {
  if (!alert.verified) return "✗ receiver: a delivery FAILED signature verification and was rejected";
  const payload = alert.payload as {
    type?: string;
    data?: {
      relation?: string;
      storyline?: { id?: string };
      story?: { title?: string };
      novel?: string[];
      framing?: { summary?: string } | null;
    };
  };
  const d = payload.data ?? {};
  const lines = [`✓ receiver: signature verified, ${payload.type} [${d.storyline?.id}] ${d.story?.title}`];
  for (const sentence of d.novel ?? []) lines.push(`    new: ${sentence}`);
  if (d.framing?.summary) lines.push(`    framing: ${d.framing.summary}`);
  return lines.join("\n");
}

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs("demo", args, DEMO_FLAGS);
  const startArgs = args.filter(
    (a, i) => a !== "--exit-after" && args[i - 1] !== "--exit-after" && !a.startsWith("--exit-after="),
  );
  const config = configFromFlags("demo", startArgs, { feeds: [], allowPrivateNetworks: true });
  if (!args.some((a) => a.startsWith("--poll-interval"))) config.pollIntervalSeconds = 2;
  const write = (line: string) => process.stdout.write(`${line}\n`);

  const feedServer = await startFeedServer(publishedSamples(SAMPLE_STORIES, { start: Date.now() }), {
    title: "Storywire demo wire (sample stories)",
  });
  // A resend of an alert already received (a retry after a lost answer) is dropped, as a subscriber would.
  const receiver = await startReceiver((alert) => {
    if (!alert.duplicate) write(describeAlert(alert));
  });
  const stack = await startLocalStack(config, { inMemory: true });
  const cleanup = async () => {
    await feedServer.close();
    await receiver.close();
  };
  printBanner(stack, config);
  write(
    `Demo: sample feed ${feedServer.url} publishes ${SAMPLE_STORIES.length} sample stories over ${SAMPLE_STORIES.at(-1)?.at}s:`,
  );
  for (const s of SAMPLE_STORIES) write(`  +${String(s.at).padStart(2)}s  ${s.title}  (${s.note})`);

  const auth = { authorization: `Bearer ${stack.adminKey}`, "content-type": "application/json" };
  const sub = await fetch(`${stack.url}/subscriptions`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({
      storylines: ["ceasefire", "new-start", "sco"],
      channel: { type: "webhook", url: receiver.url },
    }),
  });
  const created = (await sub.json()) as { id?: string; secret?: string; error?: { message: string } };
  if (!sub.ok || !created.secret)
    throw new Error(`the demo subscription failed: ${created.error?.message ?? sub.status}`);
  receiver.setSecret(created.secret);
  write(`Demo: subscribed the built-in receiver ${receiver.url} (subscription ${created.id})`);
  const feed = await fetch(`${stack.url}/feeds`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ url: feedServer.url }),
  });
  if (!feed.ok) throw new Error(`adding the sample feed failed with HTTP ${feed.status}`);

  const exitAfter = values["exit-after"] ? Number(values["exit-after"]) : undefined;
  if (exitAfter && Number.isFinite(exitAfter)) {
    await new Promise((ok) => setTimeout(ok, exitAfter * 1000));
    await cleanup();
    await stack.close();
    const verified = new Set(receiver.received.filter((a) => a.verified).map((a) => a.id));
    write(`Demo finished: ${verified.size} verified alert(s) received.`);
    return 0;
  }
  return closeOnSignal(stack, cleanup);
}
