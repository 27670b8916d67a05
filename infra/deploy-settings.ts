/**
 * The settings a deployer chooses for the functions (README "Configuration", docs/DEPLOY.md "Settings"): the same
 * STORYWIRE_* variables as locally, set in the shell that runs `sst deploy`. They are read here by the one schema
 * the functions read them with (packages/pipeline/src/config/settings.ts: names, ranges and meaning in one place),
 * while the deploy loads the app, so a value a function would refuse at its cold start stops the deploy before
 * anything changes, with the schema's sentence naming the variable. A valid value is passed as written to exactly
 * the functions that read it, which read it again with the same schema. An unset variable is not passed, and the
 * function uses its default.
 *
 * Every other setting of the schema is left out on purpose (NOT_DEPLOYED says why); a test holds the two lists and
 * the schema together.
 */
import { ConfigError, parseConfig, SETTINGS, type SettingKey } from "../packages/pipeline/src/config/settings.ts";
import type { Step } from "./functions.ts";

export interface DeploySetting {
  /** The setting, by its key in the schema (its environment variable is SETTINGS[key].env). */
  key: SettingKey;
  /** The functions that read it. */
  steps: readonly Step[];
}

/** Every setting a function reads that a deployer may choose. */
export const DEPLOY_SETTINGS: readonly DeploySetting[] = [
  // Ingest schedules each feed's next check from it.
  { key: "pollIntervalSeconds", steps: ["ingest"] },
  { key: "fullTextBudget", steps: ["ingest"] },
  // Every step holds claims: schedule on due feeds, ingest while checking one, deliver and the API's replays on
  // deliveries.
  { key: "claimTimeoutSeconds", steps: ["api", "schedule", "ingest", "deliver"] },
  // Only the API serves story lists from memory.
  { key: "listCacheMs", steps: ["api"] },
  // Ingest writes a new story's word entries; schedule writes them for stories listed by the lists' upgrade.
  { key: "searchWordsPerStory", steps: ["ingest", "schedule"] },
  { key: "rateLimitPerKey", steps: ["api"] },
  { key: "rateLimitPerAddress", steps: ["api"] },
  { key: "rateLimitWindowSeconds", steps: ["api"] },
  { key: "rateLimitLoopback", steps: ["api"] },
  // Alert links and the API's own links; without it deliver links to the Function URL and the API to its Host.
  { key: "publicUrl", steps: ["api", "deliver"] },
];

/** The environment variable of a deploy setting. */
export function envName(setting: DeploySetting): string {
  return SETTINGS[setting.key].env;
}

/** The schema's other settings, never taken from the deploying shell, by variable, and why. */
export const NOT_DEPLOYED: Readonly<Record<string, string>> = {
  STORYWIRE_TABLE: "the table comes from the StoryTable link",
  STORYWIRE_FETCH_QUEUE_URL: "the queue comes from the FetchQueue link",
  STORYWIRE_DELIVERY_QUEUE_URL: "the queue comes from the DeliveryQueue link",
  STORYWIRE_ADMIN_KEY: "the AdminApiKey secret",
  STORYWIRE_PREVIOUS_ADMIN_KEYS: "the PreviousAdminApiKey secret",
  STORYWIRE_EMAIL_FROM: "the EmailFrom secret",
  STORYWIRE_SMTP_URL: "email in AWS goes through SES",
  STORYWIRE_DYNAMO_ENDPOINT: "tests only: the functions use the table in their own account and region",
  STORYWIRE_ALLOW_PRIVATE_NETWORKS: "the SSRF guard always stays on in AWS",
  STORYWIRE_STORYLINES: "bundled as a file (infra/storylines.ts)",
  STORYWIRE_PORT: "the local runtime's port; the API is a Function URL",
  STORYWIRE_HOST: "the local runtime's interface; the API is a Function URL",
  STORYWIRE_DATA_DIR: "the local runtime's embedded database; AWS uses DynamoDB",
  STORYWIRE_FEEDS: "the feeds the local runtime adds on start; in AWS feeds are added through the API",
};

/**
 * The environment each function gets from the deploying shell: only the settings it reads, only those set (a
 * blank value counts as unset). Throws, stopping the deploy, on the first value the schema refuses.
 */
export function deployEnvironment(step: Step, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const shell: Record<string, string> = {};
  for (const setting of DEPLOY_SETTINGS) {
    const raw = env[envName(setting)]?.trim();
    if (raw !== undefined && raw !== "") shell[envName(setting)] = raw;
  }
  // Checked for every step, so a bad value stops the deploy even where no function of this step reads it.
  try {
    parseConfig({ env: shell });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      `In the shell you deploy from, ${error.message} The deploy stopped before changing anything.`,
    );
  }
  const out: Record<string, string> = {};
  for (const setting of DEPLOY_SETTINGS) {
    const value = shell[envName(setting)];
    if (value !== undefined && setting.steps.includes(step)) out[envName(setting)] = value;
  }
  return out;
}
