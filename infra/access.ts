/**
 * What each step's code calls, as IAM actions, and the SES identities of a sender: pure data and functions (no
 * SST globals), read by infra/permissions.ts to build the role statements and by the tests.
 */
import type { Step } from "./functions.ts";

export type Queue = "fetch" | "deliver";

/** The store calls each step makes (packages/store), as DynamoDB actions; Query also reaches the indexes. */
export const STEP_ACCESS: Readonly<
  Record<Step, { table: readonly string[]; sendsTo: readonly Queue[]; sendsEmail: boolean }>
> = {
  // Every route: reads, writes (feeds, subscriptions, replays, rotations, rate-limit counts), deletes (feeds,
  // subscriptions), and the story list entries a rescore moves (BatchWriteItem).
  api: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ],
    sendsTo: ["fetch", "deliver"],
    sendsEmail: true,
  },
  // Lists due feeds and deliveries (Query) and claims each feed before queueing it (UpdateItem); lists stories
  // stored before the story lists existed, once (GetItem of its marker, BatchWriteItem of their entries).
  schedule: {
    table: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"],
    sendsTo: ["fetch", "deliver"],
    sendsEmail: false,
  },
  // Claims, reads and records the feed; stores stories (and their list entries), events, alerts and deliveries;
  // storyline locks.
  ingest: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:BatchWriteItem",
    ],
    sendsTo: ["deliver"],
    sendsEmail: false,
  },
  // Claims and records deliveries, reads alerts, stories and subscriptions, digest locks, endpoint health.
  deliver: {
    table: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    sendsTo: ["deliver"],
    sendsEmail: true,
  },
};

/** The address in a sender such as "Storywire <alerts@example.org>", or the text itself. */
export function senderAddress(from: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The SES identities a sender may send as: the address itself and its domain (whichever one is verified). */
export function senderIdentities(from: string): string[] {
  const address = senderAddress(from);
  if (!address) return [];
  const domain = address.includes("@") ? address.slice(address.lastIndexOf("@") + 1) : "";
  return domain && domain !== address ? [address, domain] : [address];
}
