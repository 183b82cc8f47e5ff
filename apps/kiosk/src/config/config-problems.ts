import type { z } from 'zod';

/** One thing wrong with a configuration: which field, what is wrong and how to fix it. */
export interface ConfigProblem {
  /** Dotted path, e.g. "devices.printer.uri"; "(file)" for the file itself. */
  field: string;
  message: string;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

const typeFix: Record<string, string> = {
  string: 'write it as text in quotes',
  number: 'write a number without quotes',
  boolean: 'write true or false without quotes',
  array: 'write a list, e.g. [a, b] or one "- item" per line in YAML',
  object: 'write a section with its own fields',
};

/** Turns zod's issues into problems a store technician can act on. */
export function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem[] => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          field: fieldName([...issue.path, key]),
          message: 'is not a known field: remove it or check its spelling (apps/kiosk/src/config/README.md lists every field)',
        }));
      case 'invalid_type': {
        if (!issue.message.startsWith('Invalid input')) return [{ field: fieldName(issue.path), message: issue.message }];
        const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'something else';
        const fix = typeFix[issue.expected] ?? `give a ${issue.expected}`;
        if (received === 'undefined') return [{ field: fieldName(issue.path), message: `is required: ${fix}` }];
        return [{ field: fieldName(issue.path), message: `must be a ${issue.expected}, not a ${received}: ${fix}` }];
      }
      default:
        return [{ field: fieldName(issue.path), message: issue.message }];
    }
  });
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  ✗ ${p.field}: ${p.message}`).join('\n');
}
