#!/usr/bin/env node
// The worker's health check (it serves no HTTP): healthy when Temporal lists a poller of this
// container on rectify's task queue (workflow or activity) that polled within the last few minutes.
// Identity: the TypeScript SDK's default worker identity is `${pid}@${hostname}`, and the hostname is
// the container's (compose) or the pod's (Kubernetes), so the suffix names this container alone.
// Exit 0 healthy, 1 not. Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, RECTIFY_TASK_QUEUE like the worker
// (services/env.ts defaults). Plain JavaScript: the image has no TypeScript, and nothing here is compiled.
const os = require('node:os');
const { Connection } = require('@temporalio/client');

const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
const taskQueue = process.env.RECTIFY_TASK_QUEUE || 'rectify';
// A worker polls continuously (long polls of ~60 s); one whose slots are all busy may pause polling.
const FRESH_MS = Number(process.env.RECTIFY_HEALTH_POLLER_MAX_AGE_MS || 5 * 60 * 1000);
const suffix = `@${os.hostname()}`;

async function main() {
  const connection = await Connection.connect({ address, connectTimeout: 3000 });
  try {
    for (const taskQueueType of [1, 2]) {
      // 1 = TASK_QUEUE_TYPE_WORKFLOW, 2 = TASK_QUEUE_TYPE_ACTIVITY
      const r = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType });
      for (const p of r.pollers ?? []) {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        if (p.identity?.endsWith(suffix) && Date.now() - seconds * 1000 < FRESH_MS) return true;
      }
    }
    return false;
  } finally {
    await connection.close();
  }
}

const timer = setTimeout(() => {
  process.stderr.write('worker health: timed out\n');
  process.exit(1);
}, Number(process.env.RECTIFY_HEALTH_TIMEOUT_MS || 8000));
timer.unref();
main().then(
  (ok) => {
    if (!ok) process.stderr.write(`worker health: no recent poller ${suffix} on task queue ${taskQueue}\n`);
    process.exit(ok ? 0 : 1);
  },
  (err) => {
    process.stderr.write(`worker health: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
