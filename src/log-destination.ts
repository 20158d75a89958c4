// Owns where JSON log lines go in production: stdout, one write per event-loop turn instead of one per line.
//
// pino's default destination writes every line with its own blocking write(2): at LOG_LEVEL=info that is one system
// call per request (the access-log line), about a quarter of the CPU of a cached read here. sonic-boom's async mode
// batches, but recomputes Buffer.byteLength of its whole pending buffer on every line (7% of a cached read's CPU in a
// profile). This collects the lines of one turn of the event loop and hands them to a synchronous sonic-boom (which
// retries EAGAIN on pipes) as one string at the end of the turn (setImmediate): lines reach stdout within the turn
// they were logged in, nothing is scheduled while the server is idle, and what is pending is written synchronously
// when the process exits (process.exit included) or pino asks for flushSync. A SIGKILL can lose the current turn's lines.
import { destination, type DestinationStream } from 'pino'

export interface BatchedDestination extends DestinationStream {
  flushSync: () => void
}

export function batchedDestination (fd = 1): BatchedDestination {
  const out = destination({ dest: fd, sync: true })
  let pending: string[] = []
  let scheduled = false
  const flushSync = (): void => {
    scheduled = false
    if (pending.length === 0) return
    const lines = pending.length === 1 ? pending[0]! : pending.join('')
    pending = []
    out.write(lines)
  }
  process.once('exit', flushSync)
  return {
    write (line: string): void {
      pending.push(line)
      if (scheduled) return
      scheduled = true
      setImmediate(flushSync)
    },
    flushSync
  }
}
