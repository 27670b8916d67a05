export {
  renderWebhook,
  type WebhookEventType,
  type WebhookPayload,
  type WebhookRequest,
  webhookPayload,
} from "./render.ts";
export { assertWebhookSecret, generateWebhookSecret } from "./secret.ts";
export { type SignedHeaders, signWebhook } from "./sign.ts";
