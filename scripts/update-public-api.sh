#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every packable project from the code (PublicApiAnalyzers' RS0016 code fix).
# Run after an intentional public API change, then review the diff: it is the visible record of the change.
# The file is emptied first so that removed symbols disappear too; if the code fix fails (a compile error hides RS0016,
# a restore fails…) the previous file is put back and the script stops, so a failed run never loses the recorded surface.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || continue
  backup="$(mktemp)"
  cp "$unshipped" "$backup"
  printf '#nullable enable\n' > "$unshipped"
  if ! log="$(dotnet format analyzers "$project" --diagnostics RS0016 2>&1)"; then
    cp "$backup" "$unshipped"
    rm -f "$backup"
    echo "$project: dotnet format failed; PublicAPI.Unshipped.txt left as it was. Its output:" >&2
    echo "$log" | tail -20 >&2
    exit 1
  fi
  # dotnet format can exit 0 without applying the fix (e.g. the project does not compile): an emptied file is then a failure.
  if [ "$(grep -vc '^#' "$unshipped" || true)" = 0 ] && [ "$(grep -vc '^#' "$backup" || true)" != 0 ]; then
    cp "$backup" "$unshipped"
    rm -f "$backup"
    echo "$project: the code fix recorded no symbol (does the project build?); PublicAPI.Unshipped.txt left as it was." >&2
    exit 1
  fi
  rm -f "$backup"
  echo "$project: $(grep -vc '^#' "$unshipped") public symbols"
done
