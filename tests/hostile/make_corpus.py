#!/usr/bin/env python3
"""Generates the hostile-input corpus (issue #12) into a folder and describes what each file must give.

    make_corpus.py OUTDIR            write the files, print one line per file
    (imported by run_hostile.py, which generates the corpus and checks the CLI against EXPECTED)

Only the Python standard library is used. The formats Python cannot encode (FLAC, MP3, Ogg Vorbis, Opus,
AAC/M4A) are taken from the fuzz seeds committed in tests/fuzz/corpus/audio (generated tones, no recorded
audio) and damaged here. The 3-hour file of silence is a sparse file: its WAV header declares 3 hours of
8 kHz 16-bit mono and the data are a hole, so it takes no disk space and no time to write.
"""
import os
import random
import stat
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "fuzz", "corpus", "audio")

# Expected outcome per file and command (probe, decode, classify with the default model): None = the
# command succeeds (exit 0); otherwise the error code name (base::errorCodeName) it must fail with
# (exit 1). "no-audio-file" = classify found no audio file to classify (a folder argument).
# Observed with FFmpeg 5.1 (Debian 12); the codes FFmpeg picks for damaged bytes are its decisions.
OK = None
NA, NS, TS = "not-audio", "no-audio-stream", "invalid-argument"  # TS: too short for the statistics
EXPECTED = {}


def expect(name, probe=OK, decode="same", classify="same", root=None):
    decode = probe if decode == "same" else decode
    classify = decode if classify == "same" else classify
    EXPECTED[name] = {"probe": probe, "decode": decode, "classify": classify}
    if root:
        EXPECTED[name]["root"] = {"probe": root[0], "decode": root[1], "classify": root[2]}


for fmt in ("tone.wav", "tone.au", "tone.aiff"):
    expect("ok_" + fmt)
# Truncations: PCM containers keep what is there (a partial decode, too short for the statistics); the
# compressed seeds keep their codec headers or their index at the cut side, so half a file is not audio.
for stem in ("tone.aiff", "tone.au", "tone.mp3", "tone_f32_stereo.wav", "tone_s16.wav", "tone_u8.wav"):
    expect("trunc_half_" + stem, OK, OK, TS)
for stem in ("tone.flac", "tone.m4a", "tone.ogg", "tone.opus"):
    expect("trunc_half_" + stem, NA)
for stem in ("tone.aiff", "tone.flac", "tone.m4a", "tone.mp3", "tone.ogg", "tone.opus", "tone_f32_stereo.wav",
             "tone_s16.wav", "tone_u8.wav"):
    expect("trunc_head_" + stem, NA)
expect("trunc_head_tone.au", OK, OK, TS)  # the 24-byte AU header and 16 bytes of samples
for stem in ("tone.aiff", "tone.au", "tone.m4a", "tone.mp3", "tone.ogg", "tone.opus", "tone_f32_stereo.wav",
             "tone_s16.wav", "tone_u8.wav"):
    expect("trunc_1byte_" + stem, NA)
expect("trunc_1byte_tone.flac", NS)  # FFmpeg falls back to the extension's demuxer, which finds no stream
for ext in ("wav", "au", "aiff", "flac", "mp3", "ogg", "m4a", "opus"):
    expect("random_after_magic." + ext, NA)
expect("huge_data_size.wav")  # the data chunk is read to the end of the file
expect("huge_riff_size.wav")
expect("huge_fmt_size.wav", NA)
expect("huge_data_size.au", NA)
expect("huge_offset.au", NA)
expect("zero_channels.wav", NS)
expect("zero_channels.au", NA)
expect("many_channels.wav", "corrupt-data")
expect("rate_0.wav", NA)
expect("rate_1.wav", "corrupt-data")  # below the decoder's 1 kHz minimum
expect("rate_huge.wav", NA)
expect("rate_0.au", NA)
expect("rate_huge.aiff", NA)
expect("bits_0.wav", "unsupported-codec")
expect("unknown_codec.wav", "unsupported-codec")
expect("float_nan_inf.wav")  # non-finite samples become 0, the rest is clamped to [-1, 1]
expect("header_only.wav", OK, "zero-length")
expect("short_0.01s.wav", OK, OK, TS)
expect("silence_3h.wav", OK, OK, "too-large")
expect("text.mp3", NA)
expect("image.flac", NS)
expect("empty.wav", "empty-file")
expect("zeros.ogg", NA)
expect("folder.wav", "is-directory", "is-directory", "no-audio-file")
expect("unreadable.wav", "permission-denied", root=(OK, OK, OK))  # root reads a mode-000 file
expect("dangling.wav", "file-not-found")
expect("loop.wav", "io-error")  # ELOOP
# Known limitation of genrescope-cli: Qt decodes argv as UTF-8, so a name that is not valid UTF-8
# reaches the OS changed (U+FFFD) and is not found. The core takes paths as bytes; folders given to
# classify are walked with std::filesystem and keep such names intact.
expect("na\udcefve-\udcff\udcfe-latin1.wav", "file-not-found")


