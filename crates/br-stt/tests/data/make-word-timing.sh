#!/usr/bin/env bash
# Makes word-timing.wav and word-timing.json: speech whose word boundaries
# are known exactly, to test Whisper word times. Each word is spoken alone by
# espeak-ng, its silence trimmed with sox, and the words are joined with
# 40 ms gaps inside a phrase and longer pauses between phrases, so both
# DTW-only boundaries (inside phrases) and pause-snapped ones are tested.
# Needs espeak-ng and sox. The outputs are committed; rerun only to change them.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
phrases=(
  "last quarter our checkout page was too slow"
  "so I profiled the front end"
  "and load time dropped by forty percent"
)
pauses=(0.5 0.8 0.6 0.5)   # before phrase 1, between phrases, after the last
gap=0.04
parts=()
json="["
t=0
silence() { sox -n -r 16000 -b 16 -c 1 "$1" trim 0 "$2"; }
add_silence() {
  local f="$tmp/s${#parts[@]}.wav"
  silence "$f" "$1"; parts+=("$f")
  t=$(python3 -c "print(round($t + $1, 6))")
}
add_silence "${pauses[0]}"
for p in "${!phrases[@]}"; do
  first=1
  for w in ${phrases[$p]}; do
    [ $first = 1 ] || add_silence "$gap"
    first=0
    raw="$tmp/raw.wav"; f="$tmp/w${#parts[@]}.wav"
    espeak-ng -v en-us -s 165 -w "$raw" "$w"
    sox "$raw" -r 16000 -b 16 -c 1 "$f" silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse
    d=$(soxi -D "$f")
    end=$(python3 -c "print(round($t + $d, 6))")
    json+="{\"word\":\"$w\",\"start\":$t,\"end\":$end},"
    parts+=("$f"); t=$end
  done
  add_silence "${pauses[$((p + 1))]}"
done
sox "${parts[@]}" word-timing.wav
echo "${json%,}]" | python3 -m json.tool > word-timing.json
