// Random credentials for services: unique per start unless the user gives one.
import { randomBytes } from 'node:crypto';

// 24 URL-safe characters (144 bits): no quoting trouble in URLs, shells or SQL literals.
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