def le16(v):
    return struct.pack("<H", v & 0xFFFF)


def le32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def wav(samples=b"", rate=8000, channels=1, bits=16, fmt_tag=1, data_size=None, riff_size=None,
        fmt_size=16, block_align=None, extra_fmt=b""):
    """A RIFF/WAVE file with every header field overridable, so any field can lie."""
    block_align = channels * bits // 8 if block_align is None else block_align
    fmt = le16(fmt_tag) + le16(channels) + le32(rate) + le32(rate * block_align) + le16(block_align) + le16(bits)
    fmt += extra_fmt
    body = b"WAVE" + b"fmt " + le32(fmt_size) + fmt
    body += b"data" + le32(len(samples) if data_size is None else data_size) + samples
    return b"RIFF" + le32(len(body) if riff_size is None else riff_size) + body


def au(samples=b"", rate=8000, channels=1, encoding=3, data_size=None, offset=24):
    """Sun .au (big-endian); encoding 3 = 16-bit linear PCM."""
    hdr = b".snd" + struct.pack(">IIIII", offset, len(samples) if data_size is None else data_size,
                                encoding, rate & 0xFFFFFFFF, channels)
    pad = offset - 24 if 24 <= offset <= 4096 else 0  # a lying offset is not backed by bytes
    return hdr + b"\0" * pad + samples


def aiff(samples=b"", rate=8000, channels=1, bits=16):
    """AIFF with an 80-bit IEEE extended sample rate."""
    frames = len(samples) // max(1, channels * bits // 8)
    exp, mant = 16383 + 31, 0
    if rate > 0:
        r = float(rate)
        e = 0
        while r >= 2.0:
            r /= 2.0
            e += 1
        exp = 16383 + e
        mant = int(r * (1 << 63))
    ext = struct.pack(">HQ", exp, mant)
    comm = struct.pack(">hIh", channels, frames, bits) + ext
    ssnd = struct.pack(">II", 0, 0) + samples
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm + b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    return b"FORM" + struct.pack(">I", len(body)) + body


def tone16(seconds, rate=8000, freq=440.0, big_endian=False):
    import math
    n = int(seconds * rate)
    fmt = ">h" if big_endian else "<h"
    return b"".join(struct.pack(fmt, int(12000 * math.sin(2 * math.pi * freq * i / rate))) for i in range(n))


