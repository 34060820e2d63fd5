/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
  testTimeout: 30000,
  // adaptivecards' main entry is ES modules, which jest's CommonJS runtime cannot load; its UMD bundle is the same code.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};
