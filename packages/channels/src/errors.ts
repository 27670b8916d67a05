/** Errors the channels raise. Their messages are sentences meant for the subscription's owner. */

/** The channel configuration cannot work (bad URL, bad secret, bad address): fix it, do not retry. */
export class ChannelConfigError extends Error {
  override readonly name = "ChannelConfigError";
}

/** A send that failed, classified: `retryable` says whether the retry schedule should try again. */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status;
  }
}