def png():
    """A valid 8x8 grey PNG (what a cover image renamed .flac looks like)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(range(i * 8, i * 8 + 8)) for i in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def build(out):
    """Writes the corpus into `out` (created); returns the list of file names (relative to out)."""
    os.makedirs(out, exist_ok=True)
    rng = random.Random(12)
    names = []

    def put(name, data):
        path = os.path.join(out, name)
        if os.path.lexists(path) and not os.path.isdir(path):
            os.chmod(path, 0o644)
            os.remove(path)
        with open(path, "wb") as f:
            f.write(data)
        names.append(name)

    # --- valid references (so the runner also proves the good path works under the sanitizers)
    put("ok_tone.wav", wav(tone16(1.0)))
    put("ok_tone.au", au(tone16(1.0, big_endian=True)))
    put("ok_tone.aiff", aiff(tone16(1.0, big_endian=True)))

    # --- truncations of every format
    seeds = sorted(f for f in os.listdir(SEEDS) if not f.startswith("."))
    for seed in seeds:
        data = open(os.path.join(SEEDS, seed), "rb").read()
        stem, ext = os.path.splitext(seed)
        put(f"trunc_half_{stem}{ext}", data[: len(data) // 2])
        put(f"trunc_head_{stem}{ext}", data[:40])
        put(f"trunc_1byte_{stem}{ext}", data[:1])

    # --- random bytes behind audio magic numbers
    magics = {
        "wav": b"RIFF" + le32(100000) + b"WAVE",
        "au": b".snd",
        "aiff": b"FORM" + struct.pack(">I", 100000) + b"AIFF",
        "flac": b"fLaC",
        "mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00",
        "ogg": b"OggS\x00\x02",
        "m4a": struct.pack(">I", 24) + b"ftypM4A \x00\x00\x00\x00M4A mp42",
        "opus": b"OggS\x00\x02" + b"\0" * 20 + b"OpusHead",
    }
    for ext, magic in magics.items():
        put(f"random_after_magic.{ext}", magic + bytes(rng.getrandbits(8) for _ in range(4096)))

    # --- headers that lie
    pcm = tone16(0.5)
    put("huge_data_size.wav", wav(pcm, data_size=0xFFFFFFF0))
    put("huge_riff_size.wav", wav(pcm, riff_size=0xFFFFFFFF))
    put("huge_fmt_size.wav", wav(pcm, fmt_size=0xFFFFFFF0))
    put("huge_data_size.au", au(tone16(0.5, big_endian=True), data_size=0xFFFFFFF0))
    put("huge_offset.au", au(tone16(0.5, big_endian=True), offset=0x7FFFFFF0))
    put("zero_channels.wav", wav(pcm, channels=0, block_align=2))
    put("zero_channels.au", au(tone16(0.5, big_endian=True), channels=0))
    put("many_channels.wav", wav(pcm, channels=4096, block_align=2))
    put("rate_0.wav", wav(pcm, rate=0))
    put("rate_1.wav", wav(pcm, rate=1))
    put("rate_huge.wav", wav(pcm, rate=0xFFFFFFFF))
    put("rate_0.au", au(tone16(0.5, big_endian=True), rate=0))
    put("rate_huge.aiff", aiff(tone16(0.5, big_endian=True), rate=4_000_000_000))
    put("bits_0.wav", wav(pcm, bits=0, block_align=0))
    put("unknown_codec.wav", wav(pcm, fmt_tag=0x7A7A))
    put("float_nan_inf.wav", wav(struct.pack("<4000f", *([float("nan"), float("inf"), -float("inf"), 3.0e38] * 1000)),
                                 bits=32, fmt_tag=3))
    put("header_only.wav", wav(b""))

    # --- lengths
    put("short_0.01s.wav", wav(tone16(0.01, rate=22050), rate=22050))
    three_hours = "silence_3h.wav"
    path = os.path.join(out, three_hours)
    data_bytes = 3 * 3600 * 8000 * 2
    with open(path, "wb") as f:
        f.write(wav(b"", data_size=data_bytes, riff_size=36 + data_bytes))
        f.truncate(44 + data_bytes)  # sparse: reads as zeros (silence), occupies no blocks
    names.append(three_hours)

    # --- not audio at all
    put("text.mp3", b"This is not an mp3 file, it is a shopping list: milk, eggs, flour.\n" * 20)
    put("image.flac", png())
    put("empty.wav", b"")
    put("zeros.ogg", b"\0" * 8192)

    # --- file-system oddities
    d = os.path.join(out, "folder.wav")
    os.makedirs(d, exist_ok=True)
    names.append("folder.wav")
    put("unreadable.wav", wav(pcm))
    os.chmod(os.path.join(out, "unreadable.wav"), 0)
    link = os.path.join(out, "dangling.wav")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink("does-not-exist.wav", link)
    names.append("dangling.wav")
    loop = os.path.join(out, "loop.wav")
    if os.path.lexists(loop):
        os.remove(loop)
    os.symlink("loop.wav", loop)
    names.append("loop.wav")
    odd = b"na\xefve-\xff\xfe-latin1.wav"  # not valid UTF-8: the OS bytes must still work
    odd_path = os.path.join(os.fsencode(out), odd)
    with open(odd_path, "wb") as f:
        f.write(wav(tone16(1.0)))
    names.append(os.fsdecode(odd))
    return names


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for n in build(sys.argv[1]):
        print(n)
