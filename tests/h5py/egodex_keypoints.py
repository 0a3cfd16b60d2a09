#!/usr/bin/env python3
"""Reads an EgoDex HDF5 file with h5py and prints its hand keypoints in the camera frame as JSON.

Usage: egodex_keypoints.py FILE.hdf5

Output: {"frames": N, "compression": {dataset: filter}, "chunked": bool, "attrs": {...},
         "right": [[x, y, z] * 21] * N, "left": ...}: for every frame the inverse of transforms/camera times each
joint's position, the joints in MANO-21 order (wrist; per finger knuckle, intermediate base, intermediate tip, tip).
An independent check of the sample's EgoDex writer and of the reader's joint mapping.
"""
import json
import sys

import h5py
import numpy as np

FINGERS = ["Thumb", "IndexFinger", "MiddleFinger", "RingFinger", "LittleFinger"]
SEGMENTS = ["Knuckle", "IntermediateBase", "IntermediateTip", "Tip"]


def joints(side):
    return [side + "Hand"] + [side + f + s for f in FINGERS for s in SEGMENTS]


def main():
    with h5py.File(sys.argv[1], "r") as f:
        camera = f["transforms/camera"][()]
        inverse = np.linalg.inv(camera)
        out = {"frames": int(camera.shape[0]),
               "compression": {name: f["transforms/" + name].compression for name in f["transforms"]},
               "chunked": all(f["transforms/" + name].chunks is not None for name in f["transforms"]),
               "attrs": {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}}
        for side in ("right", "left"):
            points = []
            for name in joints(side):
                world = f["transforms/" + name][()][:, :, 3]
                points.append(np.einsum("nij,nj->ni", inverse, world)[:, :3])
            out[side] = np.stack(points, axis=1).tolist()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
