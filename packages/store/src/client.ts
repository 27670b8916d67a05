/**
 * The DynamoDB client. In AWS it uses the Lambda's role and region; with a local endpoint (dynalite on
 * loopback or plain http) it signs with dummy credentials, which a local server accepts, so no real
 * credentials are needed or used.
 *
 * Every request is bounded: a connection must open within `connectTimeoutMs` and an attempt must answer within
 * `requestTimeoutMs`; throttling (ProvisionedThroughputExceeded, ThrottlingException), 5xx and network failures
 * are retried by the SDK's standard strategy (exponential backoff with jitter) up to `maxAttempts`. The store
 * adds a deadline over all the attempts of one operation (store.ts), so a frozen store answers with
 * StoreUnavailable within seconds instead of hanging.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT_MS } from "./constants.ts";
import { InvalidInput } from "./errors.ts";

export interface DynamoClientOptions {
  /** http(s) URL of a local DynamoDB-compatible server (dynalite); omit in AWS. */
  endpoint?: string;
  /** Default: $AWS_REGION, else $AWS_DEFAULT_REGION, else "us-east-1" when local. */
  region?: string;
  /** Attempts per request, the first included; throttling and transient errors are retried with backoff. */
  maxAttempts?: number;
  /** Milliseconds to open a connection before the attempt fails (and is retried). Default 2 s. */
  connectTimeoutMs?: number;
  /** Milliseconds one attempt may wait for its answer before it fails (and is retried). Default 4 s. */
  requestTimeoutMs?: number;
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
    // Fail fast on a dead or frozen endpoint (the attempt is retried); a hung request must not hold a caller.
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}
