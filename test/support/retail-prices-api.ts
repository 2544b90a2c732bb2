/**
 * A local stand-in for the Azure Retail Prices API, written from its
 * documentation (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices):
 * GET /api/retail/prices with an OData `$filter` (`eq`, `and`, `or`,
 * parentheses, string literals in single quotes), an optional
 * `currencyCode='EUR'`, and a response of `BillingCurrency`,
 * `CustomerEntityId`, `CustomerEntityType`, `Items`, `NextPageLink` (the
 * absolute URL of the next page, `$skip` on, null on the last) and `Count`.
 * Pages are `pageSize` items long (the API's are 1,000) so that tests page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetailItem } from '../../src/core/data/retail-prices.js';

export interface StandIn {
  readonly url: string;
  /** The requests served, in order (path and query). */
  readonly requests: string[];
  close(): Promise<void>;
}

type Node =
  | { readonly op: 'eq'; readonly field: string; readonly value: string }
  | { readonly op: 'and' | 'or'; readonly left: Node; readonly right: Node };

/** Parses the filter subset the documentation shows; anything else is a 400, as the API answers. */
export function parseFilter(text: string): Node {
  const tokens = text.match(/'(?:[^']|'')*'|\(|\)|[A-Za-z_][\w]*/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const primary = (): Node => {
    if (peek() === '(') {
      take();
      const node = or();
      if (take() !== ')') throw new Error('expected )');
      return node;
    }
    const field = take();
    if (!field || take() !== 'eq') throw new Error(`expected <field> eq '<value>' at ${field ?? 'end'}`);
    const value = take();
    if (!value?.startsWith("'")) throw new Error('expected a string literal');
    return { op: 'eq', field, value: value.slice(1, -1).replace(/''/g, "'") };
  };
  const and = (): Node => {
    let node = primary();
    while (peek() === 'and') {
      take();
      node = { op: 'and', left: node, right: primary() };
    }
    return node;
  };
  const or = (): Node => {
    let node = and();
    while (peek() === 'or') {
      take();
      node = { op: 'or', left: node, right: and() };
    }
    return node;
  };
  const node = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]}`);
  return node;
}

function holds(node: Node, item: RetailItem): boolean {
  if (node.op === 'eq') {
    // priceType is the documented filter name of the item's `type`.
    const field = node.field === 'priceType' ? 'type' : node.field;
    return String((item as unknown as Record<string, unknown>)[field]) === node.value;
  }
  return node.op === 'and'
    ? holds(node.left, item) && holds(node.right, item)
    : holds(node.left, item) || holds(node.right, item);
}

export interface StandInOptions {
  readonly pageSize?: number;
  /** Answer every request with this status instead. */
  readonly status?: number;
  /** EUR per USD, for `currencyCode='EUR'`. */
  readonly eurPerUsd?: number;
}

export async function retailPricesStandIn(
  items: readonly RetailItem[],
  options: StandInOptions = {},
): Promise<StandIn> {
  const requests: string[] = [];
  const pageSize = options.pageSize ?? 1000;
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (options.status) return send(options.status, { Error: { Code: 'Failure', Message: 'stand-in' } });
    if (url.pathname !== '/api/retail/prices') return send(404, {});
    let selected = items;
    const filter = url.searchParams.get('$filter');
    if (filter) {
      try {
        const node = parseFilter(filter);
        selected = items.filter((i) => holds(node, i));
      } catch (error) {
        return send(400, { Error: { Code: 'BadRequest', Message: (error as Error).message } });
      }
    }
    const currency = (url.searchParams.get('currencyCode') ?? "'USD'").replace(/'/g, '');
    const rate = currency === 'EUR' ? (options.eurPerUsd ?? 0.9) : 1;
    const skip = Number(url.searchParams.get('$skip') ?? '0');
    const page = selected.slice(skip, skip + pageSize).map((i) => ({
      ...i,
      currencyCode: currency,
      retailPrice: Math.round(i.retailPrice * rate * 1e6) / 1e6,
    }));
    let next: string | null = null;
    if (skip + pageSize < selected.length) {
      const link = new URL(url.href.replace('http://localhost', `http://${request.headers.host ?? ''}`));
      link.searchParams.set('$skip', String(skip + pageSize));
      next = link.href;
    }
    return send(200, {
      BillingCurrency: currency,
      CustomerEntityId: 'Default',
      CustomerEntityType: 'Retail',
      Items: page,
      NextPageLink: next,
      Count: page.length,
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/retail/prices`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
