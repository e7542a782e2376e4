#!/usr/bin/python3
"""dask_annotate.py: quarry annotate on a Dask cluster, then quarry import.

usage: scripts/scale/dask_annotate.py [--scheduler ADDRESS | --local N]
           [--blocksize SIZE] [--quarry PATH] [--rules DIR]...
           [--out FILE] [--db DB] CORPUS.jsonl...

Reads the corpus (JSON Lines documents, each with an "id") as a Dask bag
of line-aligned partitions of about SIZE bytes (default 4MB), pipes each
partition through `quarry annotate --state` on the workers, and writes the
records in corpus order to FILE (default: standard output); with --db it
then runs `quarry --db DB import` on them, so DB (which has ingested the
same corpus) ends up as `quarry extract` would leave it.

The cluster: --scheduler tcp://HOST:PORT joins a running one (started with
`dask scheduler` and `dask worker tcp://HOST:PORT --nthreads 1` on each
machine); every worker must reach the corpus at the same path (a shared
folder) and have the same quarry build and rules at the same path. Without
--scheduler, --local N (default 2) starts a scheduler on 127.0.0.1 and N
single-threaded workers as separate processes (`dask scheduler`, `dask
worker --no-nanny`: nothing to restart them), and stops them at the end.

A partition whose annotate fails (a bad line, a rule error) has its stderr
printed, prefixed with its partition number; the exit status is then 2.
Exit status: 0 ok, 1 usage error or Dask missing, 2 annotate or import
reported errors; a cluster that fails raises (a traceback, status 1).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def annotate_partition(lines, quarry, rules):
    """Runs quarry annotate --state over one partition's lines (each with
    its line end, as read_text gives them). Returns one item: (exit status,
    stderr, records as UTF-8 bytes)."""
    command = [quarry, "annotate", "--state"]
    for folder in rules:
        command += ["--rules", folder]
    data = "".join(line if line.endswith("\n") else line + "\n" for line in lines).encode("utf-8")
    done = subprocess.run(command, input=data, capture_output=True, check=False)
    del data
    # the records stay bytes (UTF-8, as annotate wrote them): one copy less
    return [(done.returncode, done.stderr.decode("utf-8", "replace"), done.stdout)]


def dask_command(name):
    """The command line that runs `dask NAME` (dask scheduler, dask worker)
    with the Python this script runs under."""
    program = shutil.which("dask")
    if program:
        return [program, name]
    return [sys.executable, "-m", "distributed.cli.dask_" + name]


class LocalCluster:
    """A scheduler on 127.0.0.1 and single-threaded workers, each its own
    process, as one would start them on a real cluster."""

    def __init__(self, workers, folder):
        self.processes = []
        self.scheduler_file = os.path.join(folder, "scheduler.json")
        log = open(os.path.join(folder, "cluster.log"), "wb")
        self.log_path = log.name
        self.processes.append(subprocess.Popen(
            dask_command("scheduler") + ["--host", "127.0.0.1", "--port", "0",
                                         "--no-dashboard", "--scheduler-file", self.scheduler_file],
            stdout=log, stderr=log))
        for k in range(workers):
            self.processes.append(subprocess.Popen(
                dask_command("worker") + ["--scheduler-file", self.scheduler_file,
                                          "--host", "127.0.0.1", "--nthreads", "1",
                                          "--nworkers", "1", "--no-nanny", "--no-dashboard",
                                          "--name", "quarry-%d" % (k + 1),
                                          "--local-directory", folder],
                stdout=log, stderr=log))
        log.close()

    def wait_for_file(self, seconds):
        deadline = time.time() + seconds
        while not os.path.exists(self.scheduler_file):
            if time.time() > deadline or self.processes[0].poll() is not None:
                raise RuntimeError("the scheduler did not start (see %s)" % self.log_path)
            time.sleep(0.1)

    def close(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Parser(argparse.ArgumentParser):
    """argparse with quarry's exit status for a usage error (1, not 2)."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print("%s: %s" % (self.prog, message), file=sys.stderr)
        sys.exit(1)


def main():
    parser = Parser(
        description="quarry annotate on a Dask cluster, then quarry import")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="join the cluster of this scheduler (tcp://HOST:PORT)")
    where.add_argument("--local", type=int, default=2, metavar="N",
                       help="start a scheduler and N workers on 127.0.0.1 (default 2)")
    parser.add_argument("--blocksize", default="4MB", help="partition size (default 4MB)")
    parser.add_argument("--quarry", help="the quarry program (default: this tree's build/quarry)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="a rules folder (repeatable)")
    parser.add_argument("--out", help="write the records here (default: standard output)")
    parser.add_argument("--db", help="then import the records into this database")
    parser.add_argument("corpus", nargs="+", help="JSON Lines documents")
    options = parser.parse_args()
    if options.local < 1:
        parser.error("--local takes at least 1 worker")

    try:
        import dask.bag
        from distributed import Client
    except ImportError as error:
        print("dask_annotate.py: Dask is not installed (Debian: apt-get install "
              "python3-distributed): %s" % error, file=sys.stderr)
        return 1

    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    quarry = options.quarry or os.path.join(here, "build", "quarry")
    if not os.path.isfile(quarry):
        quarry = shutil.which("quarry")
    if not quarry:
        parser.error("cannot find the quarry program; give --quarry PATH")
    quarry = os.path.abspath(quarry)
    corpus = [os.path.abspath(path) for path in options.corpus]
    rules = [os.path.abspath(folder) for folder in options.rules]
    if options.db and not options.out:
        parser.error("--db needs --out FILE (the records are imported from it)")

    scratch = tempfile.mkdtemp(prefix="quarry-dask.")
    cluster = None
    status = 0
    try:
        if options.scheduler:
            client = Client(options.scheduler)
        else:
            cluster = LocalCluster(options.local, scratch)
            cluster.wait_for_file(60)
            client = Client(scheduler_file=cluster.scheduler_file)
            client.wait_for_workers(options.local, timeout=120)
        with client:
            print("dask_annotate.py: %d workers at %s" % (
                len(client.scheduler_info()["workers"]), client.scheduler.address),
                file=sys.stderr)
            bag = dask.bag.read_text(corpus, blocksize=options.blocksize)
            mapped = bag.map_partitions(annotate_partition, quarry, rules)
            futures = client.compute(mapped.to_delayed())
            out = open(options.out, "wb") if options.out else sys.stdout.buffer
            try:
                # gathered in partition order, so the records keep corpus order
                for number, future in enumerate(futures):
                    for code, errors, records in future.result():
                        out.write(records)
                        for line in errors.splitlines():
                            print("partition %d: %s" % (number, line), file=sys.stderr)
                        if code != 0:
                            status = 2
                    future.release()
            finally:
                if out is not sys.stdout.buffer:
                    out.close()
                else:
                    out.flush()
            print("dask_annotate.py: %d partitions annotated" % len(futures), file=sys.stderr)
    finally:
        if cluster:
            cluster.close()
        shutil.rmtree(scratch, ignore_errors=True)

    if options.db:
        imported = subprocess.run([quarry, "--db", options.db, "import", options.out], check=False)
        if imported.returncode != 0:
            status = max(status, imported.returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
