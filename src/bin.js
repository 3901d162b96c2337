#!/usr/bin/env node
// The `skillpack` command. The sources are TypeScript, run through tsx so that a
// fresh clone works right after `npm install`, with no compile step.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
