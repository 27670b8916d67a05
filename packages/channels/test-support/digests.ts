/** Test support (not exported): digests of real composed alerts. */
import type { Alert } from "@storywire/core";
import type { Digest, DigestPeriod } from "../src/digest/types.ts";
import { testAlert } from "./alerts.ts";

/** `count` alerts with distinct story ids and titles ("Story 1", ...), alternating first / update. */
export function testAlerts(count: number): Alert[] {
  return Array.from({ length: count }, (_, i) =>
    testAlert({
      relation: i % 2 === 0 ? "first" : "update",
      novel: [`New fact number ${i + 1}.`, "A second new sentence."],
      story: { id: (i + 1).toString(16).padStart(16, "0"), title: `Story ${i + 1}` },
    }),
  );
}

export function testDigest(alerts: Alert[] | number = 3, period: DigestPeriod = "hourly"): Digest {
  return { period, alerts: typeof alerts === "number" ? testAlerts(alerts) : alerts };
}
