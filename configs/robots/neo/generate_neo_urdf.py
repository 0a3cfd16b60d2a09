#!/usr/bin/env python3
"""Writes neo.urdf, the approximate kinematic model of 1X Neo (see docs/neo-robot-model.md).

The URDF is the canonical artifact (fleet logs, retargeting and gold tables name its joints);
this script exists so the left/right mirroring and the two 22-DoF hands stay consistent when a
dimension or a limit is changed. Run it from anywhere: python3 generate_neo_urdf.py [OUT] (default: neo.urdf beside it)
The joint order of the output file is the canonical joint order: changing the order of the
calls in main() changes a data contract.
"""
import math
import os
import sys

PI = math.pi
lines = []


def fmt(v):
    # repr is the shortest text that reads back as the same double, so angles like pi/2 stay exact
    s = repr(float(v))
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def vec(v):
    return " ".join(fmt(x) for x in v)


def link(name):
    lines.append(f'  <link name="{name}"/>')


def fixed(name, parent, child, xyz=(0, 0, 0), rpy=(0, 0, 0)):
    link(child)
    lines.append(f'  <joint name="{name}" type="fixed">')
    lines.append(f'    <parent link="{parent}"/>')
    lines.append(f'    <child link="{child}"/>')
    lines.append(f'    <origin xyz="{vec(xyz)}" rpy="{vec(rpy)}"/>')
    lines.append("  </joint>")


def revolute(name, parent, child, xyz, axis, lower, upper, effort, velocity, rpy=(0, 0, 0)):
    link(child)
    lines.append(f'  <joint name="{name}" type="revolute">')
    lines.append(f'    <parent link="{parent}"/>')
    lines.append(f'    <child link="{child}"/>')
    lines.append(f'    <origin xyz="{vec(xyz)}" rpy="{vec(rpy)}"/>')
    lines.append(f'    <axis xyz="{vec(axis)}"/>')
    lines.append(f'    <limit lower="{fmt(lower)}" upper="{fmt(upper)}" effort="{fmt(effort)}" velocity="{fmt(velocity)}"/>')
    lines.append("  </joint>")


def comment(text):
    lines.append(f"  <!-- {text} -->")


# Mirroring across the sagittal plane (y -> -y): a rotation axis n becomes -M n with
# M = diag(1, -1, 1), so x and z axes flip sign and y axes stay. With axes mirrored this way
# the same joint angle means the same anatomical motion on both sides and the limits are shared.
def side_axis(axis, side):
    if side == "right":
        return axis
    return (-axis[0], axis[1], -axis[2])


def side_xyz(xyz, side):
    # body-frame offsets: right limbs sit at -y
    return xyz if side == "right" else (xyz[0], -xyz[1], xyz[2])


def leg(side):
    p = f"{side}_"
    comment(f"{side} leg: 6 DoF (assumed)")
    revolute(p + "hip_yaw", "pelvis", p + "hip_yaw_link", side_xyz((0, -0.09, -0.06), side), side_axis((0, 0, 1), side), -0.7, 0.7, 120, 8)
    revolute(p + "hip_roll", p + "hip_yaw_link", p + "hip_roll_link", (0, 0, -0.05), side_axis((1, 0, 0), side), -0.5, 0.5, 120, 8)
    revolute(p + "hip_pitch", p + "hip_roll_link", p + "thigh", (0, 0, 0), side_axis((0, 1, 0), side), -2.0, 0.6, 150, 8)
    revolute(p + "knee", p + "thigh", p + "shank", (0, 0, -0.40), side_axis((0, 1, 0), side), 0.0, 2.4, 150, 10)
    revolute(p + "ankle_pitch", p + "shank", p + "ankle_link", (0, 0, -0.40), side_axis((0, 1, 0), side), -0.8, 0.6, 60, 10)
    revolute(p + "ankle_roll", p + "ankle_link", p + "foot", (0, 0, 0), side_axis((1, 0, 0), side), -0.35, 0.35, 60, 10)
    fixed(p + "sole_joint", p + "foot", p + "sole", (0.03, 0, -0.07))


