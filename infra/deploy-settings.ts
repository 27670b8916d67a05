/**
 * The settings a deployer chooses for the functions (README "Configuration", docs/DEPLOY.md "Settings"): the same
 * STORYWIRE_* variables as locally, set in the shell that runs `sst deploy`. Each is validated here, while the
 * deploy loads the app, so a bad value stops the deploy before anything changes, with a sentence naming the
 * variable; a valid one is passed to exactly the functions that read it. An unset variable is not passed, and the
 * function uses its default. The ranges are those functions/lib/context.ts accepts (infra/deploy-settings.test.ts
 * holds the two together).
 *
 * Not passed, on purpose: the table, queue URLs, admin keys and sender address (they come from SST links and
 * secrets), STORYWIRE_STORYLINES (bundled as a file, infra/storylines.ts), STORYWIRE_DYNAMO_ENDPOINT (tests only)
 * and STORYWIRE_ALLOW_PRIVATE_NETWORKS (the SSRF guard always stays on in AWS).
 */
import type { Step } from "./functions.ts";

interface WholeNumber {
  kind: "whole-number";
  min: number;
  max: number;
}

interface Flag {
  kind: "flag";
}

interface HttpUrl {
  kind: "http-url";
}

export interface DeploySetting {
  /** The environment variable, in the deploying shell and in the function alike. */
  name: string;
  /** The functions that read it. */
  steps: readonly Step[];
  value: WholeNumber | Flag | HttpUrl;
}

/** Every setting a function reads from its environment that a deployer may choose. */
export const DEPLOY_SETTINGS: readonly DeploySetting[] = [
  // Ingest schedules each feed's next check from it.
  { name: "STORYWIRE_POLL_INTERVAL", steps: ["ingest"], value: { kind: "whole-number", min: 1, max: 86_400 } },
  { name: "STORYWIRE_FULLTEXT_BUDGET", steps: ["ingest"], value: { kind: "whole-number", min: 0, max: 100 } },
  // Every step holds claims: schedule on due feeds, ingest while checking one, deliver and the API's replays on
  // deliveries.
  {
    name: "STORYWIRE_CLAIM_TIMEOUT",
    steps: ["api", "schedule", "ingest", "deliver"],
    value: { kind: "whole-number", min: 1, max: 900 },
  },
  // Only the API serves story lists from memory.
  { name: "STORYWIRE_LIST_CACHE_MS", steps: ["api"], value: { kind: "whole-number", min: 0, max: 60_000 } },
  // Ingest writes a new story's word entries; schedule writes them for stories listed by the lists' upgrade.
  {
    name: "STORYWIRE_SEARCH_WORDS",
    steps: ["ingest", "schedule"],
    value: { kind: "whole-number", min: 0, max: 600 },
  },
  {
    name: "STORYWIRE_RATE_LIMIT_PER_KEY",
    steps: ["api"],
    value: { kind: "whole-number", min: 0, max: 1_000_000 },
  },
  {
    name: "STORYWIRE_RATE_LIMIT_PER_ADDRESS",
    steps: ["api"],
    value: { kind: "whole-number", min: 0, max: 1_000_000 },
  },
  { name: "STORYWIRE_RATE_LIMIT_WINDOW", steps: ["api"], value: { kind: "whole-number", min: 1, max: 86_400 } },
  { name: "STORYWIRE_RATE_LIMIT_LOOPBACK", steps: ["api"], value: { kind: "flag" } },
  // Alert links and the API's own links; without it deliver links to the Function URL and the API to its Host.
  { name: "STORYWIRE_PUBLIC_URL", steps: ["api", "deliver"], value: { kind: "http-url" } },
];

/** Variables functions read that are deliberately never taken from the deploying shell, and why. */
export const NOT_DEPLOYED: Readonly<Record<string, string>> = {
  STORYWIRE_TABLE: "the table comes from the StoryTable link",
  STORYWIRE_FETCH_QUEUE_URL: "the queue comes from the FetchQueue link",
  STORYWIRE_DELIVERY_QUEUE_URL: "the queue comes from the DeliveryQueue link",
  STORYWIRE_ADMIN_KEY: "the AdminApiKey secret",
  STORYWIRE_PREVIOUS_ADMIN_KEY: "the PreviousAdminApiKey secret",
  STORYWIRE_EMAIL_FROM: "the EmailFrom secret",
  STORYWIRE_DYNAMO_ENDPOINT: "tests only: the functions use the table in their own account and region",
  STORYWIRE_ALLOW_PRIVATE_NETWORKS: "the SSRF guard always stays on in AWS",
  STORYWIRE_STORYLINES: "bundled as a file (infra/storylines.ts)",
};

function invalid(name: string, raw: string, expected: string): Error {
  return new Error(
    `${name} is "${raw}" in the shell you deploy from, but it must be ${expected}. Fix it, or unset it to deploy the default.`,
  );
}

/** The value a function receives, or an error sentence for a value it would refuse. */
function checked(setting: DeploySetting, raw: string): string {
  const { name, value } = setting;
  switch (value.kind) {
    case "whole-number": {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < value.min || n > value.max) {
        throw invalid(name, raw, `a whole number from ${value.min} to ${value.max}`);
      }
      return String(n);
    }
    case "flag":
      if (raw !== "0" && raw !== "1") throw invalid(name, raw, "1 (on) or 0 (off)");
      return raw;
    case "http-url": {
      let url: URL | null = null;
      try {
        url = new URL(raw);
      } catch {
        url = null;
      }
      if (url === null || (url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
        throw invalid(name, raw, "an absolute http(s) URL without credentials, such as https://news.example.org");
      }
      return raw.replace(/\/+$/, "");
    }
  }
}

/**
 * The environment each function gets from the deploying shell: only the settings it reads, only those set (a
 * blank value counts as unset). Throws, stopping the deploy, on the first value a function would refuse.
 */
export function deployEnvironment(step: Step, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const setting of DEPLOY_SETTINGS) {
    const raw = env[setting.name]?.trim();
    if (raw === undefined || raw === "") continue;
    // Validated for every step, so a bad value stops the deploy even where no function of this step reads it.
    const value = checked(setting, raw);
    if (setting.steps.includes(step)) out[setting.name] = value;
  }
  return out;
}
