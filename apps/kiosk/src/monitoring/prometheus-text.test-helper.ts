/**
 * A strict reader of the Prometheus text format (0.0.4) for tests: every line must be a
 * HELP, a TYPE, or a sample of a metric whose TYPE came first. Returns the samples.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const samples = new Map<string, number>();
  const typed = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line))) continue;
    if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      if (typed.has(m[1]!)) throw new Error(`TYPE twice for ${m[1]}`);
      typed.set(m[1]!, m[2]!);
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*"(?:,(?=[a-zA-Z_]))?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    if (!typed.has(m[1]!)) throw new Error(`sample before TYPE: ${line}`);
    const key = `${m[1]}${m[2] ?? ''}`;
    if (samples.has(key)) throw new Error(`duplicate series ${key}`);
    samples.set(key, Number(m[3]!.replace('+Inf', 'Infinity').replace('-Inf', '-Infinity')));
  }
  return samples;
}
