import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { parseKioskConfig, validateKioskConfig } from '../../src/config';
import type { FuzzTarget } from './fuzz-target';
import { collectingYamlWarnings } from './yaml-warnings';

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

let yamlWarnings = 0;

/**
 * Config files: any text as JSON or YAML, any value to the validator — a result, never a throw.
 * The YAML parser's warnings about the fuzzed text are collected, not printed (they flooded the
 * log), and counted in the report; only a YAML file may draw them.
 */
export const configTarget: FuzzTarget<{ name: string; text: string; value: unknown }> = {
  name: 'config loader',
  arbitrary: fc.record({
    name: fc.constantFrom('kiosk.json', 'kiosk.yaml', 'kiosk.yml', 'kiosk.txt'),
    text: fc.oneof(fc.string({ maxLength: 400 }), fc.jsonValue().map((v) => JSON.stringify(v)), configLike.map((v) => toYaml(v)), configLike.map((v) => JSON.stringify(v))),
    value: fc.oneof(fc.anything(), configLike),
  }),
  prepare: () => {
    yamlWarnings = 0;
    return Promise.resolve();
  },
  check: ({ name, text, value }) => {
    const parsed = collectingYamlWarnings(() => parseKioskConfig(text, name));
    yamlWarnings += parsed.yamlWarnings.length;
    if (parsed.yamlWarnings.length > 0 && !/\.ya?ml$/.test(name)) throw new Error(`YAML warnings from ${name}`);
    for (const result of [parsed.result, validateKioskConfig(value)]) {
      if (result.ok ? typeof result.config !== 'object' : !Array.isArray(result.problems) || result.problems.length === 0) throw new Error('a refusal without problems');
    }
  },
  figures: () => ({ yaml_warnings_collected: yamlWarnings }),
};
