// Preloaded into the Testing Toolkit (node -r ./loopback.js): every server it opens listens on 127.0.0.1 only,
// and its admin API, whose port 5050 is fixed in its src/index.js, moves to TTK_ADMIN_PORT. ml-testing-toolkit
// 18.13.0 gives hapi no host (so it binds all interfaces) and calls http.listen(5050) for the admin API; this
// rewrites the host (and that one port) of each listen() call, and nothing else.
'use strict';
const net = require('node:net');
const adminPort = Number(process.env.TTK_ADMIN_PORT);
const TTK_FIXED_ADMIN_PORT = 5050;
const listen = net.Server.prototype.listen;
const port = (p) => (Number(p) === TTK_FIXED_ADMIN_PORT && adminPort > 0 ? adminPort : Number(p));
net.Server.prototype.listen = function loopbackListen(...args) {
  if (typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])) {
    args[0] = { ...args[0], host: '127.0.0.1', ...(args[0].port !== undefined ? { port: port(args[0].port) } : {}) };
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    args = [port(args[0]), '127.0.0.1', ...(callback ? [callback] : [])];
  }
  return listen.apply(this, args);
};
