/**
 * Azure public-cloud regions that customers can use without an access request.
 *
 * Sources (stored copies, read 2026-11-24):
 * - Microsoft Learn "Azure regions list" (MicrosoftDocs/reliability-docs
 *   articles/reliability/regions-list.md @ 01021ab8, ms.date 2025-09-23): names, zones, pairs.
 * - "Azure region pairs and nonpaired regions" (regions-paired.md @ 18e963b5): the one-way
 *   pairs (Brazil South -> South Central US, West India -> South India, West US 3 -> East US).
 * - "What are availability zones?" (ms.date 2026-02-11): Denmark East, India South Central.
 * - Short codes: the Azure Backup geo-codes, as carried by Azure Verified Modules
 *   (Azure/terraform-azurerm-avm-utl-regions locals.geo.codes.tf.json @ 733a48b3).
 * North Central US is listed without zones: Microsoft shows its zones as preview.
 * A paired region may be a restricted one that is not in this list (francesouth, ...).
 * Microsoft content: CC BY 4.0 / MIT, see NOTICE.md.
 */
export interface Region {
  /** ARM location name. */
  readonly name: string;
  readonly displayName: string;
  /** Short code used in resource names. */
  readonly shortCode: string;
  readonly availabilityZones: boolean;
  /** Paired region for geo-redundancy, or null for a nonpaired region. */
  readonly pairedRegion: string | null;
}

