#!/usr/bin/python3
"""Independent forward kinematics with Orocos KDL (Debian: python3-pykdl), for cross-checking the
Java kinematics in the retargeting module.

Reads one JSON request on stdin:
  {"urdf": "/path/robot.urdf",
   "queries": [{"base": "link", "tip": "link", "joints": {"name": value, ...}}, ...]}
and writes {"results": [{"position": [x, y, z], "rotation": [[...], [...], [...]]}, ...]} on stdout:
the pose of each tip in its base's frame. Joints missing from "joints" are 0; mimic joints are
computed here from their source (q = multiplier * q_src + offset), never taken from the request.

The URDF is read with the standard library's XML parser and converted to a KDL tree the way ROS's
kdl_parser does (joint axis and origin in the parent frame, segment tip = joint origin), which is a
different formulation from the Java code (origin then motion in the child frame).
"""
import json
import math
import sys
import xml.etree.ElementTree as ET

import PyKDL as kdl


def floats(text, default):
    if text is None:
        return default
    return [float(v) for v in text.split()]


def frame_of(origin):
    xyz = floats(origin.get("xyz"), [0.0, 0.0, 0.0]) if origin is not None else [0.0, 0.0, 0.0]
    rpy = floats(origin.get("rpy"), [0.0, 0.0, 0.0]) if origin is not None else [0.0, 0.0, 0.0]
    return kdl.Frame(kdl.Rotation.RPY(*rpy), kdl.Vector(*xyz))


def read_urdf(path):
    robot = ET.parse(path).getroot()
    links = [l.get("name") for l in robot.findall("link")]
    joints = {}
    for j in robot.findall("joint"):
        axis_el = j.find("axis")
        axis = floats(axis_el.get("xyz") if axis_el is not None else None, [1.0, 0.0, 0.0])
        n = math.sqrt(sum(a * a for a in axis))
        mimic_el = j.find("mimic")
        mimic = None
        if mimic_el is not None:
            mimic = (mimic_el.get("joint"), float(mimic_el.get("multiplier", "1")), float(mimic_el.get("offset", "0")))
        joints[j.get("name")] = {
            "type": j.get("type"),
            "parent": j.find("parent").get("link"),
            "child": j.find("child").get("link"),
            "frame": frame_of(j.find("origin")),
            "axis": [a / n for a in axis] if n > 0 else axis,
            "mimic": mimic,
        }
    children = {j["child"] for j in joints.values()}
    roots = [l for l in links if l not in children]
    assert len(roots) == 1, f"expected one root link, got {roots}"
    return roots[0], joints


def kdl_joint(name, j):
    f = j["frame"]
    axis = f.M * kdl.Vector(*j["axis"])
    if j["type"] in ("revolute", "continuous"):
        return kdl.Joint(name, f.p, axis, kdl.Joint.RotAxis)
    if j["type"] == "prismatic":
        return kdl.Joint(name, f.p, axis, kdl.Joint.TransAxis)
    return kdl.Joint(name, kdl.Joint.Fixed)


def build_tree(root, joints):
    tree = kdl.Tree(root)
    by_parent = {}
    for name, j in joints.items():
        by_parent.setdefault(j["parent"], []).append(name)
    todo = [root]
    while todo:
        parent = todo.pop()
        for name in by_parent.get(parent, []):
            j = joints[name]
            ok = tree.addSegment(kdl.Segment(j["child"], kdl_joint(name, j), j["frame"]), parent)
            assert ok, f"KDL refused segment {j['child']}"
            todo.append(j["child"])
    return tree


def joint_value(name, joints, given):
    j = joints[name]
    if j["mimic"] is not None:
        src, mult, off = j["mimic"]
        return mult * joint_value(src, joints, given) + off
    return float(given.get(name, 0.0))


def pose(tree, joints, base, tip, given):
    if base == tip:
        f = kdl.Frame.Identity()
    else:
        chain = tree.getChain(base, tip)
        names = [chain.getSegment(i).getJoint().getName() for i in range(chain.getNrOfSegments())
                 if chain.getSegment(i).getJoint().getType() != kdl.Joint.Fixed]
        q = kdl.JntArray(len(names))
        for i, n in enumerate(names):
            q[i] = joint_value(n, joints, given)
        f = kdl.Frame()
        rc = kdl.ChainFkSolverPos_recursive(chain).JntToCart(q, f)
        assert rc >= 0, f"KDL FK failed with {rc}"
    return {"position": [f.p[i] for i in range(3)],
            "rotation": [[f.M[r, c] for c in range(3)] for r in range(3)]}


def main():
    req = json.load(sys.stdin)
    root, joints = read_urdf(req["urdf"])
    tree = build_tree(root, joints)
    results = [pose(tree, joints, q.get("base") or root, q["tip"], q.get("joints", {})) for q in req["queries"]]
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
