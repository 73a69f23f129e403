"""Celery as the distributed engine: documents queued on a broker, results in the store.

- ``app``: the Celery app and its configuration from ``Settings`` (broker, queues,
  acks late, prefetch 1, limits); ``configure`` applies it;
- ``content``: a queued file's bytes, sealed for the database (how files reach
  workers on other machines);
- ``enqueue``: a file into the job table, its bytes into ``job_contents``, a message
  onto the broker (``docpipe submit`` and ``docpipe watch`` with a broker share it);
- ``tasks``: what a worker does with a message, and the failures it records
  (timeout, dead-lettered);
- ``submit``: ``docpipe submit PATH… [--wait]``.

The SQL store stays the source of truth: messages carry a job id only, Celery keeps
no results (no result backend), and ``docpipe submit --wait`` reads the job table.
"""
