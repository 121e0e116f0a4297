/**
 * An ilp-connector rate backend with the topology's fixed rates and no spread. ilp-connector loads it by
 * path (config `backend`) and constructs it with `backendConfig` ({ rates }) and a way to look up accounts.
 *
 * The rate it returns multiplies an incoming amount into an outgoing one, asset scales included:
 *   rate(source, destination) = rates[source.code] / rates[destination.code] * 10^(destination.scale - source.scale)
 * ilp-connector then floors amount * rate. It wants a JavaScript number, so the exact ratio is rounded to
 * 15 significant digits (what ilp-connector's own one-to-one backend does) to drop binary fractions such as
 * 0.8999999999999999.
 */
export interface AccountLookup {
  getInfo(accountId: string): { assetCode: string; assetScale: number } | undefined;
}

export default class FixedRateBackend {
  private readonly rates: Readonly<Record<string, number>>;
  private readonly lookup: AccountLookup['getInfo'];

  constructor(options: { rates?: Readonly<Record<string, string>> }, api: AccountLookup) {
    const parsed: Record<string, number> = {};
    for (const [code, text] of Object.entries(options.rates ?? {})) {
      if (code === 'description') continue;
      const value = Number(text);
      if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new Error(`fixed-rate backend: rate for ${code} must be a positive decimal, not ${JSON.stringify(text)}`);
      parsed[code] = value;
    }
    this.rates = parsed;
    this.lookup = (id) => api.getInfo(id);
  }

  async connect(): Promise<void> {
    // static rates: nothing to fetch
  }

  async getRate(sourceAccount: string, destinationAccount: string): Promise<number> {
    const source = this.account(sourceAccount);
    const destination = this.account(destinationAccount);
    const ratio = (this.rateOf(source.assetCode) / this.rateOf(destination.assetCode)) * 10 ** (destination.assetScale - source.assetScale);
    return Number(ratio.toPrecision(15));
  }

  async submitPayment(): Promise<void> {
    // no statistics kept
  }

  private account(id: string): { assetCode: string; assetScale: number } {
    const info = this.lookup(id);
    if (!info) throw new Error(`fixed-rate backend: no account ${id}`);
    return info;
  }

  private rateOf(code: string): number {
    const rate = this.rates[code];
    if (rate === undefined) throw new Error(`fixed-rate backend: no rate for asset ${code}`);
    return rate;
  }
}
