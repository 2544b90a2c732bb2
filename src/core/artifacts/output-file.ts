/** A generated file, its path relative to the output folder (always `/`). */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}
