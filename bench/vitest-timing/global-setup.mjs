// Listed before the services' own global setup: its setup marks when global setup begins, and its
// teardown (teardowns run in reverse order) when the services' teardown has ended.
import { logEvent } from './log.mjs';

export default function setup() {
  logEvent('setup-begin');
  return () => logEvent('teardown-end');
}
