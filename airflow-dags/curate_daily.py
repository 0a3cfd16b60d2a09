"""Daily curation: one Spark job per stage for the run's logical date.

Each task is `spark-submit --class ai.curate.jobs.Main curate-jobs-app.jar run --date {{ ds }} --stages <stage>`.
Stages are idempotent per date, so a retry or a manual clear reruns a stage safely. `quality` exits non-zero when a
`fail`-severity rule is violated beyond its allowed fraction, which stops `publish` (the quality gate).

The stages and their dependencies are the release's stage registry, read at parse time from the file
`curate stages --json` wrote (CURATE_STAGES_FILE, see curate_stages.py): a new stage needs no edit here.

catchup=False: a new deployment does not replay history. Backfills are explicit (docs/operations.md):
`airflow dags backfill` (Airflow 2) or `airflow backfill create` (Airflow 3) over a date range.
"""
from airflow import DAG

import curate_settings as s
import curate_stages
from curate_operators import curate_task

with DAG(
    dag_id="curate_daily",
    description="Raw fleet logs and human video -> curated Delta tables, one logical date per run",
    schedule="@daily",
    max_active_runs=2,
    tags=["curate"],
    **s.DAG_DEFAULTS,
) as dag:
    tasks = {}
    for stage, after in curate_stages.load(s.STAGES_FILE):
        tasks[stage] = curate_task(stage.replace("-", "_"), s.run_args(stage), name="curate-" + stage + "-{{ ds }}")
        # e.g. both ingests start at once; align needs fleet bronze, retarget human bronze; quality gates publish.
        for before in after:
            tasks[before] >> tasks[stage]
