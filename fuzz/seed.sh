#!/usr/bin/env bash
# Seeds every fuzz target's corpus with the repository's plans and fixtures.
set -euo pipefail
cd "$(dirname "$0")"
for t in $(cargo fuzz list 2>/dev/null || ls fuzz_targets | sed 's/\.rs$//'); do
  mkdir -p "corpus/$t"
  find ../plans ../tests/fixtures -name '*.plan' -size -200k -print0 |
    while IFS= read -r -d '' f; do
      cp "$f" "corpus/$t/$(sha1sum "$f" | cut -c1-16)"
    done
done
