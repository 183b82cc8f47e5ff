// Loaded with --import before tsx in the secrets test's kiosk process: the fixture files that hold
// the names it searches for (residents, family registers) are served from the copies named in
// KONBINI_KOFU_HIDDEN_FIXTURES, written by the test with those names replaced. A name found in that process can then only have come from the visit (the
// center's answers), not from static test data the kiosk happens to import; and this process
// never reads the original file. The center, in its own process, keeps the real names.
import { register } from 'node:module';

register('./hide-fixture-names-hooks.mjs', import.meta.url);