# Hand geometry for the RIGHT hand, in the right_wrist frame: z from the wrist towards the
# fingertips, x the palm normal (the palm faces +x), y towards the thumb. This is the MANO
# wrist frame used by the human keypoints (docs/raw-formats.md), so human vectors need no rotation.
# The left hand is the mirror image: same numbers with y negated (its thumb is at -y).
FINGERS = [
    # name, MCP position, phalanx lengths (proximal, middle, distal-to-tip)
    ("index", (0.0, 0.024, 0.090), (0.045, 0.026, 0.022)),
    ("middle", (0.0, 0.002, 0.092), (0.050, 0.030, 0.024)),
    ("ring", (0.006, -0.019, 0.087), (0.047, 0.028, 0.023)),
]
HAND_EFFORT = 1.5
HAND_VELOCITY = 8.0


def hand(side):
    p = f"{side}_"
    wrist = p + "wrist"

    def y(xyz):
        return xyz if side == "right" else (xyz[0], -xyz[1], xyz[2])

    def ax(axis):
        return side_axis(axis, side)

    comment(f"{side} hand: 22 DoF = thumb 5 + index 4 + middle 4 + ring 4 + pinky 5")
    fixed(p + "palm_joint", wrist, p + "palm", y((0.0, 0.0, 0.045)))
    # Thumb: the CMC frame is turned 45 degrees about the palm normal so that its z runs along the
    # metacarpal, pointing towards the thumb side and the fingertips as in a relaxed human hand.
    thumb_rpy = (-PI / 4, 0, 0) if side == "right" else (PI / 4, 0, 0)
    revolute(p + "thumb_cmc_abd", wrist, p + "thumb_cmc_abd_link", y((0.010, 0.018, 0.022)), ax((0, 1, 0)), -0.3, 1.3, HAND_EFFORT, HAND_VELOCITY, thumb_rpy)
    revolute(p + "thumb_cmc_flex", p + "thumb_cmc_abd_link", p + "thumb_metacarpal", (0, 0, 0), ax((1, 0, 0)), -0.4, 1.2, HAND_EFFORT, HAND_VELOCITY)
    revolute(p + "thumb_mcp_abd", p + "thumb_metacarpal", p + "thumb_mcp_abd_link", (0, 0, 0.046), ax((0, 1, 0)), -0.3, 0.5, HAND_EFFORT, HAND_VELOCITY)
    revolute(p + "thumb_mcp_flex", p + "thumb_mcp_abd_link", p + "thumb_proximal", (0, 0, 0), ax((1, 0, 0)), -0.2, 1.0, HAND_EFFORT, HAND_VELOCITY)
    revolute(p + "thumb_ip", p + "thumb_proximal", p + "thumb_distal", (0, 0, 0.032), ax((1, 0, 0)), -0.3, 1.4, HAND_EFFORT, HAND_VELOCITY)
    fixed(p + "thumb_tip_joint", p + "thumb_distal", p + "thumb_tip", (0, 0, 0.027))

    for name, mcp, (l1, l2, l3) in FINGERS:
        f = p + name + "_"
        revolute(f + "mcp_abd", wrist, f + "mcp_abd_link", y(mcp), ax((1, 0, 0)), -0.35, 0.35, HAND_EFFORT, HAND_VELOCITY)
        revolute(f + "mcp_flex", f + "mcp_abd_link", f + "proximal", (0, 0, 0), ax((0, 1, 0)), -0.35, 1.57, HAND_EFFORT, HAND_VELOCITY)
        revolute(f + "pip", f + "proximal", f + "middle", (0, 0, l1), ax((0, 1, 0)), -0.05, 1.9, HAND_EFFORT, HAND_VELOCITY)
        revolute(f + "dip", f + "middle", f + "distal", (0, 0, l2), ax((0, 1, 0)), -0.1, 1.4, HAND_EFFORT, HAND_VELOCITY)
        fixed(f + "tip_joint", f + "distal", f + "tip", (0, 0, l3))

    # Pinky: an extra palm-arch joint (5th metacarpal folding towards the palm, about an axis
    # along the ring metacarpal) before the usual four.
    f = p + "pinky_"
    revolute(f + "cmc", wrist, f + "metacarpal", y((0.004, -0.016, 0.015)), ax((0, 0, 1)), 0.0, 0.6, HAND_EFFORT, HAND_VELOCITY)
    revolute(f + "mcp_abd", f + "metacarpal", f + "mcp_abd_link", y((0.008, -0.020, 0.060)), ax((1, 0, 0)), -0.35, 0.45, HAND_EFFORT, HAND_VELOCITY)
    revolute(f + "mcp_flex", f + "mcp_abd_link", f + "proximal", (0, 0, 0), ax((0, 1, 0)), -0.35, 1.57, HAND_EFFORT, HAND_VELOCITY)
    revolute(f + "pip", f + "proximal", f + "middle", (0, 0, 0.036), ax((0, 1, 0)), -0.05, 1.9, HAND_EFFORT, HAND_VELOCITY)
    revolute(f + "dip", f + "middle", f + "distal", (0, 0, 0.021), ax((0, 1, 0)), -0.1, 1.4, HAND_EFFORT, HAND_VELOCITY)
    fixed(f + "tip_joint", f + "distal", f + "tip", (0, 0, 0.020))


