#!/usr/bin/env python3
"""Loads every DAG file without Airflow installed and prints its tasks as JSON, templates rendered.

A stand-in `airflow` package records what the DAG files construct (DAG arguments, SparkSubmitOperator keyword
arguments, dependencies). The JUnit test DagFilesTest then checks every task against the real curate CLI.
Checks that need no CLI (Airflow 2/3 compatibility, scheduling hygiene) fail here with a message and exit 1.

usage: dag_inspect.py DAG_FOLDER
"""
import importlib.util
import json
import re
import sys
import types

RENDER_CONTEXT = {
    "ds": "2026-01-15",
    "run_id": "scheduled__2026-01-15T00:00:00+00:00",
    "data_interval_start | ds": "2026-01-15",
    "data_interval_end | ds": "2026-01-16",
}
# Arguments removed in Airflow 3 (or deprecated since 2.4); a DAG that uses them breaks on upgrade.
REMOVED_DAG_ARGS = {"schedule_interval", "timetable", "concurrency", "full_filepath", "sla_miss_callback"}
REMOVED_OPERATOR_ARGS = {"provide_context", "task_concurrency", "sla"}
REMOVED_TEMPLATE_VARS = {"execution_date", "next_execution_date", "prev_execution_date", "tomorrow_ds", "yesterday_ds",
                         "next_ds", "prev_ds"}

problems = []
dags = []


class Task:
    def __init__(self, kind, kwargs):
        self.kind = kind
        self.kwargs = kwargs
        self.downstream = set()
        DagStub.current.tasks.append(self)
        bad = REMOVED_OPERATOR_ARGS & set(kwargs)
        if bad:
            problems.append("task %s uses removed arguments %s" % (kwargs.get("task_id"), sorted(bad)))

    @property
    def task_id(self):
        return self.kwargs["task_id"]

    def __rshift__(self, other):
        for o in other if isinstance(other, list) else [other]:
            self.downstream.add(o.task_id)
        return other

    def __rrshift__(self, other):
        for o in other if isinstance(other, list) else [other]:
            o.downstream.add(self.task_id)
        return self


class DagStub:
    current = None

    def __init__(self, dag_id=None, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []
        bad = REMOVED_DAG_ARGS & set(kwargs)
        if bad:
            problems.append("DAG %s uses removed arguments %s" % (dag_id, sorted(bad)))
        dags.append(self)

    def __enter__(self):
        DagStub.current = self
        return self

    def __exit__(self, *exc):
        DagStub.current = None
        return False


def spark_submit_operator(**kwargs):
    return Task("SparkSubmitOperator", kwargs)


def install_stubs():
    airflow = types.ModuleType("airflow")
    airflow.DAG = DagStub
    sys.modules["airflow"] = airflow
    for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                 "airflow.providers.apache.spark.operators"]:
        sys.modules[name] = types.ModuleType(name)
    op = types.ModuleType("airflow.providers.apache.spark.operators.spark_submit")
    op.SparkSubmitOperator = spark_submit_operator
    sys.modules[op.__name__] = op


def render(value, where):
    if isinstance(value, list):
        return [render(v, where) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m):
        expr = m.group(1).strip()
        if expr.split("|")[0].strip() in REMOVED_TEMPLATE_VARS:
            problems.append("%s uses the removed template variable '%s'" % (where, expr))
            return "?"
        if expr not in RENDER_CONTEXT:
            problems.append("%s uses an unknown template '{{ %s }}'" % (where, expr))
            return "?"
        return RENDER_CONTEXT[expr]

    return re.sub(r"{{(.*?)}}", sub, value)


def main(folder):
    install_stubs()
    sys.path.insert(0, folder)
    import glob
    import os
    files = sorted(f for f in glob.glob(os.path.join(folder, "*.py")) if not os.path.basename(f).startswith("_"))
    for path in files:
        before = len(dags)
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for dag in dags[before:]:
            dag.file = os.path.basename(path)
    out = []
    for dag in dags:
        k = dag.kwargs
        for required in ["schedule", "start_date", "catchup", "max_active_runs", "default_args"]:
            if required not in k:
                problems.append("DAG %s does not set %s explicitly" % (dag.dag_id, required))
        default_args = k.get("default_args") or {}
        for required in ["retries", "retry_delay", "retry_exponential_backoff", "pool"]:
            if required not in default_args:
                problems.append("DAG %s default_args lack %s" % (dag.dag_id, required))
        tasks = []
        for t in dag.tasks:
            where = "%s.%s" % (dag.dag_id, t.task_id)
            args = render(t.kwargs.get("application_args", []), where)
            tasks.append({
                "task_id": t.task_id,
                "operator": t.kind,
                "java_class": t.kwargs.get("java_class"),
                "application": t.kwargs.get("application"),
                "conn_id": t.kwargs.get("conn_id"),
                "application_args": args,
                "raw_application_args": t.kwargs.get("application_args", []),
                "downstream": sorted(t.downstream),
            })
        out.append({"dag_id": dag.dag_id, "file": dag.file, "schedule": k.get("schedule"),
                    "catchup": k.get("catchup"), "max_active_runs": k.get("max_active_runs"),
                    "pool": default_args.get("pool"), "retries": default_args.get("retries"), "tasks": tasks})
    if problems:
        for p in problems:
            print("dag problem: " + p, file=sys.stderr)
        return 1
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
