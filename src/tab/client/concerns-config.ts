import { pages } from '@microsoft/teams-js';
import { byId } from './dom';
import { teamsContext } from './teams';

/**
 * The channel tab's configuration page (manifest configurableTabs.configurationUrl): nothing to
 * choose, so Save is enabled at once and points the tab at the Concerns page.
 */
async function start(): Promise<void> {
  const status = byId('config-status');
  if (!(await teamsContext())) {
    status.textContent = 'Open this page from Teams, when adding the tab to a channel.';
    return;
  }
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({ contentUrl: new URL('concerns.html', location.href).href, entityId: 'concerns', suggestedDisplayName: 'Concerns' })
      .then(() => saveEvent.notifySuccess())
      .catch((error: unknown) => saveEvent.notifyFailure(String(error)));
  });
  pages.config.setValidityState(true);
  status.textContent = 'Select Save to add the tab.';
}

void start();
