/**
 * What each function's role may do, and whom it trusts. SST's defaults are too wide for this app: linking the
 * table grants `dynamodb:*` on it and its indexes, linking a queue grants `sqs:*`, and every role also trusts the
 * account root (the `sst dev` trust policy ships with every deploy because function.ts tests an Output). Here:
 *
 * - links carry only the names the code reads at run time (`Resource.StoryTable.name`, `Resource.<Queue>.url`);
 * - each step is granted exactly the DynamoDB actions its code calls (on the table, Query also on the two
 *   indexes), `sqs:SendMessage` on the queues it sends to, and `ses:SendEmail` as the configured sender identity
 *   (the address and its domain) only where email is sent and only when EmailFrom is set;
 * - outside `sst dev`, each role trusts lambda.amazonaws.com only (infra/functions.ts, transform.role).
 *
 * docs/DEPLOY.md describes the result per role; infra/permissions.test.ts pins it.
 */
import { TABLE_INDEXES } from "../packages/store/src/schema.ts";
import { STEP_ACCESS, senderIdentities } from "./access.ts";
import type { Step } from "./functions.ts";
import { deliveryQueue, fetchQueue } from "./queues.ts";
import { emailFrom } from "./secrets.ts";
import { table } from "./storage.ts";

/** Makes linking grant nothing: the grants below are the only permissions on the table and the queues. */
export function linkNamesOnly(): void {
  sst.Linkable.wrap(sst.aws.Dynamo, (linked) => ({ properties: { name: linked.name } }));
  sst.Linkable.wrap(sst.aws.Queue, (linked) => ({ properties: { url: linked.url } }));
}

/** The role statements of one step, resolved at deploy time (ARNs, the sender, the region and account). */
export function grants(step: Step) {
  const access = STEP_ACCESS[step];
  const queues = { fetch: fetchQueue.arn, deliver: deliveryQueue.arn };
  return $resolve([
    table.arn,
    queues.fetch,
    queues.deliver,
    emailFrom.value,
    aws.getPartitionOutput().partition,
    aws.getRegionOutput().region,
    aws.getCallerIdentityOutput().accountId,
  ]).apply(([tableArn, fetchArn, deliverArn, from, partition, region, account]) => {
    const itemActions = access.table.filter((action) => action !== "dynamodb:Query");
    const queueArn = { fetch: fetchArn, deliver: deliverArn };
    const identities = access.sendsEmail ? senderIdentities(from) : [];
    return [
      ...(itemActions.length > 0 ? [{ actions: [...itemActions], resources: [tableArn] }] : []),
      ...(access.table.includes("dynamodb:Query")
        ? [
            {
              actions: ["dynamodb:Query"],
              resources: [tableArn, ...TABLE_INDEXES.map((index) => `${tableArn}/index/${index.name}`)],
            },
          ]
        : []),
      ...(access.sendsTo.length > 0
        ? [{ actions: ["sqs:SendMessage"], resources: access.sendsTo.map((queue) => queueArn[queue]) }]
        : []),
      ...(identities.length > 0
        ? [
            {
              actions: ["ses:SendEmail"],
              resources: identities.map((identity) => `arn:${partition}:ses:${region}:${account}:identity/${identity}`),
            },
          ]
        : []),
    ];
  });
}
