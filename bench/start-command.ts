// Owns reading what `npm start` runs from package.json's start script, `[NAME=value ...] node [flags] <script>`: the
// bench starts exactly that (bench/processes.ts), and the Dockerfile test checks the image's ENV and CMD carry it.
import { readFileSync } from 'node:fs'

export interface StartCommand {
  /** The leading NAME=value words, as written (e.g. MALLOC_ARENA_MAX=2), and as an environment. */
  assignments: string[]
  env: Record<string, string>
  /** The rest: `node`, its flags, the script. */
  command: string[]
  nodeFlags: string[]
  entry: string
}

const ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=(\S*)$/

export function parseStartCommand (script: string): StartCommand {
  const words = script.trim().split(/\s+/)
  const firstCommandWord = words.findIndex((word) => !ASSIGNMENT.test(word))
  const assignments = firstCommandWord === -1 ? words : words.slice(0, firstCommandWord)
  const command = words.slice(assignments.length)
  if (command[0] !== 'node' || command.length < 2) throw new Error(`package.json's start script is not "[NAME=value ...] node [flags] <script>": ${script}`)
  return {
    assignments,
    env: Object.fromEntries(assignments.map((word) => ASSIGNMENT.exec(word)!.slice(1, 3) as [string, string])),
    command,
    nodeFlags: command.slice(1, -1),
    entry: command.at(-1)!
  }
}

/** The start command of the package.json in `root` (a folder path ending in /). */
export function readStartCommand (root: string): StartCommand {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: { start: string } }
  return parseStartCommand(pkg.scripts.start)
}
