import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('runs locally with no settings at all: port 3978, ./data, no bot credentials (Playground mode)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.dataDir).toMatch(/[/\\]data$/);
    expect(config.bot).toEqual({ appId: undefined, appPassword: undefined, tenantId: undefined, appType: 'MultiTenant' });
    expect(config.publicBaseUrl).toBe('http://localhost:3978');
    expect(config.schoolName).toBe('West Lodge School');
    expect(config.safeguarding).toMatchObject({ dslUserIds: [], escalateUrgentMinutes: 10, escalateOtherMinutes: 60, draftRetentionDays: 30 });
  });

  it('reads the Toolkit variable names, treating blank values as unset', () => {
    const config = loadConfig({
      PORT: '4000', BOT_ID: 'app-id', SECRET_BOT_PASSWORD: 'secret', BOT_TENANT_ID: '', TEAMS_APP_ID: '',
      DSL_USER_IDS: ' aaa , bbb,,', ESCALATION_FALLBACK_USER_ID: 'ccc', AAD_APP_CLIENT_ID: 'tab-client', BOT_ENDPOINT: 'https://bot.example.org/',
    });
    expect(config.port).toBe(4000);
    expect(config.bot).toEqual({ appId: 'app-id', appPassword: 'secret', tenantId: undefined, appType: 'MultiTenant' });
    expect(config.teamsAppId).toBeUndefined();
    expect(config.safeguarding.dslUserIds).toEqual(['aaa', 'bbb']);
    expect(config.safeguarding.fallbackUserId).toBe('ccc');
    expect(config.tab.aadClientId).toBe('tab-client');
    expect(config.publicBaseUrl).toBe('https://bot.example.org');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" must be a whole number from 1 to 65535'],
    [{ ESCALATE_URGENT_MINUTES: '0' }, 'ESCALATE_URGENT_MINUTES="0" must be at least 1'],
    [{ DRAFT_RETENTION_DAYS: '0' }, 'DRAFT_RETENTION_DAYS="0" must be at least 1'],
    [{ BOT_TYPE: 'Single' }, 'BOT_TYPE="Single"'],
    [{ NODE_ENV: 'production' }, 'NODE_ENV=production needs BOT_ID'],
    [{ NODE_ENV: 'production', BOT_ID: 'x' }, 'needs BOT_PASSWORD'],
    [{ BOT_ID: 'x', BOT_PASSWORD: 'y', BOT_TYPE: 'SingleTenant' }, 'BOT_TYPE=SingleTenant needs BOT_TENANT_ID'],
  ])('stops with one clear line for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
