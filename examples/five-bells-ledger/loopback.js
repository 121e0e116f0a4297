// Preloaded into five-bells-ledger (node -r ./loopback.js): every server it starts listens on 127.0.0.1 only.
// five-bells-ledger 21.2.5 binds all interfaces whatever LEDGER_BIND_IP says; this rewrites the host of each
// listen() call, and nothing else, so the ledger's own code answers every request.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  if (typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    args = [Number(args[0]), '127.0.0.1', ...(callback ? [callback] : [])];
  }
  return listen.apply(this, args);
};
