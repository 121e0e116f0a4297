import type { IlpRule } from '../context';
import { UnreachableError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface NetworkSplitOptions extends WithFaults {
  readonly network: 'test' | 'live';
}

// The bundled topology puts the reference on a test network, so no scenario runs the live branch;
// network-split.test.ts does.
// Stryker disable next-line all: the live network's list, see above
const TEST_SCHEMES = ['test', 'test1', 'test2', 'test3'];

/**
 * Keeps the test network and the live network apart (RFC 34 Special Addresses, ROUTE-005): a connector on
 * a test network refuses every destination under `g.`; one on the live network refuses every destination
 * under `test.`, `test1.`, `test2.`, `test3.`. Both answer F02, whatever the routing table says.
 *
 * Position: after peer-protocol, before route, so a static route cannot leak packets across the split.
 * Does not: look up routes (route does) or judge other schemes (private., example., local. are routed).
 */
export function createNetworkSplitRule(opts: NetworkSplitOptions): IlpRule {
  const refused = opts.network === 'test' ? ['g'] : TEST_SCHEMES;
  return {
    name: 'network-split',
    async handle(ctx, next) {
      // FAULT ignore-network-split: no split.
      if (opts.faults?.has('ignore-network-split')) return next(ctx);
      const destination = ctx.prepare.destination;
      const scheme = destination.split('.', 1)[0]!;
      if (refused.includes(scheme)) {
        throw new UnreachableError(`a ${opts.network} network does not carry ${scheme}. destinations`, { destination });
      }
      return next(ctx);
    },
  };
}
