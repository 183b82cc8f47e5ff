// Module hooks for hide-fixture-names.mjs: fixtures/src/residents.ts resolves to the test's copy.
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const copy = process.env.KONBINI_KOFU_RESIDENTS_URL;
  if (copy && resolved.url.endsWith('/fixtures/src/residents.ts')) return { ...resolved, url: copy };
  return resolved;
}
