import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  cidr,
  contains,
  firstFree,
  formatCidr,
  formatIp,
  overlaps,
  parseCidr,
  parseIp,
  prefixFor,
} from '../src/core/cidr.js';

describe('IPv4 prefixes', () => {
  it('parses and formats addresses above 2^31 without going negative', () => {
    assert.equal(parseIp('192.168.0.1'), 3232235521);
    assert.equal(formatIp(3232235521), '192.168.0.1');
    assert.equal(formatCidr(cidr('255.255.255.0/24')), '255.255.255.0/24');
  });

  it('accepts exactly the four-part decimal addresses ipaddr.js does (property)', () => {
    const reference = (text: string) =>
      ipaddr.IPv4.isValidFourPartDecimal(text)
        ? ipaddr.IPv4.parse(text)
            .toByteArray()
            .reduce((acc, byte) => acc * 256 + byte, 0)
        : undefined;
    const part = fc.oneof(
      fc.nat({ max: 300 }).map(String),
      fc.constantFrom('00', '01', '0x1', '256', '999999999999', '', ' 1', '1 ', '-1', '+1', '1e1', '٣'),
    );
    const text = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(text, (t) => assert.equal(parseIp(t), reference(t), t)),
      { numRuns: 5000 },
    );
  });

  it('refuses malformed addresses and prefixes', () => {
    for (const text of ['10.0.0/16', '10.0.0.256/24', '010.0.0.0/8', '10.0.0.0/33', '10.0.0.0', 'ten/8']) {
      assert.equal(parseCidr(text).ok, false, text);
    }
  });

  it('refuses host bits and names the network it meant', () => {
    const parsed = parseCidr('10.240.0.1/16');
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.reason, /the network is 10\.240\.0\.0\/16/);
  });

  it('tells containment and overlap apart', () => {
    const space = cidr('10.240.0.0/16');
    assert.ok(contains(space, cidr('10.240.5.0/24')));
    assert.ok(!contains(space, cidr('10.241.0.0/24')));
    assert.ok(overlaps(cidr('10.0.0.0/8'), cidr('10.240.0.0/16')));
    assert.ok(!overlaps(cidr('10.240.0.0/24'), cidr('10.240.1.0/24')));
  });

  it('sizes blocks: a /24 holds 256, 257 addresses need a /23', () => {
    assert.equal(prefixFor(256), 24);
    assert.equal(prefixFor(257), 23);
    assert.equal(prefixFor(1), 32);
  });

  it('finds the first aligned free block', () => {
    const space = cidr('10.240.0.0/16');
    const taken = [cidr('10.240.0.0/22'), cidr('10.240.4.0/28')];
    assert.equal(formatCidr(firstFree(space, taken, 28)!), '10.240.4.16/28');
    assert.equal(formatCidr(firstFree(space, taken, 24)!), '10.240.5.0/24');
    assert.equal(firstFree(cidr('10.0.0.0/24'), [cidr('10.0.0.0/25')], 24), undefined);
  });

  it('never returns a block outside the space or over a taken one (property)', () => {
    const block = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 30 }))
      .map(([address, prefix]) => ({
        base: Math.floor(address / 2 ** (32 - prefix)) * 2 ** (32 - prefix),
        prefix,
      }));
    fc.assert(
      fc.property(
        block,
        fc.array(block, { maxLength: 8 }),
        fc.integer({ min: 8, max: 30 }),
        (space, taken, prefix) => {
          const found = firstFree(space, taken, prefix);
          if (!found) return;
          assert.ok(contains(space, found));
          assert.equal(found.prefix, prefix);
          assert.ok(taken.every((t) => !overlaps(t, found)));
        },
      ),
    );
  });
});
