/**
 * Plain data for property tests of what Baseplate writes and reads: scalars,
 * lists and maps nested a few levels, with the texts and keys a test chooses.
 */
import fc from 'fast-check';

export interface PlainDataOptions {
  /** The strings scalars and (unless `key` is given) keys are made of. */
  readonly text: fc.Arbitrary<string>;
  /** The map keys; `text` when not given. */
  readonly key?: fc.Arbitrary<string>;
  /** Map values may be undefined (as a serializer drops them). */
  readonly undefinedValues?: boolean;
  readonly maxItems: number;
  readonly maxKeys: number;
}

export function plainData(options: PlainDataOptions) {
  const { text, key = text, undefinedValues = false, maxItems, maxKeys } = options;
  return fc.letrec<{ node: unknown; scalar: unknown; list: unknown[]; map: Record<string, unknown> }>(
    (tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('list'), tie('map')),
      scalar: fc.oneof(
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      ),
      list: fc.array(tie('node'), { maxLength: maxItems }),
      map: fc.dictionary(key, undefinedValues ? fc.oneof(tie('node'), fc.constant(undefined)) : tie('node'), {
        maxKeys,
      }),
    }),
  );
}
