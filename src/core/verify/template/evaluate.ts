/**
 * Evaluates an ARM template offline into the resources it deploys, as the rules
 * read them: parameters (given, else defaults), variables, the template
 * functions (functions.ts), copy loops, conditions, nested child resources,
 * nested and linked deployments, symbolic names and user-defined functions.
 * What only deployment knows stays unknown (value.ts), written out as a string
 * `isUnresolved()` is true for, so a rule that depends on it says unknown.
 *
 * No npm library evaluates ARM template expressions (none is published; the
 * ones that exist are the Azure service itself and tools in other languages),
 * so this module owns evaluation; test/arm-template-evaluate.test.ts holds its
 * table of templates, one per feature.
 *
 * Sources: learn.microsoft.com, Azure Resource Manager documentation:
 * "Syntax and expressions in ARM templates", "Parameters in ARM templates",
 * "Variables in ARM templates", "Resource iteration in ARM templates",
 * "Property iteration", "Variable iteration", "Output iteration", "Conditional
 * deployment in ARM templates", "Set name and type for child resources",
 * "Using linked and nested templates" (expression evaluation scope, outer by
 * default), "ARM template languageVersion 2.0" (symbolic names, existing),
 * "User-defined functions in ARM template", "User-defined data types in ARM
 * templates".
 */
import type { Json } from '../../arm-values.js';
import { isObject } from '../../arm-values.js';
import type { Expression } from './expression.js';
import { expressionText, parseExpression, SyntaxProblem } from './expression.js';
import { callBuiltin, RESOURCE_GROUP, SUBSCRIPTION_ID } from './functions.js';
import type { Lambda, Value, ValueObject } from './value.js';
import {
  Budget,
  isLambda,
  isUnknown,
  isValueObject,
  keyOf,
  LIMITS,
  TemplateError,
  Unknown,
} from './value.js';

export interface LinkedTemplate {
  /** The source name of the linked file. */
  readonly name: string;
  readonly template: unknown;
}

export interface EvaluateOptions {
  /** The template's source name, for linked templates' relative paths. */
  readonly source: string;
  /** Values given for parameters, by name in any case: parameter files, `--parameters`, an outer deployment. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** A template a linked deployment names by `relativePath` from `from`, when it is among the sources read. */
  readonly linked?: (from: string, relativePath: string) => LinkedTemplate | undefined;
}

export interface EvaluatedResource {
  readonly type: string;
  readonly name: string;
  /** The resource as deployment would send it: values known, unknowns as unresolved strings. */
  readonly body: Json;
  readonly source: string;
  /** Where `source` declares it, as a JSON path: `$.resources[2]`, `$.resources.cluster`, a nested template's. */
  readonly path: string;
}

export interface Evaluation {
  readonly resources: readonly EvaluatedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  /** What was not read (a linked template by URI, one not among the sources): each a sentence. */
  readonly notes: readonly { readonly source: string; readonly message: string }[];
}

/** Where an expression is evaluated: the template's scope, the loops around it, lambda and function parameters. */
interface Env {
  readonly scope: Scope;
  readonly copies: ReadonlyMap<string, Value>;
  /** The index of the innermost resource loop, what `copyIndex()` without a name reads. */
  readonly index?: Value;
  readonly lambda?: ReadonlyMap<string, Value>;
  /** Inside a user-defined function, the only parameters it reads. */
  readonly functionParameters?: ReadonlyMap<string, Value>;
  /** Variables, parameter defaults and functions being evaluated inside one another. */
  readonly depth: number;
  /** Deployments this one is nested in. */
  readonly deployments: number;
}

interface Shared {
  readonly budget: Budget;
  readonly parsed: Map<string, Expression | SyntaxProblem>;
  readonly resources: EvaluatedResource[];
  readonly notes: { source: string; message: string }[];
  readonly options: EvaluateOptions;
}

const lowerKeys = <T>(record: Readonly<Record<string, T>>): Map<string, T> =>
  new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));

/** One template's parameters, variables and functions. */
class Scope {
  readonly parameters: Map<string, Json>;
  readonly variables: Map<string, unknown>;
  readonly functions: Map<string, Json>;
  private readonly values = new Map<string, Value | 'evaluating'>();

