/**
 * Next hops that fail below HTTP (RFC 35 "Error Handling", HTTP-013): a peer whose port has nothing
 * listening, so the connector's connection attempt is refused. Behaviours of a listening endpoint (HTTP
 * 5xx, a dropped or reset connection) are `{http behaviour}`s in http-binding.steps.ts.
 */
import { Given } from '@cucumber/cucumber';
import type { IlpWorld } from './world';
import { connectorScenario } from './support/connector-scenario';

Given("{peer}'s endpoint refuses connections", async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const restore = await s.target.network.peerServer(peer).stopListening();
  s.script.transcript.note(`${peer} stops listening: a connection to its port is refused until the scenario ends`);
  this.defer(restore);
});
