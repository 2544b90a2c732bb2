/**
 * What the command line needs before it plans anything: where a configuration
 * comes from and the presets' names. Kept apart from the schema so `--help`
 * and argument checks load nothing else.
 */
export interface ConfigSource {
  /** Shown in messages, e.g. `baseplate.yaml`. */
  readonly name: string;
  readonly text: string;
}

/** The built-in default: the spec's baseline, every value a default. */
export const BUILTIN_SOURCE: ConfigSource = { name: '(built-in default)', text: '{}\n' };

export const PRESETS = ['baseline', 'dev'] as const;
export type PresetName = (typeof PRESETS)[number];