  constructor(
    readonly template: Json,
    readonly given: ReadonlyMap<string, Value>,
    readonly shared: Shared,
    readonly source: string,
  ) {
    this.parameters = lowerKeys(
      isObject(template['parameters']) ? (template['parameters'] as Record<string, Json>) : {},
    );
    const variables = isObject(template['variables']) ? template['variables'] : {};
    this.variables = lowerKeys(Object.fromEntries(Object.entries(variables).filter(([k]) => k !== 'copy')));
    // Top-level variable loops define one array variable each (docs, "Variable iteration").
    const loops = variables['copy'];
    if (Array.isArray(loops))
      for (const loop of loops)
        if (isObject(loop) && typeof loop['name'] === 'string')
          this.variables.set(loop['name'].toLowerCase(), {
            copy: [{ ...loop, name: loop['name'] }],
            __loop: true,
          });
    this.functions = new Map();
    const namespaces = Array.isArray(template['functions']) ? template['functions'] : [];
    for (const namespace of namespaces) {
      if (
        !isObject(namespace) ||
        typeof namespace['namespace'] !== 'string' ||
        !isObject(namespace['members'])
      )
        continue;
      for (const [name, member] of Object.entries(namespace['members']))
        if (isObject(member)) this.functions.set(`${namespace['namespace']}.${name}`.toLowerCase(), member);
    }
  }

  private memo(key: string, compute: () => Value): Value {
    const known = this.values.get(key);
    if (known === 'evaluating') return new Unknown(`[${key}]`);
    if (known !== undefined) return known;
    this.values.set(key, 'evaluating');
    const value = compute();
    this.values.set(key, value);
    return value;
  }

  parameter(name: string, env: Env): Value {
    const lower = name.toLowerCase();
    const written = `parameters('${name}')`;
    return this.memo(written.toLowerCase(), () => {
      const definition = this.parameters.get(lower);
      if (definition === undefined) return new Unknown(`[${written}]`);
      if (this.given.has(lower)) return this.given.get(lower) ?? null;
      if ('defaultValue' in definition) return evaluateValue(definition['defaultValue'], deeper(env, this));
      // A nullable parameter (languageVersion 2.0) without a value is null.
      if (definition['nullable'] === true) return null;
      return new Unknown(`[${written}]`);
    });
  }

  variable(name: string, env: Env): Value {
    const written = `variables('${name}')`;
    return this.memo(written.toLowerCase(), () => {
      const raw = this.variables.get(name.toLowerCase());
      if (raw === undefined) return new Unknown(`[${written}]`);
      const value = evaluateValue(raw, deeper(env, this));
      // A top-level loop variable is the array its copy built.
      if (!(isObject(raw) && raw['__loop'] === true && isValueObject(value))) return value;
      return value[keyOf(value, name) ?? name] ?? null;
    });
  }
}

/** The environment for a value evaluated at the template's level (no loop, lambda or function around it), one level deeper. */
function deeper(env: Env, scope: Scope): Env {
  if (env.depth + 1 > LIMITS.referenceDepth)
    throw new TemplateError(
      `has variables, parameters or functions referring to one another more than ${LIMITS.referenceDepth} deep`,
    );
  return { scope, copies: new Map(), depth: env.depth + 1, deployments: env.deployments };
}

function parsed(text: string, shared: Shared): Expression | SyntaxProblem {
  let node = shared.parsed.get(text);
  if (node === undefined) {
    try {
      node = parseExpression(text);
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      node = error;
    }
    if (shared.parsed.size < 10_000) shared.parsed.set(text, node);
  }
  return node;
}

/** A string value: a literal (with `[[` unescaped), or the value of its expression. */
function evaluateString(value: string, env: Env): Value {
  const inside = expressionText(value);
  if (inside === undefined) return value.startsWith('[[') && value.endsWith(']') ? value.slice(1) : value;
  const node = parsed(inside, env.scope.shared);
  // Not a valid expression: ARM would refuse it; its value is not known.
  if (node instanceof SyntaxProblem) return new Unknown(value);
  return evaluateExpression(node, env);
}

