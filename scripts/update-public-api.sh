#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every packable project from the code (PublicApiAnalyzers' RS0016 code fix).
# Run after an intentional public API change, then review the diff: it is the visible record of the change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$project" --diagnostics RS0016 >/dev/null 2>&1 || true
  echo "$project: $(grep -vc '^#' "$project/PublicAPI.Unshipped.txt") public symbols"
done