def arm(side):
    p = f"{side}_"
    comment(f"{side} arm: 7 DoF (assumed), hanging along -z at zero")
    revolute(p + "shoulder_pitch", "torso", p + "shoulder_pitch_link", side_xyz((0, -0.19, 0.30), side), side_axis((0, 1, 0), side), -3.0, 1.0, 40, 6)
    revolute(p + "shoulder_roll", p + "shoulder_pitch_link", p + "shoulder_roll_link", (0, 0, 0), side_axis((1, 0, 0), side), -2.8, 0.35, 40, 6)
    revolute(p + "shoulder_yaw", p + "shoulder_roll_link", p + "upper_arm", (0, 0, 0), side_axis((0, 0, 1), side), -1.5, 1.5, 30, 6)
    revolute(p + "elbow", p + "upper_arm", p + "forearm", (0, 0, -0.28), side_axis((0, -1, 0), side), 0.0, 2.5, 30, 6)
    revolute(p + "wrist_yaw", p + "forearm", p + "wrist_yaw_link", (0, 0, -0.10), side_axis((0, 0, 1), side), -1.6, 1.6, 10, 8)
    revolute(p + "wrist_pitch", p + "wrist_yaw_link", p + "wrist_pitch_link", (0, 0, -0.15), side_axis((1, 0, 0), side), -1.0, 1.0, 10, 8)
    # The wrist_roll joint turns the body-aligned forearm frame into the MANO-like wrist frame
    # (z along the fingers, x out of the palm, y to the thumb): right: Rz(pi/2) Rx(pi).
    wrist_rpy = (PI, 0, PI / 2) if side == "right" else (PI, 0, -PI / 2)
    revolute(p + "wrist_roll", p + "wrist_pitch_link", p + "wrist", (0, 0, 0), side_axis((1, 0, 0), side), -0.5, 0.4, 10, 8, wrist_rpy)
    hand(side)


def main():
    lines.append('<?xml version="1.0" encoding="utf-8"?>')
    lines.append("<!-- GENERATED by generate_neo_urdf.py: edit the script, not this file.")
    lines.append("     Approximate kinematic model of 1X Neo built from public facts plus documented assumptions")
    lines.append("     (docs/neo-robot-model.md). Replace with the manufacturer's description when available.")
    lines.append("     Canonical joint order = order of the actuated (non-fixed, non-mimic) joints below. -->")
    lines.append('<robot name="neo">')
    link("pelvis")
    comment("torso: 3 DoF waist (assumed)")
    revolute("waist_yaw", "pelvis", "waist_yaw_link", (0, 0, 0.10), (0, 0, 1), -1.0, 1.0, 80, 3)
    revolute("waist_roll", "waist_yaw_link", "waist_roll_link", (0, 0, 0), (1, 0, 0), -0.35, 0.35, 80, 3)
    revolute("waist_pitch", "waist_roll_link", "torso", (0, 0, 0), (0, 1, 0), -0.3, 0.9, 80, 3)
    comment("neck and head: 3 DoF (assumed)")
    revolute("neck_yaw", "torso", "neck_yaw_link", (0, 0, 0.40), (0, 0, 1), -1.4, 1.4, 10, 4)
    revolute("neck_pitch", "neck_yaw_link", "neck_pitch_link", (0, 0, 0.05), (0, 1, 0), -0.6, 0.7, 10, 4)
    revolute("neck_roll", "neck_pitch_link", "head", (0, 0, 0), (1, 0, 0), -0.4, 0.4, 10, 4)
    # head_camera follows the body convention (x forward, z up); the optical frame is the
    # camera convention (z forward, x right, y down) used by camera intrinsics.
    fixed("head_camera_joint", "head", "head_camera", (0.09, 0, 0.07))
    fixed("head_camera_optical_joint", "head_camera", "head_camera_optical", (0, 0, 0), (-PI / 2, 0, -PI / 2))
    leg("left")
    leg("right")
    arm("left")
    arm("right")
    lines.append("</robot>")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "neo.urdf")
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
