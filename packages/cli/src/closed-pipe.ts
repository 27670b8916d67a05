/**
 * `storywire parse feed.xml | head -1`: when the program reading Storywire's output closes the pipe (head has
 * what it wanted), the rest of the output has no reader. Storywire then stops at once, quietly and with exit
 * code 0, as a pipeline's user expects, instead of Node's unhandled-error stack trace.
 */
export function exitQuietlyWhenReaderCloses(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      // Another failure of the terminal or pipe itself: there may be nowhere left to say so; exit non-zero.
      process.exit(1);
    });
  }
}
