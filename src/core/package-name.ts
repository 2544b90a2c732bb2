/**
 * The name Baseplate is published under on npm, and the command that runs it from
 * any folder. The unscoped name `baseplate` belongs to an unrelated package, so
 * every command Baseplate prints names this one (test/install.test.ts checks it
 * against package.json).
 */
export const PACKAGE_NAME = 'aks-baseplate';

/**
 * Runs the `baseplate` command from any folder: the globally installed one when
 * there is one (npm exec looks there first), else the published package, without
 * asking. Inside a clone of the repository run `node build/cli/main.js` instead.
 */
export const RUN_ANYWHERE = `npx -y ${PACKAGE_NAME}`;
