// Stops what the testcontainers flavour's global setup started.
export default async function teardown() {
  await Promise.all((globalThis.benchContainers ?? []).map((container) => container.stop()));
}
