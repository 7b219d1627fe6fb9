/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // The example imports the package by its own name, as a user does (tsconfig.json's paths).
  moduleNameMapper: {
    "^avro-kong$": "<rootDir>/src/constructs/index.ts",
    "^avro-kong/(registry|contracts)$": "<rootDir>/src/$1/index.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/jest-setup.ts"],
  // A temp folder per run, removed afterwards: tests leave nothing in the system's temp folder.
  globalSetup: "<rootDir>/test/support/global-setup.js",
  globalTeardown: "<rootDir>/test/support/global-teardown.js",
  testTimeout: 60000,
};
