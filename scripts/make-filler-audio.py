#!/usr/bin/env python3
"""Speaks the filler scripts in many synthetic voices: a labelled audio folder
for `barraiser eval-audio`.

    scripts/make-filler-audio.py [--out DIR] [--per-script N] [--all]

Reads tests/audio-fillers/scripts.jsonl (true fillers are in braces:
"{Um}, {so} we ..."), writes DIR/new/*.wav (16 kHz mono) and
DIR/new/labels.jsonl: one line per recording with the clean script, the voice
and the filler counts by type. Each script is spoken by --per-script voices
(3 by default, rotating over the table below, so every voice gets about the
same share); --all speaks every script in every voice. The same inputs give
the same files.

Also writes DIR/real/labels.jsonl for the AMI meeting excerpt in
../shared/audio/real: human speech, with um and uh as its transcripts mark
them (four overlapping speakers: a hard case, reported apart). Needs espeak-ng, flite, festival
(with festvox-kallpc16k, festvox-kdlpc16k, festvox-us-slt-hts) and sox.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "audio-fillers" / "scripts.jsonl"

# (name, engine, voice, words per minute). None of them is espeak-ng's plain
# en-us at 165 or en-gb at 150: those two voices made ../shared/audio and the
# pipeline was tuned on them.
VOICES = [
    ("espeak-en-us-f3-145", "espeak", "en-us+f3", 145),
    ("espeak-en-us-m4-185", "espeak", "en-us+m4", 185),
    ("espeak-en-gb-scotland-160", "espeak", "en-gb-scotland", 160),
    ("espeak-en-gb-x-rp-f2-150", "espeak", "en-gb-x-rp+f2", 150),
    ("espeak-en-gb-x-gbclan-m2-170", "espeak", "en-gb-x-gbclan+m2", 170),
    ("espeak-en-gb-x-gbcwmd-140", "espeak", "en-gb-x-gbcwmd", 140),
    ("espeak-en-029-f4-155", "espeak", "en-029+f4", 155),
    ("espeak-en-us-nyc-m7-175", "espeak", "en-us-nyc+m7", 175),
    ("espeak-en-us-klatt3-160", "espeak", "en-us+klatt3", 160),
    ("flite-kal16", "flite", "kal16", None),
    ("flite-awb", "flite", "awb", None),
    ("flite-rms", "flite", "rms", None),
    ("flite-slt", "flite", "slt", None),
    ("festival-kal", "festival", "voice_kal_diphone", None),
    ("festival-ked", "festival", "voice_ked_diphone", None),
    ("festival-slt-hts", "festival", "voice_cmu_us_slt_arctic_hts", None),
]

# How each engine is made to hum: written "hmm" is read as "um" by espeak-ng,
# which would turn a hum into another filler before any recogniser hears it.
HUM_SPELLING = {"espeak": "Mmm", "flite": "hmm", "festival": "hmm"}

FILLER_TYPES = ["um", "uh", "hmm", "like", "you know", "so", "kind of", "i mean", "basically", "right"]
MARK = re.compile(r"\{([^{}]+)\}")


def labelled(script):
    """The clean text and the filler counts by type, from the braces."""
    counts = {}
    for m in MARK.finditer(script):
        word = m.group(1).lower()
        if word not in FILLER_TYPES:
            sys.exit(f"{SCRIPTS}: unknown filler {{{m.group(1)}}}")
        counts[word] = counts.get(word, 0) + 1
    clean = MARK.sub(lambda m: m.group(1), script)
    return clean, [{"word": w, "count": counts[w]} for w in FILLER_TYPES if w in counts]


def spoken_text(script, engine):
    hum = HUM_SPELLING[engine]
    def one(m):
        word = m.group(1)
        if word.lower() != "hmm":
            return word
        return hum if word[0].isupper() else hum.lower()
    return MARK.sub(one, script)


def synthesize(engine, voice, wpm, text, out):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        txt = Path(tmp) / "text.txt"
        txt.write_text(text)
        if engine == "espeak":
            cmd = ["espeak-ng", "-v", voice, "-s", str(wpm), "-f", str(txt), "-w", str(raw)]
        elif engine == "flite":
            cmd = ["flite", "-voice", voice, "-f", str(txt), "-o", str(raw)]
        else:
            cmd = ["text2wave", "-eval", f"({voice})", str(txt), "-o", str(raw)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)


def write_labels(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "labels.jsonl", "w") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def new_voices(out, per_script, every_voice):
    folder = out / "new"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rows = []
    scripts = [json.loads(line) for line in SCRIPTS.read_text().splitlines() if line.strip()]
    for i, item in enumerate(scripts):
        picks = range(len(VOICES)) if every_voice else [(i * per_script + k) % len(VOICES) for k in range(per_script)]
        clean, fillers = labelled(item["script"])
        for v in picks:
            name, engine, voice, wpm = VOICES[v]
            audio = f"{item['id']}__{name}.wav"
            synthesize(engine, voice, wpm, spoken_text(item["script"], engine), folder / audio)
            rows.append({"audio": audio, "voice": name, "script_id": item["id"], "script": clean, "fillers": fillers})
    write_labels(folder, rows)
    return len(rows)


def real_speech(out, shared):
    src = shared / "audio" / "real"
    words = " ".join((src / f"ami_ES2004_excerpt.spk{s}.txt").read_text() for s in "ABCD")
    counts = {w: len(re.findall(rf"\b{w}\b", words, flags=re.I)) for w in ("um", "uh")}
    fillers = [{"word": w, "count": c} for w, c in counts.items() if c]
    write_labels(out / "real", [{"audio": str(src / "ami_ES2004_excerpt_mixture.wav"), "voice": "ami-meeting", "script_id": "ami_ES2004", "script": words, "fillers": fillers}])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "audio-fillers")
    ap.add_argument("--per-script", type=int, default=3)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("BARRAISER_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    n = new_voices(args.out, args.per_script, args.all)
    real_speech(args.out, args.shared)
    print(f"{n} recordings in {args.out / 'new'}; labels for {args.out / 'real'}")


if __name__ == "__main__":
    main()
