#!/usr/bin/python3
"""Reference outputs from torchaudio 0.13 (Debian's python3-torchaudio) for Genrescope's dsp/features tests.

Run with Debian's interpreter (not the pyenv python3 first on PATH):
    /usr/bin/python3 tools/make_torchaudio_refs.py [OUT_DIR]
OUT_DIR defaults to tests/fixtures/torchaudio. Every input signal is synthesised deterministically here and
saved next to the outputs as float32 .npy files (numpy format 1.0), so the C++ tests read inputs and
expected outputs from the same place. Reference computations run in float64 (torch tensors of dtype
double) and are stored as float32; the C++ code runs in float32, so the comparison measures its error
against the exact answer rather than against another float32 rounding.

Files (all float32):
  sig_*.npy                         input signals (mono)
  stft_*.npy / stftc_*.npy          torch.stft power / complex (re, im stacked: 2 x bins x frames)
  melfbsums_*.npy                   librosa.filters.mel's formula in numpy float64: its nMels band sums, then
                                    its nFft/2+1 bin sums (the script checks torchaudio's melscale_fbanks agrees)
  melfb_slaney_norm_22050_1024_33   one whole filterbank from torchaudio.functional.melscale_fbanks (bands x bins)
  chromafb_22050_2048.npy           librosa.filters.chroma's formula written out in numpy (12 x 1025)
  dct_20_128.npy                    torchaudio.functional.create_dct(20, 128, "ortho"), transposed (20 x 128)
  logmel_*.npy                      MelSpectrogram(Slaney scale + norm) + AmplitudeToDB(power, top_db=80)
  melhtk_*.npy                      MelSpectrogram(HTK, no norm), linear power
  mfcc_*.npy                        torchaudio MFCC(n_mfcc=20, Slaney mel, top_db 80)
  f1_music12k.npy                   Choi F1 front end on a 1-s clip at 12 kHz (mel power squared, dB, top_db 80)
  f2_music.npy                      BBNN F2 front end (n_fft 2048, hop 1024), frames x mels
  f5_music.npy                      BCNN F5 front end: 3 resolutions, ln(S + 1e-6), PIL bilinear resize to 128 x 64
  resize_*.npy                      PIL Image.resize(BILINEAR) of a mode "F" image (down- and up-sampling)
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torchaudio
from PIL import Image

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "torchaudio")
os.makedirs(OUT, exist_ok=True)
manifest = {"torch": torch.__version__, "torchaudio": torchaudio.__version__, "numpy": np.__version__, "files": {}}


def save(name, arr, note=""):
    arr = np.ascontiguousarray(np.asarray(arr, dtype=np.float32))
    np.save(os.path.join(OUT, name + ".npy"), arr)
    manifest["files"][name] = {"shape": list(arr.shape), "note": note}


def t(x):
    return torch.from_numpy(np.asarray(x, dtype=np.float64))


# ---- signals ------------------------------------------------------------------------------------
SR = 22050


def sine(freq, seconds, sr=SR, amp=0.5):
    n = int(round(seconds * sr))
    return amp * np.sin(2 * np.pi * freq * np.arange(n) / sr)


def chirp(f0, f1, seconds, sr=SR):
    n = int(round(seconds * sr))
    tt = np.arange(n) / sr
    k = (f1 - f0) / seconds
    return 0.5 * np.sin(2 * np.pi * (f0 * tt + 0.5 * k * tt * tt))


def music(seconds, sr):
    """Notes with harmonics and decaying envelopes plus kick/snare-like drum hits; fixed seed."""
    rng = np.random.RandomState(1234)
    n = int(round(seconds * sr))
    y = np.zeros(n)
    tt = np.arange(n) / sr
    notes = [220.0, 277.18, 329.63, 440.0, 392.0, 293.66, 246.94, 349.23]
    step = seconds / len(notes)
    for i, f in enumerate(notes):
        start = int(i * step * sr)
        seg = np.arange(n - start) / sr
        env = np.exp(-3.0 * seg)
        tone = sum((0.6 / h) * np.sin(2 * np.pi * f * h * seg) for h in range(1, 6))
        y[start:] += 0.3 * env * tone
    for beat in np.arange(0, seconds, 0.25):
        start = int(beat * sr)
        seg = np.arange(n - start) / sr
        if int(round(beat / 0.25)) % 2 == 0:
            y[start:] += 0.6 * np.exp(-25.0 * seg) * np.sin(2 * np.pi * 60.0 * seg)
        else:
            m = min(len(seg), int(0.1 * sr))
            y[start:start + m] += 0.3 * np.exp(-40.0 * seg[:m]) * rng.randn(m)
    y += 0.001 * rng.randn(n)
    return 0.8 * y / np.max(np.abs(y)) + 0 * tt


rng = np.random.RandomState(7)
signals = {
    "sine440": sine(440.0, 0.5),
    "chirp": chirp(100.0, 8000.0, 0.5),
    "noise": 0.1 * rng.randn(int(0.5 * SR)),
    "music": music(2.0, SR),
}
# Round to float32 first: the C++ side reads the float32 file, so the reference must start from it too.
signals = {k: v.astype(np.float32) for k, v in signals.items()}
for k, v in signals.items():
    save("sig_" + k, v, "input signal at 22050 Hz")
music12k = music(1.0, 12000).astype(np.float32)
save("sig_music12k", music12k, "input signal at 12000 Hz")

hann = lambda n: torch.hann_window(n, periodic=True, dtype=torch.float64)

# ---- STFT ---------------------------------------------------------------------------------------
x = t(signals["chirp"])
spec = torch.stft(x, n_fft=512, hop_length=256, window=hann(512), center=True, pad_mode="reflect", return_complex=True)
save("stft_chirp_512_256", (spec.abs() ** 2).numpy(), "torch.stft power, n_fft 512 hop 256 reflect")
x = t(signals["sine440"][:4096])
win = torch.zeros(512, dtype=torch.float64)
win[(512 - 400) // 2:(512 - 400) // 2 + 400] = hann(400)
spec = torch.stft(x, n_fft=512, hop_length=160, win_length=400, window=hann(400), center=True, pad_mode="constant",
                  return_complex=True)
save("stftc_sine_512_160_w400_const", np.stack([spec.real.numpy(), spec.imag.numpy()]),
     "torch.stft complex (re, im), n_fft 512 hop 160 win 400 (zero-padded centred), constant padding")

# ---- filterbanks --------------------------------------------------------------------------------


def hz_to_mel(f, htk):
    f = np.asarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= 1000.0, 15.0 + np.log(np.maximum(f, 1e-12) / 1000.0) / logstep, mels)


def mel_to_hz(m, htk):
    m = np.asarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    logstep = np.log(6.4) / 27.0
    return np.where(m >= 15.0, 1000.0 * np.exp(logstep * (m - 15.0)), f_sp * m)


def librosa_mel(sr, n_fft, n_mels, fmin, fmax, htk, slaney_norm):
    """librosa.filters.mel, written out from its documented algorithm."""
    fftfreqs = np.linspace(0, sr / 2, 1 + n_fft // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fftfreqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    w = np.maximum(0, np.minimum(lower, upper))
    if slaney_norm:
        w *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
    return w


for (sr, n_fft, n_mels, fmax, scale, norm) in [(22050, 2048, 128, 11025.0, "slaney", "slaney"),
                                               (22050, 2048, 128, 11025.0, "htk", None),
                                               (12000, 512, 96, 6000.0, "slaney", "slaney"),
                                               (22050, 1024, 33, 11025.0, "slaney", "slaney")]:
    fb = torchaudio.functional.melscale_fbanks(n_fft // 2 + 1, 0.0, fmax, n_mels, sr, norm=norm, mel_scale=scale)
    tag = f"{scale}_{'norm' if norm else 'nonorm'}_{sr}_{n_fft}_{n_mels}"
    fb = fb.T.numpy().astype(np.float64)
    ref = librosa_mel(sr, n_fft, n_mels, 0.0, fmax, scale == "htk", norm == "slaney")
    print(f"melfb {tag}: max |torchaudio - librosa formula| = {np.max(np.abs(fb - ref)):.3g}")
    # Row sums (one per band) and column sums (one per FFT bin) keep the fixtures small.
    save("melfbsums_" + tag, np.concatenate([ref.sum(axis=1), ref.sum(axis=0)]),
         "librosa.filters.mel formula in numpy float64: band sums then bin sums")
    if n_mels == 33:
        save("melfb_" + tag, fb, "torchaudio.functional.melscale_fbanks (bands x bins)")


def librosa_chroma(sr, n_fft, n_chroma=12, tuning=0.0, ctroct=5.0, octwidth=2.0, base_c=True):
    """librosa.filters.chroma, written out from its documented algorithm (norm=2)."""
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    D = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    n_chroma2 = np.round(float(n_chroma) / 2)
    D = np.remainder(D + n_chroma2 + 10 * n_chroma, n_chroma) - n_chroma2
    wts = np.exp(-0.5 * (2 * D / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    wts = wts / np.sqrt(np.sum(wts ** 2, axis=0, keepdims=True))
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - ctroct) / octwidth) ** 2)), (n_chroma, 1))
    if base_c:
        wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return wts[:, :int(1 + n_fft / 2)]


save("chromafb_22050_2048", librosa_chroma(22050, 2048), "librosa.filters.chroma formula in numpy (12 x 1025)")
save("dct_20_128", torchaudio.functional.create_dct(20, 128, "ortho").T.numpy(), "create_dct(20,128,ortho)^T")

# ---- log-mel, HTK mel, MFCC ---------------------------------------------------------------------
slaney_mel = dict(sample_rate=SR, n_fft=2048, hop_length=512, n_mels=128, norm="slaney", mel_scale="slaney")
to_db = torchaudio.transforms.AmplitudeToDB(stype="power", top_db=80.0).double()
for k, v in signals.items():
    mel = torchaudio.transforms.MelSpectrogram(**slaney_mel).double()(t(v))
    save("logmel_" + k, to_db(mel).numpy(), "MelSpectrogram(2048/512, 128 Slaney+norm) -> dB top_db 80")
mel = torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=2048, hop_length=512, n_mels=128).double()(
    t(signals["music"]))
save("melhtk_music", mel.numpy(), "MelSpectrogram(2048/512, 128 HTK, no norm), power")
mfcc = torchaudio.transforms.MFCC(sample_rate=SR, n_mfcc=20, melkwargs={k: v for k, v in slaney_mel.items() if k != "sample_rate"}).double()(t(signals["music"]))
save("mfcc_music", mfcc.numpy(), "MFCC(20, Slaney mel 128, dB top_db 80, DCT-II ortho)")

# ---- F1 (Choi): 12 kHz, 512/256, 96 Slaney mels to 6 kHz, mel power squared, dB, top_db 80 ------------
mel = torchaudio.transforms.MelSpectrogram(sample_rate=12000, n_fft=512, hop_length=256, n_mels=96, f_max=6000.0,
                                           norm="slaney", mel_scale="slaney").double()(t(music12k))
save("f1_music12k", to_db(mel ** 2).numpy(), "Choi F1 on 1 s at 12 kHz (no crop: the clip length is 1 s here)")

# ---- F2 (BBNN): 2048/1024, 128 Slaney mels, power_to_db(ref 1, amin 1e-10, top_db 80), frames x mels ----
mel = torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=2048, hop_length=1024, n_mels=128, norm="slaney",
                                           mel_scale="slaney").double()(t(signals["music"]))
save("f2_music", to_db(mel).T.numpy(), "BBNN F2 on the 2-s music signal, frames x mels")

# ---- F5 (BCNN): three resolutions, HTK no norm, ln(S + 1e-6), PIL bilinear resize to 128 x 64 ---------
chans = []
for win_ms, hop_ms in [(25, 10), (50, 25), (100, 50)]:
    wl = int(round(win_ms * SR / 1000))
    hl = int(round(hop_ms * SR / 1000))
    s = torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=2205, win_length=wl, hop_length=hl,
                                             n_mels=128).double()(t(signals["music"]))
    s = np.log(s.numpy() + 1e-6).astype(np.float32)
    chans.append(np.asarray(Image.fromarray(s).resize((64, 128), Image.BILINEAR)))
save("f5_music", np.stack(chans), "BCNN F5 on the 2-s music signal, resized to 3 x 128 x 64")

# ---- PIL bilinear resize of a mode "F" image ------------------------------------------------------
img = np.random.RandomState(3).rand(20, 301).astype(np.float32)
save("resize_in", img, "random 20 x 301 image")
save("resize_down", np.asarray(Image.fromarray(img).resize((97, 20), Image.BILINEAR)), "PIL bilinear to 20 x 97")
save("resize_up", np.asarray(Image.fromarray(img).resize((750, 7), Image.BILINEAR)), "PIL bilinear to 7 x 750")

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
print(f"wrote {len(manifest['files'])} arrays to {OUT}, {total} bytes")
