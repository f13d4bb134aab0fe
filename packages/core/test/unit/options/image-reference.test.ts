import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { repositoryOf, substituteImage, substitutionFromEnv, validateImageReference } from '../../../src/options/image-reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('validateImageReference', () => {
  it.each([
    'redis', 'redis:7-alpine', 'library/redis:7', 'ghcr.io/org/app:1.2', 'localhost/app', 'localhost:5000/app:dev',
    '127.0.0.1:5000/dw/stub:1', `redis@${DIGEST}`, `redis:7@${DIGEST}`, 'my_org/my-app__x:v1.0_rc', '[::1]:5000/app:1',
  ])('accepts %s', (reference) => {
    expect(validateImageReference('image', reference)).toBe(reference);
  });

  it.each([
    ['with a space', 'redis 7'],
    ['with a leading space', ' redis'],
    ['with a leading dash', '-redis'],
    ['that is a flag', '--privileged'],
    ['that smuggles a flag', 'redis:7 --rm'],
    ['with upper-case repository', 'Redis:7'],
    ['with an empty tag', 'redis:'],
    ['with a tag starting with a dash', 'redis:-x'],
    ['with an empty path component', 'org//app'],
    ['that is empty', ''],
    ['that is too long', `a${'b'.repeat(600)}`],
  ])('rejects a reference %s', (_why, reference) => {
    expect(() => validateImageReference('image', reference)).toThrow(InvalidOptionError);
  });

  it('names the option in backticks and shows the value', () => {
    expect(() => validateImageReference('image', 'redis 7')).toThrow(/^Invalid `image`: "redis 7"\. /);
    expect(() => validateImageReference('tag', 42)).toThrow(/^Invalid `tag`: 42\. /);
  });
});

describe('repositoryOf', () => {
  it.each([
    ['redis:7', 'redis'],
    ['redis', 'redis'],
    ['host:5000/a/b:1', 'host:5000/a/b'],
    ['host:5000/a/b', 'host:5000/a/b'],
    [`redis@${DIGEST}`, 'redis'],
    [`redis:7@${DIGEST}`, 'redis'],
  ])('%s -> %s', (reference, repository) => {
    expect(repositoryOf(reference)).toBe(repository);
  });
});

describe('substitutionFromEnv', () => {
  it('reads comma-separated from=to pairs, trimming spaces', () => {
    const s = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: ' debian=docker-wrapper-ci/base:dev , redis:7=mirror.local/redis:7 ,' });
    expect([...s.map]).toEqual([['debian', 'docker-wrapper-ci/base:dev'], ['redis:7', 'mirror.local/redis:7']]);
    expect(s.registryPrefix).toBeUndefined();
  });

  it('puts pairs given in code before (and over) the environment', () => {
    const s = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: 'redis=from-env/redis:1,postgres=from-env/pg:1' }, { redis: 'from-code/redis:2' });
    expect(s.map.get('redis')).toBe('from-code/redis:2');
    expect(s.map.get('postgres')).toBe('from-env/pg:1');
  });

  it('takes the registry prefix from the option over the environment and adds the slash', () => {
    expect(substitutionFromEnv({ DOCKER_WRAPPER_REGISTRY_PREFIX: 'mirror.local:5000' }).registryPrefix).toBe('mirror.local:5000/');
    expect(substitutionFromEnv({ DOCKER_WRAPPER_REGISTRY_PREFIX: 'mirror.local:5000/' }).registryPrefix).toBe('mirror.local:5000/');
    expect(substitutionFromEnv({ DOCKER_WRAPPER_REGISTRY_PREFIX: 'env.local' }, {}, 'code.local/hub').registryPrefix).toBe('code.local/hub/');
  });

  it.each([
    ['a pair without =', 'debian', /`DOCKER_WRAPPER_IMAGE_MAP`: "debian"/],
    ['a pair with nothing before =', '=x/y:1', /`DOCKER_WRAPPER_IMAGE_MAP`: "=x\/y:1"/],
    ['an invalid target', 'debian=Not Valid', /`DOCKER_WRAPPER_IMAGE_MAP`: "Not Valid"/],
    ['an invalid source', '--rm=x:1', /`DOCKER_WRAPPER_IMAGE_MAP`: "--rm"/],
  ])('rejects %s in DOCKER_WRAPPER_IMAGE_MAP, naming it', (_why, value, message) => {
    expect(() => substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: value })).toThrow(InvalidOptionError);
    expect(() => substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: value })).toThrow(message);
  });

  it('rejects invalid pairs given in code, naming the key', () => {
    expect(() => substitutionFromEnv({}, { 'bad key': 'x:1' })).toThrow(/`imageMap key`: "bad key"/);
    expect(() => substitutionFromEnv({}, { redis: '-x' })).toThrow(/`imageMap\["redis"\]`: "-x"/);
  });
});

