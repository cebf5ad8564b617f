#!/usr/bin/env python3
"""Documents per second when rendering many: a mail merge of letters on 1 and 2 processes
and on a local Dask cluster, all in one run (absolute times drift between machines).

Usage: python bench/batch.py [--letters 400] [--workers 2] [--no-dask]

Each letter is merged from a record with its own school, signer, amount and date, so the text
varies as a real mail merge does. Pools start cold, as a user's run does (each worker pays
its first-render cost); the Dask cluster is started before the clock, its workers cold.
Prints the CPUs this process may use (its affinity, not the machine's count) and the load
average: on a machine whose cores are busy with other work, wall-clock speed-up says little,
so each line also gives CPU milliseconds a document summed over every process involved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import thaidocs
from thaidocs.batch import available_cpus

SCHOOLS = ["เบญจมเทพอุทิศ", "พรหมานุสรณ์", "คงคาราม", "ท่ายางวิทยา", "ชะอำคุณาธาร", "แก่งกระจานวิทยา"]
FIRST = ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ณัฐพงศ์", "กนกพร", "ธีรวัฒน์", "พิมพ์ชนก"]
LAST = ["ใจดี", "ศรีสวัสดิ์", "วงศ์ใหญ่", "แก้วมณี", "พงษ์ไพบูลย์", "บุญเรือง", "ทองคำ"]
PROJECTS = ["ส่งเสริมการอ่าน", "พัฒนาห้องปฏิบัติการวิทยาศาสตร์", "อาหารกลางวัน", "ดนตรีไทย"]

TEMPLATE: dict[str, Any] = {
    "type": "letter",
    "number": "ศธ ๐๔๒๔๗/{{ no | thai_digits }}",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "address": ["ถนนราชดำเนิน ตำบลคลองกระแชง", "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี ๗๖๐๐๐"],
    "date": "{{ date }}",
    "subject": "แจ้งผลการจัดสรรงบประมาณโครงการ{{ project }}",
    "to": "ผู้อำนวยการโรงเรียน{{ school }}",
    "body": [
        "ตามที่โรงเรียน{{ school }} ได้เสนอโครงการ{{ project }} เพื่อขอรับการสนับสนุนงบประมาณ "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ความละเอียดแจ้งแล้ว นั้น",
        "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี พิจารณาแล้ว อนุมัติจัดสรรงบประมาณ จำนวน "
        "{{ amount | number(decimals=2) }} บาท ({{ amount | baht_text }}) ให้ดำเนินการตามโครงการ "
        "และรายงานผลภายในวันที่ {{ due | thai_date }}",
        "จึงเรียนมาเพื่อโปรดทราบและดำเนินการต่อไป",
    ],
    "signers": [
        {"name": "{{ signer }}", "position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"}
    ],
    "owner_unit": "กลุ่มนโยบายและแผน",
    "phone": "๐ ๓๒๔๒ ๕๔๙๒",
}


def records(count: int) -> list[dict[str, str]]:
    pick = random.Random(1)
    rows = []
    for number in range(1, count + 1):
        day = dt.date(2024, 10, 1) + dt.timedelta(days=pick.randrange(300))
        rows.append(
            {
                "no": str(number),
                "date": day.isoformat(),
                "due": (day + dt.timedelta(days=60)).isoformat(),
                "school": pick.choice(SCHOOLS),
                "project": pick.choice(PROJECTS),
                "amount": f"{pick.randrange(5000, 900000)}.{pick.choice(['00', '50', '75'])}",
                "signer": f"นาย{pick.choice(FIRST)} {pick.choice(LAST)}",
            }
        )
    return rows


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rate(
    label: str,
    run: Callable[[Path], list[thaidocs.batch.Result]],
    count: int,
    worker_cpu: Callable[[], float],
) -> float:
    """Documents per second, and CPU milliseconds a document over every process involved
    (this one, the workers): the figure that says what more free cores would give."""
    out = Path(tempfile.mkdtemp(prefix="thaidocs-bench-"))
    try:
        cpu = cpu_seconds(resource.RUSAGE_SELF) + worker_cpu()
        start = time.perf_counter()
        results = run(out)
        seconds = time.perf_counter() - start
        cpu = cpu_seconds(resource.RUSAGE_SELF) + worker_cpu() - cpu
    finally:
        shutil.rmtree(out, ignore_errors=True)
    failed = sum(isinstance(result, Exception) for result in results)
    assert failed == 0, f"{failed} letters failed"
    per_second = count / seconds
    per_doc = 1000 * cpu / count
    print(f"{label:<34} {seconds:7.2f} s  {per_second:7.1f} documents/s  {per_doc:6.1f} CPU ms/doc")
    return per_second


def _own_cpu() -> float:
    return cpu_seconds(resource.RUSAGE_SELF)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    count, workers = args.letters, args.workers
    docs = list(thaidocs.merge(TEMPLATE, records(count)))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{count} letters; CPUs available to this process: {available_cpus()}", end="")
    print(f"; load average before the run: {load:.1f}")

    thaidocs.to_pdf(docs[0])  # type: ignore[arg-type]
    start = time.perf_counter()
    for doc in docs[1:21]:
        thaidocs.to_pdf(doc)  # type: ignore[arg-type]
    serial = 20 / (time.perf_counter() - start)
    print(f"{'in process, warm (20 letters)':<34} {'':9}  {serial:7.1f} documents/s")

    def pool_cpu() -> float:
        """CPU of the pool's workers once reaped: ours, or the forkserver's children."""
        from multiprocessing import forkserver

        total = cpu_seconds(resource.RUSAGE_CHILDREN)
        pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
        stat = Path(f"/proc/{pid}/stat")
        if pid is not None and stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            reaped = int(fields[13]) + int(fields[14])  # cutime, cstime in clock ticks
            total += reaped / os.sysconf("SC_CLK_TCK")
        return total

    one = rate(
        "process pool, 1 worker",
        lambda out: thaidocs.render_many(docs, out, workers=1),
        count,
        pool_cpu,
    )
    many = rate(
        f"process pool, {workers} workers",
        lambda out: thaidocs.render_many(docs, out, workers=workers),
        count,
        pool_cpu,
    )
    print(f"{'speed-up':<34} {many / one:17.2f}×")
    if args.no_dask:
        return
    from distributed import Client, LocalCluster

    with (
        LocalCluster(  # type: ignore[no-untyped-call]  # distributed: unannotated
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):

        def dask_cpu() -> float:  # the scheduler runs in this process, counted as its own
            return float(sum(client.run(_own_cpu).values()))

        on_dask = rate(
            f"dask LocalCluster, {workers} workers",
            lambda out: thaidocs.render_many(docs, out, executor=client.get_executor()),
            count,
            dask_cpu,
        )
    print(f"{'dask / process pool':<34} {on_dask / many:17.2f}×")


if __name__ == "__main__":
    main()
