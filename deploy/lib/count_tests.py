"""Counts individual test cases from Bazel's GoogleTest XML results.

Usage: count_tests.py TESTLOGS_DIR TARGETS_FILE CHECKS_FILE

TARGETS_FILE lists the test targets (`bazel query 'tests(//...)'`); each one's
test.xml is read. A target without a result (it did not build or run) counts
as one failure. CHECKS_FILE has lines "NAME PASSED|FAILED" for checks outside
Bazel (the proto lint). Prints failing cases, then "N passed, N failed";
exits 1 if anything failed.
"""
import os
import sys
import xml.etree.ElementTree as ET


def count_target(testlogs, target):
    rel = target.lstrip("/").replace(":", "/")
    path = os.path.join(testlogs, rel, "test.xml")
    if not os.path.exists(path):
        return 0, 1, [f"{target}: no test results (did not build or run)"]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return 0, 1, [f"{target}: unreadable test.xml ({e})"]
    passed, failed, names = 0, 0, []
    cases = list(root.iter("testcase"))
    for case in cases:
        if case.get("status") == "notrun" or case.find("skipped") is not None:
            continue
        bad = case.find("failure") is not None or case.find("error") is not None
        if bad:
            failed += 1
            names.append(f"{target}: {case.get('classname')}.{case.get('name')}")
        else:
            passed += 1
    if not cases:
        # A target without test cases (e.g. a script test): use its summary.
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        bad = any(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
        if bad:
            failed, names = 1, [f"{target}: failed"]
        else:
            passed = 1
    return passed, failed, names


def main():
    testlogs, targets_file, checks_file = sys.argv[1:4]
    passed = failed = 0
    failures = []
    with open(targets_file) as f:
        targets = [t.strip() for t in f if t.strip()]
    if not targets:
        failures.append("no test targets found")
        failed += 1
    for t in targets:
        p, fl, names = count_target(testlogs, t)
        passed += p
        failed += fl
        failures += names
    if os.path.exists(checks_file):
        with open(checks_file) as f:
            for line in f:
                name, _, result = line.strip().partition(" ")
                if result == "PASSED":
                    passed += 1
                else:
                    failed += 1
                    failures.append(name)
    for name in failures:
        print(f"FAILED {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
