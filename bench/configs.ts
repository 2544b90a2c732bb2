/** Configurations the benchmarks plan. */

/**
 * A configuration with `count` spokes (up to 253), each with its own /16 beside
 * the hub's 10.200.0.0/24. The first 100 are s0 … s99; Key Vault names leave
 * room for two digits, so the next are t0, t1 … Each serves a host name of its own,
 * as a design of several spokes must.
 */
export function manySpokes(count: number): string {
  if (count > 253) throw new RangeError(`at most 253 spokes fit in 10.0.0.0/8 beside the hub, not ${count}`);
  const spokes = Array.from({ length: count }, (_, i) => {
    const name = i < 100 ? `s${i}` : `t${i - 100}`;
    const octet = i + 1 < 200 ? i + 1 : i + 2;
    return `  - { name: "${name}", addressSpace: 10.${octet}.0.0/16, ingress: { hostNames: [${name}.contoso.com] } }`;
  });
  return `spokes:\n${spokes.join('\n')}\n`;
}
