/**
 * The environments the spec's production-only advice applies to ("Cost management": reserve the
 * Free tier and smaller pools for preproduction). One list for the preset check, the verify rules
 * (a resource's `environment` tag) and the pipelines (which deploy production last).
 */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = ['prod', 'production'];

/** Names compared without regard to case: a template's tag may say `Production` or `PROD`. */
export function isProductionEnvironment(environment: string): boolean {
  return PRODUCTION_ENVIRONMENTS.includes(environment.toLowerCase());
}
