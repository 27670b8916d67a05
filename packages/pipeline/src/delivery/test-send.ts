/**
 * POST /subscriptions/{id}/test: sends a `storyline.test` event through the subscription's channel now, built from
 * the storyline's latest alert (or a clearly marked sample when it has none). Not recorded as a delivery, and its
 * webhook-id is new on every send (testMessageId), so a receiver never drops it as a copy.
 */
import { type SendResult, sendAlert } from "@storywire/channels";
import { composeAlert } from "@storywire/core";
import type { Subscription } from "@storywire/store";
import { channelOf } from "./alerts.ts";
import { sendContext } from "./outcome.ts";
import type { DeliverDeps } from "./types.ts";

export async function sendTestAlert(sub: Subscription, deps: DeliverDeps): Promise<SendResult> {
  const now = deps.clock.now();
  const channel = channelOf(sub, now);
  if (!channel) return { ok: true, retryable: false, disableEndpoint: false };
  const storylineId = sub.storylines[0] ?? "test";
  const [latest] = await deps.store.listAlerts({ storylineId }, 1);
  const story = latest ? await deps.store.getStory(latest.storyId) : null;
  const storylines = await deps.storylines.list();
  const title = storylines.find((s) => s.id === storylineId)?.title ?? storylineId;
  const alert = composeAlert({
    story: story ?? {
      id: "0000000000000000",
      key: "storywire:test",
      feedId: null,
      title: "Storywire test alert: your subscription works",
      text: "This is a test alert sent by Storywire when you asked for one. It is not news.",
      url: null,
      source: "Storywire",
      author: null,
      language: "en",
      publishedAt: now.toISOString(),
      fetchedAt: now.toISOString(),
    },
    storyline: { id: storylineId, title },
    relation: latest?.relation === "update" ? "update" : "first",
    novel: latest?.novel ?? [],
    storylineScore: latest?.storylineScore ?? 0,
    links: { apiBase: deps.publicUrl },
    createdAt: now.toISOString(),
  });
  return sendAlert(channel, alert, { ...sendContext(sub, deps, now), purpose: "test" });
}
