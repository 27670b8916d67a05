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
  // Every route: reads, writes (feeds, subscriptions, replays, rotations) and deletes (feeds, subscriptions).
  api: {
    table: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ],
    sendsTo: ["fetch", "deliver"],
    sendsEmail: true,
  },
  // Lists due feeds and deliveries (Query) and claims each feed before queueing it (UpdateItem).
  schedule: { table: ["dynamodb:Query", "dynamodb:UpdateItem"], sendsTo: ["fetch", "deliver"], sendsEmail: false },
  // Claims, reads and records the feed; stores stories, events, alerts and deliveries; storyline locks.
  ingest: {
    table: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
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
