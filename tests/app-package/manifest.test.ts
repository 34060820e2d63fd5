import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_PACKAGE_DIR, ENV_DIR, fillPlaceholders, manifestSchemaErrors, placeholdersIn, readManifestTemplate,
} from '../../src/cli/app-package';
import { readEnvFile } from '../../src/cli/env-file';
import { decodePng } from '../support/png';

/** Well-formed values like the ones provisioning writes, so the schema sees a real manifest. */
const PROVISIONED = {
  TEAMS_APP_ID: '6f1c2b7e-3a4d-4c5e-8f90-1a2b3c4d5e6f',
  BOT_ID: '0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a5f',
  AAD_APP_CLIENT_ID: '0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a5f',
  BOT_DOMAIN: 'policyguide.westlodge.example',
  APP_NAME_SUFFIX: '-dev',
  SCHOOL_WEBSITE_URL: 'https://www.westlodge.example',
  PRIVACY_URL: 'https://www.westlodge.example/privacy',
  TERMS_OF_USE_URL: 'https://www.westlodge.example/terms',
};

type Command = { title: string; description: string };
type Manifest = {
  $schema: string; manifestVersion: string;
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
};

const template = readManifestTemplate();
const filled = JSON.parse(fillPlaceholders(template, PROVISIONED, 'test values')) as Manifest;

describe('the Teams app manifest (appPackage/manifest.json)', () => {
  it("passes Microsoft's manifest JSON schema for the version it declares", () => {
    expect(filled.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${filled.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(manifestSchemaErrors(filled)).toEqual([]);
  });

  it('the schema check catches a broken manifest (so a passing check means something)', () => {
    const broken = { ...filled, bots: [{ ...filled.bots[0], botId: 'not-a-guid' }], accentColor: 'navy', botName: 'x' };
    const errors = manifestSchemaErrors(broken);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/bots\/0\/botId: must match pattern/),
      expect.stringMatching(/^\/accentColor: must match pattern/),
      expect.stringMatching(/^\/: must NOT have additional properties .*botName/),
    ]));
  });

  it('offers the bot in 1:1 chat, group chats and channels, with help, report and example questions in each', () => {
    const bot = filled.bots[0];
    expect(bot.botId).toBe(PROVISIONED.BOT_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      const titles = list.commands.map((c) => c.title);
      expect(titles).toEqual(expect.arrayContaining(['help', 'report', 'can I friend a parent?']));
      // Teams rejects command titles over 32 characters and descriptions over 128, stricter than the schema.
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
      expect(list.commands.length).toBeLessThanOrEqual(10);
    }
  });

  it('pins the Policy and Concerns tabs, offers the channel Concerns tab, and allows only the bot host', () => {
    const host = `https://${PROVISIONED.BOT_DOMAIN}`;
    const tab = (entityId: string) => filled.staticTabs.find((t) => t.entityId === entityId);
    expect(tab('policy')).toMatchObject({ contentUrl: `${host}/tabs/policy.html`, scopes: ['personal'] });
    expect(tab('concerns')).toMatchObject({ contentUrl: `${host}/tabs/concerns.html`, scopes: ['personal'] });
    expect(filled.configurableTabs).toEqual([expect.objectContaining({ configurationUrl: `${host}/tabs/concerns-config.html`, scopes: ['team'] })]);
    expect(filled.webApplicationInfo).toEqual({ id: PROVISIONED.AAD_APP_CLIENT_ID, resource: `api://${PROVISIONED.BOT_DOMAIN}/${PROVISIONED.AAD_APP_CLIENT_ID}` });
    expect(filled.validDomains).toEqual([PROVISIONED.BOT_DOMAIN]);
  });

  it.each(['dev', 'local'])('every ${{…}} placeholder is defined in env/.env.%s', (envName) => {
    const defined = Object.keys(readEnvFile(join(ENV_DIR, `.env.${envName}`)));
    expect(placeholdersIn(template).filter((name) => !defined.includes(name))).toEqual([]);
  });

  it('committed env files hold no secrets (they belong in env/.env.<name>.user)', () => {
    for (const envName of ['dev', 'local', 'playground']) {
      const values = readEnvFile(join(ENV_DIR, `.env.${envName}`));
      for (const [key, value] of Object.entries(values)) {
        if (/SECRET|PASSWORD/.test(key)) expect(`${envName}:${key}=${value}`).toBe(`${envName}:${key}=`);
      }
    }
  });
});

describe('the app icons', () => {
  const icon = (name: string) => decodePng(readFileSync(join(APP_PACKAGE_DIR, name)));

  it('color.png is a 192×192 full-colour icon', () => {
    const color = icon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    let translucent = 0;
    for (let i = 3; i < color.rgba.length; i += 4) if (color.rgba[i] !== 255) translucent++;
    expect(translucent).toBe(0);
  });

  it('outline.png is 32×32, white on a transparent background', () => {
    const outline = icon('outline.png');
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    const pixels = [...Array(32 * 32).keys()].map((i) => [...outline.rgba.subarray(i * 4, i * 4 + 4)]);
    const visible = pixels.filter(([, , , a]) => a > 0);
    expect(visible.length).toBeGreaterThan(50); // there is a drawing
    expect(visible.length).toBeLessThan(32 * 32 * 0.6); // …on a mostly transparent background
    expect(pixels[0][3]).toBe(0); // corners are clear
    expect(visible.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255)).toEqual([]);
  });
});
