#!/usr/bin/python3
"""Export the TorchScript example that tests/core/models/tst_torchscript.cpp loads.

Run with Debian's interpreter (python3-torch 1.13), from the repository root:

    /usr/bin/python3 tools/export_torchscript_example.py tests/fixtures/torchscript

It writes, deterministically (fixed seeds, CPU, float32):
  example_cnn.pt            a small CNN over a [1, 96, 64] log-mel patch, exported with torch.jit.trace,
                            returning logits
  example_cnn.pt.json       its sidecar (docs/torchscript-sidecar.md), with a per-mel-band normalisation
  example_cnn_scripted.pt   the same weights wrapped by torch.jit.script, returning probabilities
  example_cnn_scripted.json its sidecar (the "<stem>.json" naming)
  example_input.f32         a fixed input batch [2, 1, 96, 64], raw little-endian float32
  example_probabilities.f32 PyTorch's softmax probabilities for that batch [2, 10] (normalisation applied)
  example_logits.f32        PyTorch's logits for the normalised batch [2, 10]
The test compares Genrescope's output with these within 1e-5.
"""

import json
import pathlib
import sys

import torch
import torch.nn as nn

GENRES = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"]
MELS, FRAMES = 96, 64


class ExampleCnn(nn.Module):
    """Conv-BN-ReLU-pool twice, global average pool, linear: about 6k parameters."""

    def __init__(self, classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        )
        self.classifier = nn.Linear(32, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = x.mean(dim=(2, 3))
        return self.classifier(x)


class Probabilities(nn.Module):
    """Wraps a network so that forward() returns softmax probabilities (a scripted, not traced, module)."""

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4:
            raise ValueError("expected a [B, 1, 96, 64] batch")
        return torch.softmax(self.net(x), dim=1)


def main() -> int:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/torchscript")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20240521)
    torch.set_num_threads(1)

    net = ExampleCnn()
    # Non-trivial BatchNorm statistics, so that a loader that drops buffers fails the parity test.
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
        # A sharper classifier than the default initialisation, so the probabilities are far from uniform
        # and a wrong output ordering or a missing softmax would be visible.
        net.classifier.weight.mul_(8.0)
    net.eval()

    # Per-mel-band statistics (axis 1 of a [1, 96, 64] example = the mel axis).
    # Rounded to 6 decimals so that the JSON text converts to exactly these float32 values in C++ too.
    mean_list = [round(float(v), 6) for v in torch.linspace(-40.0, -20.0, MELS, dtype=torch.float64)]
    std_list = [round(float(v), 6) for v in torch.linspace(8.0, 12.0, MELS, dtype=torch.float64)]
    mean = torch.tensor(mean_list, dtype=torch.float32)
    std = torch.tensor(std_list, dtype=torch.float32)
    generator = torch.Generator().manual_seed(7)
    raw = (torch.randn(2, 1, MELS, FRAMES, generator=generator) * 10.0 - 30.0).contiguous()
    normalised = (raw - mean.view(1, 1, MELS, 1)) / std.view(1, 1, MELS, 1)

    with torch.no_grad():
        traced = torch.jit.trace(net, torch.zeros(1, 1, MELS, FRAMES))
        scripted = torch.jit.script(Probabilities(net))
        logits = traced(normalised)
        probabilities = torch.softmax(logits, dim=1)
        scripted_probabilities = scripted(normalised)
    assert torch.allclose(probabilities, scripted_probabilities, atol=1e-6)

    traced.save(str(out / "example_cnn.pt"))
    scripted.save(str(out / "example_cnn_scripted.pt"))

    normalization = {
        "axis": 1,
        "axisName": "mel",
        "mean": mean_list,
        "std": std_list,
    }
    card = {
        "title": "Example CNN (random weights)",
        "notes": "Exported by tools/export_torchscript_example.py to test TorchScript import; not trained.",
        "licence": "Same licence as Genrescope; contains no training data.",
    }
    base = {
        "format": "genrescope-torchscript-sidecar",
        "formatVersion": 1,
        # A FeatureConfig (core/features/featureconfig.h; missing keys take its defaults): 96 Slaney log-mels,
        # STFT 2048/512, cut into segments of 63 * 512 samples = 64 frames.
        "features": {"recipe": "example-logmel96x64", "sampleRate": 22050, "segmentLength": 63 * 512,
                     "segmentHop": 63 * 512, "stft": {"nFft": 2048, "hop": 512, "winLength": 2048},
                     "nMels": MELS},
        "labels": GENRES,
        "inputShape": [1, MELS, FRAMES],
        "normalization": normalization,
        "card": card,
    }
    traced_sidecar = dict(base, name="example-cnn-traced", output="logits")
    scripted_sidecar = dict(base, name="example-cnn-scripted", output="probabilities")
    (out / "example_cnn.pt.json").write_text(json.dumps(traced_sidecar, indent=2) + "\n")
    (out / "example_cnn_scripted.json").write_text(json.dumps(scripted_sidecar, indent=2) + "\n")

    (out / "example_input.f32").write_bytes(raw.numpy().astype("<f4").tobytes())
    (out / "example_logits.f32").write_bytes(logits.numpy().astype("<f4").tobytes())
    (out / "example_probabilities.f32").write_bytes(probabilities.numpy().astype("<f4").tobytes())
    print("wrote", ", ".join(sorted(p.name for p in out.iterdir())), "to", out)
    print("torch", torch.__version__, "parameters", sum(p.numel() for p in net.parameters()),
          "max probability per example", probabilities.max(dim=1).values.tolist())
    return 0


if __name__ == "__main__":
    sys.exit(main())
