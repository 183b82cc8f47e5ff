// Module hooks for hide-fixture-names.mjs: a fixtures/src file the test copied without the names
// (KONBINI_KOFU_HIDDEN_FIXTURES: { "residents.ts": "file:///…/residents.ts", … }) resolves to its copy.
const hidden = JSON.parse(process.env.KONBINI_KOFU_HIDDEN_FIXTURES ?? '{}');

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const match = resolved.url.match(/\/fixtures\/src\/([^/]+\.ts)$/);
  if (match && hidden[match[1]]) return { ...resolved, url: hidden[match[1]] };
  return resolved;
}
