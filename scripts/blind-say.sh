#!/bin/bash
# Plays one blind call a reply at a time, for writers of blind test calls (docs/briefs/blind-calls.md), and only ever
# appends: an earlier reply cannot be edited, so a writer cannot see a line ahead and answer it again.
#   scripts/blind-say.sh <scenario-id> <replies.json>             shows the call so far (creates the file as [])
#   scripts/blind-say.sh <scenario-id> <replies.json> "reply"     appends the reply, shows the owner's answer
set -e
scenario="$1"; file="$2"; reply="$3"
if [ -z "$scenario" ] || [ -z "$file" ]; then echo "usage: scripts/blind-say.sh <scenario-id> <replies.json> [\"reply\"]" >&2; exit 2; fi
[ -f "$file" ] || echo '[]' > "$file"
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
if [ -n "$reply" ]; then
  node -e 'const fs=require("fs");const [f,r]=process.argv.slice(1);const a=JSON.parse(fs.readFileSync(f,"utf8"));a.push(r);fs.writeFileSync(f,JSON.stringify(a,null,1));' "$file" "$reply"
fi
cd "$(dirname "$0")/.." && npx tsx --tsconfig tsconfig.json scripts/blind-play.ts "$scenario" "$file"
