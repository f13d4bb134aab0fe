// Keeps the run busy so the outer e2e test can kill Jest in the middle of it.
const { services } = require('@docker-wrapper/jest/runtime');

test('waits', async () => {
  services();
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}, 120_000);
