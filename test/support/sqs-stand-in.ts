/**
 * A loopback stand-in for Amazon SQS, for tests of the SQS adapter and of the built Lambda bundles.
 *
 * It answers SendMessageBatch the way @aws-sdk/client-sqs v3 calls it: the AWS JSON 1.0 protocol, a POST with
 * `content-type: application/x-amz-json-1.0` and `x-amz-target: AmazonSQS.SendMessageBatch` (the client still
 * sends `x-amzn-query-mode: true` for its query-compatible errors). It records every message and applies the
 * checks real SQS makes that an adapter could get wrong: a known queue, 1 to 10 entries with distinct ids, a
 * delay of 0 to 900 seconds, a signed request. Every answer carries the MD5 of each body, which the client
 * verifies. Other operations are refused with a clear message.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The account id in the stand-in's queue URLs and ARNs. */
export const STAND_IN_ACCOUNT = "000000000000";
export const STAND_IN_REGION = "us-east-1";

/** SQS limits the stand-in enforces, as AWS does. */
const MAX_BATCH_ENTRIES = 10;
const MAX_DELAY_SECONDS = 900;

export interface SqsMessage {
  queueUrl: string;
  messageId: string;
  body: string;
  delaySeconds: number;
  /** Milliseconds since the epoch, when the stand-in accepted it. */
  sentAt: number;
}

/** One SendMessageBatch request the stand-in answered, successful or not. */
export interface SqsBatchRequest {
  queueUrl: string;
  entries: number;
  /** The error code when the whole request was refused. */
  error?: string;
}

export interface SqsRefusal {
  code: string;
  message: string;
}

/** Decides per entry whether to refuse it (a partial failure); undefined accepts it. */
export type RefusalRule = (entry: { queueUrl: string; body: string }) => SqsRefusal | undefined;

interface BatchEntry {
  Id?: unknown;
  MessageBody?: unknown;
  DelaySeconds?: unknown;
}

class SqsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0", ...headers }).end(JSON.stringify(payload));
}

export async function startSqsStandIn() {
  const queues = new Set<string>();
  const messages: SqsMessage[] = [];
  const requests: SqsBatchRequest[] = [];
  let refusal: RefusalRule | null = null;
  let endpoint = "";

  function sendMessageBatch(input: { QueueUrl?: unknown; Entries?: unknown }) {
    const queueUrl = typeof input.QueueUrl === "string" ? input.QueueUrl : "";
    const entries = Array.isArray(input.Entries) ? (input.Entries as BatchEntry[]) : [];
    const refuse = (code: string, message: string): never => {
      requests.push({ queueUrl, entries: entries.length, error: code });
      throw new SqsFault(400, code, message);
    };
    if (!queues.has(queueUrl)) refuse("QueueDoesNotExist", `The specified queue does not exist: "${queueUrl}".`);
    if (entries.length === 0) refuse("EmptyBatchRequest", "The batch request doesn't contain any entries.");
    if (entries.length > MAX_BATCH_ENTRIES) {
      refuse("TooManyEntriesInBatchRequest", `Maximum number of entries per request are 10; got ${entries.length}.`);
    }
    const ids = entries.map((e) => String(e.Id ?? ""));
    if (new Set(ids).size !== ids.length) refuse("BatchEntryIdsNotDistinct", "Two or more batch entries share an Id.");
    for (const entry of entries) {
      const delay = entry.DelaySeconds ?? 0;
      if (typeof entry.MessageBody !== "string" || entry.MessageBody === "") {
        refuse("InvalidParameterValue", `Entry ${String(entry.Id)} has no MessageBody.`);
      }
      if (typeof delay !== "number" || !Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
        refuse(
          "InvalidParameterValue",
          `Value ${String(delay)} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900.`,
        );
      }
    }
    requests.push({ queueUrl, entries: entries.length });

    const Successful: { Id: string; MessageId: string; MD5OfMessageBody: string }[] = [];
    const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
    for (const entry of entries) {
      const id = String(entry.Id);
      const body = entry.MessageBody as string;
      const refused = refusal?.({ queueUrl, body });
      if (refused) {
        Failed.push({ Id: id, SenderFault: true, Code: refused.code, Message: refused.message });
        continue;
      }
      const messageId = randomUUID();
      messages.push({
        queueUrl,
        messageId,
        body,
        delaySeconds: (entry.DelaySeconds as number) ?? 0,
        sentAt: Date.now(),
      });
      Successful.push({ Id: id, MessageId: messageId, MD5OfMessageBody: md5(body) });
    }
    return { Successful, Failed };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const target = String(req.headers["x-amz-target"] ?? "");
    const contentType = String(req.headers["content-type"] ?? "");
    if (req.method !== "POST" || !contentType.startsWith("application/x-amz-json-1.0")) {
      throw new SqsFault(
        400,
        "InvalidRequest",
        `The SQS stand-in speaks the AWS JSON 1.0 protocol only; got ${req.method} with content-type "${contentType}".`,
      );
    }
    if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
      throw new SqsFault(403, "MissingAuthenticationToken", "The request is not signed with AWS Signature Version 4.");
    }
    if (target !== "AmazonSQS.SendMessageBatch") {
      throw new SqsFault(
        400,
        "UnsupportedOperation",
        `The SQS stand-in answers SendMessageBatch only; got "${target}".`,
      );
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new SqsFault(400, "SerializationException", "The request body is not JSON.");
    }
    reply(res, 200, sendMessageBatch((input ?? {}) as { QueueUrl?: unknown; Entries?: unknown }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const fault = error instanceof SqsFault ? error : new SqsFault(500, "InternalError", String(error));
      reply(
        res,
        fault.status,
        { __type: `com.amazonaws.sqs#${fault.code}`, message: fault.message },
        { "x-amzn-query-error": `AWS.SimpleQueueService.${fault.code};Sender` },
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The base URL to give the SDK (endpoint, or AWS_ENDPOINT_URL_SQS). */
    endpoint,
    /** Every message accepted, in order. */
    messages,
    /** Every SendMessageBatch request, in order. */
    requests,
    /** Creates (or returns) a queue; its URL is on the stand-in, like a real queue URL is on the SQS endpoint. */
    createQueue(name: string): string {
      const url = `${endpoint}/${STAND_IN_ACCOUNT}/${name}`;
      queues.add(url);
      return url;
    },
    /** The messages accepted for one queue. */
    messagesIn(queueUrl: string): SqsMessage[] {
      return messages.filter((m) => m.queueUrl === queueUrl);
    },
    /** Refuse the entries the rule picks (SQS's per-entry `Failed` list) until called with null. */
    refuse(rule: RefusalRule | null): void {
      refusal = rule;
    },
    /** Forgets every recorded message and request; the queues stay. */
    clear(): void {
      messages.length = 0;
      requests.length = 0;
    },
    /** Settings that point @aws-sdk/client-sqs at the stand-in through the environment (no real credentials). */
    sdkEnvironment(): Record<string, string> {
      return {
        AWS_ENDPOINT_URL_SQS: endpoint,
        AWS_REGION: STAND_IN_REGION,
        AWS_ACCESS_KEY_ID: "stand-in",
        AWS_SECRET_ACCESS_KEY: "stand-in",
        // The SDK reads exactly "true" here; it silences its notice about Node versions older than 22.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      };
    },
    /** The same, as SQSClient options. */
    clientConfig() {
      return {
        endpoint,
        region: STAND_IN_REGION,
        credentials: { accessKeyId: "stand-in", secretAccessKey: "stand-in" },
      };
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export type SqsStandIn = Awaited<ReturnType<typeof startSqsStandIn>>;
