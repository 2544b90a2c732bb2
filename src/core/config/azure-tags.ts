/**
 * Azure's limits on tags, checked against the tags each resource really gets:
 * the configuration's and the ones Baseplate adds. Learn, "Use tags to organize
 * your Azure resources and management hierarchy", Limitations (2025-02-06):
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 */
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, inputWarning, listed } from '../diagnostics.js';
import type { Config } from './schema/index.js';

/** The tags Baseplate puts on every resource beside the configuration's (artifacts/network/common.ts, tagsFor). */
export const BASEPLATE_TAGS = ['workload', 'environment', 'component'] as const;

/** …and on a node pool, after the pool's own (artifacts/platform/cluster.ts). */
export const NODE_POOL_TAG = 'node-pool';

/** "Each resource, resource group, and subscription can have a maximum of 50 tag name-value pairs." */
const MAX_TAGS = 50;

/**
 * "The following Azure resources only support 15 tags: … Azure Private DNS (Zone
 * and A records)". Every plan has private DNS zones (privatelink.azurecr.io and
 * privatelink.vaultcore.azure.net), and they carry the top-level tags.
 */
const MAX_TAGS_PRIVATE_DNS_ZONE = 15;

/** "The tag name has a limit of 512 characters and the tag value has a limit of 256 characters." */
const MAX_NAME = 512;
const MAX_VALUE = 256;

/** "Tag names can't contain these characters: <, >, %, &, \, ?, /" */
const FORBIDDEN = /[<>%&\\?/]/g;

/** Problems listed for one map of tags: ten thousand bad names make one screen, not ten thousand lines. */
const LISTED_PER_MAP = 5;

export function checkTags(config: Config): Diagnostic[] {
  const common = ['tags'];
  // Names without regard to case, as Azure counts them: those of every resource, worked out once for every pool.
  const everywhere = lowerNames([Object.keys(config.tags), BASEPLATE_TAGS]);
  const pools = config.spokes.flatMap((spoke, i) =>
    [spoke.cluster.systemPool, ...spoke.cluster.userPools].map((pool, j) => ({
      tags: pool.tags,
      at: [
        'spokes',
        i,
        'cluster',
        ...(j === 0 ? ['systemPool'] : ['userPools', j - 1]),
        'tags',
      ] as ConfigPath,
    })),
  );
  return [
    ...checkEntries(config.tags, common),
    ...checkCommonNames(config.tags, common),
    ...checkCommonCount(everywhere.size, common),
    ...pools.flatMap(({ tags, at }) => [
      ...checkEntries(tags, at),
      ...checkPoolNames(everywhere, tags, at),
      ...checkPoolCount(everywhere, tags, at),
    ]),
  ];
}

/** Each name and value against Azure's characters and lengths, and names that differ only in case. */
function checkEntries(tags: Readonly<Record<string, string>>, at: ConfigPath): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(tags)) {
    const here = [...at, name];
    const forbidden = [...new Set(name.match(FORBIDDEN) ?? [])];
    if (name === '') {
      problems.push(inputError('config/tag-name', here, 'is an empty tag name', 'Give the tag a name.'));
    } else if (forbidden.length > 0) {
      problems.push(
        inputError(
          'config/tag-name',
          here,
          `has ${forbidden.join(' ')} in its name, which Azure refuses in a tag name (< > % & \\ ? /)`,
          `Rename the tag, e.g. "${name.replace(FORBIDDEN, '-')}".`,
        ),
      );
    } else if (name.length > MAX_NAME) {
      problems.push(
        inputError(
          'config/tag-name',
          here,
          `is a tag name of ${name.length} characters; Azure allows ${MAX_NAME}`,
          `Shorten the name to ${MAX_NAME} characters or fewer.`,
        ),
      );
    }
    if (value.length > MAX_VALUE) {
      problems.push(
        inputError(
          'config/tag-value',
          here,
          `is a tag value of ${value.length} characters; Azure allows ${MAX_VALUE}`,
          `Shorten the value to ${MAX_VALUE} characters or fewer.`,
        ),
      );
    }
    // "Tag names are case-insensitive for operations": Env and env are one tag to Azure.
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      problems.push(
        inputError(
          'config/tag-name',
          here,
          `is the tag "${earlier}" again: Azure reads tag names without regard to case`,
          'Keep one of the two.',
        ),
      );
    } else seen.set(name.toLowerCase(), name);
  }
  return listed(problems, LISTED_PER_MAP);
}

