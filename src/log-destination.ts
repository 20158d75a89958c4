// Owns where JSON log lines go in production: stdout, in batches of many lines per write(2).
//
// pino's default destination writes every line with its own blocking write(2): at LOG_LEVEL=info that is one system
// call per request (the access-log line), about a quarter of the CPU of a cached read here. sonic-boom's async mode
// batches, but recomputes Buffer.byteLength of its whole pending buffer on every line (7% of a cached read's CPU in a
// profile). Batching per event-loop turn (the previous design) still cost a setImmediate, a join and a write per
// turn, and under load a turn holds only a few requests. So each line is copied at once into one reusable off-heap
// buffer (the string is garbage right away and never survives into V8's old generation), and the buffer goes to a
// synchronous sonic-boom (which retries EAGAIN on pipes) when it is nearly full, FLUSH_MS after its first line, when
// pino asks for flushSync, or when the process exits (process.exit included). Lines therefore reach stdout in order,
// at most FLUSH_MS late; a SIGKILL or a crash of the process itself (not a JavaScript exception, which exits through
// 'exit') can lose up to that much.
import { destination, type DestinationStream } from 'pino'

export interface BatchedDestination extends DestinationStream {
  flushSync: () => void
}

/** Longest time a line waits in the buffer, in ms. */
export const FLUSH_MS = 100
/** Bytes held before a write: large enough for ~200 access-log lines, small enough to stay one write(2). */
export const BATCH_BYTES = 64 * 1024

export function batchedDestination (fd = 1, flushMs = FLUSH_MS, batchBytes = BATCH_BYTES): BatchedDestination {
  // 'buffer' content mode: sonic-boom writes the bytes it is given (sync mode: all of them before write returns).
  const out = destination({ dest: fd, sync: true, contentMode: 'buffer' } as unknown as Parameters<typeof destination>[0])
  const batch = Buffer.allocUnsafeSlow(batchBytes)
  let used = 0
  let timer: NodeJS.Timeout | undefined
  const writeBytes = (bytes: Buffer): void => { (out.write as unknown as (data: Buffer) => void)(bytes) }
  const flushSync = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    if (used === 0) return
    // sonic-boom in sync mode has written every byte when write returns, so the buffer can be reused right after.
    const bytes = batch.subarray(0, used)
    used = 0
    writeBytes(bytes)
  }
  process.once('exit', flushSync)
  return {
    write (line: string): void {
      // At most 3 UTF-8 bytes per UTF-16 code unit: flush first unless the line surely fits.
      if (used + line.length * 3 > batchBytes) {
        flushSync()
        if (line.length * 3 > batchBytes) {
          writeBytes(Buffer.from(line, 'utf8'))
          return
        }
      }
      used += batch.write(line, used, 'utf8')
      if (timer === undefined) {
        timer = setTimeout(flushSync, flushMs)
        // Waiting lines never keep the process alive: 'exit' flushes them.
        timer.unref()
      }
    },
    flushSync
  }
}
