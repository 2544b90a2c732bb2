import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { VAULT, vault } from '../azure-builders.js';
import rule from './rbac-and-purge-protection.js';

const protectedVault = { enableRbacAuthorization: true, enablePurgeProtection: true };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's vault", input: baseline() },
    { title: 'RBAC and purge protection, soft delete unset (on)', input: template(vault(protectedVault)) },
  ],
  fail: [
    {
      title: 'no purge protection',
      input: baseline((p) => delete p.properties(VAULT)['enablePurgeProtection']),
      message: 'unprotected',
    },
    {
      title: 'access policies',
      input: baseline((p) => (p.properties(VAULT)['enableRbacAuthorization'] = false)),
      message: 'unprotected',
    },
    {
      title: 'soft delete off',
      input: template(vault({ ...protectedVault, enableSoftDelete: false })),
      message: 'unprotected',
    },
    {
      title: 'purge protection from an expression, with access policies',
      input: baseline((p) => {
        p.properties(VAULT)['enablePurgeProtection'] = HIDDEN;
        p.properties(VAULT)['enableRbacAuthorization'] = false;
      }),
      message: 'unprotected',
    },
  ],
  notApplicable: [{ title: 'no vault', input: template(cluster({})) }],
  unknown: [
    {
      title: 'purge protection from an expression',
      input: baseline((p) => (p.properties(VAULT)['enablePurgeProtection'] = HIDDEN)),
    },
  ],
});
