/**
 * contracts/fspiop: what a Mojaloop participant and the harness agree on about the ILP fields of the FSPIOP
 * API v1.1 (ilpPacket, condition, fulfilment): their formats, how a Payee FSP builds them, and how a
 * transfer must match its quote. Pure functions returning checks named by catalog ID (ML-*); no I/O.
 */
export * from './checks';
export * from './binary-strings';
export * from './ilp-packet-field';
export * from './payment-request';
export * from './transfer-consistency';
export * from './quote-callback';
export * from './dialect';
export * from './headers';
export * from './currency-scale';
export * from './messages';
export * from './iso20022';
