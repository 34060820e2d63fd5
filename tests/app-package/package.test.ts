import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { APP_PACKAGE_DIR, buildAppPackage } from '../../src/cli/app-package';
import { decodePng } from '../support/png';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

const VALUES = {
  TEAMS_APP_ID: '6f1c2b7e-3a4d-4c5e-8f90-1a2b3c4d5e6f',
  BOT_ID: '0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a5f',
  AAD_APP_CLIENT_ID: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  BOT_DOMAIN: 'policyguide.westlodge.example',
  SCHOOL_WEBSITE_URL: 'https://www.westlodge.example',
  PRIVACY_URL: 'https://www.westlodge.example/privacy',
  TERMS_OF_USE_URL: 'https://www.westlodge.example/terms',
};

/** The process environment without any value the manifest needs, so only the env file counts. */
function envWithout(names: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !names.includes(key)));
}

describe('npm run package: the Teams app zip', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'policyguide-package-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('contains exactly manifest.json and the two icons, with every ${{…}} filled from env/.env.<name>', async () => {
    const lines = ['TEAMSFX_ENV=test', 'APP_NAME_SUFFIX=', ...Object.entries(VALUES).map(([k, v]) => `${k}=${v}`)];
    writeFileSync(join(dir, '.env.test'), `${lines.join('\n')}\n`);
    const built = await buildAppPackage('test', { envDir: dir, processEnv: {} });

    const zip = await JSZip.loadAsync(built.zip);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifestText = await zip.file('manifest.json')!.async('string');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({
      id: VALUES.TEAMS_APP_ID,
      name: { short: 'PolicyGuide' },
      bots: [expect.objectContaining({ botId: VALUES.BOT_ID })],
      validDomains: [VALUES.BOT_DOMAIN],
      webApplicationInfo: { id: VALUES.AAD_APP_CLIENT_ID, resource: `api://${VALUES.BOT_DOMAIN}/${VALUES.AAD_APP_CLIENT_ID}` },
    });
    for (const [icon, size] of [['color.png', 192], ['outline.png', 32]] as const) {
      const bytes = await zip.file(icon)!.async('nodebuffer');
      expect(bytes.equals(readFileSync(join(APP_PACKAGE_DIR, icon)))).toBe(true);
      expect(decodePng(bytes)).toMatchObject({ width: size, height: size });
    }
  });

  it('the CLI writes build/appPackage.<env>.zip, taking values the env file leaves empty from the environment', () => {
    const run = spawnSync(tsx, [join(root, 'src/cli/package-app.ts'), '--env', 'dev'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ...VALUES, APP_PACKAGE_OUT_DIR: dir },
    });
    expect(run.stderr).not.toContain('package:');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(join(dir, 'appPackage.dev.zip'));
    expect(existsSync(join(dir, 'appPackage.dev.zip'))).toBe(true);
  });

  it('the CLI refuses with one clear line naming every missing value, and writes no zip', () => {
    const run = spawnSync(tsx, [join(root, 'src/cli/package-app.ts'), '--env', 'dev'], {
      cwd: root, encoding: 'utf8', env: { ...envWithout(Object.keys(VALUES)), APP_PACKAGE_OUT_DIR: dir },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/env\/\.env\.dev has no value for .*TEAMS_APP_ID.*BOT_ID.*BOT_DOMAIN.*AAD_APP_CLIENT_ID/);
    expect(existsSync(join(dir, 'appPackage.dev.zip'))).toBe(false);
  });

  it('refuses a value that would make the manifest invalid (a bot id that is not a GUID)', async () => {
    writeFileSync(join(dir, '.env.bad'), Object.entries({ ...VALUES, APP_NAME_SUFFIX: '', BOT_ID: 'my-bot' }).map(([k, v]) => `${k}=${v}`).join('\n'));
    await expect(buildAppPackage('bad', { envDir: dir, processEnv: {} })).rejects.toThrow(/does not match the Teams schema[\s\S]*\/bots\/0\/botId/);
  });

  it('names a missing environment file', async () => {
    await expect(buildAppPackage('nowhere', { envDir: dir, processEnv: {} })).rejects.toThrow(/environment file not found: .*\.env\.nowhere/);
  });
});
