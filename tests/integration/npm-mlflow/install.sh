#!/bin/bash
# Installs the pinned `mlflow` npm client next to session.js for TestMlflowNpmClient.
# Needs node, npm and the npm registry; without them the test is skipped and says so.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --no-save mlflow@2.0.7
