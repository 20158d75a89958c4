// Test helper (worker thread): one more app instance on the shared database file that PATCHes when the gate opens.
import { parentPort, workerData } from 'node:worker_threads'
import { buildApp } from '../../src/app.js'
import { patchArticle } from './editor.js'

interface RaceJob { path: string, publicUrl: string, slug: string, key: string, etag: string, title: string, gate: SharedArrayBuffer }
const job = workerData as RaceJob

const app = await buildApp({ databasePath: job.path, publicUrl: job.publicUrl })
await app.ready()
const gate = new Int32Array(job.gate)
parentPort?.postMessage({ ready: true })
Atomics.wait(gate, 0, 0) // both workers are released at the same moment
const res = await app.inject(patchArticle(job.slug, { authorization: `Bearer ${job.key}` }, { title: job.title, changeNote: job.title }, job.etag))
await app.close()
parentPort?.postMessage({ status: res.statusCode, title: res.statusCode === 200 ? res.json().title : null })
