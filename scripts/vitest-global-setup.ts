import { loadTestPki } from '@konbini-kofu/fixtures';

/** Generate the test PKI once, before the workers start, so they never race to create it. */
export default async function setup(): Promise<void> {
  await loadTestPki();
}
