import { createHash } from "node:crypto";

/** 16 hex characters of SHA-256 over the parts: deterministic ids for events, alerts and deliveries. */
export function hashId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u001f")).digest("hex").slice(0, 16);
}

export const eventIdFor = (storylineId: string, firstStoryId: string) => hashId("event", storylineId, firstStoryId);
