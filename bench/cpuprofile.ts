// Owns reading V8 .cpuprofile files (node --cpu-prof): self time per function and per package, over a time window.

interface CallFrame { functionName: string, url: string, lineNumber: number }
interface ProfileNode { id: number, callFrame: CallFrame }
export interface CpuProfile { nodes: ProfileNode[], startTime: number, endTime: number, samples: number[], timeDeltas: number[] }

export interface SelfTime { name: string, ms: number, percent: number }
export interface ProfileSummary { windowMs: number, busyMs: number, idleMs: number, functions: SelfTime[], packages: SelfTime[] }

/** Where a frame's code lives: a package, our compiled code, Node's internals, or a V8 pseudo-frame like (garbage collector). */
export function packageOf (frame: CallFrame): string {
  const { url, functionName } = frame
  // No script URL: native bindings (writev), RegExp code and functions built with new Function, such as
  // fast-json-stringify's serializers (anonymous1, anonymous2, ...).
  if (url === '') return functionName.startsWith('(') ? functionName : '(no url: native, RegExp, new Function)'
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (modules !== null) return modules[1]!
  if (url.startsWith('node:')) return 'node:internal'
  const ours = /\/dist\/(.+)$/.exec(url)
  if (ours !== null) return `app:${ours[1]}`
  return url
}

/** Self time per function and per package for samples in the last `lastMs` of the profile (all when omitted). */
export function summarizeProfile (profile: CpuProfile, lastMs?: number, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const from = lastMs === undefined ? -Infinity : profile.endTime - lastMs * 1000
  const fnTime = new Map<string, number>()
  const pkgTime = new Map<string, number>()
  let time = profile.startTime
  let idle = 0
  let windowUs = 0
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    time += delta
    if (time < from) return
    windowUs += delta
    const frame = byId.get(id)
    if (frame === undefined) return
    if (frame.functionName === '(idle)') { idle += delta; return }
    const where = frame.url === '' ? '' : ` ${frame.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`
    const name = `${frame.functionName === '' ? '(anonymous)' : frame.functionName}${where}`
    fnTime.set(name, (fnTime.get(name) ?? 0) + delta)
    const pkg = packageOf(frame)
    pkgTime.set(pkg, (pkgTime.get(pkg) ?? 0) + delta)
  })
  const busy = windowUs - idle
  const rank = (map: Map<string, number>): SelfTime[] => [...map.entries()]
    .sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, percent: busy > 0 ? (100 * us) / busy : 0 }))
  return { windowMs: windowUs / 1000, busyMs: busy / 1000, idleMs: idle / 1000, functions: rank(fnTime), packages: rank(pkgTime) }
}