export const REGIONS: readonly Region[] = [
  {
    name: 'australiacentral',
    displayName: 'Australia Central',
    shortCode: 'acl',
    availabilityZones: false,
    pairedRegion: 'australiacentral2',
  },
  {
    name: 'australiaeast',
    displayName: 'Australia East',
    shortCode: 'ae',
    availabilityZones: true,
    pairedRegion: 'australiasoutheast',
  },
  {
    name: 'australiasoutheast',
    displayName: 'Australia Southeast',
    shortCode: 'ase',
    availabilityZones: false,
    pairedRegion: 'australiaeast',
  },
  {
    name: 'austriaeast',
    displayName: 'Austria East',
    shortCode: 'aue',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'belgiumcentral',
    displayName: 'Belgium Central',
    shortCode: 'bec',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'brazilsouth',
    displayName: 'Brazil South',
    shortCode: 'brs',
    availabilityZones: true,
    pairedRegion: 'southcentralus',
  },
  {
    name: 'canadacentral',
    displayName: 'Canada Central',
    shortCode: 'cnc',
    availabilityZones: true,
    pairedRegion: 'canadaeast',
  },
  {
    name: 'canadaeast',
    displayName: 'Canada East',
    shortCode: 'cne',
    availabilityZones: false,
    pairedRegion: 'canadacentral',
  },
  {
    name: 'centralindia',
    displayName: 'Central India',
    shortCode: 'inc',
    availabilityZones: true,
    pairedRegion: 'southindia',
  },
  {
    name: 'centralus',
    displayName: 'Central US',
    shortCode: 'cus',
    availabilityZones: true,
    pairedRegion: 'eastus2',
  },
  {
    name: 'chilecentral',
    displayName: 'Chile Central',
    shortCode: 'clc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'denmarkeast',
    displayName: 'Denmark East',
    shortCode: 'dke',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'eastasia',
    displayName: 'East Asia',
    shortCode: 'ea',
    availabilityZones: true,
    pairedRegion: 'southeastasia',
  },
  {
    name: 'eastus',
    displayName: 'East US',
    shortCode: 'eus',
    availabilityZones: true,
    pairedRegion: 'westus',
  },
  {
    name: 'eastus2',
    displayName: 'East US 2',
    shortCode: 'eus2',
    availabilityZones: true,
    pairedRegion: 'centralus',
  },
  {
    name: 'francecentral',
    displayName: 'France Central',
    shortCode: 'frc',
    availabilityZones: true,
    pairedRegion: 'francesouth',
  },
  {
    name: 'germanywestcentral',
    displayName: 'Germany West Central',
    shortCode: 'gwc',
    availabilityZones: true,
    pairedRegion: 'germanynorth',
  },
  {
    name: 'indiasouthcentral',
    displayName: 'India South Central',
    shortCode: 'insc',
    availabilityZones: true,
    pairedRegion: 'centralindia',
  },
  {
    name: 'indonesiacentral',
    displayName: 'Indonesia Central',
    shortCode: 'idc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'israelcentral',
    displayName: 'Israel Central',
    shortCode: 'ilc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'italynorth',
    displayName: 'Italy North',
    shortCode: 'itn',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'japaneast',
    displayName: 'Japan East',
    shortCode: 'jpe',
    availabilityZones: true,
    pairedRegion: 'japanwest',
  },
  {
    name: 'japanwest',
    displayName: 'Japan West',
    shortCode: 'jpw',
    availabilityZones: true,
    pairedRegion: 'japaneast',
  },
  {
    name: 'koreacentral',
    displayName: 'Korea Central',
    shortCode: 'krc',
    availabilityZones: true,
    pairedRegion: 'koreasouth',
  },
  {
    name: 'koreasouth',
    displayName: 'Korea South',
    shortCode: 'krs',
    availabilityZones: false,
    pairedRegion: 'koreacentral',
  },
  {
    name: 'malaysiawest',
    displayName: 'Malaysia West',
    shortCode: 'myw',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'mexicocentral',
    displayName: 'Mexico Central',
    shortCode: 'mxc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'newzealandnorth',
    displayName: 'New Zealand North',
    shortCode: 'nzn',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'northcentralus',
    displayName: 'North Central US',
    shortCode: 'ncus',
    availabilityZones: false,
    pairedRegion: 'southcentralus',
  },
  {
    name: 'northeurope',
    displayName: 'North Europe',
    shortCode: 'ne',
    availabilityZones: true,
    pairedRegion: 'westeurope',
  },
  {
    name: 'norwayeast',
    displayName: 'Norway East',
    shortCode: 'nwe',
    availabilityZones: true,
    pairedRegion: 'norwaywest',
  },
  {
    name: 'polandcentral',
    displayName: 'Poland Central',
    shortCode: 'plc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'qatarcentral',
    displayName: 'Qatar Central',
    shortCode: 'qac',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'southafricanorth',
    displayName: 'South Africa North',
    shortCode: 'san',
    availabilityZones: true,
    pairedRegion: 'southafricawest',
  },
  {
    name: 'southcentralus',
    displayName: 'South Central US',
    shortCode: 'scus',
    availabilityZones: true,
    pairedRegion: 'northcentralus',
  },
  {
    name: 'southeastasia',
    displayName: 'Southeast Asia',
    shortCode: 'sea',
    availabilityZones: true,
    pairedRegion: 'eastasia',
  },
  {
    name: 'southindia',
    displayName: 'South India',
    shortCode: 'ins',
    availabilityZones: false,
    pairedRegion: 'centralindia',
  },
  {
    name: 'spaincentral',
    displayName: 'Spain Central',
    shortCode: 'spc',
    availabilityZones: true,
    pairedRegion: null,
  },
  {
    name: 'swedencentral',
    displayName: 'Sweden Central',
    shortCode: 'sdc',
    availabilityZones: true,
    pairedRegion: 'swedensouth',
  },
  {
    name: 'switzerlandnorth',
    displayName: 'Switzerland North',
    shortCode: 'szn',
    availabilityZones: true,
    pairedRegion: 'switzerlandwest',
  },
  {
    name: 'uaenorth',
    displayName: 'UAE North',
    shortCode: 'uan',
    availabilityZones: true,
    pairedRegion: 'uaecentral',
  },
  {
    name: 'uksouth',
    displayName: 'UK South',
    shortCode: 'uks',
    availabilityZones: true,
    pairedRegion: 'ukwest',
  },
  {
    name: 'ukwest',
    displayName: 'UK West',
    shortCode: 'ukw',
    availabilityZones: false,
    pairedRegion: 'uksouth',
  },
  {
    name: 'westcentralus',
    displayName: 'West Central US',
    shortCode: 'wcus',
    availabilityZones: false,
    pairedRegion: 'westus2',
  },
  {
    name: 'westeurope',
    displayName: 'West Europe',
    shortCode: 'we',
    availabilityZones: true,
    pairedRegion: 'northeurope',
  },
  {
    name: 'westindia',
    displayName: 'West India',
    shortCode: 'inw',
    availabilityZones: false,
    pairedRegion: 'southindia',
  },
  {
    name: 'westus',
    displayName: 'West US',
    shortCode: 'wus',
    availabilityZones: false,
    pairedRegion: 'eastus',
  },
  {
    name: 'westus2',
    displayName: 'West US 2',
    shortCode: 'wus2',
    availabilityZones: true,
    pairedRegion: 'westcentralus',
  },
  {
    name: 'westus3',
    displayName: 'West US 3',
    shortCode: 'wus3',
    availabilityZones: true,
    pairedRegion: 'eastus',
  },
];

const BY_NAME = new Map(REGIONS.map((region) => [region.name, region]));

export function findRegion(name: string): Region | undefined {
  return BY_NAME.get(name);
}
