/** What the delivery step runs with, and what it reports. */
import type { EmailSender, HttpPoster } from "@storywire/channels";
import type { Delivery, Store } from "@storywire/store";
import type { ClaimSettings, Clock, JobQueue, Logger } from "../ports.ts";
import type { StorylineSource } from "../storylines.ts";

export interface DeliverDeps extends ClaimSettings {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  storylines: StorylineSource;
  post: HttpPoster;
  email?: { sender: EmailSender; from: string };
  /** Base URL of the API, for links in alerts. */
  publicUrl: string;
  allowPrivateNetworks: boolean;
  /** The retry jitter's randomness (policy.ts); Math.random by default, a constant in tests. */
  random?: () => number;
}

/** "not-claimed": nothing to do, the delivery is finished or held by another worker (or its digest is). */
export type DeliverOutcome = "delivered" | "retrying" | "failed" | "not-claimed";

/** Deliveries this worker has claimed, all under one owner id (unique to this attempt). */
export interface Held {
  deliveries: Delivery[];
  owner: string;
}
