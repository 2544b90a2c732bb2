/**
 * Azure retail list prices for what Baseplate deploys: USD, pay-as-you-go,
 * Linux, no discounts. Read from snapshots of the Azure Retail Prices API
 * (prices.azure.com/api/retail/prices) taken between 2026-08 and 2026-10; each
 * number's source and confidence is in docs/research/prices.md. A price not
 * found there is absent, and what it prices is estimated as unknown, never as
 * free. Users can supply a newer table of the same shape (`plan --prices`).
 * Microsoft content: see NOTICE.md.
 */

export interface RegionPrices {
  /** Linux VMs, per hour, by ARM size name. */
  readonly vmHourly: Readonly<Record<string, number>>;
  /** The AKS control plane, per cluster-hour, by tier. */
  readonly aksTierHourly: Readonly<Record<string, number>>;
  /** Azure Firewall deployment, per hour, by tier. */
  readonly firewallHourly: Readonly<Record<string, number>>;
  /** Application Gateway WAF_v2: per gateway-hour, and per capacity unit-hour. */
  readonly appGatewayWafV2?: { readonly fixedHourly: number; readonly capacityUnitHourly: number };
  /** Azure Bastion, per hour, by SKU. */
  readonly bastionHourly: Readonly<Record<string, number>>;
  /** Container Registry, per day, by SKU; a Premium geo-replica costs a Premium unit. */
  readonly registryDaily: Readonly<Record<string, number>>;
  readonly publicIpHourly: number;
  readonly privateEndpointHourly: number;
  /** A Standard load balancer's first five rules, per hour. */
  readonly loadBalancerHourly: number;
  readonly privateDnsZoneMonthly?: number;
  /** Log Analytics, per GB ingested, on the Analytics and the Basic plans. */
  readonly logAnalyticsPerGb: number;
  readonly basicLogsPerGb?: number;
  /** Log Analytics retention beyond the 31 days included, per GB-month. */
  readonly retentionPerGbMonth?: number;
  /** Key Vault Standard, per 10,000 operations. */
  readonly keyVaultPer10kOperations: number;
  /** Premium SSD managed disks, per month, by tier. */
  readonly premiumSsdMonthly: Readonly<Record<string, number>>;
  /** Defender for Containers, per vCore-hour of the nodes. */
  readonly defenderContainersPerVCoreHour: number;
}

export interface PriceTable {
  /** Where the prices come from, and when. */
  readonly source: string;
  readonly date: string;
  readonly currency: string;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

const SHARED = {
  aksTierHourly: { Free: 0, Standard: 0.1, Premium: 0.6 },
  firewallHourly: { Basic: 0.395, Standard: 1.25, Premium: 1.75 },
  registryDaily: { Basic: 0.1666, Standard: 0.6666, Premium: 1.6666 },
  publicIpHourly: 0.005,
  privateEndpointHourly: 0.01,
  loadBalancerHourly: 0.025,
  defenderContainersPerVCoreHour: 0.00941,
  keyVaultPer10kOperations: 0.03,
} as const;

export const PRICES: PriceTable = {
  source:
    'Azure Retail Prices API snapshots (prices.azure.com), list prices, pay-as-you-go; sources in docs/research/prices.md',
  date: '2026-10',
  currency: 'USD',
  regions: {
    eastus2: {
      ...SHARED,
      vmHourly: {
        Standard_B2ms: 0.0832,
        Standard_B2s: 0.0416,
        Standard_D2ds_v5: 0.113,
        Standard_D4ds_v5: 0.226,
        Standard_D4ds_v6: 0.249,
        Standard_D8ds_v5: 0.452,
        Standard_DS2_v2: 0.114,
        Standard_DS3_v2: 0.229,
        Standard_DS4_v2: 0.458,
        Standard_E4ds_v5: 0.288,
      },
      appGatewayWafV2: { fixedHourly: 0.36, capacityUnitHourly: 0.0144 },
      bastionHourly: { Basic: 0.19 },
      privateDnsZoneMonthly: 0.5,
      logAnalyticsPerGb: 2.76,
      basicLogsPerGb: 0.5,
      retentionPerGbMonth: 0.12,
      premiumSsdMonthly: { P10: 17.92, P15: 34.56, P20: 66.56, P30: 122.88 },
    },
    westeurope: {
      ...SHARED,
      vmHourly: {
        Standard_B2ms: 0.096,
        Standard_B2s: 0.048,
        Standard_D2ds_v5: 0.136,
        Standard_D4ds_v5: 0.272,
        Standard_D4ds_v6: 0.298,
        Standard_D8ds_v5: 0.544,
        Standard_DS2_v2: 0.136,
        Standard_DS3_v2: 0.272,
        Standard_DS4_v2: 0.544,
        Standard_E4ds_v5: 0.346,
      },
      bastionHourly: {},
      logAnalyticsPerGb: 2.99,
      retentionPerGbMonth: 0.13,
      premiumSsdMonthly: { P10: 21.68, P15: 41.81, P20: 80.54, P30: 148.68 },
    },
  },
};
