"""Beam's DirectRunner for batch pipelines, without its first attempt on the Prism runner.

``apache_beam``'s ``DirectRunner`` (``SwitchingDirectRunner``, checked on apache-beam 2.77)
first tries to run a pipeline on the PrismRunner, which downloads its binary from GitHub
when it is not cached, and falls back to the in-process ``FnApiRunner`` when that fails.
So a "local" run reached the network, and where the download worked the job ran on a
different engine from the one this project tests. :class:`DirectRunner` goes straight to
the ``FnApiRunner``, configured as Beam configures it (the pipeline options in the
provision info, so ``--direct_num_workers`` and ``--direct_running_mode`` still apply).
The ``prune`` command maps ``--runner DirectRunner`` (the default) to this class.
"""

from __future__ import annotations

from typing import Any

from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.runner import PipelineResult, PipelineRunner


class DirectRunner(PipelineRunner):
    """The in-process ``FnApiRunner`` for batch pipelines (see the module docstring)."""

    def run_pipeline(self, pipeline: Any, options: PipelineOptions) -> PipelineResult:
        """Run ``pipeline`` to completion in this process and return its result."""
        from apache_beam.portability.api import beam_provision_api_pb2
        from apache_beam.runners.portability.fn_api_runner import fn_runner
        from apache_beam.runners.portability.portable_runner import JobServiceHandle

        encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
        provision = fn_runner.ExtendedProvisionInfo(
            beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
        )
        return fn_runner.FnApiRunner(provision_info=provision).run_pipeline(pipeline, options)
