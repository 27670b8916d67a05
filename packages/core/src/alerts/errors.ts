/** Raised when composeAlert is given input it cannot turn into an alert; the message names the field. */
export class AlertInputError extends Error {
  override readonly name = "AlertInputError";
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