function evaluateExpression(node: Expression, env: Env): Value {
  const shared = env.scope.shared;
  shared.budget.spend();
  switch (node.kind) {
    case 'string':
    case 'number':
      return node.value;
    case 'member': {
      const target = evaluateExpression(node.target, env);
      if (isValueObject(target)) {
        const key = keyOf(target, node.name);
        if (key !== undefined) return target[key] ?? null;
      }
      // A runtime object's property, or one that is not there (a deployment error): not known here.
      return isUnknown(target) && !target.placeholder
        ? new Unknown(`${target.text.slice(0, -1)}.${node.name}]`)
        : new Unknown(`[${node.text}]`);
    }
    case 'index': {
      const target = evaluateExpression(node.target, env);
      const index = evaluateExpression(node.index, env);
      if (Array.isArray(target) && typeof index === 'number') {
        const item = (target as Value[])[index];
        if (item !== undefined) return item;
      } else if (isValueObject(target) && typeof index === 'string') {
        const key = keyOf(target, index);
        if (key !== undefined) return target[key] ?? null;
      }
      return new Unknown(`[${node.text}]`);
    }
    case 'call':
      try {
        return call(node, env);
      } catch (error) {
        if (error instanceof TemplateError || error instanceof RangeError) throw error;
        // A function given what it does not take fails the deployment; here its value is not known.
        return new Unknown(`[${node.text}]`);
      }
  }
}

function call(node: Extract<Expression, { kind: 'call' }>, env: Env): Value {
  const name = node.name.toLowerCase();
  const scope = env.scope;
  const literalArg = (i: number): Value => {
    const arg = node.args[i];
    return arg === undefined ? null : evaluateExpression(arg, env);
  };
  switch (name) {
    case 'parameters': {
      const which = literalArg(0);
      if (typeof which !== 'string') return new Unknown(`[${node.text}]`);
      if (env.functionParameters)
        return env.functionParameters.get(which.toLowerCase()) ?? new Unknown(`[${node.text}]`);
      return scope.parameter(which, env);
    }
    case 'variables': {
      const which = literalArg(0);
      // A user-defined function reads no variables (docs, "User-defined functions", limitations).
      if (typeof which !== 'string' || env.functionParameters) return new Unknown(`[${node.text}]`);
      return scope.variable(which, env);
    }
    case 'copyindex': {
      const first = literalArg(0);
      const loop = typeof first === 'string' ? first : undefined;
      const offset = typeof first === 'number' ? first : literalArg(1);
      const index = loop === undefined ? env.index : env.copies.get(loop.toLowerCase());
      if (index === undefined || isUnknown(index)) return index ?? new Unknown(`[${node.text}]`);
      if (typeof offset === 'number') return (index as number) + offset;
      return index;
    }
    case 'if': {
      // Only the branch the condition picks is evaluated (docs, logical functions, if).
      const condition = literalArg(0);
      if (condition === true) return literalArg(1);
      if (condition === false) return literalArg(2);
      return isUnknown(condition) ? condition : new Unknown(`[${node.text}]`);
    }
    case 'lambda': {
      const names = node.args
        .slice(0, -1)
        .map((arg) => (arg.kind === 'string' ? arg.value.toLowerCase() : ''));
      const body = node.args[node.args.length - 1];
      if (body === undefined) return new Unknown(`[${node.text}]`);
      const lambda: Lambda = {
        lambda: true,
        names,
        apply: (args) =>
          evaluateExpression(body, {
            ...env,
            lambda: new Map([...(env.lambda ?? []), ...names.map((n, i) => [n, args[i] ?? null] as const)]),
          }),
      };
      return lambda;
    }
    case 'lambdavariables': {
      const which = literalArg(0);
      return (
        (typeof which === 'string' ? env.lambda?.get(which.toLowerCase()) : undefined) ??
        new Unknown(`[${node.text}]`)
      );
    }
  }
  const args = node.args.map((arg) => evaluateExpression(arg, env));
  if (name.includes('.')) return userFunction(name, args, node.text, env);
  const value = callBuiltin(name, args, { text: node.text, budget: scope.shared.budget });
  if (value === undefined || isLambda(value)) return new Unknown(`[${node.text}]`);
  return value;
}

