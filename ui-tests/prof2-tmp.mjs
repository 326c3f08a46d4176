import { fixture, launchBrowser, openPage, startServer, waitForTrainStatus } from './lib/harness.mjs';
const s = await startServer('train-24-done'); const b = await launchBrowser();
const p = await openPage(b, s.url); await waitForTrainStatus(p, 'succeeded');
await p.evaluate(async ({a, n}) => {
  const { createTrainView } = await import('./train-view.js');
  window.__d1 = JSON.parse(a); window.__d2 = JSON.parse(n);
  const host = document.createElement('div'); document.body.append(host);
  window.__v = createTrainView(host); window.__v.apply(window.__d1);
}, {a: JSON.stringify(fixture('train-500')), n: JSON.stringify(fixture('train-500-next'))});
const c = await p.context().newCDPSession(p);
await c.send('Profiler.enable'); await c.send('Profiler.setSamplingInterval', {interval: 100});
await c.send('Profiler.start');
const t = await p.evaluate(async () => { const { createTrainView } = await import('./train-view.js'); const r=[]; for (let i=0;i<6;i++){ const h=document.createElement('div'); document.body.append(h); const v=createTrainView(h); const t0=performance.now(); v.apply(window.__d1); r.push(performance.now()-t0); h.remove();} const a=JSON.stringify(window.__d2); for (let i=0;i<6;i++){const t0=performance.now(); JSON.parse(a); r.push(performance.now()-t0);} return r; });
const { profile } = await c.send('Profiler.stop');
console.log(t.map(x=>x.toFixed(1)).join(' '));
const self = new Map(); const byId = new Map(profile.nodes.map(n=>[n.id,n]));
const dt = profile.timeDeltas; profile.samples.forEach((id,i)=>{ const n=byId.get(id); const k=`${n.callFrame.functionName||'(anon)'}:${n.callFrame.lineNumber}`; self.set(k,(self.get(k)||0)+(dt[i]||0)/1000);});
console.log([...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,15));
await b.close(); await s.stop();
