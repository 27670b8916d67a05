/**
 * Synthetic Lambda events in the shapes AWS delivers them: a Function URL / API Gateway HTTP API request
 * (payload format 2.0), an SQS batch from an event source mapping, and an EventBridge Scheduler invocation, typed
 * by @types/aws-lambda.
 */
import { createHash, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, Context, ScheduledEvent, SQSEvent } from "aws-lambda";
import { STAND_IN_ACCOUNT, STAND_IN_REGION } from "./sqs-stand-in.ts";

/** The Function URL's host name in the events: Lambda's own format, with a made-up URL id. */
export const FUNCTION_URL_HOST = `storywiretestapi0123456789.lambda-url.${STAND_IN_REGION}.on.aws`;

/**
 * A request to a Function URL. `path` may carry a query string; header names are lower-cased, as Lambda does;
 * a JSON `json` body is serialized and typed.
 */
export function httpEvent(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; json?: unknown; body?: string } = {},
): APIGatewayProxyEventV2 {
  const [rawPath = "/", rawQueryString = ""] = path.split("?", 2);
  const headers: Record<string, string> = {
    host: FUNCTION_URL_HOST,
    "user-agent": "storywire-bundle-test",
    "x-forwarded-proto": "https",
    "x-forwarded-for": "127.0.0.1",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: "anonymous",
      apiId: FUNCTION_URL_HOST.split(".")[0] ?? "",
      domainName: FUNCTION_URL_HOST,
      domainPrefix: FUNCTION_URL_HOST.split(".")[0] ?? "",
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** An SQS-triggered invocation: one record per message, as the event source mapping hands them over. */
export function sqsEvent(
  messages: { body: string; messageId?: string; queueUrl?: string; receiveCount?: number }[],
): SQSEvent {
  const now = Date.now();
  return {
    Records: messages.map((m) => {
      const queueName = m.queueUrl?.split("/").at(-1) ?? "queue";
      return {
        messageId: m.messageId ?? randomUUID(),
        receiptHandle: `AQEB${randomUUID().replace(/-/g, "")}`,
        body: m.body,
        attributes: {
          ApproximateReceiveCount: String(m.receiveCount ?? 1),
          SentTimestamp: String(now),
          SenderId: "AIDASTANDIN0000000000",
          ApproximateFirstReceiveTimestamp: String(now),
        },
        messageAttributes: {},
        md5OfBody: createHash("md5").update(m.body, "utf8").digest("hex"),
        eventSource: "aws:sqs",
        eventSourceARN: `arn:aws:sqs:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:${queueName}`,
        awsRegion: STAND_IN_REGION,
      };
    }),
  };
}

/** An EventBridge Scheduler invocation of the every-minute schedule. */
export function schedulerEvent(scheduleName = "storywire-test-Schedule"): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.scheduler",
    account: STAND_IN_ACCOUNT,
    time: new Date().toISOString(),
    region: STAND_IN_REGION,
    resources: [`arn:aws:scheduler:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:schedule/default/${scheduleName}`],
    detail: {},
  };
}

/** A Lambda context object with the fields handlers may read. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2025/01/01/[$LATEST]standin",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
