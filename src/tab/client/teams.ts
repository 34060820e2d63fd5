import { app, authentication } from '@microsoft/teams-js';

/**
 * teams-js never settles outside a Teams host (an ordinary browser, a test page), so every call
 * has a deadline: the tabs then carry on as plain web pages.
 */
const TEAMS_TIMEOUT_MS = 3000;
// Inside Teams the first token request may wait for the person to consent.
const TOKEN_TIMEOUT_MS = 60000;

let connection: Promise<app.Context | undefined> | undefined;

/** The Teams context, or undefined when the page is not running inside Teams. */
export function teamsContext(): Promise<app.Context | undefined> {
  connection ??= withDeadline(
    app.initialize().then(async () => {
      const context = await app.getContext();
      app.notifySuccess();
      followTheme(context.app.theme);
      app.registerOnThemeChangeHandler(followTheme);
      return context;
    }),
    TEAMS_TIMEOUT_MS,
  ).catch(() => undefined);
  return connection;
}

/**
 * A Teams SSO token for this app's API, or undefined outside Teams (the server then decides:
 * only the local-development identity on loopback works without one).
 */
export async function teamsToken(): Promise<string | undefined> {
  if (!(await teamsContext())) return undefined;
  return withDeadline(authentication.getAuthToken(), TOKEN_TIMEOUT_MS).catch(() => undefined);
}

/** Teams' dark and high-contrast themes: the stylesheet keys its colours on data-theme. */
function followTheme(theme: string): void {
  document.body.dataset.theme = theme === 'contrast' ? 'dark' : theme;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
