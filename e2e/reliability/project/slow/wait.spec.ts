// Keeps the run busy (its services sampled by the diagnostics recorder) so the outer test can kill
// Vitest in the middle of it.
import { it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';

it('waits', async () => {
  services();
  await new Promise((resolve) => setTimeout(resolve, 60_000));
});
