// Preloaded into the CLI and the language server by the security tests (node --require): every
// way out of the process (network, DNS, child processes, code compiled at run time, modules loaded
// from the workspace) is wrapped so that a use is written to TRAP_REPORT, one JSON line each, and
// refused. The tests then assert the report is empty.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const report = process.env.TRAP_REPORT;
const workspace = process.env.TRAP_WORKSPACE ? path.resolve(process.env.TRAP_WORKSPACE) : undefined;

function record(what, detail) {
  if (report) fs.appendFileSync(report, `${JSON.stringify({ what, detail: String(detail ?? '').slice(0, 200), pid: process.pid })}\n`);
}

function trap(object, name, label) {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function trapped(...args) {
    record(label, typeof args[0] === 'object' ? JSON.stringify(args[0]) : args[0]);
    throw new Error(`${label} is not allowed here`);
  };
  Object.defineProperty(object[name], 'name', { value: original.name });
}

const net = require('node:net');
for (const n of ['connect', 'createConnection', 'createServer']) trap(net, n, `net.${n}`);
trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
for (const m of ['http', 'https']) {
  const mod = require(`node:${m}`);
  for (const n of ['request', 'get', 'createServer']) trap(mod, n, `${m}.${n}`);
}
trap(require('node:http2'), 'connect', 'http2.connect');
trap(require('node:tls'), 'connect', 'tls.connect');
trap(require('node:dgram'), 'createSocket', 'dgram.createSocket');
const dns = require('node:dns');
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) trap(dns, n, `dns.${n}`);
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) trap(dns.promises, n, `dns.promises.${n}`);
const cp = require('node:child_process');
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(cp, n, `child_process.${n}`);
const vm = require('node:vm');
for (const n of ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']) trap(vm, n, `vm.${n}`);
if (typeof globalThis.fetch === 'function') trap(globalThis, 'fetch', 'fetch');
// text compiled as code: a bundled `eval(…)` resolves to this global (Emscripten glue has some)
trap(globalThis, 'eval', 'eval');
trap(require('node:worker_threads'), 'Worker', 'worker_threads.Worker');

// modules loaded from the workspace
const load = Module._load;
Module._load = function trappedLoad(request, parent, isMain) {
  if (workspace) {
    let resolved;
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      resolved = undefined;
    }
    if (resolved && path.isAbsolute(resolved) && resolved.startsWith(workspace + path.sep)) {
      record('require from the workspace', resolved);
      throw new Error('loading code from the workspace is not allowed here');
    }
  }
  return load.apply(this, arguments);
};
