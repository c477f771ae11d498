#!/usr/bin/env python3
"""Reference HRV figures from published implementations, for core/tests/hrv_reference.rs.

Reads series of RR intervals on standard input, one a line: `name<TAB>rr1,rr2,...` (ms).
Prints, for each series, lines of `name key value`:

- `nk.*`: neurokit2's `hrv_time` (SDNN, RMSSD, pNN50 over N, MeanNN);
- `ha.*`: hrv-analysis's `get_time_domain_features` (sdnn, rmssd, pnni_50 over N - 1, mean_hr);
- `single.<kind>`: neurokit2's `signal_fixpeaks(method="Kubios", iterative=False)` artefact
  lists (peak numbers: peak 0 starts the first interval, peak j ends interval j - 1);
- `passes`, `pass<k>.<kind>`: each pass of neurokit2's iterative loop that found artefacts,
  replayed with its own `_find_artifacts` and `_correct_artifacts`;
- `fixed`: the RR intervals after `signal_fixpeaks(method="Kubios", iterative=True)`;
- `fixed.nk.*`, `fixed.ha.*`: the time-domain figures of the fixed series;
- `sp.*`: scipy's Welch spectrum of the fixed series, with Unbrace's parameters (natural
  cubic spline at 4 Hz, `welch(fs=4, window="hann", nperseg=256, noverlap=128, nfft=1024,
  detrend="linear")`): LF, HF, total power, the 0.04-0.26 Hz peak and the coherence ratio.

Peaks are given to neurokit2 in microseconds (`sampling_rate=1_000_000`), so its rounding of
peaks to whole samples moves nothing by more than a microsecond.

Needs: neurokit2, hrv-analysis (with `nolds<0.6` on Python 3.11) and scipy.
"""

import sys
import warnings

warnings.filterwarnings("ignore")

import importlib.metadata as metadata  # noqa: E402

import numpy as np  # noqa: E402
import neurokit2 as nk  # noqa: E402
from hrvanalysis import get_time_domain_features  # noqa: E402
from neurokit2.signal.signal_fixpeaks import _correct_artifacts, _find_artifacts  # noqa: E402
from scipy import interpolate, signal  # noqa: E402

SAMPLING_RATE = 1_000_000
KINDS = ("ectopic", "missed", "extra", "longshort")


def out(name, key, value):
    print(name, key, value)


def number(x):
    return "%.12g" % x


def numbers(xs, fmt="%d"):
    return ",".join(fmt % x for x in xs) or "-"


def time_domain(name, prefix, rr):
    t = nk.hrv_time({"RRI": rr, "RRI_Time": np.cumsum(rr) / 1000})
    out(name, prefix + "nk.sdnn", number(t["HRV_SDNN"][0]))
    out(name, prefix + "nk.rmssd", number(t["HRV_RMSSD"][0]))
    out(name, prefix + "nk.pnn50", number(t["HRV_pNN50"][0]))
    out(name, prefix + "nk.meannn", number(t["HRV_MeanNN"][0]))
    h = get_time_domain_features(list(rr))
    out(name, prefix + "ha.sdnn", number(h["sdnn"]))
    out(name, prefix + "ha.rmssd", number(h["rmssd"]))
    out(name, prefix + "ha.pnn50", number(h["pnni_50"]))
    out(name, prefix + "ha.mean_hr", number(h["mean_hr"]))


def count(artifacts):
    return sum(len(artifacts[k]) for k in KINDS)


def passes(peaks):
    """neurokit2's `_signal_fixpeaks_kubios` loop, keeping every pass."""
    found, _ = _find_artifacts(peaks, sampling_rate=SAMPLING_RATE)
    clean = _correct_artifacts(found, peaks)
    applied = [found]
    current = count(found)
    while True:
        new, _ = _find_artifacts(clean, sampling_rate=SAMPLING_RATE)
        previous, current = current, count(new)
        if current >= previous:
            break
        applied.append(new)
        clean = _correct_artifacts(new, clean)
    return [p for p in applied if count(p) > 0]


def spectrum(name, rr):
    t = np.cumsum(rr) / 1000
    span = t[-1] - t[0]
    if span < 64:
        return
    n = int(np.floor(span * 4 + 1e-9)) + 1
    grid = t[0] + np.arange(n) / 4
    x = interpolate.CubicSpline(t, rr, bc_type="natural")(grid)
    f, p = signal.welch(x, fs=4, window="hann", nperseg=256, noverlap=128, nfft=1024, detrend="linear")
    df = f[1] - f[0]

    def band(lo, hi):
        return p[(f >= lo) & (f < hi)].sum() * df

    def within(lo, hi):
        return p[(f >= lo) & (f <= hi)].sum() * df

    search = (f >= 0.04) & (f <= 0.26)
    k = int(np.argmax(np.where(search, p, -1)))
    peak = within(f[k] - 0.015, f[k] + 0.015)
    total = within(0.0033, 0.40)
    out(name, "sp.lf", number(band(0.04, 0.15)))
    out(name, "sp.hf", number(band(0.15, 0.40)))
    out(name, "sp.total", number(total))
    out(name, "sp.peak_hz", number(f[k]))
    out(name, "sp.ratio", number(peak / (total - peak)))


def main():
    versions = ["%s=%s" % (p, metadata.version(p)) for p in ("neurokit2", "hrv-analysis", "scipy", "numpy")]
    out("-", "versions", " ".join(versions))
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        name, values = line.split("\t")
        rr = np.array([float(v) for v in values.split(",")])
        time_domain(name, "", rr)
        peaks = np.round(np.concatenate([[0.0], np.cumsum(rr)]) * (SAMPLING_RATE / 1000)).astype(np.int64)
        info, _ = nk.signal_fixpeaks(peaks, sampling_rate=SAMPLING_RATE, iterative=False, method="Kubios")
        for kind in KINDS:
            out(name, "single." + kind, numbers(info[kind]))
        applied = passes(peaks)
        out(name, "passes", len(applied))
        for i, found in enumerate(applied, start=1):
            for kind in KINDS:
                out(name, "pass%d.%s" % (i, kind), numbers(found[kind]))
        _, fixed_peaks = nk.signal_fixpeaks(peaks, sampling_rate=SAMPLING_RATE, iterative=True, method="Kubios")
        fixed = np.diff(np.asarray(fixed_peaks, dtype=float)) / (SAMPLING_RATE / 1000)
        out(name, "fixed", numbers(fixed, "%.6f"))
        time_domain(name, "fixed.", fixed)
        spectrum(name, fixed)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
