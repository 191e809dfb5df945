/** Reads a V8 .cpuprofile: self time per function and per package, the heaviest first. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame comes from: a package, our own folder, or Node itself. */
export function origin(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src\/[^/]+|tools\/[^/]+|test\/[^/]+)/.exec(url);
  if (own) return own[1]!;
  return url.startsWith('node:') ? 'node' : url.replace(/^.*\//, '');
}

const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${origin(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** Time spent in each function and everything it called; a function on the stack twice counts once. */
function inclusiveTimes(profile: CpuProfile, selfUs: Map<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!;
    const key = keyOf(n);
    let us = selfUs.get(id) ?? 0;
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const c of n.children ?? []) us += walk(c, onStack);
    if (fresh) {
      onStack.delete(key);
      if (!/^\((root|program|idle|garbage collector)\)/.test(key)) out.set(key, (out.get(key) ?? 0) + us);
    }
    return us;
  };
  walk(profile.nodes[0]!.id, new Set());
  return out;
}

export function summariseProfile(profile: CpuProfile, top = 20): string {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const n of profile.nodes) {
    const us = selfUs.get(n.id) ?? 0;
    total += us;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') idle += us;
    const key = `${name} ${origin(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    if (name !== '(idle)') byOrigin.set(origin(n.callFrame.url), (byOrigin.get(origin(n.callFrame.url)) ?? 0) + us);
  }
  const inclusive = inclusiveTimes(profile, selfUs);
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / Math.max(busy, 1)).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  return [`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms (percentages of busy time)`, '-- by package/folder', ...rows(byOrigin), '-- by function (self)', ...rows(byFn), '-- by function (inclusive)', ...rows(inclusive)].join('\n');
}

/** A V8 sampling heap profile (.heapprofile): a call tree whose nodes carry the bytes allocated right there. */
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: HeapNode[];
}

/** Bytes by allocating function, and the heaviest allocation sites with the few callers above them. */
export function summariseHeapProfile(profile: { head: HeapNode }, top = 20): string {
  const byFn = new Map<string, number>();
  const sites: { bytes: number; stack: string[] }[] = [];
  let total = 0;
  const walk = (n: HeapNode, stack: string[]) => {
    const frame = `${n.callFrame.functionName || '(anonymous)'} ${origin(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    const here = [frame, ...stack];
    if (n.selfSize > 0) {
      total += n.selfSize;
      byFn.set(frame, (byFn.get(frame) ?? 0) + n.selfSize);
      sites.push({ bytes: n.selfSize, stack: here.slice(0, 8) });
    }
    for (const c of n.children ?? []) walk(c, here);
  };
  walk(profile.head, []);
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const lines = [`sampled ${kb(total)}`, 'by allocating function:'];
  for (const [fn, b] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${kb(b).padStart(10)}  ${fn}`);
  lines.push('heaviest sites (allocating frame first, then its callers):');
  for (const s of sites.sort((a, b) => b.bytes - a.bytes).slice(0, Math.ceil(top / 2))) lines.push(`  ${kb(s.bytes)}: ${s.stack.join(' < ')}`);
  return lines.join('\n');
}
