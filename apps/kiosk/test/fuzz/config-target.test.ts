import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../../src/config';
import { configTarget } from './config-target';
import { collectingYamlWarnings } from './yaml-warnings';

// An unknown tag: valid YAML the parser reads, with a warning (TAG_RESOLVE_FAILED).
const WARNED_YAML = 'kioskId: !custom kiosk-0001\n';

/** The process warnings emitted while `run` runs (they are delivered on the next tick). */
async function processWarnings(run: () => void): Promise<Error[]> {
  const seen: Error[] = [];
  const listener = (warning: Error): void => void seen.push(warning);
  process.on('warning', listener);
  try {
    run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

describe('the config fuzz target and the YAML parser\'s warnings', () => {
  it('collects the warnings fuzzed YAML draws instead of printing them, and counts them', async () => {
    await configTarget.prepare?.();
    const seen = await processWarnings(() => void configTarget.check({ name: 'kiosk.yaml', text: WARNED_YAML, value: {} }));
    expect(seen).toEqual([]);
    expect(configTarget.figures?.()).toEqual({ yaml_warnings_collected: 1 });
  });

  it('still lets the kiosk itself warn about a store\'s YAML file (production is not silenced)', async () => {
    const seen = await processWarnings(() => void parseKioskConfig(WARNED_YAML, 'kiosk.yaml'));
    expect(seen.map((w) => w.name)).toEqual(['YAMLWarning']);
  });

  it('passes any other warning on while collecting, and puts process.emitWarning back as it was', async () => {
    const before = Object.getOwnPropertyDescriptor(process, 'emitWarning');
    const seen = await processWarnings(() => void collectingYamlWarnings(() => process.emitWarning('not from yaml', 'OtherWarning')));
    expect(seen.map((w) => [w.name, w.message])).toEqual([['OtherWarning', 'not from yaml']]);
    expect(Object.getOwnPropertyDescriptor(process, 'emitWarning')).toEqual(before);
  });
});
