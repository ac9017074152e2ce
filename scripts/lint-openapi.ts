import { createConfig, lintFromString } from '@redocly/openapi-core';
import { openApiDocument } from '../contract/openapi';

/**
 * Lints the API document with Redocly's recommended ruleset and prints the findings as JSON lines
 * (`{severity, ruleId, message, pointer}`); exits 1 when any is an error. Redocly ships ES modules only,
 * so jest runs this in a child process: `node --import tsx scripts/lint-openapi.ts`.
 */
const main = async (): Promise<void> => {
  const findings = await lintFromString({
    source: JSON.stringify(openApiDocument()),
    absoluteRef: 'openapi.json',
    config: await createConfig({ extends: ['recommended'] }),
  });
  for (const finding of findings)
    console.log(
      JSON.stringify({
        severity: finding.severity,
        ruleId: finding.ruleId,
        message: finding.message,
        pointer: finding.location[0]?.pointer,
      }),
    );
  process.exitCode = findings.some((finding) => finding.severity === 'error') ? 1 : 0;
};

void main();
