/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
  testTimeout: 30000,
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};
