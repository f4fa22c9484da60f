# try/except/else/finally: which clauses run in each situation.
def run(action):
    log = []
    try:
        log.append("try")
        if action == "raise":
            raise ValueError("bad")
        if action == "return":
            return log + ["returned"]
    except ValueError as e:
        log.append(f"except {e}")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(run("ok"))
print(run("raise"))
print(run("return"))
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
