/**
 * contracts/fspiop/iso20022.ts: round trips for every resource, the POST /transfers example of the Mojaloop
 * ISO 20022 FSPIOP API definition (pacs.008.001.13), and a named Iso20022Error for each kind of bad body.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encodeIlpV1Payment, encodePrepare, conditionOf } from '../../lib/codec';
import { fromIso20022, iso20022ContentType, Iso20022Error, iso20022Problems, newUlid, toIso20022, type Iso20022Resource, type JsonObject } from './iso20022';

const fulfilment = randomBytes(32);
const condition = conditionOf(fulfilment);
const prepare = encodePrepare({
  amount: 108000n, expiresAt: new Date('2024-11-04T12:58:45.810Z'), executionCondition: condition,
  destination: 'g.mojaloop.payee-dfsp', data: Buffer.from('{"transactionId":"01JBVM13SQYP507JB1DYBZVCMF"}'),
});
const ilpPacket = Buffer.from(prepare).toString('base64url');
const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const header = { messageId: '01JBVM1D2MR6D4WBWWYY3ZHGMM', createdAt: '2024-11-04T12:57:45.812Z' };
const quoteId = '01JBVM13SQYP507JB1DYBZVCMF';

const bodies: Record<Iso20022Resource, JsonObject> = {
  'quotes.post': {
    quoteId: '01JBVM13SQYP507JB1DYBZVCMF', transactionId: '01JBVM13SQYP507JB1DYBZVCMG', transactionRequestId: '01JBVM13SQYP507JB1DYBZVCMH',
    payee: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '16665551002', fspId: 'payee-dfsp' } },
    payer: { partyIdInfo: { partyIdType: 'BUSINESS', partyIdentifier: 'acme', fspId: 'payer-dfsp' } },
    amountType: 'RECEIVE', amount: { currency: 'MWK', amount: '1080' }, transactionType: { scenario: 'TRANSFER' }, expiration: '2024-11-04T12:58:45.810Z',
  },
  'quotes.put': {
    transferAmount: { currency: 'MWK', amount: '1080' }, payeeReceiveAmount: { currency: 'MWK', amount: '1080' },
    payeeFspFee: { currency: 'MWK', amount: '0' }, expiration: '2024-11-04T12:58:45.810Z', ilpPacket, condition: b64url(condition),
  },
  'transfers.post': {
    transferId: '01JBVM13SQYP507JB1DYBZVCMF', payeeFsp: 'payee-dfsp', payerFsp: 'payer-dfsp', amount: { currency: 'MWK', amount: '1080' },
    ilpPacket, condition: b64url(condition), expiration: '2024-11-04T12:58:45.810Z',
  },
  'transfers.put': { fulfilment: b64url(fulfilment), completedTimestamp: '2024-11-04T12:57:46.100Z', transferState: 'COMMITTED' },
  'error.put': { errorInformation: { errorCode: '5105', errorDescription: 'Payee transaction limit reached' } },
};

const refuses = (fn: () => unknown, problem: string, field: string) =>
  assert.throws(fn, (e) => e instanceof Iso20022Error && e.problem === problem && e.field === field && e.message.includes(field));

describe('FSPIOP ISO 20022 mode bodies', () => {
  for (const [resource, body] of Object.entries(bodies) as [Iso20022Resource, JsonObject][]) {
    test(`${resource}: FSPIOP -> ISO 20022 -> FSPIOP gives the body back`, () => {
      const iso = toIso20022(resource, body, { ...header, id: quoteId, quote: bodies['quotes.post'] });
      assert.equal((iso.GrpHdr as JsonObject).MsgId, header.messageId);
      assert.deepEqual(fromIso20022(resource, iso), body);
      assert.deepEqual(iso20022Problems(resource, iso), [], 'the body has every field the ISO 20022 definition requires');
    });
  }

  test('the ILP fields sit where the ISO 20022 mode puts them', () => {
    const post = toIso20022('transfers.post', bodies['transfers.post'], header) as any;
    assert.equal(post.CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket, ilpPacket);
    assert.equal(post.GrpHdr.PmtInstrXpryDtTm, '2024-11-04T12:58:45.810Z');
    assert.deepEqual(post.GrpHdr.SttlmInf, { SttlmMtd: 'CLRG' });
    const withoutPacket = JSON.stringify({ ...post, CdtTrfTxInf: { ...post.CdtTrfTxInf, VrfctnOfTerms: {} } });
    assert.equal(withoutPacket.includes(b64url(condition)), false, 'no condition field: the Prepare carries it');
    const put = toIso20022('transfers.put', bodies['transfers.put'], header) as any;
    assert.deepEqual(put.TxInfAndSts, { ExctnConf: b64url(fulfilment), PrcgDt: { DtTm: '2024-11-04T12:57:46.100Z' }, TxSts: 'COMM' });
    const quote = toIso20022('quotes.post', bodies['quotes.post'], header) as any;
    assert.deepEqual(quote.CdtTrfTxInf.Cdtr.Id.PrvtId.Othr, { SchmeNm: { Prtry: 'MSISDN' }, Id: '16665551002' });
    assert.deepEqual(quote.CdtTrfTxInf.Dbtr.Id.OrgId.Othr, { SchmeNm: { Prtry: 'BUSINESS' }, Id: 'acme' });
    assert.equal((toIso20022('quotes.put', bodies['quotes.put'], { ...header, id: 'Q1', source: 'payee-dfsp', destination: 'payer-dfsp' }) as any).CdtTrfTxInf.PmtId.TxId, 'Q1');
    assert.equal(quote.CdtTrfTxInf.ChrgBr, 'DEBT', 'RECEIVE: the debtor bears the charges');
    assert.equal((toIso20022('quotes.post', { ...bodies['quotes.post'], amountType: 'SEND' }, header) as any).CdtTrfTxInf.ChrgBr, 'CRED');
    assert.equal(fromIso20022('quotes.post', { ...quote, CdtTrfTxInf: { ...quote.CdtTrfTxInf, ChrgBr: 'SHAR' } }).amountType, 'SEND');
  });

  test('PUT /quotes and POST /transfers take Cdtr, Dbtr and ChrgBr from the payment\'s quote, else name the FSPs', () => {
    const withQuote = toIso20022('quotes.put', bodies['quotes.put'], { ...header, id: quoteId, quote: bodies['quotes.post'] }) as any;
    assert.deepEqual(withQuote.CdtTrfTxInf.Cdtr.Id.PrvtId.Othr, { SchmeNm: { Prtry: 'MSISDN' }, Id: '16665551002' });
    assert.equal(withQuote.CdtTrfTxInf.CdtrAgt.FinInstnId.Othr.Id, 'payee-dfsp');
    assert.equal(withQuote.CdtTrfTxInf.ChrgBr, 'DEBT');
    const bare = toIso20022('quotes.put', bodies['quotes.put'], { ...header, id: quoteId, source: 'payee-dfsp', destination: 'payer-dfsp' }) as any;
    assert.deepEqual(bare.CdtTrfTxInf.Cdtr, { Id: { OrgId: { Othr: { Id: 'payee-dfsp' } } } });
    assert.deepEqual(bare.CdtTrfTxInf.Dbtr, { Id: { OrgId: { Othr: { Id: 'payer-dfsp' } } } });
    assert.equal(bare.CdtTrfTxInf.ChrgBr, 'SHAR');
    assert.deepEqual(iso20022Problems('quotes.put', bare), []);
    const transfer = toIso20022('transfers.post', bodies['transfers.post'], header) as any;
    assert.deepEqual(transfer.CdtTrfTxInf.Dbtr, { Id: { OrgId: { Othr: { Id: 'payer-dfsp' } } } });
    refuses(() => toIso20022('quotes.put', bodies['quotes.put'], { ...header, id: quoteId }), 'missing-field', 'options.quote');
    refuses(() => toIso20022('quotes.put', bodies['quotes.put'], { ...header, source: 'a', destination: 'b' }), 'missing-field', 'options.id');
  });

  test('iso20022Problems names what breaks the definition: a v1.1 body, a UUID TxId, a bad ChrgBr, amount or ExctnConf', () => {
    assert.deepEqual(iso20022Problems('transfers.put', bodies['transfers.put']), ['GrpHdr.MsgId is required', 'GrpHdr.CreDtTm is required', 'TxInfAndSts.TxSts is required']);
    const post = toIso20022('transfers.post', bodies['transfers.post'], header) as any;
    const broken = { ...post, CdtTrfTxInf: { ...post.CdtTrfTxInf, PmtId: { TxId: '7c23e80c-d078-4077-8263-2c047876fcf6' }, ChrgBr: 'BOTH', IntrBkSttlmAmt: { Ccy: 'MWK', ActiveCurrencyAndAmount: 1080 } } };
    assert.deepEqual(iso20022Problems('transfers.post', broken), [
      'CdtTrfTxInf.PmtId.TxId "7c23e80c-d078-4077-8263-2c047876fcf6" is not a ULID',
      'CdtTrfTxInf.ChrgBr "BOTH" is not one of DEBT, CRED, SHAR',
      'CdtTrfTxInf.IntrBkSttlmAmt.ActiveCurrencyAndAmount 1080 is not an amount string',
    ]);
    const put = toIso20022('transfers.put', { ...bodies['transfers.put'], fulfilment: `${b64url(fulfilment)}=` }, header);
    assert.deepEqual(iso20022Problems('transfers.put', put), ['TxInfAndSts.ExctnConf is not 43 base64url characters']);
    assert.deepEqual(iso20022Problems('error.put', []), ['the body is not a JSON object']);
  });

  test('newUlid makes ULIDs (26 Crockford base32 characters, time first)', () => {
    const a = newUlid(1_730_725_065_812, new Uint8Array(10));
    assert.match(a, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(a.slice(0, 10), '01JBVM1D2M', 'the time part of the definition\'s example MsgId 01JBVM1D2MR6D4WBWWYY3ZHGMM (2024-11-04T12:57:45.812Z)');
    assert.ok(newUlid(1_730_725_065_813) > a);
  });

  test('the POST /transfers example of the ISO 20022 API definition reads as its FSPIOP body', () => {
    // The definition's example, with its elided packet ("DIICzQAAAAAAAaX...") replaced by a whole Prepare.
    const example = {
      GrpHdr: { MsgId: '01JBVM1D2MR6D4WBWWYY3ZHGMM', CreDtTm: '2024-11-04T12:57:45.812Z', NbOfTxs: '1', SttlmInf: { SttlmMtd: 'CLRG' }, PmtInstrXpryDtTm: '2024-11-04T12:58:45.810Z' },
      CdtTrfTxInf: {
        PmtId: { TxId: '01JBVM13SQYP507JB1DYBZVCMF' }, ChrgBr: 'CRED',
        Cdtr: { Id: { PrvtId: { Othr: { SchmeNm: { Prtry: 'MSISDN' }, Id: '16665551002' } } } },
        Dbtr: { Id: { PrvtId: { Othr: { SchmeNm: { Prtry: 'MSISDN' }, Id: '16135551001' } } }, Name: 'Joe Blogs' },
        CdtrAgt: { FinInstnId: { Othr: { Id: 'payee-dfsp' } } }, DbtrAgt: { FinInstnId: { Othr: { Id: 'payer-dfsp' } } },
        IntrBkSttlmAmt: { Ccy: 'MWK', ActiveCurrencyAndAmount: '1080' }, VrfctnOfTerms: { IlpV4PrepPacket: ilpPacket },
      },
    };
    assert.deepEqual(fromIso20022('transfers.post', example), bodies['transfers.post']);
    assert.deepEqual(iso20022Problems('transfers.post', example), [], 'the example has what the definition requires');
    // As printed, the packet is cut short: not a Prepare, so no condition can come of it.
    const elided = { ...example, CdtTrfTxInf: { ...example.CdtTrfTxInf, VrfctnOfTerms: { IlpV4PrepPacket: 'DIICzQAAAAAAAaX' } } };
    assert.throws(() => fromIso20022('transfers.post', elided), (e) => e instanceof Iso20022Error && e.problem === 'not-ilpv4' && /Truncated/.test(e.message));
  });

  test('a body missing a required field is refused with the field named, both ways', () => {
    const { ilpPacket: _p, ...noPacket } = bodies['transfers.post'];
    refuses(() => toIso20022('transfers.post', noPacket, header), 'missing-field', 'ilpPacket');
    const { payeeFsp: _f, ...noPayee } = bodies['transfers.post'];
    refuses(() => toIso20022('transfers.post', noPayee, header), 'missing-field', 'payeeFsp');
    refuses(() => toIso20022('quotes.post', { ...bodies['quotes.post'], payer: {} }, header), 'missing-field', 'payer.partyIdInfo.partyIdType');
    refuses(() => toIso20022('error.put', { errorInformation: { errorCode: '5105' } }, header), 'missing-field', 'errorInformation.errorDescription');
    const iso = toIso20022('quotes.put', bodies['quotes.put'], { ...header, id: quoteId, quote: bodies['quotes.post'] }) as any;
    delete iso.GrpHdr.PmtInstrXpryDtTm;
    refuses(() => fromIso20022('quotes.put', iso), 'missing-field', 'GrpHdr.PmtInstrXpryDtTm');
    refuses(() => fromIso20022('transfers.put', { GrpHdr: {}, TxInfAndSts: {} }), 'missing-field', 'TxInfAndSts.TxSts');
    refuses(() => fromIso20022('quotes.post', { CdtTrfTxInf: { PmtId: { TxId: 'a', EndToEndId: 'b' }, IntrBkSttlmAmt: { Ccy: 'X', ActiveCurrencyAndAmount: '1' } } }), 'missing-field', 'CdtTrfTxInf.Cdtr.Id.PrvtId.Othr');
    refuses(() => toIso20022('quotes.post', [], header), 'not-an-object', '(body)');
  });

  test('only ILPv4 is allowed, and the condition must be the Prepare\'s', () => {
    const v1 = Buffer.from(encodeIlpV1Payment({ amount: 108000n, account: 'g.payee-dfsp.msisdn.16665551002', data: Buffer.from('{}') })).toString('base64url');
    refuses(() => toIso20022('quotes.put', { ...bodies['quotes.put'], ilpPacket: v1 }, { ...header, id: quoteId, quote: bodies['quotes.post'] }), 'not-ilpv4', 'ilpPacket');
    refuses(() => toIso20022('transfers.post', { ...bodies['transfers.post'], condition: b64url(randomBytes(32)) }, header), 'condition-mismatch', 'condition');
    refuses(() => toIso20022('transfers.post', { ...bodies['transfers.post'], ilpPacket: 'not base64url!' }, header), 'not-ilpv4', 'ilpPacket');
  });

  test('transfer states outside the mapping and unknown resources are refused', () => {
    refuses(() => toIso20022('transfers.put', { transferState: 'PENDING' }, header), 'unknown-state', 'transferState');
    refuses(() => fromIso20022('transfers.put', { TxInfAndSts: { TxSts: 'ACSC' } }), 'unknown-state', 'TxInfAndSts.TxSts');
    refuses(() => toIso20022('parties.put' as Iso20022Resource, {}, header), 'unknown-resource', 'resource');
  });

  test('an error description is cut to the 105 characters ISO allows; defaults make a stable MsgId', () => {
    const long = { errorInformation: { errorCode: '3100', errorDescription: 'x'.repeat(200) } };
    const iso = toIso20022('error.put', long) as any;
    assert.equal(iso.TxInfAndSts.StsRsnInf.AddtlInf.length, 105);
    assert.equal(iso.GrpHdr.MsgId, (toIso20022('error.put', long) as any).GrpHdr.MsgId);
    assert.ok(!Number.isNaN(Date.parse(iso.GrpHdr.CreDtTm)));
    assert.equal(iso.GrpHdr.NbOfTxs, undefined, 'pacs.002 has no NbOfTxs');
  });

  test('content types name the ISO 20022 resource, version 2.0', () => {
    assert.equal(iso20022ContentType('quotes.post'), 'application/vnd.interoperability.iso20022.quotes+json;version=2.0');
    assert.equal(iso20022ContentType('transfers.put'), 'application/vnd.interoperability.iso20022.transfers+json;version=2.0');
    assert.equal(iso20022ContentType('error.put', 'quotes'), 'application/vnd.interoperability.iso20022.quotes+json;version=2.0');
    assert.equal(iso20022ContentType('error.put'), 'application/vnd.interoperability.iso20022.transfers+json;version=2.0');
  });
});
