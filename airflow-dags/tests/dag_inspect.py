#!/usr/bin/env python3
"""Loads every DAG file without Airflow installed and prints its tasks as JSON, templates rendered.

A stand-in `airflow` package records what the DAG files construct (DAG arguments, SparkSubmitOperator keyword
arguments, dependencies) and makes each task fail as spark-submit would, to check that exit code 2 (a user error)
fails the task without retry while other codes keep the DAG's retries. The JUnit test DagFilesTest then checks every task against the real curate CLI.
Checks that need no CLI (Airflow 2/3 compatibility, scheduling hygiene) fail here with a message and exit 1.

usage: dag_inspect.py DAG_FOLDER [STAGES_FILE]
STAGES_FILE (default: the environment's CURATE_STAGES_FILE) is the stage graph `curate stages --json` writes; the
tests write it from the real registry, or from a test registry to see a new stage become a task.
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


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    """Airflow's signal to fail a task without its remaining retries."""


class SparkSubmitOperatorStub(Task):
    """Records the task; execute() fails as SparkSubmitHook does when spark-submit exits with `exit_code`."""
    exit_code = 0

    def __init__(self, **kwargs):
        Task.__init__(self, type(self).__name__, kwargs)

    def execute(self, context):
        if SparkSubmitOperatorStub.exit_code:
            raise AirflowException("Cannot execute: spark-submit --class %s. Error code is: %d."
                                   % (self.kwargs.get("java_class"), SparkSubmitOperatorStub.exit_code))


def failure_on_exit(task, code):
    """The exception class a task raises when spark-submit exits with `code` (None if it raises nothing)."""
    SparkSubmitOperatorStub.exit_code = code
    try:
        task.execute({})
        return None
    except AirflowException as e:
        return type(e)
    finally:
        SparkSubmitOperatorStub.exit_code = 0


def install_stubs():
    airflow = types.ModuleType("airflow")
    airflow.DAG = DagStub
    sys.modules["airflow"] = airflow
    for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                 "airflow.providers.apache.spark.operators"]:
        sys.modules[name] = types.ModuleType(name)
    exceptions = types.ModuleType("airflow.exceptions")
    exceptions.AirflowException = AirflowException
    exceptions.AirflowFailException = AirflowFailException
    sys.modules[exceptions.__name__] = exceptions
    op = types.ModuleType("airflow.providers.apache.spark.operators.spark_submit")
    op.SparkSubmitOperator = SparkSubmitOperatorStub
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


def main(folder, stages_file=None):
    import os
    if stages_file:
        os.environ["CURATE_STAGES_FILE"] = stages_file
    install_stubs()
    sys.path.insert(0, folder)
    import glob
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
            # The CLI exits 2 for user errors: the same on every try, so the task must fail without retrying.
            fails_fast = failure_on_exit(t, 2) is AirflowFailException
            if not fails_fast:
                problems.append("%s retries exit code 2 (a user error); use curate_operators.CurateSparkSubmitOperator"
                                % where)
            if failure_on_exit(t, 1) is not AirflowException:
                problems.append("%s does not keep retries for exit code 1" % where)
            tasks.append({
                "task_id": t.task_id,
                "operator": t.kind,
                "java_class": t.kwargs.get("java_class"),
                "application": t.kwargs.get("application"),
                "conn_id": t.kwargs.get("conn_id"),
                "application_args": args,
                "raw_application_args": t.kwargs.get("application_args", []),
                "downstream": sorted(t.downstream),
                "fails_without_retry_on_exit_2": fails_fast,
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
    sys.exit(main(*sys.argv[1:3]))
