import { describe, expect, it } from 'vitest';
import { claimSql } from '../../src/postgres/pool.js';
import { isolatedName } from '../../src/postgres/service.js';
import { specHash } from '../../src/hash.js';

describe('isolated database names', () => {
  it('are readable, stable per key and distinct between keys that clean up alike', () => {
    const a = isolatedName('app', 'Worker 1');
    expect(a).toMatch(/^app_worker_1_[0-9a-f]{6}$/);
    expect(isolatedName('app', 'Worker 1')).toBe(a);
    expect(isolatedName('app', 'worker-1')).not.toBe(a);
  });

  it('fit Postgres identifiers (63 bytes) however long the key', () => {
    const name = isolatedName('application_database', 'k'.repeat(200));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).not.toBe(isolatedName('application_database', `${'k'.repeat(199)}x`));
  });
});

describe('claimSql', () => {
  it('renames a spare under an advisory lock and falls back to a fresh copy', () => {
    const sql = claimSql('app', 'app_w1_abcdef');
    expect(sql).toMatch(/^SELECT pg_advisory_lock\(\d+\);/);
    expect(sql).toContain(`LIKE 'app\\_dw\\_spare\\_%'`);
    expect(sql).toContain('ALTER DATABASE :"spare" RENAME TO "app_w1_abcdef";');
    expect(sql).toContain('CREATE DATABASE "app_w1_abcdef" TEMPLATE "app_dw_template";');
    expect(sql.trim().split('\n').at(-1)).toMatch(/^SELECT pg_advisory_unlock\(\d+\);$/);
  });
});

describe('specHash', () => {
  it('ignores key order and tells different specs apart', () => {
    expect(specHash({ a: 1, b: { c: [1, 2] } })).toBe(specHash({ b: { c: [1, 2] }, a: 1 }));
    expect(specHash({ a: 1, b: { c: [2, 1] } })).not.toBe(specHash({ a: 1, b: { c: [1, 2] } }));
    expect(specHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });
});