describe('substituteImage', () => {
  const substitution = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: 'redis:7=exact/redis:7,redis=any-tag/redis:dev,ghcr.io/org/app=mirror/app:1' });

  it('prefers an exact match over a repository match', () => {
    expect(substituteImage('redis:7', substitution)).toBe('exact/redis:7');
  });

  it('lets a bare repository key match any tag, or none, or a digest', () => {
    expect(substituteImage('redis:6-alpine', substitution)).toBe('any-tag/redis:dev');
    expect(substituteImage('redis', substitution)).toBe('any-tag/redis:dev');
    expect(substituteImage(`redis@${DIGEST}`, substitution)).toBe('any-tag/redis:dev');
    expect(substituteImage('ghcr.io/org/app:2', substitution)).toBe('mirror/app:1');
  });

  it('treats the long Docker Hub names of an image as the image', () => {
    expect(substituteImage('docker.io/library/redis:7', substitution)).toBe('exact/redis:7');
    expect(substituteImage('library/redis:6', substitution)).toBe('any-tag/redis:dev');
    expect(substituteImage('index.docker.io/library/redis', substitution)).toBe('any-tag/redis:dev');
    const long = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: 'docker.io/apache/kafka=local/kafka:dev,docker.io/library/postgres:17=local/pg:17' });
    expect(substituteImage('apache/kafka:3.9.1', long)).toBe('local/kafka:dev');
    expect(substituteImage('docker.io/apache/kafka:3.9.1', long)).toBe('local/kafka:dev');
    expect(substituteImage('postgres:17', long)).toBe('local/pg:17');
    // Not Docker Hub, or another repository: no match.
    expect(substituteImage('ghcr.io/library/redis:7', substitution)).toBe('ghcr.io/library/redis:7');
    expect(substituteImage('docker.io/someone/redis:7', substitution)).toBe('docker.io/someone/redis:7');
  });

  it('leaves other references alone', () => {
    expect(substituteImage('postgres:17', substitution)).toBe('postgres:17');
    expect(substituteImage('redis-stack:7', substitution)).toBe('redis-stack:7');
  });

  it('prefixes Docker Hub references only, and never a substituted one', () => {
    const prefixed = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: 'redis=local/redis:dev', DOCKER_WRAPPER_REGISTRY_PREFIX: 'mirror.local:5000' });
    expect(substituteImage('postgres:17', prefixed)).toBe('mirror.local:5000/postgres:17');
    expect(substituteImage('library/postgres:17', prefixed)).toBe('mirror.local:5000/library/postgres:17');
    expect(substituteImage('bitnami/kafka:3', prefixed)).toBe('mirror.local:5000/bitnami/kafka:3');
    expect(substituteImage('docker.io/library/postgres:17', prefixed)).toBe('mirror.local:5000/library/postgres:17');
    expect(substituteImage('docker.io/bitnami/kafka:3', prefixed)).toBe('mirror.local:5000/bitnami/kafka:3');
    expect(substituteImage('docker.io/library/redis:7', prefixed)).toBe('local/redis:dev');
    expect(substituteImage('ghcr.io/org/app:1', prefixed)).toBe('ghcr.io/org/app:1');
    expect(substituteImage('localhost/app:1', prefixed)).toBe('localhost/app:1');
    expect(substituteImage('registry:5000/app:1', prefixed)).toBe('registry:5000/app:1');
    expect(substituteImage('redis:7', prefixed)).toBe('local/redis:dev');
  });
});
