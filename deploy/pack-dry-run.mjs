// Packs the kiosk app for Linux into an unpacked directory (`electron-builder --linux dir`) with a
// stand-in Electron binary, so it runs without internet; prints one JSON line describing what the
// real packages would contain: the files in app.asar, the native addons unpacked next to it, and
// the extra resources, and the Electron fuses as flipped in the packed binary. Build outputs that do not exist yet (the renderer, the main/preload bundles)
// are replaced by stand-ins; the check-config and staff-PIN tools are bundled for real.
// Native modules are not rebuilt (that needs Electron's headers from the internet).
//   node deploy/pack-dry-run.mjs [WORK_DIR]
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const work = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'konbini-pack-'));
const project = join(work, 'project');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));

// A copy of the checkout made of hard links (instant, no space; Linux, same file system as
// WORK_DIR): electron-builder then sees real folders, as in a real build, and nothing it does can
// touch the checkout. Build outputs missing in the checkout get stand-ins.
// Scratch folders (.tmp: daemons' sockets and logs of running tests) and git stay out.
const SKIP_AT_TOP = new Set(['.git', '.tmp', 'release', 'var', 'coverage']);
function hardLinkTree(from, to, top = true) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if ((top && SKIP_AT_TOP.has(entry.name)) || (entry.name === '.tmp' && !from.includes('node_modules'))) continue;
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (entry.isDirectory()) hardLinkTree(src, dst, false);
    else if (entry.isFile()) linkOrCopy(src, dst);
  }
}
/** A hard link, or a copy where WORK_DIR is on another file system (a tmpfs /tmp: EXDEV). */
function linkOrCopy(src, dst) {
  try {
    linkSync(src, dst);
  } catch (e) {
    if (e?.code !== 'EXDEV') throw e;
    copyFileSync(src, dst);
  }
}
hardLinkTree(ROOT, project);
const kiosk = join(project, 'apps/kiosk');
const standIns = [];
if (!existsSync(join(kiosk, 'dist/renderer/index.html'))) {
  mkdirSync(join(kiosk, 'dist/renderer/assets'), { recursive: true });
  writeFileSync(join(kiosk, 'dist/renderer/index.html'), '<!doctype html><title>stand-in</title>');
  writeFileSync(join(kiosk, 'dist/renderer/assets/index.js'), '');
  standIns.push('dist/renderer');
}
mkdirSync(join(kiosk, 'dist-electron'), { recursive: true });
for (const bundle of ['main.cjs', 'preload.cjs']) {
  if (existsSync(join(kiosk, 'dist-electron', bundle))) continue;
  writeFileSync(join(kiosk, 'dist-electron', bundle), '// stand-in\n');
  standIns.push(`dist-electron/${bundle}`);
}
// Written afresh (a hard-linked old bundle must not be overwritten in place).
for (const tool of ['check-config.cjs', 'hash-staff-pin.cjs']) rmSync(join(kiosk, 'dist-electron', tool), { force: true });
const tools = spawnSync(process.execPath, [join(ROOT, 'deploy/bundle-cli-tools.mjs'), join(kiosk, 'dist-electron')], { encoding: 'utf8' });
if (tools.status !== 0) throw new Error(`bundling the CLI tools failed: ${tools.stderr}`);

// A stand-in for the Electron distribution electron-builder would download.
const electronDist = join(work, 'electron-dist');
mkdirSync(electronDist);
// It carries the fuse wire a real Electron binary has (@electron/fuses finds it after its
// sentinel: version 1, 8 fuses, Electron's defaults — RunAsNode, NODE_OPTIONS, --inspect and the
// file:// privileges on), so electron-builder's `electronFuses` step flips it as it would the real
// one and the test reads the result back. Without it the step stops with "Could not find sentinel".
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_FUSES = '10110001';
writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\necho stand-in Electron\nexit 0\n# ${FUSE_SENTINEL}`), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`)]));
chmodSync(join(electronDist, 'electron'), 0o755);
writeFileSync(join(electronDist, 'version'), `v${config.electronVersion}`);

const output = join(work, 'release');
const started = Date.now();
const pack = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${output}`], {
  cwd: project,
  encoding: 'utf8',
});
writeFileSync(join(work, 'electron-builder.log'), `${pack.stdout}\n${pack.stderr}`);
if (pack.status !== 0) throw new Error(`electron-builder failed (log: ${join(work, 'electron-builder.log')}):\n${pack.stderr.slice(-2000)}`);

const unpacked = join(output, 'linux-unpacked');
const resources = join(unpacked, 'resources');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const asar = require('@electron/asar');
const asarFiles = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/^\//, ''));
const nativeUnpacked = existsSync(join(resources, 'app.asar.unpacked')) ? walk(join(resources, 'app.asar.unpacked')).filter((f) => f.endsWith('.node')).map((f) => relative(join(resources, 'app.asar.unpacked'), f)) : [];
const extraResources = walk(resources).filter((f) => !f.includes('app.asar')).map((f) => relative(resources, f));
// The fuses as flipped in the packed binary, by name (FuseV1Options order).
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const wire = await getCurrentFuseWire(join(unpacked, config.linux?.executableName ?? 'konbini-kofu'));
const fuses = Object.fromEntries(Object.entries(wire).filter(([k]) => k !== 'version').map(([i, state]) => [FuseV1Options[i], String.fromCharCode(state)]));
console.log(JSON.stringify({ work, fuses, seconds: Math.round((Date.now() - started) / 1000), executable: readdirSync(unpacked).filter((f) => f !== 'resources'), standIns, asarFiles, nativeUnpacked, extraResources }));
