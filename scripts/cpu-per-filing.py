#!/usr/bin/env python3
"""CPU time per sealed filing, measured apart from the machine's other work.

Runs the filings bench twice (50 filings, then N) and divides the difference in CPU time
by N - 50, so start-up (migrations, seed, PKI, warm-up) cancels out. Counts the bench
process (server and load generator: one process) and, under scripts/with-postgres.sh, the
throwaway PostgreSQL cluster (postmaster, its live children and the children it reaped).
On a shared machine the throughput moves with the neighbours' load; these figures do not.

  scripts/cpu-per-filing.py target/release/examples/bench_filings --clients 50 --requests 1000
  SIJILL_PG_FSYNC=on scripts/with-postgres.sh scripts/cpu-per-filing.py target/release/examples/bench_filings --requests 1000
"""
import glob
import os
import subprocess
import sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    # After the name: state ppid ... utime(11) stime(12) cutime(13) cstime(14).
    return int(rest[1]), [int(rest[i]) for i in (11, 12, 13, 14)]


def postmaster():
    url = os.environ.get("SIJILL_TEST_DATABASE_URL", "")
    if not url:
        return None
    port = url.rsplit(":", 1)[1].split("/")[0]
    for pidfile in glob.glob("/tmp/sijill-pg.*/data/postmaster.pid"):
        try:
            lines = open(pidfile).read().splitlines()
        except OSError:
            continue
        if len(lines) > 3 and lines[3].strip() == port:
            return int(lines[0])
    sys.exit("cpu-per-filing: PostgreSQL's postmaster.pid not found for port " + port)


def pg_seconds(pm):
    if pm is None:
        return 0.0
    _, t = stat(pm)
    total = sum(t)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid, c = stat(int(d))
            except (OSError, IndexError):
                continue
            if ppid == pm:
                total += c[0] + c[1]
    return total / TICK


def run(argv, requests):
    args = list(argv)
    if "--requests" in args:
        args[args.index("--requests") + 1] = str(requests)
    else:
        args += ["--requests", str(requests)]
    pm = postmaster()
    pg0 = pg_seconds(pm)
    p = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"cpu-per-filing: {args[0]} failed:\n{out}")
    return ru.ru_utime + ru.ru_stime, pg_seconds(pm) - pg0, out.strip().splitlines()[-1]


def main():
    argv = sys.argv[1:]
    if not argv:
        sys.exit(__doc__)
    n = int(argv[argv.index("--requests") + 1]) if "--requests" in argv else 1000
    if n <= 100:
        sys.exit("cpu-per-filing: --requests must be well above 50 (the baseline run)")
    base, pg_base, _ = run(argv, 50)
    total, pg_total, line = run(argv, n)
    per = (total - base) * 1000 / (n - 50)
    pg = (pg_total - pg_base) * 1000 / (n - 50)
    print(line)
    print(f"CPU per filing: {per:.2f} ms in the bench process" + (f" + {pg:.2f} ms in PostgreSQL = {per + pg:.2f} ms" if os.environ.get("SIJILL_TEST_DATABASE_URL") else "")
          + f"; on 2 idle cores that allows at most {2000 / (per + pg):.0f} filings/s")


if __name__ == "__main__":
    main()
