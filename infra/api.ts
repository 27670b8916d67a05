/**
 * The HTTP API (Hono app, dashboard, feeds) behind a Lambda Function URL. The URL is public; the app
 * itself checks API keys and sets CORS headers, the same way it does when it runs locally.
 */
import { lambda } from "./functions.ts";
import { grants } from "./permissions.ts";
import { deliveryQueue, fetchQueue } from "./queues.ts";
import { adminApiKey, emailFrom, previousAdminApiKey } from "./secrets.ts";
import { table } from "./storage.ts";

export const api = new sst.aws.Function(
  "Api",
  // FetchQueue: fetch a newly added feed at once. DeliveryQueue: replays. EmailFrom and SES: a test
  // alert (POST /subscriptions/{id}/test) is sent from the API itself. The admin keys: API keys, and the key
  // that stored secrets are encrypted under.
  lambda("api", [table, adminApiKey, previousAdminApiKey, fetchQueue, deliveryQueue, emailFrom], {
    url: { cors: false },
    permissions: grants("api"),
  }),
);