/** Lower-cased name → the name as written, of every list (the first spelling wins). */
function lowerNames(lists: readonly (readonly string[])[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists)
    for (const name of list) if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  return names;
}

/** A name Baseplate sets itself: the same is overwritten (a warning), another case is a second tag to Azure (an error). */
function overwritten(name: string, other: string, here: ConfigPath, whose: string): Diagnostic {
  return name === other
    ? inputWarning(
        'config/ignored',
        here,
        `has no effect: Baseplate sets the tag ${other} itself (${whose})`,
        'Remove it.',
      )
    : inputError(
        'config/tag-name',
        here,
        `is Baseplate's tag ${other} in another case: Azure reads tag names without regard to case`,
        `Remove it; Baseplate sets ${other} itself (${whose}).`,
      );
}

const BASEPLATE_WHOSE = 'workload from naming, environment from the spoke, component from the resource';

function checkCommonNames(tags: Readonly<Record<string, string>>, at: ConfigPath): Diagnostic[] {
  const baseplate = lowerNames([BASEPLATE_TAGS]);
  return Object.keys(tags).flatMap((name) => {
    const other = baseplate.get(name.toLowerCase());
    return other === undefined ? [] : [overwritten(name, other, [...at, name], BASEPLATE_WHOSE)];
  });
}

/** The top-level tags go on every resource, private DNS zones included, with Baseplate's three. */
function checkCommonCount(count: number, at: ConfigPath): Diagnostic[] {
  if (count <= MAX_TAGS_PRIVATE_DNS_ZONE) return [];
  const own = MAX_TAGS_PRIVATE_DNS_ZONE - BASEPLATE_TAGS.length;
  return [
    inputError(
      'config/tag-count',
      at,
      `puts ${count} tags on every resource with Baseplate's ${BASEPLATE_TAGS.join(', ')}; Azure allows ${MAX_TAGS_PRIVATE_DNS_ZONE} on a private DNS zone, which every plan has (${MAX_TAGS} on other resources)`,
      `Keep at most ${own} tags here; tags only the nodes need go in a node pool's tags (${MAX_TAGS} a resource).`,
    ),
  ];
}

/** A pool's tags override those of every resource of the same name; another case would be a second tag. */
function checkPoolNames(
  everywhere: ReadonlyMap<string, string>,
  tags: Readonly<Record<string, string>>,
  at: ConfigPath,
): Diagnostic[] {
  return Object.keys(tags).flatMap((name) => {
    const lower = name.toLowerCase();
    if (lower === NODE_POOL_TAG) return [overwritten(name, NODE_POOL_TAG, [...at, name], 'the pool name')];
    const other = everywhere.get(lower);
    if (other === undefined || other === name) return [];
    return [
      inputError(
        'config/tag-name',
        [...at, name],
        `is the tag "${other}" of every resource in another case: Azure reads tag names without regard to case`,
        `Write "${other}" to give this pool its own value.`,
      ),
    ];
  });
}

function checkPoolCount(
  everywhere: ReadonlyMap<string, string>,
  tags: Readonly<Record<string, string>>,
  at: ConfigPath,
): Diagnostic[] {
  const added = new Set(
    [...Object.keys(tags), NODE_POOL_TAG]
      .map((name) => name.toLowerCase())
      .filter((name) => !everywhere.has(name)),
  );
  const count = everywhere.size + added.size;
  // Past the top-level limit, that one diagnostic says it: the pools would only repeat it.
  if (count <= MAX_TAGS || everywhere.size > MAX_TAGS_PRIVATE_DNS_ZONE) return [];
  return [
    inputError(
      'config/tag-count',
      at,
      `gives this pool's resources ${count} tags with the top-level tags and Baseplate's ${[...BASEPLATE_TAGS, NODE_POOL_TAG].join(', ')}; Azure allows ${MAX_TAGS} on a resource`,
      `Remove ${count - MAX_TAGS} of them, here or among the top-level tags.`,
    ),
  ];
}
