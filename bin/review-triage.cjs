#!/usr/bin/env node
'use strict';
// The CLI lives in dist/cli.cjs (built by `npm run build`).
require('../dist/cli.cjs');
