/**
 * IPv4 prefixes as plain integers: the arithmetic behind the IP address plan,
 * the configuration checks, the design, the diagram and the network rules.
 * Addresses are unsigned 32-bit values held in ordinary numbers (never bitwise
 * operators, which would turn 10.0.0.0 and above into negatives).
 */

export interface Cidr {
  /** First address of the block, 0 … 2^32-1. */
  readonly base: number;
  /** Prefix length, 0 … 32. */
  readonly prefix: number;
}

const DOTTED_QUAD = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Parses dotted-quad IPv4 (no leading zeros, no shorthand): what ipaddr.js's
 * isValidFourPartDecimal accepts, without the exception it throws inside for
 * every text that is not an address.
 */
export function parseIp(text: string): number | undefined {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i += 1) {
    const octet = Number(match[i]);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIp(value: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return bytes.join('.');
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/**
 * Parses `a.b.c.d/n`. Host bits must be zero, as Azure requires of address
 * prefixes: `10.240.0.1/16` is refused with the prefix it should have been.
 */
export function parseCidr(text: string): CidrParse {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return { ok: false, reason: 'is not a CIDR prefix such as 10.240.0.0/16' };
  const [, address = '', prefixText = ''] = match;
  const base = parseIp(address);
  const prefix = Number(prefixText);
  if (base === undefined) return { ok: false, reason: `has an invalid IPv4 address "${address}"` };
  if (prefix > 32) return { ok: false, reason: 'has a prefix length above 32' };
  const network = alignDown(base, prefix);
  if (network !== base) {
    return {
      ok: false,
      reason: `has host bits set; the network is ${formatCidr({ base: network, prefix })}`,
    };
  }
  return { ok: true, cidr: { base, prefix } };
}

/** For values already validated by the config schema. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.reason}`);
  return parsed.cidr;
}

export function formatCidr(block: Cidr): string {
  return `${formatIp(block.base)}/${block.prefix}`;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function size(block: Cidr): number {
  return blockSize(block.prefix);
}

/** One past the last address. */
export function end(block: Cidr): number {
  return block.base + size(block);
}

export function alignDown(address: number, prefix: number): number {
  const step = blockSize(prefix);
  return Math.floor(address / step) * step;
}

export function alignUp(address: number, prefix: number): number {
  const step = blockSize(prefix);
  return Math.ceil(address / step) * step;
}

export function containsAddress(block: Cidr, address: number): boolean {
  return address >= block.base && address < end(block);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && end(inner) <= end(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < end(b) && b.base < end(a);
}

export function compareCidr(a: Cidr, b: Cidr): number {
  return a.base - b.base || a.prefix - b.prefix;
}

/** The smallest prefix length whose block holds `addresses` addresses (0 for 2^32). */
export function prefixFor(addresses: number): number {
  let prefix = 32;
  while (prefix > 0 && blockSize(prefix) < addresses) prefix -= 1;
  return prefix;
}

/**
 * The first block of the given prefix length inside `space` that overlaps none
 * of `taken`, or undefined when none is free. First fit in address order keeps
 * the layout predictable: the same inputs always give the same plan.
 */
export function firstFree(space: Cidr, taken: readonly Cidr[], prefix: number): Cidr | undefined {
  if (prefix < space.prefix) return undefined;
  const inside = taken.filter((t) => overlaps(t, space)).sort(compareCidr);
  let candidate = space.base;
  for (;;) {
    candidate = alignUp(candidate, prefix);
    const block = { base: candidate, prefix };
    if (!contains(space, block)) return undefined;
    const clash = inside.find((t) => overlaps(t, block));
    if (!clash) return block;
    candidate = end(clash);
  }
}
