#!/usr/bin/env python3
"""Writes an HDF5 file with h5py (an independent HDF5 writer, libhdf5) from a JSON description.

Usage: write_hdf5.py SPEC.json OUT.hdf5

SPEC: {"datasets": [{"path": "transforms/camera", "dtype": "float32", "shape": [N, 4, 4], "data": [flat values],
                     "chunks": [c, 4, 4] or null, "compression": "gzip" or null}, ...],
       "attrs": {"name": "text" | number | ["text", ...]}}
NaN and Infinity are accepted in "data" (Python's json reads them); "data": null declares the dataset without writing
it (chunked: fill values only). Used by the EgoDex reader tests.
"""
import json
import sys

import h5py
import numpy as np


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    with h5py.File(sys.argv[2], "w") as out:
        for d in spec["datasets"]:
            options = {}
            if d.get("chunks"):
                options["chunks"] = tuple(d["chunks"])
            if d.get("compression"):
                options["compression"] = d["compression"]
            if d.get("data") is None:
                # Declared but never written: its chunks are fill values, the file stays small whatever the shape.
                out.create_dataset(d["path"], shape=tuple(d["shape"]), dtype=d["dtype"], **options)
            else:
                values = np.asarray(d["data"], dtype=d["dtype"]).reshape(d["shape"])
                out.create_dataset(d["path"], data=values, **options)
        for name, value in spec.get("attrs", {}).items():
            if isinstance(value, list):
                out.attrs[name] = np.array(value, dtype=h5py.string_dtype())
            else:
                out.attrs[name] = value


if __name__ == "__main__":
    main()
