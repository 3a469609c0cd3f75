// Builds the page of `pointea view` into the tools jar: installs the locked npm packages when
// node_modules is missing or older than package-lock.json (npm ci), then bundles src/main.js with
// three.js into OUT/app.js. Run by Maven (tools/pom.xml, exec-maven-plugin) as
//   node build.mjs OUT
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/classes/org/pointea/tools/view/web'));
const lock = join(here, 'package-lock.json');
const installed = join(here, 'node_modules', '.package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('pointea viewer: npm ci failed; build with -Dpointea.web.skip=true to leave the viewer out');
    process.exit(1);
  }
}
mkdirSync(out, { recursive: true });
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  legalComments: 'external',
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
