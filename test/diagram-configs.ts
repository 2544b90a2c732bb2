/** Configurations the diagram tests draw: the default plan's, and a large one. */

/**
 * Three spokes, one with a node subnet per pool and one with its API server in
 * the spoke, five user pools of several sizes, two connected networks reached
 * through the hub's gateway.
 */
export const LARGE_CONFIG = `
naming: { suffix: l4rge }
otherNetworks:
  - name: on-premises
    addressPrefixes: [10.0.0.0/12, 172.31.0.0/24]
  - name: partner network
    addressPrefixes: [100.64.10.0/24]
hub:
  gatewayTransit: true
spokes:
  - name: '00'
    addressSpace: 10.240.0.0/16
    ingress: { hostNames: [app00.contoso.com] }
    cluster:
      userPools:
        - { name: npuser01 }
        - { name: npmemory, vmSize: Standard_E8s_v5, minCount: 1, maxCount: 4 }
        - { name: npbatch, vmSize: Standard_D8s_v5, minCount: 0, maxCount: 10, priority: Spot }
  - name: '01'
    environment: preprod
    addressSpace: 10.241.0.0/16
    subnetPerNodePool: true
    ingress: { hostNames: [app01.contoso.com] }
    cluster:
      userPools:
        - { name: npuser01 }
        - { name: npgpu, vmSize: Standard_NC4as_T4_v3, minCount: 0, maxCount: 2 }
  - name: '02'
    addressSpace: 10.242.0.0/16
    ingress: { hostNames: [app02.contoso.com] }
    cluster: { apiServer: { private: true, vnetIntegration: true } }
`;
