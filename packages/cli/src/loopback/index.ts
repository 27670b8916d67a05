/** Loopback servers the demo runs and the tests share: a feed and a webhook receiver, on 127.0.0.1 only. */
export { type FeedItem, type FeedServer, type FeedServerOptions, rss, startFeedServer } from "./feed-server.ts";
export { type ReceivedAlert, type Receiver, startReceiver } from "./receiver.ts";
