# Import forms on standard modules: dotted, aliased, function-level, and importlib.
import os.path as osp
from collections import abc as cabc
import importlib
def lazy():
    import json
    return json.dumps([1])
print(osp.basename("/a/b"), issubclass(list, cabc.Sequence), lazy(), importlib.import_module("math").sqrt(16))
m = importlib.import_module("_mod_util")
print(m.GREETING)
