/**
 * The Teams app package: appPackage/manifest.json + icons, with `${{NAME}}` placeholders filled from
 * `env/.env.<name>` (Agents Toolkit conventions), checked against Microsoft's manifest JSON schema as
 * bundled offline in @microsoft/app-manifest (its own validateManifest downloads the schema).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { EnvFileError, readEnvFile } from './env-file';

export const APP_PACKAGE_DIR = join(__dirname, '../../appPackage');
export const ENV_DIR = join(__dirname, '../../env');
export const ICON_FILES = ['color.png', 'outline.png'] as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** A production app has no name suffix ("PolicyGuide", not "PolicyGuide-dev"); every other value is needed. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export class AppPackageError extends Error {}

/** Every distinct `${{NAME}}` in a template, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The template with every placeholder filled; one error lists every name that has no value. */
export function fillPlaceholders(template: string, values: Record<string, string | undefined>, source: string): string {
  const missing = placeholdersIn(template).filter((name) => !values[name] && !(MAY_BE_EMPTY.has(name) && values[name] === ''));
  if (missing.length > 0) {
    throw new AppPackageError(`${source} has no value for ${missing.join(', ')} (needed by appPackage/manifest.json)`);
  }
  // Values go into JSON strings: escape them so a quote or backslash cannot break the manifest.
  return template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name] ?? '').slice(1, -1));
}

export function readManifestTemplate(dir = APP_PACKAGE_DIR): string {
  return readFileSync(join(dir, 'manifest.json'), 'utf8');
}

function schemaFor(manifestVersion: unknown): object {
  if (typeof manifestVersion !== 'string' || !/^\d+\.\d+$/.test(manifestVersion)) {
    throw new AppPackageError(`manifest.json: manifestVersion ${JSON.stringify(manifestVersion)} is not a version like "1.22"`);
  }
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

/** Schema errors for a filled manifest (empty when valid), each as "path: message". */
export function manifestSchemaErrors(manifest: { manifestVersion?: unknown }): string[] {
  // The Teams schemas are draft-04; `strict: false` because they use keywords ajv's strict mode rejects.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schemaFor(manifest.manifestVersion));
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
}

/**
 * Values for the placeholders: the env file's, and for names it leaves empty, the process environment's
 * (so a pipeline can inject TEAMS_APP_ID or BOT_ID without editing committed files).
 */
export function packageValues(fileValues: Record<string, string>, processEnv: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = { ...fileValues };
  for (const [key, value] of Object.entries(processEnv)) if (!values[key] && value) values[key] = value;
  return values;
}

export interface BuildOptions {
  envDir?: string;
  appPackageDir?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * The zip Teams accepts for sideloading or org upload: manifest.json and the two icons at its root.
 * Values come from `env/.env.<envName>`; the filled manifest must pass the schema.
 */
export async function buildAppPackage(envName: string, options: BuildOptions = {}): Promise<BuiltPackage> {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new AppPackageError(`environment name ${JSON.stringify(envName)} is not a plain name like "dev"`);
  const appPackageDir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const envFile = join(options.envDir ?? ENV_DIR, `.env.${envName}`);
  let fileValues: Record<string, string>;
  try {
    fileValues = readEnvFile(envFile);
  } catch (error) {
    throw error instanceof EnvFileError ? new AppPackageError(error.message) : error;
  }
  const values = packageValues(fileValues, options.processEnv ?? process.env);
  const shownEnvFile = relative(process.cwd(), envFile).startsWith('..') ? envFile : relative(process.cwd(), envFile);
  const text = fillPlaceholders(readManifestTemplate(appPackageDir), values, shownEnvFile);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const errors = manifestSchemaErrors(manifest);
  if (errors.length > 0) throw new AppPackageError(`manifest.json filled from ${shownEnvFile} does not match the Teams schema:\n  ${errors.join('\n  ')}`);

  const zip = new JSZip();
  zip.file('manifest.json', text);
  for (const icon of ICON_FILES) zip.file(icon, readFileSync(join(appPackageDir, icon)));
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest };
}
