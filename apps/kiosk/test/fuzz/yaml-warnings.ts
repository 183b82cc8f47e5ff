import { YAMLWarning } from 'yaml';

/**
 * Runs `run` with the warnings the yaml parser emits (through process.emitWarning, as it does in
 * production, where a store's odd but readable file should be heard) collected instead of printed:
 * fuzzed text draws thousands of them and buried the run's log. Every other warning still goes out.
 */
export function collectingYamlWarnings<T>(run: () => T): { result: T; yamlWarnings: YAMLWarning[] } {
  // Put back exactly as it was (not a bound copy: one run per fuzz input would stack them).
  const original = Object.getOwnPropertyDescriptor(process, 'emitWarning');
  const passOn = process.emitWarning.bind(process);
  const yamlWarnings: YAMLWarning[] = [];
  process.emitWarning = (warning: string | Error, ...rest: unknown[]): void => {
    if (warning instanceof YAMLWarning) yamlWarnings.push(warning);
    else Reflect.apply(passOn, process, [warning, ...rest]);
  };
  try {
    return { result: run(), yamlWarnings };
  } finally {
    if (original) Object.defineProperty(process, 'emitWarning', original);
    else Reflect.deleteProperty(process, 'emitWarning');
  }
}
