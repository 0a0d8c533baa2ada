#!/usr/bin/python3
"""Same-run speed comparison: genrescope's libtorch networks vs the same architectures in PyTorch.

Runs the C++ benchmark program (bench_models, Google Benchmark) and then times PyTorch versions of the
same four networks (written below from MODELS.md, like the C++ ones) with the same protocol: eval mode,
inference mode, the same thread count, a random input of the registry's shape, one warm-up call, then
repeated forward calls for at least --min-time seconds. Prints a Markdown table with the ratio
libtorch / PyTorch (<= 1.0: the app is no slower).

Use Debian's interpreter (python3-torch 1.13): /usr/bin/python3 tools/bench_models_pytorch.py BUILD/bin/bench_models
"""
import argparse
import json
import os
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def keras_bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)


class Inception(nn.Module):
    """BBNN inception block; proposed=True removes the 3x3 and replaces the 5x5 by a 3x3 (Heakl's code)."""

    def __init__(self, cin, proposed):
        super().__init__()

        def na(c):
            return [keras_bn(c), nn.ReLU()]

        self.a = nn.Sequential(*na(cin), nn.Conv2d(cin, 32, 1))
        b = [*na(cin), nn.Conv2d(cin, 32, 1), *na(32)]
        if not proposed:
            b.append(nn.Conv2d(32, 32, 3, padding=1))
        self.b = nn.Sequential(*b)
        k = 3 if proposed else 5
        self.c = nn.Sequential(*na(cin), nn.Conv2d(cin, 32, 1), *na(32), nn.Conv2d(32, 32, k, padding=k // 2))
        self.d = nn.Sequential(nn.MaxPool2d(3, 1, 1), *na(cin), nn.Conv2d(cin, 32, 1))

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x), self.c(x), self.d(x)], 1)


class Broadcast(nn.Module):
    def __init__(self, blocks, proposed):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), keras_bn(32), nn.ReLU(), nn.MaxPool2d((4, 1)))
        c = 32
        self.blocks = nn.ModuleList()
        for _ in range(blocks):
            self.blocks.append(Inception(c, proposed))
            c += 128
        self.transition = nn.Sequential(nn.Conv2d(c, 32, 1), keras_bn(32), nn.ReLU(), nn.MaxPool2d(2))
        self.decision = nn.Sequential(keras_bn(32), nn.ReLU())
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        h = self.stem(x)
        for b in self.blocks:
            h = torch.cat([h, b(h)], 1)
        h = self.decision(self.transition(h))
        return self.fc(h.mean((2, 3)))


class ChoiCrnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.input_bn = keras_bn(96)
        widths = [64, 128, 128, 128]
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        cin = 1
        for w in widths:
            self.convs.append(nn.Conv2d(cin, w, 3, padding=1))
            self.bns.append(keras_bn(w))
            cin = w
        self.gru1 = nn.GRU(128, 32, batch_first=True)
        self.gru2 = nn.GRU(32, 32, batch_first=True)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        h = F.pad(x, (37, 37))
        h = self.input_bn(h.transpose(1, 2)).transpose(1, 2)
        for conv, bn, p in zip(self.convs, self.bns, (2, 3, 4, 4)):
            h = F.max_pool2d(F.elu(bn(conv(h))), p)
            h = F.dropout(h, 0.1, self.training)
        h = h.mean(2).transpose(1, 2)
        h = self.gru1(h)[0]
        h = self.gru2(h)[0][:, -1]
        return self.fc(F.dropout(h, 0.3, self.training))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return F.relu(h + (self.down(x) if self.down is not None else x))


class DenseLayer(nn.Module):
    def __init__(self, cin, growth, width):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, width, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, growth, 3, padding=1, bias=False)

    def forward(self, x):
        return self.conv2(F.relu(self.norm2(self.conv1(F.relu(self.norm1(x))))))


class BcnnSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.r_conv = nn.Conv2d(3, 16, 3, 2, 1, bias=False)
        self.r_bn = nn.BatchNorm2d(16)
        self.r_layers = nn.Sequential(BasicBlock(16, 16, 1), BasicBlock(16, 32, 2), BasicBlock(32, 64, 2),
                                      BasicBlock(64, 128, 2))
        self.d_conv = nn.Conv2d(3, 24, 3, 2, 1, bias=False)
        self.d_bn = nn.BatchNorm2d(24)
        self.d_blocks = nn.ModuleList()
        self.d_trans = nn.ModuleList()
        c = 24
        for b in range(3):
            self.d_blocks.append(nn.ModuleList([DenseLayer(c + i * 12, 12, 48) for i in range(4)]))
            c += 48
            if b < 2:
                self.d_trans.append(nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, c // 2, 1, bias=False),
                                                  nn.AvgPool2d(2)))
                c //= 2
        self.d_norm = nn.BatchNorm2d(c)
        self.fc = nn.Linear(128 + c, 10)

    def forward(self, x):
        r = F.max_pool2d(F.relu(self.r_bn(self.r_conv(x))), 2)
        r = self.r_layers(r).mean((2, 3))
        h = F.max_pool2d(F.relu(self.d_bn(self.d_conv(x))), 2)
        for b, block in enumerate(self.d_blocks):
            feats = [h]
            for layer in block:
                feats.append(layer(torch.cat(feats, 1)))
            h = torch.cat(feats, 1)
            if b < len(self.d_trans):
                h = self.d_trans[b](h)
        d = F.relu(self.d_norm(h)).mean((2, 3))
        return self.fc(F.dropout(torch.cat([r, d], 1), 0.3, self.training))


MODELS = {
    "bbnn": (lambda: Broadcast(3, False), (1, 646, 128), 184874),
    "broadcast": (lambda: Broadcast(4, True), (1, 646, 128), 178154),
    # The app runs bbnn and broadcast bundles through the fused inference twin (models/fusedbroadcast.h);
    # bench_models' "-app" rows time that path, against the same PyTorch module as the plain rows.
    "bbnn-app": (lambda: Broadcast(3, False), (1, 646, 128), 184874),
    "broadcast-app": (lambda: Broadcast(4, True), (1, 646, 128), 178154),
    "choi-crnn": (ChoiCrnn, (1, 96, 1366), 392970),
    "bcnn-small": (BcnnSmall, (3, 128, 600), 411594),
}


def time_pytorch(name, batch, min_time):
    make, shape, expected = MODELS[name]
    torch.manual_seed(0)
    net = make().eval()
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    if params != expected:
        sys.exit(f"{name}: PyTorch version has {params} parameters, expected {expected}")
    x = torch.randn(batch, *shape)
    with torch.inference_mode():
        net(x)  # warm-up
        n, start = 0, time.perf_counter()
        while True:
            net(x)
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                return elapsed / n * 1e3, n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", help="path to the bench_models program")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--min-time", type=float, default=2.0, help="seconds per measurement (both sides)")
    ap.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    ap.add_argument("--batches", nargs="+", type=int, default=[1, 32])
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    env = dict(os.environ, GS_BENCH_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))

    def time_cpp(name, batch):
        # One (model, batch) at a time, interleaved with PyTorch, so both sides see the same machine load.
        out = subprocess.run([args.bench, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
                              f"--benchmark_filter=^{name}/{batch}/"],
                             env=env, check=True, capture_output=True, text=True)
        runs = json.loads(out.stdout)["benchmarks"]
        if not runs:
            sys.exit(f"bench_models has no benchmark {name}/{batch}")
        return runs[0]["real_time"], runs[0]["iterations"], out.stderr.strip()

    cfg = torch.__config__.show()
    blas = [s.strip() for s in cfg.replace(",", "\n").splitlines() if "BLAS_INFO" in s or "USE_MKLDNN" in s]
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {', '.join(blas)}, "
          f"mkldnn available: {torch.backends.mkldnn.is_available()}")
    print()
    print("| model | batch | libtorch (app) ms | PyTorch ms | ratio app/PyTorch | app clips/s |")
    print("|---|---:|---:|---:|---:|---:|")
    header = None
    for name in args.models:
        for batch in args.batches:
            c_ms, c_n, header = time_cpp(name, batch)
            p_ms, p_n = time_pytorch(name, batch, args.min_time)
            print(f"| {name} | {batch} | {c_ms:.1f} ({c_n} it) | {p_ms:.1f} ({p_n} it) | {c_ms / p_ms:.2f} | "
                  f"{batch * 1e3 / c_ms:.1f} |", flush=True)
    print()
    print(f"bench_models: {header}")

if __name__ == "__main__":
    main()
