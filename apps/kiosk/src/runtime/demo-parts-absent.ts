import type { DemoKit } from '../demo/demo-kit';
import type { CenterConnection } from './center-connection';

/**
 * What the packaged app has in place of the demo's test-PKI parts (src/main/production-build.mjs swaps
 * them in at bundle time): a configuration asking for the mock center is refused with the reason,
 * and emulated devices run without the dev dock (no test cards without test keys).
 */
export function startConfiguredMockCenter(): Promise<CenterConnection> {
  return Promise.reject(new Error('center.kind "mock" is for the demo from a source checkout: the packaged kiosk has no mock center and no test keys; configure center.kind "remote"'));
}

export function addDevDock(): Promise<DemoKit | undefined> {
  return Promise.resolve(undefined);
}
