# sys: argv, version_info, maxsize, path, modules, getrecursionlimit, platform-independent bits.
import sys
print(sys.argv, sys.version_info[0], sys.version_info >= (3, 8), sys.maxsize == 2 ** 63 - 1)
print(sys.getrecursionlimit(), type(sys.path).__name__, "sys" in sys.modules, sys.byteorder in ("little", "big"))
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit(), sys.float_info.max, sys.float_info.epsilon, sys.int_info.bits_per_digit > 0)
print(sys.stdout is not None, hasattr(sys, "exit"), sys.stdin is not None)
