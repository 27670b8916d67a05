/**
 * Where JSON text stops being JSON, so that a message about a hand-edited file can say "line 3, column 7":
 * Node's JSON.parse gives a position for some mistakes and only a quote of the text for others.
 */

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  private get ch(): string {
    return this.text.charAt(this.i);
  }

  private fail(): never {
    throw new RangeError(String(this.i));
  }

  private space(): void {
    while (this.i < this.text.length && " \t\r\n".includes(this.ch)) this.i += 1;
  }

  private expect(ch: string): void {
    if (this.ch !== ch) this.fail();
    this.i += 1;
  }

  private string(): void {
    this.expect('"');
    while (this.i < this.text.length && this.ch !== '"') {
      if (this.text.charCodeAt(this.i) < 0x20) this.fail();
      this.i += this.ch === "\\" ? 2 : 1;
    }
    this.expect('"');
  }

  /** Members of an object or items of a list, up to `close`. */
  private sequence(close: string, item: () => void): void {
    this.i += 1;
    this.space();
    if (this.ch === close) {
      this.i += 1;
      return;
    }
    for (;;) {
      item();
      this.space();
      if (this.ch === close) {
        this.i += 1;
        return;
      }
      this.expect(",");
    }
  }

  value(): void {
    this.space();
    const ch = this.ch;
    if (ch === "{") {
      this.sequence("}", () => {
        this.space();
        this.string();
        this.space();
        this.expect(":");
        this.value();
      });
    } else if (ch === "[") {
      this.sequence("]", () => this.value());
    } else if (ch === '"') {
      this.string();
    } else {
      const token = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
        this.text.slice(this.i, this.i + 400),
      );
      if (!token) this.fail();
      this.i += token[0].length;
    }
  }

  end(): number {
    this.space();
    return this.i < this.text.length ? this.i : -1;
  }
}

/** The index of the first character that is not valid JSON, or -1 when the text is JSON. */
export function jsonErrorIndex(text: string): number {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    return scanner.end();
  } catch (error) {
    if (error instanceof RangeError) return Math.min(Number(error.message), text.length);
    throw error;
  }
}

/** "line 3, column 7" of an index into text. */
export function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  return `line ${before.split("\n").length}, column ${before.length - before.lastIndexOf("\n")}`;
}
