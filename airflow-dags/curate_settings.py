"""Deployment settings shared by the curate DAGs, read from the environment of the Airflow workers.

CURATE_APP_JAR       the application jar built by `mvn -DskipTests package` (jobs/target/curate-jobs-app.jar)
CURATE_CONFIG        the curate config on the driver's file system (e.g. a copy of configs/cluster.example.yaml)
CURATE_SPARK_CONN    Airflow connection id of the Spark cluster (default: spark_default)
CURATE_SPARK_POOL    Airflow pool that caps concurrent Spark jobs (create it with a few slots)
CURATE_STAGES_FILE   the stage graph of the release: `curate stages --json > $CURATE_STAGES_FILE` once per release
                     (default /opt/curate/stages.jsonl; curate_daily has one task per stage in it)
"""
import os
from datetime import datetime, timedelta

APP_JAR = os.environ.get("CURATE_APP_JAR", "/opt/curate/curate-jobs-app.jar")
MAIN_CLASS = "ai.curate.jobs.Main"
CONFIG = os.environ.get("CURATE_CONFIG", "/opt/curate/configs/cluster.yaml")
SPARK_CONN_ID = os.environ.get("CURATE_SPARK_CONN", "spark_default")
SPARK_POOL = os.environ.get("CURATE_SPARK_POOL", "curate_spark")
STAGES_FILE = os.environ.get("CURATE_STAGES_FILE", "/opt/curate/stages.jsonl")

# Executor settings that matter for this workload (see docs/operations.md).
SPARK_CONF = {
    "spark.executor.memoryOverhead": "4g",  # FFmpeg decoding allocates native memory outside the heap
    "spark.executor.extraJavaOptions": "-Dorg.bytedeco.javacpp.maxPhysicalBytes=12g "
                                       "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp-cache",
    "spark.sql.shuffle.partitions": "400",
}

DEFAULT_ARGS = {
    "owner": "data-engine",
    "retries": 3,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "pool": SPARK_POOL,
}

# DAG arguments every curate DAG shares. catchup=False: a new deployment does not replay history; backfills are
# explicit (docs/operations.md).
DAG_DEFAULTS = {
    "start_date": datetime(2026, 1, 1),
    "catchup": False,
    "default_args": DEFAULT_ARGS,
}


def run_args(stage):
    """The CLI arguments of one stage for the run's logical date (data-interval partitions only, never 'latest')."""
    return ["run", "--config", CONFIG, "--date", "{{ ds }}", "--run-id", "{{ run_id }}", "--stages", stage]


def sql_args(statement):
    """The CLI arguments of one SQL statement that writes to the tables (maintenance commands)."""
    return ["sql", "--config", CONFIG, "--allow-writes", statement]
