#!/usr/bin/env bash
# Seeds the fuzz corpora from the shipped scripts (scripts/): every file for the targets
# that read one file's text, and for `library` each file alone plus every body scan and
# reminder with the files it names, joined by 0xFF bytes (the target's file separator).
# The structured targets (timeline, body_scan, practice_flow, reminder_scheduler) build
# their routines from arbitrary bytes and start from an empty corpus.
# Corpora are generated, not committed (fuzz/.gitignore); running this again adds nothing
# new. Usage: fuzz/seed.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scripts="$here/../scripts"
corpus="$here/corpus"

for target in parse_file editor_document fields pattern_form library; do
    mkdir -p "$corpus/$target"
done
for target in timeline body_scan practice_flow reminder_scheduler; do
    mkdir -p "$corpus/$target"
done

for file in "$scripts"/*/*.ron; do
    name="$(basename "$(dirname "$file")")-$(basename "$file")"
    for target in parse_file editor_document fields pattern_form library; do
        cp "$file" "$corpus/$target/seed-$name"
    done
done

# A file set for the library: each body scan and reminder with every breathing pattern, so
# its references resolve, and the same without them, so they dangle.
patterns=("$scripts"/breathing/*.ron)
for file in "$scripts"/body_scan/*.ron "$scripts"/reminders/*.ron; do
    name="$(basename "$(dirname "$file")")-$(basename "$file" .ron)"
    {
        cat "$file"
        for p in "${patterns[@]}"; do
            printf '\xff'
            cat "$p"
        done
        for s in "$scripts"/body_scan/*.ron; do
            printf '\xff'
            cat "$s"
        done
    } >"$corpus/library/seed-set-$name"
    { cat "$file"; printf '\xff'; cat "${patterns[0]}"; } >"$corpus/library/seed-pair-$name"
done

# Inputs that once crashed a target (minimised), so every run tries them again.
for dir in "$here"/regressions/*/; do
    target="$(basename "$dir")"
    mkdir -p "$corpus/$target"
    cp "$dir"* "$corpus/$target/"
done

echo "seeded $(find "$corpus" -name 'seed-*' | wc -l) files in $corpus"
