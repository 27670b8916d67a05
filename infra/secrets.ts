/**
 * Per-stage settings kept out of the code, set with `npx sst secret set <Name> <value> --stage <stage>`.
 */

/**
 * The admin API key. No placeholder: a deploy fails with SST's "Set a value for AdminApiKey" until it is set. Stored
 * webhook secrets and feed tokens are encrypted under a key derived from it.
 */
export const adminApiKey = new sst.Secret("AdminApiKey");

/**
 * The admin key before the last rotation ("" when none): secrets sealed under it are still read, and sealed again
 * under the current key the first time they are read. Clear it once every subscription has been read.
 */
export const previousAdminApiKey = new sst.Secret("PreviousAdminApiKey", "");

/**
 * The SES sender address for email alerts (an identity verified in SES, e.g. "alerts@example.com").
 * The placeholder "" means email is disabled: email subscriptions fail with a message saying so.
 */
export const emailFrom = new sst.Secret("EmailFrom", "");
