"""The stage graph of the curate release, read from the file `curate stages --json` writes.

The stage registry in the application jar (jobs/.../stages/StageRegistry.java) is the one list of stages and of the
stages each runs after. The DAG folder is deployed without the jar, so each release writes the graph once beside it:

    curate stages --json > $CURATE_STAGES_FILE

one JSON object a line, in run order: {"name": "align", "after": ["ingest-fleet"]}. A new stage then becomes a task of
curate_daily with no edit here.
"""
import json
import os


class StagesFileError(Exception):
    """The stages file is missing or is not what `curate stages --json` writes: the DAG cannot be built."""


def load(path):
    """The stages in run order as (name, [names it runs after]) pairs; each runs after stages listed above it only."""
    if not os.path.isfile(path):
        raise StagesFileError(
            "curate stages file %s (CURATE_STAGES_FILE) does not exist: write it once per release with "
            "`curate stages --json > %s` (bin/curate of the deployed release)" % (path, path))
    stages = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                stages.append(_stage(line, "%s:%d" % (path, number), [name for name, _ in stages]))
    if not stages:
        raise StagesFileError("curate stages file %s is empty: rewrite it with `curate stages --json > %s`"
                              % (path, path))
    return stages


def _stage(line, where, above):
    try:
        stage = json.loads(line)
        name, after = stage["name"], stage["after"]
    except (ValueError, TypeError, KeyError) as e:
        raise StagesFileError("%s is not a line of `curate stages --json` (%s): rewrite the file with that command"
                              % (where, e)) from e
    if not isinstance(name, str) or not isinstance(after, list):
        raise StagesFileError("%s: expected {\"name\": STAGE, \"after\": [STAGE...]}" % where)
    if name in above:
        raise StagesFileError("%s: stage '%s' is listed twice" % (where, name))
    for before in after:
        if before not in above:
            raise StagesFileError("%s: stage '%s' runs after '%s', which is not listed above it" % (where, name, before))
    return name, after
