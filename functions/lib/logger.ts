/**
 * The pipeline's Logger port in Lambda: one JSON line per event on stdout with the level, the message, the fields,
 * and the Lambda context (function name, request id, cold start) under Powertools' key names.
 * Hand-written, not Powertools' Logger: that adds 22 KB and puts the api and ingest bundles over their 1.5 MB
 * budgets (measured with npm run build:functions; test/functions.bundle.test.ts).
 */
import { jsonLogger, type Logger } from "@storywire/pipeline/ports";
import type { Context } from "aws-lambda";

let invocation: Record<string, unknown> = {};
let coldStart = true;

const write = jsonLogger();

function withContext(log: Logger["info"]): Logger["info"] {
  return (message, fields) => log(message, { ...invocation, ...fields });
}

export const lambdaLogger: Logger = {
  info: withContext(write.info),
  warn: withContext(write.warn),
  error: withContext(write.error),
};

/** Adds this invocation's Lambda context to every line logged until the next invocation. */
export function logContext(context: Pick<Context, "functionName" | "awsRequestId"> | undefined): void {
  if (!context) return;
  invocation = {
    function_name: context.functionName,
    function_request_id: context.awsRequestId,
    cold_start: coldStart,
  };
  coldStart = false;
}
