/**
 * Payment pointers (RFC 26, now paymentpointers.org; catalog SPSP-013, SPSP-014): `$host/path` resolves to
 * `https://host/path`, and to `https://host/.well-known/pay` when the path is empty or `/`. Only a host is
 * allowed where a URL has an authority: a port, userinfo, query or fragment makes the pointer invalid, and it
 * is never resolved. Returns the URL or the reason, never throws.
 */
export type PointerResolution = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

export function resolvePaymentPointer(pointer: string): PointerResolution {
  if (!pointer.startsWith('$')) return { ok: false, reason: 'a payment pointer starts with "$"' };
  const rest = pointer.slice(1);
  if (/[?#]/.test(rest)) return { ok: false, reason: 'a payment pointer has no query or fragment' };
  const slash = rest.indexOf('/');
  const host = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  if (host.includes('@')) return { ok: false, reason: 'a payment pointer has no userinfo' };
  if (host.includes(':')) return { ok: false, reason: 'a payment pointer has no port' };
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) return { ok: false, reason: `"${host}" is not a host name` };
  if (/\/\//.test(path) || /\s/.test(path)) return { ok: false, reason: `"${path}" is not a URL path` };
  return { ok: true, url: `https://${host}${path === '' || path === '/' ? '/.well-known/pay' : path}` };
}
