// A service named like one of Playwright's fixtures: refused when this module loads, before any
// docker process starts.
import { servicesSetup } from '@docker-wrapper/playwright';
import { postgres } from '@docker-wrapper/templates';

export default servicesSetup({ page: postgres() }, { docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {} });
