#!/usr/bin/env python3
"""Prints the slowest tests in every TRX file under a folder (where the test run's time goes)."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


results = []
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    for result in ET.parse(trx).getroot().iter(f"{NS}UnitTestResult"):
        if result.get("duration"):
            results.append((seconds(result.get("duration")), result.get("testName", "?")))
if results:
    print(f"Slowest {min(COUNT, len(results))} of {len(results)} tests (sum of all: {sum(s for s, _ in results) / 60:.1f} min):")
    for duration, name in sorted(results, reverse=True)[:COUNT]:
        print(f"  {duration:7.1f} s  {name[:160]}")
