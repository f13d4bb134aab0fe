// The provide/inject key of the testcontainers variant's connection data.
export const PROVIDE_KEY = 'benchTestcontainers';
