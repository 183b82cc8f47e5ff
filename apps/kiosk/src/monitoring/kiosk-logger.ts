import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { redactPersonalData, scrubString } from './redact';

export interface KioskLoggerOptions {
  kioskId: string;
  level?: Level;
  /** Defaults to stdout, which systemd hands to journald on a kiosk PC. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs (one object per line) with personal data redacted before anything
 * is serialised: objects by field name, messages by shape (My Number, "PIN 1234").
 */
export function createKioskLogger(options: KioskLoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { kioskId: options.kioskId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactPersonalData(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
      // pino serialises `err` itself, bypassing formatters.log; route it through the redaction.
      serializers: { err: (e: unknown) => redactPersonalData(e), error: (e: unknown) => redactPersonalData(e) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
