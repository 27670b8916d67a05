/**
 * Per-stage settings kept out of the code, set with `npx sst secret set <Name> <value> --stage <stage>`.
 */

/** The admin API key. No placeholder: a deploy fails with SST's "Set a value for AdminApiKey" until it is set. */
export const adminApiKey = new sst.Secret("AdminApiKey");

/**
 * The SES sender address for email alerts (an identity verified in SES, e.g. "alerts@example.com").
 * The placeholder "" means email is disabled: email subscriptions fail with a message saying so.
 */
export const emailFrom = new sst.Secret("EmailFrom", "");

/** What a function linked to EmailFrom also needs: sending through SES v2 as an identity of this account. */
export const sendEmail = {
  actions: ["ses:SendEmail", "ses:SendRawEmail"],
  resources: ["arn:aws:ses:*:*:identity/*"],
};
