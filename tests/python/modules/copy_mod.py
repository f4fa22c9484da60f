# copy.copy is shallow, copy.deepcopy recurses and preserves shared references and cycles.
import copy
orig = {"list": [1, [2, 3]], "n": 1}
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig["list"][1].append(4)
orig["n"] = 99
print(orig, shallow, deep)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)
class Obj:
    def __init__(self):
        self.items = [1]
o = Obj()
o2 = copy.deepcopy(o)
o2.items.append(2)
print(o.items, o2.items)
