import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, SETTINGS } from "./settings.ts";

describe("parseConfig: one reading of every setting", () => {
  it.each([
    ["1", true],
    ["true", true],
    [" TRUE ", true],
    ["0", false],
    ["false", false],
  ])("reads STORYWIRE_ALLOW_PRIVATE_NETWORKS=%j as %s", (raw, expected) => {
    expect(parseConfig({ env: { STORYWIRE_ALLOW_PRIVATE_NETWORKS: raw } }).allowPrivateNetworks).toBe(expected);
  });

  it.each(["yes", "on", "2", "enabled"])("refuses STORYWIRE_ALLOW_PRIVATE_NETWORKS=%j, naming it", (raw) => {
    expect(() => parseConfig({ env: { STORYWIRE_ALLOW_PRIVATE_NETWORKS: raw } })).toThrow(
      new ConfigError(
        `STORYWIRE_ALLOW_PRIVATE_NETWORKS must be 1 or true (on), 0 or false (off); got "${raw}". Fix it in the environment, or unset it to use the default.`,
      ),
    );
  });

  it.each([
    ["STORYWIRE_POLL_INTERVAL", "5m"],
    ["STORYWIRE_POLL_INTERVAL", "0"],
    ["STORYWIRE_FULLTEXT_BUDGET", "-1"],
    ["STORYWIRE_FULLTEXT_BUDGET", "2.5"],
    ["STORYWIRE_RATE_LIMIT_WINDOW", "0"],
    ["STORYWIRE_CLAIM_TIMEOUT", "901"],
  ])("refuses %s=%s with the variable and its range", (name, value) => {
    expect(() => parseConfig({ env: { [name]: value } })).toThrow(new RegExp(`^${name} must be a whole number from`));
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ env: { STORYWIRE_PORT: "", STORYWIRE_ALLOW_PRIVATE_NETWORKS: " " } })).toMatchObject({
      port: 8787,
      allowPrivateNetworks: false,
    });
  });

  it("layers defaults, file, environment and flags, the later winning", () => {
    const config = parseConfig({
      file: { path: "storywire.config.json", values: { port: 1000, host: "0.0.0.0", fullTextBudget: 3 } },
      env: { STORYWIRE_PORT: "2000", STORYWIRE_FEEDS: "http://127.0.0.1:1/a.xml, http://127.0.0.1:1/b.xml" },
      overrides: { port: 3000 },
    });
    expect(config).toMatchObject({ port: 3000, host: "0.0.0.0", fullTextBudget: 3, tableName: "storywire" });
    expect(config.feeds).toEqual(["http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"]);
  });

  it('strips trailing slashes from URLs (links are built as publicUrl + "/stories/…")', () => {
    expect(parseConfig({ env: { STORYWIRE_PUBLIC_URL: "https://abc.lambda-url.aws//" } }).publicUrl).toBe(
      "https://abc.lambda-url.aws",
    );
  });

  it("names the file and the setting when the file has a wrong value or an unknown setting", () => {
    expect(() => parseConfig({ file: { path: "c.json", values: { port: "80" } } })).toThrow(
      'c.json: "port" must be a whole number from 0 to 65535. Fix it, or remove it to use the default.',
    );
    expect(() => parseConfig({ file: { path: "c.json", values: { pollInterval: 60 } } })).toThrow(
      /^c\.json: "pollInterval" is not a setting of Storywire/,
    );
    expect(() => parseConfig({ file: { path: "c.json", values: [1] } })).toThrow(/^c\.json: must be a JSON object/);
  });

  it("refuses an admin key too short to derive a secret key from", () => {
    expect(() => parseConfig({ env: { STORYWIRE_ADMIN_KEY: "short" } })).toThrow(
      /"adminKey" must be text of at least 16/,
    );
  });
});

describe('README "Configuration"', () => {
  const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(
    readme.indexOf("## Configuration"),
    readme.indexOf("\n## ", readme.indexOf("## Configuration") + 3),
  );

  it.each(Object.entries(SETTINGS))("documents %s and its variable", (key, setting) => {
    const row = section.split("\n").find((line) => line.includes(`\`${key}\``));
    expect(row, `no row for ${key}`).toBeDefined();
    expect(row).toContain(setting.env);
  });
});
