"""Weekly table maintenance: compaction (OPTIMIZE ... ZORDER BY episode) and VACUUM with a retention window.

VACUUM keeps 7 days (168 hours) of history so training runs pinned to recent table versions (curate manifest) can
still time-travel; raise it if training jobs pin older versions.
"""
from airflow import DAG

import curate_settings as s
from curate_operators import curate_task

RETENTION_HOURS = 168
GOLD_TABLES = ["gold.timesteps", "gold.episodes"]

with DAG(
    dag_id="curate_maintenance",
    description="Compact and vacuum the curated tables",
    schedule="@weekly",
    max_active_runs=1,
    tags=["curate", "maintenance"],
    **s.DAG_DEFAULTS,
) as dag:
    previous = None
    for table in GOLD_TABLES:
        name = table.replace(".", "_")
        optimize = curate_task("optimize_" + name, s.sql_args(
            "OPTIMIZE " + table + " WHERE capture_date >= DATE'{{ data_interval_start | ds }}' "
            "AND capture_date < DATE'{{ data_interval_end | ds }}'"))
        vacuum = curate_task("vacuum_" + name, s.sql_args("VACUUM " + table + " RETAIN %d HOURS" % RETENTION_HOURS))
        optimize >> vacuum
        if previous is not None:
            previous >> optimize
        previous = vacuum
