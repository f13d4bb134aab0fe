// Keeps the run busy so the outer e2e test can kill Vitest in the middle of it.
import { it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';

it('waits', async () => {
  services();
  await new Promise((resolve) => setTimeout(resolve, 60_000));
});
