import { type Alert, composeAlert, type Story } from "@storywire/core";
import type { Alert as StoredAlert } from "@storywire/store";

/**
 * The alert a subscriber sees, rebuilt from the stored alert record and its story: what the delivery step sends
 * and what the Atom / JSON feeds list. Null for a duplicate (which never alerts).
 */
export function alertFromRecord(
  record: StoredAlert,
  story: Story,
  storylineTitle: string | undefined,
  apiBase: string,
): Alert | null {
  if (record.relation === "duplicate") return null;
  return composeAlert({
    story,
    storyline: { id: record.storylineId, title: storylineTitle ?? record.storylineId },
    relation: record.relation,
    novel: record.novel,
    storylineScore: record.storylineScore,
    links: { apiBase },
    createdAt: record.createdAt,
  });
}
