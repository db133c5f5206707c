import ipaddr from 'ipaddr.js';

/**
 * Lists of allowed source addresses (a self-check terminal's): IPv4 and IPv6 addresses and CIDR
 * ranges, parsed and matched with ipaddr.js. An empty list allows any address.
 */

/** The most entries one list may hold. */
export const MAX_ALLOWED_ADDRESSES = 64;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // A zone (`fe80::1%eth0`) names an interface of this host, not a network: refused.
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text);
  }
  return null;
}

/**
 * `10.1.2.3/16` → `10.1.0.0/16`, `192.0.2.7` → `192.0.2.7/32`, `2001:DB8::1/32` → `2001:db8::/32`:
 * the network address and its prefix length, or null when the entry is neither an address nor a
 * CIDR range.
 */
export function canonicalCidr(entry: string): string | null {
  const [text = '', bits, ...rest] = entry.trim().split('/');
  const address = parseAddress(text);
  if (!address || rest.length > 0) return null;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return `${network.toString()}/${prefix}`;
}

export type AddressListCheck = { ok: true; cidrs: string[] } | { ok: false; entry: string };

/** Every entry canonical and once, in the order given; the first bad entry otherwise. */
export function parseAddressList(entries: readonly string[]): AddressListCheck {
  const cidrs: string[] = [];
  for (const entry of entries) {
    const cidr = canonicalCidr(entry);
    if (cidr === null) return { ok: false, entry };
    if (!cidrs.includes(cidr)) cidrs.push(cidr);
  }
  return { ok: true, cidrs };
}

/**
 * Whether a connection's source address is in the list (an empty list allows any address). An
 * IPv4 client seen by a dual-stack listener as `::ffff:192.0.2.7` matches IPv4 ranges.
 */
export function addressAllowed(cidrs: readonly string[], source: string | undefined): boolean {
  if (cidrs.length === 0) return true;
  if (source === undefined || !ipaddr.isValid(source)) return false;
  const raw = ipaddr.parse(source);
  const candidates: Address[] = [raw, ipaddr.process(source)];
  return cidrs.some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return candidates.some(
      (address) => address.kind() === range[0].kind() && address.match(range as never),
    );
  });
}
