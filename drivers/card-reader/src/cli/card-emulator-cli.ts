// QA: put emulated JPKI cards on a vpcd reader of pcscd, lift them, put them back.
//   npx tsx drivers/card-reader/src/cli/card-emulator-cli.ts --start-pcscd --card yamada-taro
//   npx tsx drivers/card-reader/src/cli/card-emulator-cli.ts --port 35963 --delay-ms 40
// Then type commands: insert <profile> [garbage-certificate|foreign-key] | lift | back | misbehave silent|oversized|slow <ms> | behave | status | profiles | quit
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cardProfiles, findCardProfile } from '@konbini-kofu/fixtures';
import type { VirtualJpkiCard } from '../emulator/virtual-jpki-card';
import { startPrivatePcscd, type PrivatePcscd } from '../testing/private-pcscd';
import { hostileCardOf } from '../testing/hostile-cards';
import { cardOf, scratchDir } from '../testing/pcsc-test-bench';
import { VpcdCardSlot } from '../vpcd/vpcd-card-slot';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'start-pcscd': { type: 'boolean', default: false },
    card: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`card-emulator: emulated My Number cards (JPKI) on pcscd's vpcd reader

  --start-pcscd     start a private pcscd with vpcd (socket and port printed), stopped on quit
  --port N          vpcd port of an already running pcscd (Debian's /etc/reader.conf.d/vpcd: 35963)
  --card PROFILE    insert this card at start (see "profiles")
  --delay-ms N      delay every answer, like a contactless card

commands: insert <profile> [garbage-certificate|foreign-key] | lift | back | status | profiles | quit
hostile:  misbehave silent      the card on the reader stops answering (stays on the reader)
          misbehave oversized   it answers every command with 2,000 bytes
          misbehave slow <ms>   it answers after <ms> (9000: slower than the kiosk's deadlines)
          behave                it answers normally again`);
  process.exit(0);
}

const delay = Number(values['delay-ms']);
if (!Number.isInteger(delay) || delay < 0 || delay > 10_000) throw new Error(`--delay-ms must be 0..10000, got ${values['delay-ms']}`);

let pcscd: PrivatePcscd | undefined;
let port: number;
if (values['start-pcscd']) {
  // No -a: pcscd's APDU log would record the PIN of every VERIFY.
  pcscd = await startPrivatePcscd({ dir: scratchDir('qa') });
  port = pcscd.port;
  console.log(`pcscd started (pid ${pcscd.pid()}), log ${pcscd.logFile}`);
  console.log(`for PC/SC clients (opensc-tool, pcsc_scan, the kiosk): export PCSCLITE_CSOCK_NAME=${pcscd.socketPath}`);
} else {
  port = Number(values.port ?? '35963');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a TCP port, got ${values.port}`);
}

const slot = new VpcdCardSlot({ port, responseDelayMs: delay });
let lastCard: { id: string; card: VirtualJpkiCard } | undefined;

async function insert(id: string, content: string | undefined): Promise<void> {
  if (!findCardProfile(id)) {
    console.log(`unknown profile "${id}"; try "profiles"`);
    return;
  }
  if (content !== undefined && content !== 'garbage-certificate' && content !== 'foreign-key') {
    console.log(`unknown content "${content}": garbage-certificate or foreign-key`);
    return;
  }
  const card = content === undefined ? await cardOf(id) : await hostileCardOf(id, content);
  lastCard = { id, card };
  slot.insert(card);
  console.log(`inserted ${id} on vpcd port ${port}${slot.connected ? '' : ' (waiting for vpcd…)'}`);
}

function status(): string {
  if (!lastCard || !slot.inserted) return 'no card on the reader';
  return `${lastCard.id} on the reader (${slot.connected ? 'vpcd connected' : 'waiting for vpcd'}), PIN tries left ${lastCard.card.pinTriesLeft}, ${slot.traffic.apdus} APDUs so far`;
}

function misbehave(kind: string | undefined, arg: string | undefined): void {
  if (kind === 'silent') slot.misbehave({ kind: 'silent' });
  else if (kind === 'oversized') slot.misbehave({ kind: 'oversized', bytes: 2_000 });
  else if (kind === 'slow' && arg !== undefined && /^\d{1,6}$/.test(arg)) slot.responseDelayMs = Number(arg);
  else return void console.log('misbehave silent | oversized | slow <ms>');
  console.log(`the card is now ${kind}${kind === 'slow' ? ` (${arg} ms per answer)` : ''}`);
}

async function shutdown(): Promise<void> {
  slot.lift();
  await pcscd?.stop();
  process.exit(0);
}

if (values.card) await insert(values.card, undefined);

const commands = createInterface({ input: process.stdin, output: process.stdout, prompt: 'card> ' });
commands.prompt();
commands.on('line', (line) => {
  const [command, arg, extra] = line.trim().split(/\s+/);
  const done = () => commands.prompt();
  switch (command) {
    case 'insert':
      if (!arg) console.log('insert <profile>');
      else return void insert(arg, extra).then(done);
      break;
    case 'misbehave':
      misbehave(arg, extra);
      break;
    case 'behave':
      slot.behave();
      slot.responseDelayMs = delay;
      console.log('the card answers normally');
      break;
    case 'lift':
      slot.lift();
      console.log('card lifted');
      break;
    case 'back':
      // The same card, PIN counter and all: a resident putting it back after lifting it.
      if (lastCard) {
        slot.insert(lastCard.card);
        console.log(`${lastCard.id} put back`);
      } else console.log('no card to put back');
      break;
    case 'status':
      console.log(status());
      break;
    case 'profiles':
      // No PIN digits on the console: QA finds each test card's PIN in fixtures/src/card-profiles.ts.
      for (const p of cardProfiles) console.log(`${p.id.padEnd(24)} ${p.token ?? '(no JPKI)'} tries ${p.pinTriesLeft} ${p.certificateStatus}`);
      break;
    case 'quit':
    case 'exit':
      return void shutdown();
    case undefined:
    case '':
      break;
    default:
      console.log('commands: insert <profile> [garbage-certificate|foreign-key] | lift | back | misbehave silent|oversized|slow <ms> | behave | status | profiles | quit');
  }
  done();
});
commands.on('close', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
