import { describe, expect, it } from 'vitest';
import { addressAllowed, canonicalCidr, parseAddressList } from './allowed-addresses.js';

describe('allowed source addresses', () => {
  it('stores each entry as its network and prefix', () => {
    expect(canonicalCidr(' 192.168.1.7/24 ')).toBe('192.168.1.0/24');
    expect(canonicalCidr('10.0.0.5')).toBe('10.0.0.5/32');
    expect(canonicalCidr('2001:DB8::1/32')).toBe('2001:db8::/32');
    expect(canonicalCidr('::1')).toBe('::1/128');
    for (const bad of ['', '10.1', '10.0.0.0/33', '::/129', 'fe80::1%eth0', 'a.b.c.d', '1/2/3']) {
      expect(canonicalCidr(bad), bad).toBeNull();
    }
    expect(parseAddressList(['10.0.0.1', '10.0.0.1/32'])).toEqual({
      ok: true,
      cidrs: ['10.0.0.1/32'],
    });
    expect(parseAddressList(['10.0.0.1', 'nope'])).toEqual({ ok: false, entry: 'nope' });
  });

  it('matches IPv4, IPv6 and IPv4 seen by a dual-stack listener; empty allows any', () => {
    expect(addressAllowed([], '203.0.113.9')).toBe(true);
    expect(addressAllowed(['10.20.0.0/16'], '10.20.3.4')).toBe(true);
    expect(addressAllowed(['10.20.0.0/16'], '10.21.3.4')).toBe(false);
    expect(addressAllowed(['127.0.0.1/32'], '::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowed(['2001:db8::/32'], '2001:db8:1::7')).toBe(true);
    expect(addressAllowed(['2001:db8::/32'], '::1')).toBe(false);
    expect(addressAllowed(['127.0.0.0/8'], '::1')).toBe(false);
    expect(addressAllowed(['127.0.0.0/8'], undefined)).toBe(false);
  });
});
