#!/usr/bin/env node
// A codec adapter for ilp-packet (npm) speaking the ilp-conformance codec adapter protocol v1
// (lib/targets/codec-adapter-protocol.md): JSON lines in on stdin, out on stdout. The glue only translates between the
// protocol's JSON and ilp-packet's public API (deserializeIlp*, serializeIlpPacket), so every result is
// ilp-packet's own. ilp-packet has no lenient mode and no other public codec operations, so the adapter
// declares no optional capability. Its errors carry neither a kind nor a field nor an offset: every
// refusal is kind "other" with ilp-packet's message, and the harness compares only that it refused.
'use strict';
const { createInterface } = require('node:readline');
const ilp = require('ilp-packet');
const { version } = require('ilp-packet/package.json');

const hex = (buffer) => Buffer.from(buffer).toString('hex');
const bytes = (text) => Buffer.from(text, 'hex');
const iso = (date) => (Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString());

const DECODE = { prepare: ilp.deserializeIlpPrepare, fulfill: ilp.deserializeIlpFulfill, reject: ilp.deserializeIlpReject };
const TYPE_WORD = { [ilp.Type.TYPE_ILP_PREPARE]: 'prepare', [ilp.Type.TYPE_ILP_FULFILL]: 'fulfill', [ilp.Type.TYPE_ILP_REJECT]: 'reject' };
const TYPE_NUMBER = { prepare: ilp.Type.TYPE_ILP_PREPARE, fulfill: ilp.Type.TYPE_ILP_FULFILL, reject: ilp.Type.TYPE_ILP_REJECT };

function toWire(type, p) {
  if (type === 'prepare') {
    return { type, amount: String(p.amount), expiresAt: iso(p.expiresAt), executionCondition: hex(p.executionCondition), destination: p.destination, data: hex(p.data) };
  }
  if (type === 'fulfill') return { type, fulfillment: hex(p.fulfillment), data: hex(p.data) };
  return { type, code: p.code, triggeredBy: p.triggeredBy, message: p.message, data: hex(p.data) };
}

function fromWire(w) {
  if (w.type === 'prepare') {
    return { amount: w.amount, expiresAt: new Date(w.expiresAt), executionCondition: bytes(w.executionCondition), destination: w.destination, data: bytes(w.data) };
  }
  if (w.type === 'fulfill') return { fulfillment: bytes(w.fulfillment), data: bytes(w.data) };
  return { code: w.code, triggeredBy: w.triggeredBy, message: w.message, data: bytes(w.data) };
}

function decode({ hex: input, expect }) {
  if (expect !== 'any') return { packet: toWire(expect, DECODE[expect](bytes(input))) };
  const { type, data } = ilp.deserializeIlpPacket(bytes(input));
  return { packet: toWire(TYPE_WORD[type], data) };
}

function encode({ packet }) {
  return { hex: hex(ilp.serializeIlpPacket({ type: TYPE_NUMBER[packet.type], data: fromWire(packet) })) };
}

const ANSWERS = { decode, encode };

function answer(request) {
  const run = ANSWERS[request.cmd];
  if (!run) return { ok: false, refusal: { kind: 'other', message: `this adapter does not do ${request.cmd}` } };
  try {
    return { ok: true, result: run(request) };
  } catch (error) {
    return { ok: false, refusal: { kind: 'other', message: `ilp-packet: ${error && error.message ? error.message : String(error)}` } };
  }
}

const hello = {
  version: 1,
  implementation: { name: 'ilp-packet', language: 'javascript', version, homepage: 'https://github.com/interledgerjs/ilp-packet' },
  supports: { packets: ['prepare', 'fulfill', 'reject'], capabilities: [] },
};

createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  if (!line.trim()) return;
  const { id, ...request } = JSON.parse(line);
  process.stdout.write(`${JSON.stringify(request.cmd === 'start' ? hello : { id, ...answer(request) })}\n`);
});
