"""Weekly table maintenance: compaction (OPTIMIZE ... ZORDER BY episode) and VACUUM with a retention window.

VACUUM keeps 7 days (168 hours) of history so training runs pinned to recent table versions (curate manifest) can
still time-travel; raise it if training jobs pin older versions.
"""
from datetime import datetime

from airflow import DAG

import curate_settings as s
from curate_operators import CurateSparkSubmitOperator

RETENTION_HOURS = 168
GOLD_TABLES = ["gold.timesteps", "gold.episodes"]

with DAG(
    dag_id="curate_maintenance",
    description="Compact and vacuum the curated tables",
    schedule="@weekly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=s.DEFAULT_ARGS,
    tags=["curate", "maintenance"],
) as dag:
    previous = None
    for table in GOLD_TABLES:
        name = table.replace(".", "_")
        optimize = CurateSparkSubmitOperator(
            task_id="optimize_" + name,
            conn_id=s.SPARK_CONN_ID,
            application=s.APP_JAR,
            java_class=s.MAIN_CLASS,
            application_args=["sql", "--config", s.CONFIG, "--allow-writes",
                              "OPTIMIZE " + table + " WHERE capture_date >= DATE'{{ data_interval_start | ds }}' "
                              "AND capture_date < DATE'{{ data_interval_end | ds }}'"],
            conf=s.SPARK_CONF,
        )
        vacuum = CurateSparkSubmitOperator(
            task_id="vacuum_" + name,
            conn_id=s.SPARK_CONN_ID,
            application=s.APP_JAR,
            java_class=s.MAIN_CLASS,
            application_args=["sql", "--config", s.CONFIG, "--allow-writes",
                              "VACUUM " + table + " RETAIN %d HOURS" % RETENTION_HOURS],
            conf=s.SPARK_CONF,
        )
        optimize >> vacuum
        if previous is not None:
            previous >> optimize
        previous = vacuum
