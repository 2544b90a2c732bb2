/** Configurations the benchmarks plan. */

/** A configuration with `count` spokes, each with its own /16. */
export function manySpokes(count: number): string {
  const spokes = Array.from(
    { length: count },
    (_, i) => `  - { name: "s${i}", addressSpace: 10.${i + 1}.0.0/16 }`,
  );
  return `spokes:\n${spokes.join('\n')}\n`;
}
