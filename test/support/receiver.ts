/** The tests' loopback webhook receiver: the same one the demo runs (packages/cli/src/loopback). */
export { type ReceivedAlert as Received, startReceiver as startTestReceiver } from "storywire/loopback";
