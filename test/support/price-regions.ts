/** The regions the built-in price table must price: where teams deploy (issue #24). */
export const REQUIRED_REGIONS = [
  'eastus',
  'eastus2',
  'centralus',
  'westus3',
  'westeurope',
  'northeurope',
  'uksouth',
  'swedencentral',
  'germanywestcentral',
  'australiaeast',
  'southeastasia',
  'japaneast',
  'canadacentral',
] as const;
