#!/usr/bin/env bash
# Opens, or updates, the pull request that promotes to environment $2 everything environment
# $1 runs (`avro-kong promote --from $1 --env $2`), on the branch promote/$2. Nothing to
# promote: nothing happens. Needs GH_TOKEN.
set -euo pipefail
from="$1"
to="$2"
branch="promote/$to"
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
npx avro-kong promote --from "$from" --env "$to" | tee "$summary"
if git diff --quiet; then
  echo "$to already runs everything $from runs."
  exit 0
fi
git config user.name "avro-kong promotion"
git config user.email "avro-kong-promotion@users.noreply.github.com"
git switch -C "$branch"
git commit -qam "Promote to $to what $from runs"
# The checkout kept no credential: GH_TOKEN is handed to git for this push only.
git -c credential.helper= -c credential.helper="!gh auth git-credential" push --force origin "$branch"
body="Made by \`avro-kong promote --from $from --env $to\` after $from deployed:

\`\`\`
$(cat "$summary")
\`\`\`"
if [ "$(gh pr view "$branch" --json state --jq .state 2>/dev/null || true)" = "OPEN" ]; then
  gh pr edit "$branch" --body "$body"
else
  gh pr create --base main --head "$branch" --title "Promote contracts to $to" --body "$body"
fi
