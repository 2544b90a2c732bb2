/**
 * Validates GitHub Actions workflows with GitHub's own parser
 * (@actions/workflow-parser, the one behind the Actions language service). Its
 * ES build imports JSON without import attributes, which Node refuses; esbuild
 * bundles it once, with its dependencies left to Node.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { repoRoot } from './helpers.js';

interface Parser {
  parseWorkflow(
    file: { name: string; content: string },
    trace: unknown,
  ): { context: { errors: { getErrors(): Array<{ message: string }> } }; value: unknown };
  convertWorkflowTemplate(context: unknown, value: unknown): Promise<unknown>;
  NoOperationTraceWriter: new () => unknown;
}

let parser: Promise<Parser> | undefined;

function load(): Promise<Parser> {
  const entry = fileURLToPath(import.meta.resolve('@actions/workflow-parser'));
  const bundle = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    logLevel: 'error',
  });
  // Beside node_modules, so that the external packages resolve.
  const dir = join(repoRoot, 'build', 'workflow-parser');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  writeFileSync(file, bundle.outputFiles[0]!.text);
  return import(pathToFileURL(file).href) as Promise<Parser>;
}

/** The parser's errors for one workflow file; [] when valid. */
export async function validateWorkflow(name: string, content: string): Promise<string[]> {
  parser ??= load();
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await parser;
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((e) => e.message);
}
