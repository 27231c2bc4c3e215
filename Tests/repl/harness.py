"""The checks' bookkeeping shared by the REPL test scripts: `@check("name")` runs a test body at once and
records its failure (an assertion or a pexpect timeout); `finish(suite)` prints the failures and a count,
and exits 1 when any check failed."""
import sys

results = []


def check(name):
    def wrap(body):
        try:
            body()
            results.append((name, None))
        except Exception as error:  # a failed expectation or a timeout
            results.append((name, f"{type(error).__name__}: {str(error)[:400]}"))
        return body
    return wrap


def finish(suite):
    failed = [(name, problem) for name, problem in results if problem]
    for name, problem in failed:
        print(f"FAIL {name}: {problem}")
    print(f"{suite}: {len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)
