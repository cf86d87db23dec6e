// Waiting for an idle machine before a start-up is timed. A browser just
// launched spends its first seconds starting its own pages and processes on
// the same two cores: a page opened at once took 1.2-1.9 s to its first
// frame here, the same page opened once the browser had settled 0.8-1.0 s.
import { readFileSync } from 'node:fs';

// Idle and total CPU time of the whole machine so far (/proc/stat, jiffies).
function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + (fields[4] || 0), total: fields.reduce((a, b) => a + b, 0) };
}

// Resolves once the CPUs were busy less than `busy` of a `windowMs` window
// (or after `limitMs`), with the time it waited.
export async function waitForIdleCpu({ busy = 0.15, windowMs = 250, limitMs = 15000 } = {}) {
  const start = Date.now();
  let prev = cpuTimes();
  while (Date.now() - start < limitMs) {
    await new Promise((ok) => setTimeout(ok, windowMs));
    const now = cpuTimes();
    const used = 1 - (now.idle - prev.idle) / Math.max(1, now.total - prev.total);
    prev = now;
    if (used < busy) break;
  }
  return Date.now() - start;
}
