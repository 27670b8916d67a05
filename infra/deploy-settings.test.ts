/**
 * The settings a deployer sets in the deploying shell reach exactly the functions that read them, validated at
 * deploy time by the schema the functions read them with (one reading of each setting).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { lambdaConfig } from "../functions/lib/context.ts";
import { SETTINGS } from "../packages/pipeline/src/config/settings.ts";
import { DEPLOY_SETTINGS, deployEnvironment, envName, NOT_DEPLOYED } from "./deploy-settings.ts";
import { HANDLERS, type Step } from "./functions.ts";
import { loadSstApp } from "./testing/load-app.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

const NAMES = DEPLOY_SETTINGS.map(envName);
const saved = new Map(NAMES.map((name) => [name, process.env[name]]));

function clearShell() {
  for (const name of NAMES) delete process.env[name];
}

beforeEach(clearShell);
afterEach(() => {
  clearShell();
  for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
});
afterAll(removeSstStandIns);

/** A value of every setting, as a deployer would write them. */
const SHELL: Record<string, string> = {
  STORYWIRE_POLL_INTERVAL: "600",
  STORYWIRE_FULLTEXT_BUDGET: "0",
  STORYWIRE_CLAIM_TIMEOUT: "120",
  STORYWIRE_LIST_CACHE_MS: "0",
  STORYWIRE_SEARCH_WORDS: "100",
  STORYWIRE_RATE_LIMIT_PER_KEY: "1200",
  STORYWIRE_RATE_LIMIT_PER_ADDRESS: "0",
  STORYWIRE_RATE_LIMIT_WINDOW: "30",
  STORYWIRE_RATE_LIMIT_LOOPBACK: "1",
  STORYWIRE_PUBLIC_URL: "https://news.example.org/",
};

/** What each function must get from that shell (and nothing more). */
const EXPECTED: Record<Step, Record<string, string>> = {
  api: {
    STORYWIRE_CLAIM_TIMEOUT: "120",
    STORYWIRE_LIST_CACHE_MS: "0",
    STORYWIRE_RATE_LIMIT_PER_KEY: "1200",
    STORYWIRE_RATE_LIMIT_PER_ADDRESS: "0",
    STORYWIRE_RATE_LIMIT_WINDOW: "30",
    STORYWIRE_RATE_LIMIT_LOOPBACK: "1",
    STORYWIRE_PUBLIC_URL: "https://news.example.org/",
  },
  schedule: { STORYWIRE_CLAIM_TIMEOUT: "120", STORYWIRE_SEARCH_WORDS: "100" },
  ingest: {
    STORYWIRE_POLL_INTERVAL: "600",
    STORYWIRE_FULLTEXT_BUDGET: "0",
    STORYWIRE_CLAIM_TIMEOUT: "120",
    STORYWIRE_SEARCH_WORDS: "100",
  },
  deliver: { STORYWIRE_CLAIM_TIMEOUT: "120", STORYWIRE_PUBLIC_URL: "https://news.example.org/" },
};

/** The variables the deploy sets on each function, beyond those it sets whatever the shell holds. */
async function deployedSettings(): Promise<Record<Step, Record<string, unknown>>> {
  const { recorder } = await loadSstApp("production");
  const byHandler = new Map(recorder.functionDefinitions().map((d) => [String(d.args.handler), d.args]));
  const out = {} as Record<Step, Record<string, unknown>>;
  for (const step of Object.keys(HANDLERS) as Step[]) {
    const environment = (byHandler.get(HANDLERS[step])?.environment ?? {}) as Record<string, unknown>;
    out[step] = Object.fromEntries(Object.entries(environment).filter(([name]) => NAMES.includes(name)));
  }
  return out;
}

describe("settings from the deploying shell", () => {
  it("none set: no function gets one, except the deliver step's link back to the API", async () => {
    expect(await deployedSettings()).toEqual({
      api: {},
      schedule: {},
      ingest: {},
      deliver: { STORYWIRE_PUBLIC_URL: "<Api.url>" },
    });
  });

  it("all set: each function gets exactly the ones it reads", async () => {
    Object.assign(process.env, SHELL);
    expect(await deployedSettings()).toEqual(EXPECTED);
  });

  it("a blank value counts as unset", () => {
    expect(deployEnvironment("api", { STORYWIRE_LIST_CACHE_MS: "  " })).toEqual({});
  });

  it.each([
    ["STORYWIRE_LIST_CACHE_MS", "1s", "must be a whole number from 0 to 60000"],
    ["STORYWIRE_CLAIM_TIMEOUT", "0", "must be a whole number from 1 to 900"],
    ["STORYWIRE_SEARCH_WORDS", "601", "must be a whole number from 0 to 600"],
    ["STORYWIRE_RATE_LIMIT_PER_KEY", "-5", "must be a whole number from 0 to 1000000"],
    ["STORYWIRE_RATE_LIMIT_LOOPBACK", "yes", "must be 1 or true (on), 0 or false (off)"],
    ["STORYWIRE_PUBLIC_URL", "news.example.org", "must be an absolute URL, such as https://example.org"],
  ])("%s=%s stops the deploy with a sentence naming it", async (name, value, expected) => {
    process.env[name] = value;
    await expect(loadSstApp("production")).rejects.toThrow(
      `In the shell you deploy from, ${name} ${expected}; got "${value}".`,
    );
  });
});

describe("one reading: the deploy checks with the functions' own schema (functions/lib/context.ts)", () => {
  const numbers = DEPLOY_SETTINGS.flatMap((s) => {
    const kind = SETTINGS[s.key].kind;
    return kind.type === "int" ? [{ name: envName(s), min: kind.min, max: kind.max }] : [];
  });

  it.each(numbers)(
    "$name: the deploy accepts what the function accepts, and refuses what it refuses",
    async ({ name, min, max }) => {
      for (const value of [min, max]) {
        await expect(lambdaConfig({ [name]: String(value) })).resolves.toBeDefined();
        expect(() => deployEnvironment("api", { [name]: String(value) })).not.toThrow();
      }
      for (const value of [min - 1, max + 1]) {
        await expect(lambdaConfig({ [name]: String(value) })).rejects.toThrow(name);
        expect(() => deployEnvironment("api", { [name]: String(value) })).toThrow(name);
      }
    },
  );

  it("the flag and the URL mean to the function what the deploy checked", async () => {
    const config = await lambdaConfig({ ...EXPECTED.api });
    expect(config.rateLimitLoopback).toBe(true);
    expect(config.publicUrl).toBe("https://news.example.org");
  });

  it("every setting of the schema is a deploy setting or is left out on purpose, and no name is stale", () => {
    const all: string[] = Object.values(SETTINGS).map((setting) => setting.env);
    expect(all.filter((name) => !NAMES.includes(name) && !(name in NOT_DEPLOYED))).toEqual([]);
    expect([...NAMES, ...Object.keys(NOT_DEPLOYED)].filter((name) => !all.includes(name))).toEqual([]);
    expect(NAMES.filter((name) => name in NOT_DEPLOYED)).toEqual([]);
  });
});
