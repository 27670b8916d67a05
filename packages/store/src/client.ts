/**
 * The DynamoDB client. In AWS it uses the Lambda's role and region; with a local endpoint (dynalite on
 * loopback or plain http) it signs with dummy credentials, which a local server accepts, so no real
 * credentials are needed or used.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DEFAULT_MAX_ATTEMPTS } from "./constants.ts";
import { InvalidInput } from "./errors.ts";

export interface DynamoClientOptions {
  /** http(s) URL of a local DynamoDB-compatible server (dynalite); omit in AWS. */
  endpoint?: string;
  /** Default: $AWS_REGION, else $AWS_DEFAULT_REGION, else "us-east-1" when local. */
  region?: string;
  /** Attempts per request, the first included; throttling and transient errors are retried with backoff. */
  maxAttempts?: number;
}

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidInput(`The DynamoDB endpoint "${endpoint}" is not a URL; use one like http://127.0.0.1:8000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInput(`The DynamoDB endpoint "${endpoint}" must be an http or https URL.`);
  }
  return endpoint;
}

/**
 * A local server: plain http (DynamoDB itself is only served over https) or a loopback host. Anything else,
 * such as a VPC endpoint, signs with the normal AWS credentials.
 */
function isLocal(endpoint: string): boolean {
  const { protocol, hostname } = new URL(endpoint);
  return protocol === "http:" || hostname === "localhost" || /^127\./.test(hostname) || hostname === "[::1]";
}

export function createDynamoClient(options: DynamoClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint === undefined ? undefined : checkEndpoint(options.endpoint);
  const region =
    options.region ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    (endpoint === undefined ? undefined : "us-east-1");
  return new DynamoDBClient({
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(endpoint !== undefined && isLocal(endpoint) ? { credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: "standard",
    // Fail fast on a dead endpoint (the attempt is retried); a hung request must not hold a Lambda hostage.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
  });
}
