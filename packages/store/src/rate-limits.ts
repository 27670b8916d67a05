/**
 * Request counters for the API's rate limits: one item per client (API key or address), counting the requests of
 * the current fixed window with an atomic ADD, so every process and Lambda container that serves the API counts
 * into the same number. Item: pk `RATE#<bucket>`, sk `RATE`; window (ISO start), count, ttl (an hour after the
 * window ends, so DynamoDB TTL removes clients that went away; dynalite keeps them, one small item per client).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "./aws-errors.ts";
import { run, type StoreContext } from "./db.ts";
import { InvalidInput } from "./errors.ts";
import { assertId } from "./keys.ts";
import { epochSeconds, type Instant, toIso } from "./time.ts";

export interface RateLimitStore {
  /**
   * Counts one request of `bucket` in the window that starts at `windowStart` and lasts `windowSeconds`; returns
   * the window's count including this request. A request in a newer window starts that window at 1.
   */
  hitRateLimit(bucket: string, windowStart: Instant, windowSeconds: number): Promise<number>;
}

const NAMES: Record<string, string> = { "#w": "window", "#c": "count", "#ttl": "ttl", "#e": "entity", "#pk": "pk" };

const key = (bucket: string) => ({ pk: `RATE#${assertId(bucket, "Rate limit bucket")}`, sk: "RATE" });

export function rateLimitStore(ctx: StoreContext): RateLimitStore {
  const update = async (
    bucket: string,
    expression: string,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<number | null> => {
    try {
      const result = await run(ctx, `Counting a request of ${bucket}`, () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: key(bucket),
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeNames: Object.fromEntries(
              Object.entries(NAMES).filter(([placeholder]) => `${expression} ${condition}`.includes(placeholder)),
            ),
            ExpressionAttributeValues: values,
            ReturnValues: "UPDATED_NEW",
          }),
        ),
      );
      return Number(result.Attributes?.count ?? 0);
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  };

  return {
    async hitRateLimit(bucket, windowStart, windowSeconds) {
      if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
        throw new InvalidInput(`A rate limit window must be a whole number of seconds, got ${windowSeconds}.`);
      }
      const window = toIso(windowStart, "The rate limit window");
      const ttl = epochSeconds(window) + windowSeconds + 3600;
      const values = { ":w": window, ":one": 1, ":ttl": ttl, ":e": "rateLimit" };
      for (let attempt = 0; attempt < 3; attempt++) {
        // The usual case: the counter is in this window already.
        const counted = await update(bucket, "ADD #c :one", "#w = :w", { ":w": window, ":one": 1 });
        if (counted !== null) return counted;
        // A new window (or a new client): start it at 1, unless another process just did.
        const started = await update(
          bucket,
          "SET #w = :w, #c = :one, #ttl = :ttl, #e = :e",
          "attribute_not_exists(#pk) OR #w < :w",
          values,
        );
        if (started !== null) return started;
      }
      // The counter is in a later window than ours (a clock ahead of this one): count this request as over.
      return Number.MAX_SAFE_INTEGER;
    },
  };
}
