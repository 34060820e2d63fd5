import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export class EnvFileError extends Error {}

/** `KEY=value` lines of one Agents Toolkit env file (env/.env.<name>); a missing file is an error naming it. */
export function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new EnvFileError(`environment file not found: ${file}`);
  }
  return Object.fromEntries(Object.entries(parseEnv(text)).map(([key, value]) => [key, value ?? '']));
}
