#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so the checkout needs no build step
// and `npx passerelle` always runs the code you see.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