/** A user-defined function: its output, with only its own parameters (docs, "User-defined functions"). */
function userFunction(name: string, args: readonly Value[], text: string, env: Env): Value {
  const definition = env.scope.functions.get(name);
  const output = definition?.['output'];
  if (definition === undefined || !isObject(output)) return new Unknown(`[${text}]`);
  const declared = Array.isArray(definition['parameters']) ? definition['parameters'] : [];
  const parameters = new Map(
    declared.map((p, i) => [isObject(p) ? String(p['name']).toLowerCase() : '', args[i] ?? null] as const),
  );
  return evaluateValue(output['value'], { ...deeper(env, env.scope), functionParameters: parameters });
}

/** Expands property and variable loops (`copy: [{ name, count, input }]`) into the object (docs, "Property iteration"). */
function copyLoops(loops: readonly unknown[], env: Env, out: Record<string, Value>): void {
  for (const loop of loops) {
    if (!isObject(loop) || typeof loop['name'] !== 'string') continue;
    const name = loop['name'];
    const count = evaluateValue(loop['count'], env);
    out[name] = isUnknown(count)
      ? count
      : Array.from({ length: loopCount(count) }, (_, i) =>
          evaluateValue(loop['input'], { ...env, copies: new Map([...env.copies, [name.toLowerCase(), i]]) }),
        );
  }
}

function loopCount(count: Value): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw new TemplateError(`has a copy count that is not a whole number: ${JSON.stringify(count)}`);
  if (count > LIMITS.copyCount)
    throw new TemplateError(`has a copy count of ${count}; ARM allows at most ${LIMITS.copyCount}`);
  return count;
}

/** A JSON value of the template, expressions evaluated. */
function evaluateValue(raw: unknown, env: Env, skip?: (key: string) => boolean): Value {
  env.scope.shared.budget.spend();
  if (typeof raw === 'string') return evaluateString(raw, env);
  if (Array.isArray(raw)) return raw.map((item) => evaluateValue(item, env));
  if (isObject(raw)) {
    const out: Record<string, Value> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === '__loop' || skip?.(key)) continue;
      if (
        key.toLowerCase() === 'copy' &&
        Array.isArray(value) &&
        value.every((l) => isObject(l) && 'input' in l)
      )
        copyLoops(value, env, out);
      else out[key] = evaluateValue(value, env);
    }
    return out;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return raw;
  return null;
}

/** Writes an evaluated value as JSON for the rules: unknowns as unresolved strings, a literal `[…]` escaped as `[[…]`. */
export function written(value: Value, budget: Budget, depth = 0): unknown {
  budget.spend();
  if (depth > 256) throw new TemplateError('builds values nested more than 256 levels deep');
  if (isUnknown(value)) return value.text;
  if (isLambda(value)) return '[lambda()]';
  if (typeof value === 'string') return value.startsWith('[') && value.endsWith(']') ? `[${value}` : value;
  if (Array.isArray(value)) return (value as Value[]).map((v) => written(v, budget, depth + 1));
  if (isValueObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, written(v, budget, depth + 1)]));
  return value;
}

/** A given JSON value as a Value: plain JSON as it is, an Unknown kept. */
function asValue(raw: unknown): Value {
  if (isUnknown(raw) || raw === null || ['string', 'number', 'boolean'].includes(typeof raw))
    return raw as Value;
  if (Array.isArray(raw)) return raw.map(asValue);
  if (isObject(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, asValue(v)]));
  return null;
}

interface Parent {
  readonly type: string;
  readonly name: string;
}

const textOf = (value: Value, budget: Budget): string => {
  const out = written(value, budget);
  return typeof out === 'string' ? out : JSON.stringify(out);
};

