/** A digest: the alerts one digest subscription collected over one period, sent as a single message. */
import type { Alert } from "@storywire/core";

/** The subscription modes that collect alerts into digests. */
export type DigestPeriod = "hourly" | "daily";

export interface Digest {
  period: DigestPeriod;
  /** The period's alerts, in the order to show them (the pipeline sends them oldest first). */
  alerts: readonly Alert[];
}
