/** Wording every digest renderer shares (plain text; each channel escapes it for its own markup). */
import { ChannelConfigError } from "../errors.ts";
import { DIGEST_PERIODS } from "./constants.ts";
import type { Digest } from "./types.ts";

/** "1 alert", "3 alerts". */
export function alertCount(count: number): string {
  return count === 1 ? "1 alert" : `${count} alerts`;
}

/** "Storywire digest: 3 alerts". */
export function digestHeadline(digest: Digest): string {
  return `Storywire digest: ${alertCount(digest.alerts.length)}`;
}

/** "…and 4 more": what a channel with a message-size limit says about the alerts it left out. */
export function moreLine(count: number): string {
  return `…and ${count} more`;
}

/** "Hourly digest" / "Daily digest". */
export function periodLabel(digest: Digest): string {
  return digest.period === "hourly" ? "Hourly digest" : "Daily digest";
}

/** Refuses a digest no renderer can show: no alerts, or a period other than hourly / daily. */
export function assertDigest(digest: Digest): Digest {
  if (!DIGEST_PERIODS.includes(digest?.period)) {
    throw new ChannelConfigError(
      `A digest's period must be "hourly" or "daily", not ${JSON.stringify(digest?.period)}; nothing was sent.`,
    );
  }
  if (!Array.isArray(digest.alerts) || digest.alerts.length === 0) {
    throw new ChannelConfigError("A digest needs at least one alert; nothing was sent.");
  }
  return digest;
}
