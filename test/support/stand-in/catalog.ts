/**
 * A region that offers what the plans need: the VM sizes in every zone with room
 * in their quota, and the Kubernetes versions. Tests then take one thing away.
 */
import { VM_SIZES } from '../../../src/core/data/vm-sizes.js';
import type { StandInState } from './state.js';

export function offerEverything(
  state: StandInState,
  region = 'eastus2',
  kubernetes = ['1.35', '1.36'],
): void {
  state.skus = VM_SIZES.map((size) => ({
    resourceType: 'virtualMachines',
    name: size.name,
    family: size.quotaFamily,
    locations: [region],
    locationInfo: [{ location: region, zones: ['1', '2', '3'] }],
    capabilities: [{ name: 'vCPUs', value: String(size.vCpus) }],
    restrictions: [],
  }));
  const families = [...new Set(VM_SIZES.map((size) => size.quotaFamily))];
  state.usages = [
    {
      unit: 'Count',
      currentValue: 0,
      limit: 1000,
      name: { value: 'cores', localizedValue: 'Total Regional vCPUs' },
    },
    ...families.map((family) => ({
      unit: 'Count' as const,
      currentValue: 0,
      limit: 500,
      name: { value: family, localizedValue: family },
    })),
  ];
  state.kubernetesVersions = kubernetes.map((version) => ({ version }));
}
