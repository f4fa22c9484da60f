# contextlib.contextmanager generators: exceptions delivered at the yield, cleanup in finally.
from contextlib import contextmanager
@contextmanager
def transaction(log):
    log.append("begin")
    try:
        yield log
        log.append("commit")
    except ValueError as e:
        log.append(f"rollback ({e})")
    finally:
        log.append("end")
log = []
with transaction(log):
    log.append("work")
with transaction(log):
    raise ValueError("bad data")
print(log)
try:
    with transaction([]) as l:
        raise KeyError("not handled")
except KeyError as e:
    print("KeyError escaped:", e)
