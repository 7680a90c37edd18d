#!/usr/bin/env python3
"""Builds the Health Centers starter videos from their sources (called by make-starter-videos.sh).

For each src/MedAtlas.Web/data/seed/health/videos/<slug>.md: every scene's SVG picture (videos/media/) is
rasterised with rsvg-convert, every sentence of its narration is spoken by espeak-ng into its own WAV, the
WAVs are joined with fixed pauses, and ffmpeg shows each picture while its narration plays. Outputs, beside
the source: <slug>.webm (VP9 + Opus), <slug>-poster.png (the first scene) and <slug>.vtt (one cue per
sentence, timed from the real length of each sentence's audio as ffprobe reads it).

A video is rebuilt only when its source, its pictures or this script changed: the hash of those inputs is
written in a NOTE of the .vtt. --force rebuilds all; --check only validates the committed outputs.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import wave

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VIDEOS = os.path.join(REPO, "src", "MedAtlas.Web", "data", "seed", "health", "videos")
MEDIA = os.path.join(VIDEOS, "media")

# Fixed settings: changing one changes every output (they are part of the inputs' hash via this file).
WIDTH, HEIGHT, FPS = 854, 480, 10
VOICE, SPEED, WORD_GAP = "en-us", 150, 1          # espeak-ng -v, -s (words per minute), -g (10 ms units)
LEAD_IN, SENTENCE_GAP, SCENE_TAIL, END_TAIL = 0.5, 0.35, 0.8, 0.7   # seconds of silence
MIN_SECONDS, MAX_SECONDS, MAX_BYTES = 40, 90, 3 * 1024 * 1024
HEADER_KEYS = ("title", "summary", "center", "topics", "conditions", "written", "reviewed")
SVG_MAX_BYTES = 8 * 1024
# What the voice says where the transcript's spelling would be misread (the captions keep the spelling).
SPOKEN = [(r"\b911\b", "9 1 1"), (r"^A is for\b", "[['eI]] is for")]


def fail(message):
    print(f"make-starter-videos: {message}", file=sys.stderr)
    sys.exit(1)


def run(args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def parse(path):
    """Header (key: value lines up to ---), scenes (## title, image:, narration), footnote sources."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, sep, body = text.partition("\n---\n")
    if not sep:
        fail(f"{path}: no '---' line after the header")
    header = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            fail(f"{path}: header line without 'key: value': {line!r}")
        header[key.strip()] = value.strip()
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        fail(f"{path}: header misses {', '.join(missing)}")
    scenes, sources = [], []
    for line in body.splitlines():
        if line.startswith("## "):
            scenes.append({"title": line[3:].strip(), "image": None, "lines": []})
        elif re.match(r"\[\^\d+\]:", line):
            sources.append(line)
        elif line.startswith("image:") and scenes and scenes[-1]["image"] is None:
            scenes[-1]["image"] = line[6:].strip()
        elif line.strip():
            if not scenes:
                fail(f"{path}: text before the first '## ' scene")
            scenes[-1]["lines"].append(line.strip())
    if not scenes:
        fail(f"{path}: no scenes")
    if len(sources) < 2:
        fail(f"{path}: needs at least two footnote sources")
    for s in scenes:
        if not s["image"]:
            fail(f"{path}: scene '{s['title']}' has no image: line")
        if not s["lines"]:
            fail(f"{path}: scene '{s['title']}' has no narration")
        spoken = re.sub(r"\[\^\d+\]", "", " ".join(s["lines"]))
        spoken = re.sub(r"[*_`]", "", spoken)
        s["sentences"] = [x for x in re.split(r"(?<=[.?!])\s+", spoken.strip()) if x]
    return header, scenes


def check_svg(name):
    path = os.path.join(MEDIA, name)
    if not os.path.isfile(path):
        fail(f"missing picture {path}")
    data = open(path, "rb").read()
    text = data.decode("utf-8")
    problems = []
    if len(data) > SVG_MAX_BYTES:
        problems.append(f"{len(data)} bytes (limit {SVG_MAX_BYTES})")
    if 'viewBox="0 0 1200 675"' not in text:
        problems.append("viewBox is not 0 0 1200 675")
    if re.search(r"<\s*(script|foreignObject|image|iframe|style)\b", text, re.I):
        problems.append("script, foreignObject, image, iframe or style element")
    if re.search(r"\son\w+\s*=", text, re.I):
        problems.append("event attribute")
    for ref in re.findall(r"href\s*=\s*\"([^\"]*)\"", text):
        if not ref.startswith("#"):
            problems.append(f"external reference {ref}")
    if re.search(r"url\((?!#)", text):
        problems.append("url() to something outside the file")
    if problems:
        fail(f"{path}: {'; '.join(problems)}")
    return data


def ffprobe_seconds(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
                         check=True, capture_output=True, text=True).stdout
    return float(json.loads(out)["format"]["duration"])


def stamp(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def inputs_hash(md_path, scenes):
    h = hashlib.sha256()
    for p in [md_path, os.path.abspath(__file__)] + [os.path.join(MEDIA, s["image"]) for s in scenes]:
        h.update(os.path.basename(p).encode() + b"\0" + open(p, "rb").read() + b"\0")
    return h.hexdigest()


def build(slug, header, scenes, digest, work):
    pngs, sentence_wavs = [], []
    for i, s in enumerate(scenes):
        png = os.path.join(work, f"scene{i}.png")
        run(["rsvg-convert", "-w", str(WIDTH), "-h", str(HEIGHT), "-b", "#f5f5f5",
             os.path.join(MEDIA, s["image"]), "-o", png])
        pngs.append(png)
        wavs = []
        for j, sentence in enumerate(s["sentences"]):
            wav = os.path.join(work, f"s{i}-{j}.wav")
            said = sentence
            for pattern, replacement in SPOKEN:
                said = re.sub(pattern, replacement, said)
            run(["espeak-ng", "-v", VOICE, "-s", str(SPEED), "-g", str(WORD_GAP), "-w", wav, said])
            wavs.append((wav, sentence, ffprobe_seconds(wav)))
        sentence_wavs.append(wavs)

    # Join the sentences with silence, in samples, so every time below is exact.
    with wave.open(sentence_wavs[0][0][0]) as w:
        params = w.getparams()
    rate, frame_bytes = params.framerate, params.sampwidth * params.nchannels
    samples_per_frame = rate // FPS
    audio = bytearray()
    silence = lambda seconds: b"\0" * (int(round(seconds * rate)) * frame_bytes)
    now = lambda: len(audio) / frame_bytes / rate
    audio += silence(LEAD_IN)
    cues, scene_seconds = [], []
    for i, wavs in enumerate(sentence_wavs):
        scene_start = 0.0 if i == 0 else now()
        for j, (wav, sentence, probed) in enumerate(wavs):
            with wave.open(wav) as w:
                if w.getparams()[:3] != params[:3]:
                    fail(f"{wav}: espeak-ng changed its audio format")
                frames = w.readframes(w.getnframes())
            start = now()
            audio += frames
            if abs(now() - start - probed) > 0.002:
                fail(f"{wav}: ffprobe says {probed} s, the samples say {now() - start} s")
            cues.append((start, now(), sentence))
            audio += silence(SENTENCE_GAP if j < len(wavs) - 1 else SCENE_TAIL)
        if i == len(sentence_wavs) - 1:
            audio += silence(END_TAIL)
        # Each scene ends on a frame boundary, so the picture changes exactly where its narration begins.
        frames_now = len(audio) // frame_bytes
        audio += b"\0" * ((-frames_now) % samples_per_frame * frame_bytes)
        scene_seconds.append(now() - scene_start)
    narration = os.path.join(work, "narration.wav")
    with wave.open(narration, "wb") as w:
        w.setparams(params)
        w.writeframes(bytes(audio))

    total = now()
    if not MIN_SECONDS <= total <= MAX_SECONDS:
        fail(f"{slug}: {total:.1f} s long; keep it between {MIN_SECONDS} and {MAX_SECONDS} s")

    args = ["nice", "-n", "19", "ffmpeg", "-v", "error", "-y", "-nostdin"]
    for png, seconds in zip(pngs, scene_seconds):
        args += ["-loop", "1", "-framerate", str(FPS), "-t", f"{seconds:.3f}", "-i", png]
    args += ["-i", narration]
    n = len(pngs)
    graph = "".join(f"[{k}:v]" for k in range(n)) + f"concat=n={n}:v=1:a=0,format=yuv420p[v]"
    out = os.path.join(work, "out.webm")
    args += ["-filter_complex", graph, "-map", "[v]", "-map", f"{n}:a",
             "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "38", "-deadline", "good", "-cpu-used", "2",
             "-threads", "1", "-row-mt", "0", "-g", str(FPS * 5), "-tile-columns", "0",
             "-c:a", "libopus", "-b:a", "32k", "-ac", "1", "-ar", "48000",
             "-map_metadata", "-1", "-map_chapters", "-1", "-metadata", f"title={header['title']}",
             "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
             "-cues_to_front", "1", "-t", f"{total:.3f}", out]
    subprocess.run(args, check=True)

    vtt = ["WEBVTT", "",
           "NOTE",
           f"Captions for {slug}.webm, made by scripts/make-starter-videos.sh from {slug}.md.",
           f"inputs-sha256: {digest}", ""]
    for k, (start, end, sentence) in enumerate(cues, 1):
        vtt += [str(k), f"{stamp(start)} --> {stamp(end)}"] + textwrap.wrap(sentence, 42) + [""]

    os.replace(out, os.path.join(VIDEOS, f"{slug}.webm"))
    os.replace(pngs[0], os.path.join(VIDEOS, f"{slug}-poster.png"))
    with open(os.path.join(VIDEOS, f"{slug}.vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(vtt))


def committed_hash(slug):
    try:
        with open(os.path.join(VIDEOS, f"{slug}.vtt"), encoding="utf-8") as f:
            m = re.search(r"^inputs-sha256: ([0-9a-f]{64})$", f.read(), re.M)
            return m.group(1) if m else None
    except FileNotFoundError:
        return None


def check(slug):
    """Validates the outputs: codecs, length, size, and that the captions are well formed and in time."""
    webm = os.path.join(VIDEOS, f"{slug}.webm")
    for p in (webm, os.path.join(VIDEOS, f"{slug}-poster.png"), os.path.join(VIDEOS, f"{slug}.vtt")):
        if not os.path.isfile(p):
            fail(f"missing {p}")
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=format_name,duration,size:stream=codec_name,width,height",
         "-of", "json", webm], check=True, capture_output=True, text=True).stdout)
    codecs = sorted(s["codec_name"] for s in probe["streams"])
    duration, size = float(probe["format"]["duration"]), int(probe["format"]["size"])
    if codecs != ["opus", "vp9"]:
        fail(f"{webm}: streams {codecs}, expected vp9 and opus")
    if not MIN_SECONDS <= duration <= MAX_SECONDS or size > MAX_BYTES:
        fail(f"{webm}: {duration:.1f} s, {size} bytes")
    text = open(os.path.join(VIDEOS, f"{slug}.vtt"), encoding="utf-8").read()
    if not text.startswith("WEBVTT\n"):
        fail(f"{slug}.vtt does not start with WEBVTT")
    times = re.findall(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$", text, re.M)
    if not times:
        fail(f"{slug}.vtt has no cues")
    last = 0.0
    for t in times:
        start = int(t[0]) * 3600 + int(t[1]) * 60 + int(t[2]) + int(t[3]) / 1000
        end = int(t[4]) * 3600 + int(t[5]) * 60 + int(t[6]) + int(t[7]) / 1000
        if not last <= start < end <= duration:
            fail(f"{slug}.vtt: cue {stamp(start)} --> {stamp(end)} out of order or past {duration:.3f} s")
        last = end
    video = next(s for s in probe["streams"] if s["codec_name"] == "vp9")
    print(f"{slug}: {duration:.1f} s, {size / 1024:.0f} KB, vp9 {video['width']}x{video['height']} + opus, "
          f"{len(times)} cues, poster {os.path.getsize(os.path.join(VIDEOS, slug + '-poster.png')) / 1024:.0f} KB")


def main():
    force, check_only = "--force" in sys.argv[1:], "--check" in sys.argv[1:]
    slugs = sorted(f[:-3] for f in os.listdir(VIDEOS) if f.endswith(".md") and f != "README.md")
    if not slugs:
        fail(f"no video sources in {VIDEOS}")
    for slug in slugs:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            fail(f"{slug}.md: the file name must be a lower-case slug")
        md = os.path.join(VIDEOS, f"{slug}.md")
        header, scenes = parse(md)
        for s in scenes:
            check_svg(s["image"])
        digest = inputs_hash(md, scenes)
        if not check_only:
            if force or committed_hash(slug) != digest or not all(
                    os.path.isfile(os.path.join(VIDEOS, slug + ext)) for ext in (".webm", "-poster.png")):
                print(f"{slug}: building {len(scenes)} scenes")
                with tempfile.TemporaryDirectory(prefix="medatlas-video-") as work:
                    build(slug, header, scenes, digest, work)
            else:
                print(f"{slug}: up to date")
        elif committed_hash(slug) != digest:
            fail(f"{slug}: outputs are older than their sources; run scripts/make-starter-videos.sh")
        check(slug)


if __name__ == "__main__":
    main()
