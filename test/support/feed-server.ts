/** The tests' loopback feed: the same server the demo runs (packages/cli/src/loopback). */
export {
  type FeedItem as TestItem,
  type FeedServerOptions,
  rss,
  startFeedServer,
} from "storywire/loopback";

/**
 * A controllable clock for the pipeline: time moves only when the test says so. It starts at the real time
 * (receivers check webhook timestamps against their own clock), or at `start`.
 */
export function testClock(start?: string) {
  let t = start ? Date.parse(start) : Date.now();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
