#!/usr/bin/python3
"""Independent re-implementation of the alignment policies with pandas.merge_asof and numpy.interp.

Cross-checks ai.curate.transforms.align (see docs/alignment.md) against the standard tools:

  previous -> pandas.merge_asof(direction="backward", tolerance=max_gap)      (inclusive, exact hits allowed)
  nearest  -> pandas.merge_asof(direction="nearest",  tolerance=max_gap)      (ties: pandas takes the earlier)
  linear   -> numpy.interp between the backward neighbour (at or before t) and the forward neighbour
              (strictly after t), each found by merge_asof with tolerance=max_gap; an exact hit is used as is.

Before matching, as docs/alignment.md says: samples with a missing or non-finite value are dropped, samples are
sorted by (ts_ns, seq) and of several samples with the same ts_ns the last in file order (highest seq) is kept.

Usage (Debian: apt-get install python3-pandas):
  /usr/bin/python3 tests/pandas/align_crosscheck.py SAMPLES.csv GRID.csv POLICIES.csv OUT.csv
  /usr/bin/python3 tests/pandas/align_crosscheck.py --cases DIR...   (each DIR: samples.csv, grid.csv,
                                                                      policies.csv -> out.csv; one start-up)

Inputs (CSV with header):
  samples:  episode_id,stream,ts_ns,seq,values      values = space-separated floats, empty = missing sample
  grid:     episode_id,step_index,ts_ns
  policies: stream,method,max_gap_ns                method = LINEAR | PREVIOUS | NEAREST
Output:
  episode_id,step_index,stream,valid,values,staleness_ns,source_seq   (values/staleness/seq empty when invalid)
"""
import sys

import numpy as np
import pandas as pd

SUPPORTED = {"LINEAR", "PREVIOUS", "NEAREST"}


def parse_values(text):
    if not isinstance(text, str) or text.strip() == "":
        return None
    values = np.array([float(x) for x in text.split(" ")], dtype=np.float64)
    return values if np.all(np.isfinite(values)) else None


def usable_last_wins(samples):
    """Drop missing samples, sort by (ts, seq), keep the last in file order per ts."""
    samples = samples.assign(parsed=samples["values"].map(parse_values))
    samples = samples[samples["parsed"].notna()]
    samples = samples.sort_values(["ts_ns", "seq"], kind="mergesort")
    return samples.drop_duplicates(subset="ts_ns", keep="last").reset_index(drop=True)


def asof(grid, samples, direction, gap, allow_exact=True):
    """For every grid row (sorted by ts): index into samples of the match, or -1."""
    right = pd.DataFrame({"ts_ns": samples["ts_ns"].to_numpy(np.int64),
                          "match": np.arange(len(samples), dtype=np.int64),
                          "match_ts": samples["ts_ns"].to_numpy(np.int64)})
    left = pd.DataFrame({"ts_ns": grid["ts_ns"].to_numpy(np.int64)})
    merged = pd.merge_asof(left, right, on="ts_ns", direction=direction, tolerance=int(gap),
                           allow_exact_matches=allow_exact)
    return merged["match"].fillna(-1).to_numpy(np.int64)


def fmt(values):
    return " ".join(repr(float(v)) for v in values)


def align_stream(grid, samples, method, gap, stream):
    """Rows (episode_id, step_index, stream, valid, values, staleness_ns, source_seq) of one episode + stream."""
    rows = []
    grid = grid.sort_values(["ts_ns", "step_index"], kind="mergesort").reset_index(drop=True)
    t = grid["ts_ns"].to_numpy(np.int64)
    if len(samples) == 0:
        for i in range(len(grid)):
            rows.append((grid["episode_id"][i], int(grid["step_index"][i]), stream, False, "", "", ""))
        return rows
    ts = samples["ts_ns"].to_numpy(np.int64)
    seq = samples["seq"].to_numpy(np.int64)
    values = np.vstack(samples["parsed"].to_list())
    if method == "PREVIOUS":
        match = asof(grid, samples, "backward", gap)
    elif method == "NEAREST":
        match = asof(grid, samples, "nearest", gap)
    else:
        prev = asof(grid, samples, "backward", gap)
        nxt = asof(grid, samples, "forward", gap, allow_exact=False)
        # Relative times keep float64 exact (|t - origin| < 2^53 ns), as the Java side subtracts int64 first.
        origin = int(min(ts.min(), t.min()))
        xp = (ts - origin).astype(np.float64)
        x = (t - origin).astype(np.float64)
    for i in range(len(grid)):
        episode, step = grid["episode_id"][i], int(grid["step_index"][i])
        if method in ("PREVIOUS", "NEAREST"):
            m = match[i]
            if m < 0:
                rows.append((episode, step, stream, False, "", "", ""))
            else:
                rows.append((episode, step, stream, True, fmt(values[m]), abs(int(t[i]) - int(ts[m])), int(seq[m])))
            continue
        p, n = prev[i], nxt[i]
        if p >= 0 and ts[p] == t[i]:
            rows.append((episode, step, stream, True, fmt(values[p]), 0, int(seq[p])))
        elif p >= 0 and n >= 0:
            interpolated = [np.interp(x[i], xp, values[:, k]) for k in range(values.shape[1])]
            staleness = max(int(t[i]) - int(ts[p]), int(ts[n]) - int(t[i]))
            rows.append((episode, step, stream, True, fmt(interpolated), staleness, int(seq[p])))
        else:
            rows.append((episode, step, stream, False, "", "", ""))
    return rows


def align_files(samples_csv, grid_csv, policies_csv, out_csv):
    samples = pd.read_csv(samples_csv, dtype={"episode_id": str, "stream": str, "ts_ns": np.int64,
                                              "seq": np.int64, "values": str}, keep_default_na=False)
    grid = pd.read_csv(grid_csv, dtype={"episode_id": str, "step_index": np.int64, "ts_ns": np.int64})
    policies = pd.read_csv(policies_csv, dtype={"stream": str, "method": str, "max_gap_ns": np.int64})
    unsupported = set(policies["method"]) - SUPPORTED
    if unsupported:
        sys.exit("align_crosscheck.py: methods %s have no pandas equivalent; use %s" % (sorted(unsupported),
                                                                                        sorted(SUPPORTED)))
    rows = []
    for episode, episode_grid in grid.groupby("episode_id", sort=True):
        for policy in policies.itertuples():
            stream_samples = samples[(samples["episode_id"] == episode) & (samples["stream"] == policy.stream)]
            usable = usable_last_wins(stream_samples)
            rows.extend(align_stream(episode_grid, usable, policy.method, policy.max_gap_ns, policy.stream))
    out = pd.DataFrame(rows, columns=["episode_id", "step_index", "stream", "valid", "values", "staleness_ns",
                                      "source_seq"])
    out.to_csv(out_csv, index=False)


def main(argv):
    if len(argv) >= 3 and argv[1] == "--cases":
        for case in argv[2:]:
            align_files(case + "/samples.csv", case + "/grid.csv", case + "/policies.csv", case + "/out.csv")
    elif len(argv) == 5:
        align_files(*argv[1:5])
    else:
        sys.exit("usage: align_crosscheck.py SAMPLES.csv GRID.csv POLICIES.csv OUT.csv\n"
                 "       align_crosscheck.py --cases DIR...")


if __name__ == "__main__":
    main(sys.argv)
