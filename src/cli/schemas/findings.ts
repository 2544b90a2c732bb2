/**
 * Schema validation as findings of `verify`: ARM templates against the official
 * ARM schemas, Kubernetes objects against the Kubernetes schemas and the CRDs
 * that ship in `schemas/`, each with unknown property names rejected. A
 * hand-written template's misspelt property is caught before Azure sees it.
 */
import { parseAllDocuments } from 'yaml';
import type { Diagnostic, Source } from '../../core/index.js';
import type { Scope } from './arm.js';
import { validateTemplate } from './arm.js';
import { validateObject } from './kubernetes.js';

type Json = Record<string, unknown>;

function finding(code: string, file: string, message: string): Diagnostic {
  return {
    code,
    severity: 'error',
    kind: 'finding',
    message,
    file,
    fix: 'Correct the property: it is not what the official schema allows.',
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kinds whose schema is not shipped: kustomize's own file. */
const NOT_VALIDATED = new Set(['kustomize.config.k8s.io/v1beta1 Kustomization']);

export async function schemaFindings(sources: readonly Source[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const { name, text } of sources) {
    if (/\.ya?ml$/i.test(name)) {
      for (const document of parseAllDocuments(text)) {
        if (document.errors.length > 0) continue; // reported by the inventory
        const object = document.toJS() as unknown;
        if (
          !isObject(object) ||
          typeof object['kind'] !== 'string' ||
          typeof object['apiVersion'] !== 'string'
        )
          continue;
        if (NOT_VALIDATED.has(`${object['apiVersion']} ${object['kind']}`)) continue;
        const label = `${object['kind']} ${String((object['metadata'] as Json | undefined)?.['name'] ?? '')}`;
        for (const problem of await validateObject(object))
          out.push(finding('schema/kubernetes', name, `${label}: ${problem}`));
      }
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // reported by the inventory
    }
    if (!isObject(value)) continue;
    const schema = String(value['$schema'] ?? '');
    const scope: Scope | undefined = /subscriptionDeploymentTemplate/i.test(schema)
      ? 'subscription'
      : /deploymentTemplate/i.test(schema)
        ? 'resourceGroup'
        : undefined;
    if (!scope) continue;
    for (const problem of validateTemplate(value, scope)) out.push(finding('schema/arm', name, problem));
  }
  return out;
}
