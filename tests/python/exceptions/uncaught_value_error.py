# An uncaught exception prints a traceback and exits with status 1.
def parse(s):
    return int(s)
print("parsing")
parse("12")
parse("twelve")
print("unreachable")
