/** Summarises a V8 CPU profile (`node --cpu-prof`): where the service's own time goes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the busy (non-idle) time. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  busyMs: number;
  idlePercent: number;
  top: ProfileEntry[];
  byArea: { area: string; selfMs: number; percent: number }[];
  /** Checkout+return per second while profiling (the profiler slows the service a little). */
  underLoad?: number;
  /** The load profiled: the HTTP desks (also when absent, before round 11) or the SIP2 machines. */
  load?: 'desks' | 'machines';
}

const ROOT = path.resolve(import.meta.dirname, '..');

function shortUrl(url: string): string {
  if (!url) return '';
  let p = url.replace(/^file:\/\//, '');
  if (p.startsWith(ROOT)) p = path.relative(ROOT, p);
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) p = p.slice(nm + 'node_modules/'.length);
  return p;
}

/** Which part of the stack a function belongs to: a package, the service's code, Node, V8. */
export function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8 garbage collector';
    if (functionName === '(program)') return 'V8/native (program)';
    if (functionName === '(idle)') return 'idle';
    return 'native';
  }
  if (url.startsWith('node:')) return 'Node.js core';
  const p = shortUrl(url);
  if (url.includes('node_modules/')) {
    const parts = p.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = p.split('/');
  if (parts[0] === 'src' || parts[0] === 'dist')
    return parts.length > 2
      ? `src/${parts[1]}${parts[1] === 'modules' || parts[1] === 'platform' ? `/${parts[2]}` : ''}`
      : 'src';
  return parts[0] ?? p;
}

/**
 * Self time per function and per area. With `window` (monotonic µs, as V8 stamps samples), only
 * the samples inside it count: the process's start-up (module loading) is left out.
 */
export function summariseProfile(
  file: string,
  window?: [number, number],
  topCount = 15,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window[0] || at > window[1])) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const byFunction = new Map<string, ProfileEntry>();
  const byArea = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const ms = micros / 1000;
    total += ms;
    const area = areaOf(node);
    if (area === 'idle') {
      idle += ms;
      continue;
    }
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}|${where}`;
    const entry = byFunction.get(key) ?? {
      name: functionName || '(anonymous)',
      where,
      selfMs: 0,
      percent: 0,
    };
    entry.selfMs += ms;
    byFunction.set(key, entry);
  }
  const busy = total - idle;
  const pct = (ms: number) => Math.round((1000 * ms) / Math.max(busy, 1e-9)) / 10;
  const top = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topCount)
    .map((e) => ({ ...e, selfMs: Math.round(e.selfMs), percent: pct(e.selfMs) }));
  return {
    file: path.relative(ROOT, file),
    totalMs: Math.round(total),
    busyMs: Math.round(busy),
    idlePercent: Math.round((1000 * idle) / Math.max(total, 1e-9)) / 10,
    top,
    byArea: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([area, ms]) => ({ area, selfMs: Math.round(ms), percent: pct(ms) })),
  };
}