/** A member of a JSON path: `.name` for a plain name, `['…']` for any other. */
const member = (key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `['${key.replace(/'/g, "\\'")}']`;

/**
 * The resources a template's `resources` (array, or object of symbolic names)
 * deploy, into shared.resources; `at` is the JSON path of that list in its file.
 */
function deployResources(list: unknown, env: Env, parent?: Parent, at = '$.resources'): void {
  const entries: Array<readonly [string, unknown]> = Array.isArray(list)
    ? list.map((resource, i) => [`${at}[${i}]`, resource] as const)
    : isObject(list)
      ? Object.entries(list).map(([key, resource]) => [`${at}${member(key)}`, resource] as const)
      : [];
  for (const [path, resource] of entries) {
    if (!isObject(resource)) continue;
    const loop = resource['copy'];
    if (isObject(loop) && typeof loop['name'] === 'string') {
      const name = loop['name'].toLowerCase();
      const count = evaluateValue(loop['count'], env);
      // A count only deployment knows: the one resource written with an unknown index stands for them all.
      const indexes: Value[] = isUnknown(count)
        ? [count]
        : Array.from({ length: loopCount(count) }, (_, i) => i);
      for (const index of indexes)
        deployResource(
          resource,
          { ...env, index, copies: new Map([...env.copies, [name, index]]) },
          path,
          parent,
        );
    } else deployResource(resource, env, path, parent);
  }
}

function deployResource(resource: Json, env: Env, path: string, parent?: Parent): void {
  const shared = env.scope.shared;
  const condition = 'condition' in resource ? evaluateValue(resource['condition'], env) : true;
  // A resource the condition skips is not deployed; one that exists already is referenced, not judged here.
  if (condition === false || resource['existing'] === true) return;
  const isDeployment = String(resource['type']).toLowerCase() === 'microsoft.resources/deployments';
  const body = evaluateValue(
    resource,
    env,
    (key) =>
      ['copy', 'resources', 'condition', 'existing'].includes(key.toLowerCase()) ||
      (isDeployment && key === 'properties'),
  ) as ValueObject;
  let type = textOf(body['type'] ?? '', shared.budget);
  let name = textOf(body['name'] ?? '', shared.budget);
  // A child declared inside its parent names only its own type and name (docs, "Set name and type for
  // child resources"); so does an extension resource in the older form (`providers/diagnosticSettings`).
  // The name's segments are read before they are joined: a parent named by an expression stays one.
  let parts: NamePart[] | undefined;
  if (parent && (!type.includes('/') || /^providers\//i.test(type))) {
    parts = [...nameParts(parent.name, env), ...nameParts(name, env)];
    type = `${parent.type}/${type}`;
    name = `${parent.name}/${name}`;
  }
  if (isDeployment) {
    deployment(resource, env, path);
    return;
  }
  const extension = olderExtensionForm(type, parts ?? nameParts(name, env));
  if (extension) ({ type, name } = extension);
  const out = written(
    {
      ...body,
      type,
      name,
      ...(extension && !('scope' in body) ? { scope: extension.scope } : {}),
      ...(condition === true ? {} : { condition }),
    },
    shared.budget,
  ) as Json;
  shared.resources.push({ type, name, body: out, source: env.scope.source, path });
  if ('resources' in resource)
    deployResources(resource['resources'], env, { type, name }, `${path}.resources`);
}

/** A segment of a resource name: its text, or what only deployment knows (its expression). */
type NamePart = string | Unknown;

/**
 * The segments of a resource's name, split at `/`: where a `concat` joins literals with parts
 * only deployment knows (`[concat(variables('clusterName'), '/Microsoft.Insights/default')]`, as
 * written or as the value of a variable), each argument is evaluated alone so that the known
 * segments still read.
 */
function nameParts(name: string, env: Env): NamePart[] {
  const inside = expressionText(name);
  if (inside === undefined) return name.split('/');
  const node = parsed(inside, env.scope.shared);
  if (node instanceof SyntaxProblem || node.kind !== 'call' || node.name.toLowerCase() !== 'concat')
    return [new Unknown(name)];
  // Each segment's pieces: known text, or an argument only deployment knows (its value, as written).
  type Piece = string | { readonly value: Unknown; readonly written: string };
  const segments: Piece[][] = [[]];
  for (const arg of node.args) {
    const value = evaluateExpression(arg, env);
    if (typeof value === 'string') {
      const [first, ...rest] = value.split('/');
      if (first) segments.at(-1)?.push(first);
      segments.push(...rest.map((text) => (text ? [text] : [])));
    } else if (isUnknown(value)) segments.at(-1)?.push({ value, written: arg.text });
    else return [new Unknown(name)];
  }
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  // A segment that is one unknown argument reads as that argument's value does; pieces glued
  // together read as the concat of them, as a name written that way reads.
  return segments.map((pieces) => {
    const [only] = pieces;
    if (pieces.every((piece) => typeof piece === 'string')) return pieces.join('');
    if (pieces.length === 1 && only !== undefined && typeof only !== 'string') return only.value;
    return new Unknown(
      `concat(${pieces.map((piece) => (typeof piece === 'string' ? quoted(piece) : piece.written)).join(', ')})`,
    );
  });
}

/**
 * An extension resource in its older form, the resource it extends written into its type and name
 * (`Microsoft.ContainerService/managedClusters/providers/diagnosticSettings` named
 * `aks/Microsoft.Insights/default`), read as the form with `scope` that Learn now documents
 * ("Setting scope for extension resources in ARM templates",
 * learn.microsoft.com/azure/azure-resource-manager/templates/scope-extension-resources): type
 * `Microsoft.Insights/diagnosticSettings`, name `default`, scope the cluster's ID (an expression
 * where the cluster's name is only known at deployment). Both forms deploy the same resource;
 * PSRule for Azure reads both (its rule Azure.AKS.AuditLogs, in
 * github.com/Azure/PSRule.Rules.Azure/blob/main/src/PSRule.Rules.Azure/rules/Azure.AKS.Rule.ps1). Undefined for any other
 * resource, or where the name does not split into the parts the type asks for.
 */
function olderExtensionForm(
  type: string,
  parts: readonly NamePart[],
): { type: string; name: string; scope: string | Unknown } | undefined {
  const at = type.toLowerCase().indexOf('/providers/');
  if (at < 0) return undefined;
  const parentType = type.slice(0, at);
  const parentTypes = parentType.split('/').length - 1;
  const extensionTypes = type.slice(at + '/providers/'.length).split('/');
  // The parent's names, then the extension's namespace, then a name for each of its types.
  const namespace = parts[parentTypes];
  if (
    parentTypes < 1 ||
    parts.length !== parentTypes + 1 + extensionTypes.length ||
    typeof namespace !== 'string'
  )
    return undefined;
  const parents = parts.slice(0, parentTypes);
  const names = parts.slice(parentTypes + 1);
  const text = (part: NamePart) => (typeof part === 'string' ? part : part.text);
  const known = (list: readonly NamePart[]): list is readonly string[] =>
    list.every((p) => typeof p === 'string');
  const argument = (part: NamePart) =>
    typeof part === 'string' ? `'${part.replace(/'/g, "''")}'` : (expressionText(part.text) ?? part.text);
  return {
    type: `${namespace}/${extensionTypes.join('/')}`,
    name: known(names) ? names.join('/') : names.map(text).join('/'),
    scope: known(parents)
      ? `/subscriptions/${SUBSCRIPTION_ID.text}/resourceGroups/${RESOURCE_GROUP.text}/providers/${parentType
          .split('/')
          .map((segment, i) => (i === 0 ? segment : `${segment}/${parents[i - 1] ?? ''}`))
          .join('/')}`
      : new Unknown(`resourceId('${parentType}', ${parents.map(argument).join(', ')})`),
  };
}

/** A nested or linked deployment: its template's resources, evaluated in the outer or its own (inner) scope. */
function deployment(resource: Json, env: Env, path: string): void {
  const scope = env.scope;
  const shared = scope.shared;
  const properties = isObject(resource['properties']) ? resource['properties'] : {};
  if (env.deployments + 1 > LIMITS.deploymentDepth)
    throw new TemplateError(`nests deployments more than ${LIMITS.deploymentDepth} deep`);
  const options = evaluateValue(properties['expressionEvaluationOptions'] ?? {}, env);
  const scopeOption = isValueObject(options) ? options['scope'] : undefined;
  const given = (): Map<string, Value> => {
    const values = evaluateValue(properties['parameters'] ?? {}, env);
    const out = new Map<string, Value>();
    if (isValueObject(values))
      for (const [k, v] of Object.entries(values))
        // A Key Vault reference is a secret only deployment reads.
        out.set(
          k.toLowerCase(),
          isValueObject(v) && 'value' in v ? (v['value'] ?? null) : new Unknown(`[parameters('${k}')]`),
        );
    return out;
  };
  const template = properties['template'];
  if (isObject(template)) {
    if (typeof scopeOption === 'string' && scopeOption.toLowerCase() === 'inner') {
      const inner = new Scope(template, given(), shared, scope.source);
      deployResources(
        template['resources'],
        { scope: inner, copies: new Map(), depth: env.depth, deployments: env.deployments + 1 },
        undefined,
        `${path}.properties.template.resources`,
      );
    } else {
      // Outer scope, the default: the nested template's expressions read the parent's parameters and variables.
      deployResources(
        template['resources'],
        { ...env, deployments: env.deployments + 1 },
        undefined,
        `${path}.properties.template.resources`,
      );
    }
    return;
  }
  const link = evaluateValue(properties['templateLink'] ?? null, env);
  const relative = isValueObject(link) ? link['relativePath'] : undefined;
  const linked = typeof relative === 'string' ? shared.options.linked?.(scope.source, relative) : undefined;
  if (linked && isObject(linked.template)) {
    const inner = new Scope(linked.template, given(), shared, linked.name);
    deployResources(linked.template['resources'], {
      scope: inner,
      copies: new Map(),
      depth: env.depth,
      deployments: env.deployments + 1,
    });
    return;
  }
  const what = isValueObject(link)
    ? typeof relative === 'string'
      ? `links ${relative}, which is not among the files read`
      : `links a template by URI or template spec, which verify does not fetch`
    : 'deploys neither a nested template nor a linked one it can read';
  shared.notes.push({
    source: scope.source,
    message: `${what}: the resources of deployment ${textOf(evaluateValue(resource['name'], env), shared.budget)} were not read`,
  });
}

/**
 * The resources and outputs of `template`. Throws TemplateError for a template
 * past a limit (copy count, nesting, size, time): a problem of its file.
 */
export function evaluateTemplate(template: Json, options: EvaluateOptions): Evaluation {
  const shared: Shared = { budget: new Budget(), parsed: new Map(), resources: [], notes: [], options };
  const given = new Map(
    Object.entries(options.parameters ?? {}).map(([k, v]) => [k.toLowerCase(), asValue(v)]),
  );
  const scope = new Scope(template, given, shared, options.source);
  const env: Env = { scope, copies: new Map(), depth: 0, deployments: 0 };
  try {
    deployResources(template['resources'], env);
    const outputs: Record<string, unknown> = {};
    const declared = isObject(template['outputs']) ? template['outputs'] : {};
    for (const [name, output] of Object.entries(declared)) {
      if (!isObject(output)) continue;
      if ('condition' in output && evaluateValue(output['condition'], env) === false) continue;
      const loop = output['copy'];
      let value: Value;
      if (isObject(loop)) {
        // Output iteration: an array of `input`, one per copyIndex() (docs, "Output iteration").
        const count = evaluateValue(loop['count'], env);
        value = isUnknown(count)
          ? count
          : Array.from({ length: loopCount(count) }, (_, index) =>
              evaluateValue(loop['input'], { ...env, index }),
            );
      } else value = evaluateValue(output['value'], env);
      outputs[name] = written(value, shared.budget);
    }
    return { resources: shared.resources, outputs, notes: shared.notes };
  } catch (error) {
    // A stack overflow is a bound this module missed; the file is refused, never the run.
    if (error instanceof RangeError)
      throw new TemplateError(`goes beyond what verify evaluates (${error.message})`);
    throw error;
  }
}
