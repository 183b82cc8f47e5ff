import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { parseKioskConfig, validateKioskConfig } from '../../src/config';
import type { FuzzTarget } from './fuzz-target';

/** A plausible configuration, so mutations reach past the first field check. */
const configLike = fc.record(
  {
    kioskId: fc.oneof(fc.constant('kiosk-0001'), fc.string()),
    center: fc.oneof(fc.record({ kind: fc.constantFrom('demo', 'remote', 'x'), url: fc.oneof(fc.webUrl(), fc.string()) }), fc.jsonValue()),
    cash: fc.oneof(fc.record({ maxChange: fc.integer(), maxInserted: fc.integer() }), fc.jsonValue()),
    staff: fc.oneof(fc.record({ pinHash: fc.string() }), fc.jsonValue()),
    devices: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** Config files: any text as JSON or YAML, any value to the validator — a result, never a throw. */
export const configTarget: FuzzTarget<{ name: string; text: string; value: unknown }> = {
  name: 'config loader',
  arbitrary: fc.record({
    name: fc.constantFrom('kiosk.json', 'kiosk.yaml', 'kiosk.yml', 'kiosk.txt'),
    text: fc.oneof(fc.string({ maxLength: 400 }), fc.jsonValue().map((v) => JSON.stringify(v)), configLike.map((v) => toYaml(v)), configLike.map((v) => JSON.stringify(v))),
    value: fc.oneof(fc.anything(), configLike),
  }),
  check: ({ name, text, value }) => {
    for (const result of [parseKioskConfig(text, name), validateKioskConfig(value)]) {
      if (result.ok ? typeof result.config !== 'object' : !Array.isArray(result.problems) || result.problems.length === 0) throw new Error('a refusal without problems');
    }
  },
};
