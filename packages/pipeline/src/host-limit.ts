/**
 * At most N requests in flight per host: a self-hosted reader watching many feeds of one site (a newspaper's
 * twenty section feeds, their article pages) must not open twenty connections to it at once. Requests over the
 * limit wait in order; other hosts are not held up by them.
 */

/** Requests to one host in flight at once, from one process (a Lambda container, or the local runtime). */
export const PER_HOST_CONCURRENCY = 2;

export interface HostLimit {
  /** Runs `task` once fewer than the limit of requests to `url`'s host are in flight. */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** Requests in flight to `host` now (for tests and benchmarks). */
  inFlight(host: string): number;
}

/** The host a limit applies to: the URL's host name, lowercased (any port); the whole string if it is no URL. */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

export function hostLimit(limit = PER_HOST_CONCURRENCY): HostLimit {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A per-host limit must be 1 or more; got ${limit}.`);
  const hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  return {
    async run(url, task) {
      const key = hostKey(url);
      let host = hosts.get(key);
      if (!host) {
        host = { active: 0, waiting: [] };
        hosts.set(key, host);
      }
      const slots = host;
      if (slots.active < limit) slots.active += 1;
      else await new Promise<void>((resolve) => slots.waiting.push(resolve)); // a finishing request hands over its slot
      try {
        return await task();
      } finally {
        const next = slots.waiting.shift();
        if (next) next();
        else {
          slots.active -= 1;
          if (slots.active === 0) hosts.delete(key);
        }
      }
    },
    inFlight: (host) => hosts.get(host.toLowerCase())?.active ?? 0,
  };
}
