/**
 * The deployed roles (docs/DEPLOY.md "What each function may do"): links grant nothing, each function gets exactly
 * the DynamoDB actions its step calls, sqs:SendMessage on the queues it sends to, ses:SendEmail as the configured
 * sender only, and outside `sst dev` its role trusts lambda.amazonaws.com only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { STEP_ACCESS, senderIdentities } from "./access.ts";
import { LAMBDA_TRUST_POLICY } from "./functions.ts";
import { loadSstApp } from "./testing/load-app.ts";
import {
  type FunctionDefinition,
  removeSstStandIns,
  type SstRecorder,
  STAND_IN_ACCOUNT,
} from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

const TABLE = "<StoryTable.arn>";
const INDEXES = [`${TABLE}/index/gsi1`, `${TABLE}/index/gsi2`];
const FETCH = "<FetchQueue.arn>";
const DELIVERY = "<DeliveryQueue.arn>";
const { partition, region, accountId } = STAND_IN_ACCOUNT;
const identity = (name: string) => `arn:${partition}:ses:${region}:${accountId}:identity/${name}`;
const ITEM_WRITES = ["dynamodb:PutItem", "dynamodb:UpdateItem"];
const READS = ["dynamodb:GetItem", "dynamodb:BatchGetItem"];
const QUERY = { actions: ["dynamodb:Query"], resources: [TABLE, ...INDEXES] };

type Statement = { actions: string[]; resources: string[] };

/** The grants of every function, by handler, when EmailFrom is `emailFrom` ("" = not set). */
const EXPECTED = (emailFrom: string): Record<string, Statement[]> => {
  const ses = emailFrom ? [{ actions: ["ses:SendEmail"], resources: senderIdentities(emailFrom).map(identity) }] : [];
  return {
    "functions/api.handler": [
      { actions: [...READS, ...ITEM_WRITES, "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"], resources: [TABLE] },
      QUERY,
      { actions: ["sqs:SendMessage"], resources: [FETCH, DELIVERY] },
      ...ses,
    ],
    "functions/schedule.handler": [
      { actions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"], resources: [TABLE] },
      QUERY,
      { actions: ["sqs:SendMessage"], resources: [FETCH, DELIVERY] },
    ],
    "functions/ingest.handler": [
      { actions: [...READS, ...ITEM_WRITES, "dynamodb:BatchWriteItem"], resources: [TABLE] },
      QUERY,
      { actions: ["sqs:SendMessage"], resources: [DELIVERY] },
    ],
    "functions/deliver.handler": [
      { actions: [...READS, ...ITEM_WRITES], resources: [TABLE] },
      QUERY,
      { actions: ["sqs:SendMessage"], resources: [DELIVERY] },
      ...ses,
    ],
  };
};

function byHandler(recorder: SstRecorder): Map<string, FunctionDefinition> {
  return new Map(recorder.functionDefinitions().map((definition) => [String(definition.args.handler), definition]));
}

describe.each([
  { stage: "dev", emailFrom: "" },
  { stage: "production", emailFrom: "" },
  { stage: "production", emailFrom: "Storywire Alerts <alerts@example.org>" },
  { stage: "production", emailFrom: "alerts@example.org" },
])("stage $stage, EmailFrom $emailFrom", ({ stage, emailFrom }) => {
  it("grants each function exactly what its step calls, and nothing with a wildcard", async () => {
    const { recorder } = await loadSstApp(stage, { secrets: emailFrom ? { EmailFrom: emailFrom } : {} });
    const found = byHandler(recorder);
    const expected = EXPECTED(emailFrom);
    expect([...found.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [handler, statements] of Object.entries(expected)) {
      const permissions = found.get(handler)?.args.permissions as Statement[];
      expect(permissions, handler).toEqual(statements);
      for (const statement of permissions) {
        expect(
          statement.actions.some((action) => action.includes("*")),
          handler,
        ).toBe(false);
        expect(
          statement.resources.some((resource) => resource === "*" || resource.includes(":*")),
          handler,
        ).toBe(false);
      }
    }
  });

  it("gives every role a trust policy for lambda.amazonaws.com alone", async () => {
    const { recorder } = await loadSstApp(stage);
    for (const [handler, definition] of byHandler(recorder)) {
      const transform = definition.args.transform as { role: { assumeRolePolicy: string } };
      const policy = JSON.parse(transform.role.assumeRolePolicy);
      expect(policy.Statement, handler).toEqual([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
    }
  });
});

describe("links and the development mode", () => {
  it("linking the table or a queue grants nothing: it carries the name the code reads", async () => {
    const { recorder } = await loadSstApp("production");
    const table = recorder.get("sst.aws.Dynamo", "StoryTable").instance;
    expect(recorder.linkOf(table)).toEqual({ properties: { name: "<StoryTable.name>" } });
    for (const name of ["FetchQueue", "DeliveryQueue"]) {
      expect(recorder.linkOf(recorder.get("sst.aws.Queue", name).instance)).toEqual({
        properties: { url: `<${name}.url>` },
      });
    }
  });

  it("leaves SST's trust policy alone in `sst dev`, whose live functions need it", async () => {
    const { recorder } = await loadSstApp("dev", { dev: true });
    for (const definition of recorder.functionDefinitions()) expect(definition.args.transform).toBeUndefined();
  });

  it("the trust policy is Lambda's service principal and one action", () => {
    expect(JSON.parse(LAMBDA_TRUST_POLICY)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });
});

/** DynamoDB actions by the SDK command classes that issue them (document and low-level clients). */
const ACTION_OF: Record<string, string> = {
  Get: "GetItem",
  GetItem: "GetItem",
  Put: "PutItem",
  PutItem: "PutItem",
  Update: "UpdateItem",
  UpdateItem: "UpdateItem",
  Delete: "DeleteItem",
  DeleteItem: "DeleteItem",
  Query: "Query",
  Scan: "Scan",
  BatchGet: "BatchGetItem",
  BatchGetItem: "BatchGetItem",
  BatchWrite: "BatchWriteItem",
  BatchWriteItem: "BatchWriteItem",
  TransactWrite: "TransactWriteItems",
  TransactWriteItems: "TransactWriteItems",
  TransactGet: "TransactGetItems",
  TransactGetItems: "TransactGetItems",
};
/** Table management only the local runtime does (ensureTable); the deployed table is made by SST. */
const LOCAL_ONLY = new Set(["CreateTable", "DescribeTable", "UpdateTimeToLive", "ListTables"]);

describe("the grants keep up with the store", () => {
  it("every DynamoDB call the store makes is granted to some step (update infra/permissions.ts with the store)", () => {
    const dir = new URL("../packages/store/src/", import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      if (["local.ts", "test-support.ts", "fault-proxy.ts", "table.ts"].includes(file)) continue;
      for (const match of readFileSync(new URL(file, dir), "utf8").matchAll(/new (\w+)Command\(/g)) {
        const name = match[1] ?? "";
        if (LOCAL_ONLY.has(name)) continue;
        used.add(`dynamodb:${ACTION_OF[name] ?? `${name} (unknown: add it to ACTION_OF)`}`);
      }
    }
    expect(used.size).toBeGreaterThan(4);
    const granted = new Set(Object.values(STEP_ACCESS).flatMap((access) => access.table));
    expect([...used].filter((action) => !granted.has(action))).toEqual([]);
  });
});
