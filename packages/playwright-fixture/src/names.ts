// The fixture names a service may not take: Playwright's own (a service called `page` would hide
// the page) and this package's. Checked before any docker process starts.
import { InvalidOptionError } from '@docker-wrapper/core';

/** Playwright's public fixtures and options (PlaywrightTestArgs, ...TestOptions, ...WorkerArgs, ...WorkerOptions). */
export const PLAYWRIGHT_FIXTURES: readonly string[] = [
  // test arguments
  'page', 'context', 'request', 'mount',
  // test options
  'acceptDownloads', 'bypassCSP', 'colorScheme', 'contrast', 'clientCertificates', 'deviceScaleFactor', 'extraHTTPHeaders',
  'forcedColors', 'geolocation', 'hasTouch', 'httpCredentials', 'ignoreHTTPSErrors', 'isMobile', 'javaScriptEnabled', 'locale',
  'offline', 'permissions', 'proxy', 'reducedMotion', 'screen', 'storageState', 'timezoneId', 'userAgent', 'viewport', 'baseURL',
  'contextOptions', 'actionTimeout', 'navigationTimeout', 'serviceWorkers', 'testIdAttribute',
  // worker arguments and options
  'playwright', 'browser', 'browserName', 'defaultBrowserType', 'headless', 'channel', 'launchOptions', 'connectOptions',
  'reuseContext', 'screenshot', 'trace', 'video',
];

/** The worker fixture withServices() adds next to the services. */
export const ACCESSOR_FIXTURE = 'dockerServices';

// Refuses a service name that Playwright or this package already uses, saying what to do.
export function checkServiceNames(option: string, names: readonly string[]): void {
  for (const name of names) {
    if (PLAYWRIGHT_FIXTURES.includes(name)) {
      throw new InvalidOptionError(`${option}.${name}`, name, `\`${name}\` is one of Playwright's own fixtures: a service by that name would replace it in every test. Rename the service (its key in the map), like \`${name}Service\`.`);
    }
    if (name === ACCESSOR_FIXTURE) {
      throw new InvalidOptionError(`${option}.${name}`, name, `\`${ACCESSOR_FIXTURE}\` is the fixture withServices() adds for the run itself: rename the service.`);
    }
    if (name.startsWith('_')) {
      throw new InvalidOptionError(`${option}.${name}`, name, 'Playwright keeps fixture names starting with `_` for its own: name the service without the leading `_`.');
    }
  }
}
