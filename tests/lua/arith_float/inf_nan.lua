-- inf prints as inf/-inf; NaN compares unequal to itself (its printed sign is platform-specific, so only
-- the fact that it is a nan is printed).
local inf, nan = math.huge, 0 / 0
print(inf, -inf, inf == inf, -inf < inf, inf + 1 == inf)
print(nan ~= nan, nan == nan, nan < 1, nan > 1, nan <= nan)
print(tostring(nan):find("nan") ~= nil, tostring(inf - inf):find("nan") ~= nil)
print(inf * 0 ~= inf * 0, math.type(inf), math.type(nan))
print(math.max(1, inf), math.min(-inf, 0), -inf // 1)
local t = {}
print(pcall(function() t[nan] = 1 end))
print(t[nan])
print(string.format("%.1f %.1f", inf, -inf))
print(math.floor(2.5), pcall(math.floor, inf))
