"""The operator every curate task uses: SparkSubmitOperator that does not retry user errors.

The curate CLI exits 2 for a user error (bad flag, bad config, missing input, a catalog held by another process):
the same command fails the same way on every try, so retrying only delays the alert by the whole retry schedule.
SparkSubmitHook reports spark-submit's exit code only in its exception text ("... Error code is: 2."), so that is
what is read; any other failure keeps the DAG's retries. (With spark-submit in client mode, its exit code is the
driver's.)
"""
import re

from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import curate_settings as s

USER_ERROR_EXIT_CODE = 2
_EXIT_CODE = re.compile(r"Error code is: (-?\d+)")


def exit_code_of(error):
    """The spark-submit exit code named in a SparkSubmitHook failure, or None."""
    m = _EXIT_CODE.search(str(error))
    return int(m.group(1)) if m else None


class CurateSparkSubmitOperator(SparkSubmitOperator):
    """Fails without retry when the curate CLI exits with its user-error code."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as e:
            if exit_code_of(e) == USER_ERROR_EXIT_CODE:
                raise AirflowFailException("curate exited %d (a user error, the same on every try; see the log "
                                           "line above): not retrying" % USER_ERROR_EXIT_CODE) from e
            raise


def curate_task(task_id, application_args, **kwargs):
    """A task that runs the curate CLI with `application_args` on the deployment's Spark cluster and jar."""
    return CurateSparkSubmitOperator(
        task_id=task_id,
        conn_id=s.SPARK_CONN_ID,
        application=s.APP_JAR,
        java_class=s.MAIN_CLASS,
        application_args=application_args,
        conf=s.SPARK_CONF,
        **kwargs,
    )
