import { apduResponseTarget, ccTalkTarget, hidReportTarget, id003Target } from './byte-targets';
import { cashLineTarget } from './cash-line-target';
import { centerHttpTarget, centerSchemaTarget } from './center-targets';
import { configTarget } from './config-target';
import type { FuzzTarget } from './fuzz-target';

/** Every fuzzed boundary, in the order the report lists them. */
export const FUZZ_TARGETS = [apduResponseTarget, id003Target, ccTalkTarget, hidReportTarget, centerSchemaTarget, centerHttpTarget, configTarget, cashLineTarget] as FuzzTarget<unknown>[];
